"""What calling into Python costs per document (docs/python.md, "Cost").

Runs `segment` alone and `segment` + a python stage over the same documents (jobs=1, best of
--repeat runs, CPU time) and prints the difference per document:
  noop        process() that returns at once: the call, the doc object, the GIL
  text        process() that reads doc.text (the text converted to a Python str)
  sentences   process() that reads doc.annotations("sentence")
  keywords    the test suite's KeywordCount stage (5 words, sentence lookup, meta)
on tiny documents (the fixed cost) and on the national reports (cost growing with size).

    PYTHONPATH=build/lib/python3/dist-packages /usr/bin/python3 python/bench/python_stage_cost.py
"""

import argparse
import os
import pathlib
import tempfile
import time

import reportlens

HERE = pathlib.Path(__file__).resolve().parent
STAGES = HERE.parent / "tests" / "stages"
SHARED = pathlib.Path(os.environ.get("REPORTLENS_SHARED_CORPUS", HERE.parents[2] / "shared" / "corpus"))


def pipeline(tmp, name, python_with):
    y = tmp / f"{name}.yaml"
    stage = f"  - use: python\n    with: {python_with}\n" if python_with else ""
    y.write_text(f"name: {name}\nstages:\n  - use: segment\n{stage}", encoding="utf-8")
    return y


def best(y, inputs, repeat):
    # CPU time of the process (all threads), not wall time: stable on a loaded machine.
    times = []
    for _ in range(repeat):
        t = time.process_time()
        res = reportlens.run(y, inputs=inputs, jobs=1, errors="raise")
        times.append(time.process_time() - t)
    return min(times), res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tiny", type=int, default=2000, help="number of tiny documents")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        tiny = tmp / "tiny"
        tiny.mkdir()
        for i in range(a.tiny):
            (tiny / f"{i:05d}.txt").write_text(f"第{i}号。地区生产总值增长{i % 9}%。\n", encoding="utf-8")
        sets = [("tiny", [str(tiny)], a.tiny)]
        national = SHARED / "national"
        if national.is_dir():
            files = sorted(national.glob("*.txt"))
            sets.append(("national", [str(national)], len(files)))
        variants = {
            "noop": f"{{module: keyword_count, class: Noop, path: {STAGES}}}",
            "text": f"{{module: keyword_count, class: Noop, path: {STAGES}, settings: {{touch: text}}}}",
            "sentences": f"{{module: keyword_count, class: Noop, path: {STAGES}, settings: {{touch: sentences}}}}",
            "keywords": f"{{module: keyword_count, class: KeywordCount, path: {STAGES}, "
                        "settings: {words: [改革, 发展, 创新, 就业, 营商环境]}}",
        }
        for label, inputs, n in sets:
            base, res = best(pipeline(tmp, "base", None), inputs, a.repeat)
            chars = res.documents["text"].str.len().mean()
            print(f"{label}: {n} documents, {chars:.0f} characters each on average; segment alone "
                  f"{base * 1e3 / n:.3f} ms/document")
            for name, w in variants.items():
                t, _ = best(pipeline(tmp, name, w), inputs, a.repeat)
                print(f"  + python {name:<10} {(t - base) * 1e6 / n:9.1f} us/document")


if __name__ == "__main__":
    main()
