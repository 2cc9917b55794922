"""What calling into Python costs per document (docs/python.md, "Cost of calling into Python").

1. The fixed cost: `segment` alone, with one python stage whose process() returns at once, and
   with 21 of them, over the same tiny documents (jobs=1, best of --repeat runs, CPU time of
   the process): the difference per call is the call, the doc object and taking the GIL.
2. What grows with the document: a stage (timed_stage.py) times doc.text, doc.annotations()
   and doc.add() inside process() on the national reports (the seed reports without ../shared).

    PYTHONPATH=build/lib/python3/dist-packages /usr/bin/python3 python/bench/python_stage_cost.py
"""

import argparse
import os
import pathlib
import tempfile
import time

import pandas as pd

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


def fixed_cost(tmp, n, repeat, stages=20):
    """CPU time per call of a python stage that does nothing, on tiny documents: `stages` more
    such stages in the pipeline make the difference measurable above the run's own noise."""
    tiny = tmp / "tiny"
    tiny.mkdir()
    for i in range(n):
        (tiny / f"{i:05d}.txt").write_text(f"第{i}号。地区生产总值增长{i % 9}%。\n", encoding="utf-8")
    noop = f"{{module: keyword_count, class: Noop, path: {STAGES}}}"
    base, _ = best(pipeline(tmp, "base", None), [str(tiny)], repeat)
    one, _ = best(pipeline(tmp, "one", noop), [str(tiny)], repeat)
    many = tmp / "many.yaml"
    many.write_text("name: many\nstages:\n  - use: segment\n" + "".join(
        f"  - use: python\n    id: noop{k}\n    with: {noop}\n" for k in range(stages + 1)), encoding="utf-8")
    more, _ = best(many, [str(tiny)], repeat)
    print(f"fixed cost: {n} tiny documents, segment alone {base * 1e3 / n:.3f} ms/document; a python stage "
          f"doing nothing: {(one - base) * 1e6 / n:.1f} us/document with one, "
          f"{(more - one) * 1e6 / (n * stages):.1f} us per call from {stages} more (CPU)")


def size_costs(tmp, inputs):
    """What reading doc.text, doc.annotations() and doc.add() cost, timed inside the stage."""
    res = reportlens.run(pipeline(tmp, "timed", f"{{module: timed_stage, class: Timed, path: {HERE}}}"),
                         inputs=inputs, jobs=1, errors="raise")
    t = pd.DataFrame([m["timed"] for m in res.documents["meta"]])
    print(f"{len(t)} documents, {t.chars.mean():.0f} characters, {t.sentences.mean():.0f} sentences, "
          f"{t.annotations.mean():.0f} annotations on average (median times):")
    print(f"  doc.text                   {t.text_us.median():8.1f} us  ({t.text_us.median() * 1e3 / t.chars.median():.2f} ns/character)")
    print(f"  doc.annotations('sentence') {t.sentences_us.median():7.1f} us  ({t.sentences_us.median() / t.sentences.median():.2f} us/annotation)")
    print(f"  doc.annotations()          {t.all_us.median():8.1f} us  ({t.all_us.median() / t.annotations.median():.2f} us/annotation)")
    print(f"  doc.add(...)               {t.add_us.median():8.2f} us per call")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tiny", type=int, default=2000, help="number of tiny documents")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        fixed_cost(tmp, a.tiny, a.repeat)
        national = SHARED / "national"
        inputs = [str(national)] if national.is_dir() else [str(HERE.parents[1] / "corpus" / "tiexi")]
        size_costs(tmp, inputs)


if __name__ == "__main__":
    main()
