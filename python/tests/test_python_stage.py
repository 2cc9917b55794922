"""The `python` stage: a user's class in a YAML pipeline, from the CLI and from Python."""

import json
import re
import warnings

import pytest

import reportlens

from conftest import SEED, STAGES, keyword_pipeline, pipeline_cli

WORDS = ["营商环境", "项目", "企业"]


def expected_keywords(text):
    """(begin, end, word) of every non-overlapping occurrence, found independently with re."""
    found = []
    for w in WORDS:
        found += [(m.start(), m.end(), w) for m in re.finditer(re.escape(w), text)]
    return sorted(found)


def keyword_spans(annotations):
    return sorted((a["begin"], a["end"], a["attrs"]["word"]) for a in annotations if a["type"] == "keyword")


def test_python_stage_from_the_cli(tmp_path):
    y = keyword_pipeline(tmp_path, WORDS)
    out = tmp_path / "kw.json"
    done = pipeline_cli("run", y, "--output", out, "-q")
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))["documents"][0]
    text = SEED.read_text(encoding="utf-8-sig")
    assert keyword_spans(doc["annotations"]) == expected_keywords(text)
    assert len(expected_keywords(text)) > 50
    for a in doc["annotations"]:
        if a["type"] == "keyword":
            assert text[a["begin"]:a["end"]] == a["text"] == a["attrs"]["word"]
    # doc.annotations("sentence") was read: each keyword knows its sentence.
    sentences = [a for a in doc["annotations"] if a["type"] == "sentence"]
    k = next(a for a in doc["annotations"] if a["type"] == "keyword")
    s = sentences[k["attrs"]["sentence"]]
    assert s["begin"] <= k["begin"] and k["end"] <= s["end"]
    # What the stage wrote into doc.meta is kept.
    assert doc["meta"]["keywords"] == {w: text.count(w) for w in WORDS}


def test_python_stage_from_python_equals_the_cli(tmp_path):
    y = keyword_pipeline(tmp_path, WORDS)
    out = tmp_path / "kw.json"
    assert pipeline_cli("run", y, "--output", out, "-q").returncode == 0
    cli = json.loads(out.read_text(encoding="utf-8"))["documents"][0]
    res = reportlens.run(y)
    kw = res.annotations("keyword")
    assert {"word", "sentence"} <= set(kw.columns)
    assert sorted(zip(kw["begin"], kw["end"], kw["word"])) == keyword_spans(cli["annotations"])
    assert res.documents.iloc[0]["meta"]["keywords"] == cli["meta"]["keywords"]


def test_settings_are_typed_and_overridable(tmp_path):
    # min_count: 1000 in the YAML is an int, not the string "1000"; settings= replaces it.
    y = keyword_pipeline(tmp_path, WORDS, extra=", min_count: 1000")
    res = reportlens.run(y)
    assert res.documents.iloc[0]["meta"]["keywords"] == {}
    res = reportlens.run(y, settings={"keywords.settings": {"words": ["企业"], "min_count": 1}})
    assert set(res.annotations("keyword")["word"]) == {"企业"}


def test_exception_fails_that_document_only(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("二、2023年工作安排\n地区生产总值增长6%。\n", encoding="utf-8")
    y = keyword_pipeline(tmp_path, ["营商环境", "企业"], stage_class="FailOn")
    out = tmp_path / "fail.json"
    done = pipeline_cli("run", y, "--input", SEED, "--input", other, "--output", out, "-q")
    assert done.returncode == 5
    result = json.loads(out.read_text(encoding="utf-8"))
    assert [d["source"].rsplit("/", 1)[-1] for d in result["documents"]] == ["other.txt"]
    (error,) = result["errors"]
    assert error["stage"] == "keywords" and error["exit_code"] == 5
    assert re.search(r"ValueError: found '营商环境' in \S*2022-plan-report.txt \(keyword_count.py:\d+ in process\)$",
                     error["message"]), error["message"]

    with pytest.warns(reportlens.DocumentWarning, match="ValueError: found"):
        res = reportlens.run(y, inputs=[SEED, other])
    assert list(res.documents["status"]) == ["failed", "ok"]  # input order
    failed = res.errors
    assert len(failed) == 1 and failed.iloc[0]["source"].endswith("tiexi/2022-plan-report.txt")
    assert "ValueError: found '营商环境'" in failed.iloc[0]["message"] and failed.iloc[0]["exit_code"] == 5
    with pytest.raises(reportlens.StageError, match="ValueError: found") as raised:
        reportlens.run(y, inputs=[SEED], errors="raise")
    assert raised.value.exit_code == 5 and len(raised.value.result.errors) == 1


def test_bad_offsets_and_missing_class_are_clear_errors(tmp_path):
    y = tmp_path / "bad.yaml"
    y.write_text(f"name: bad\ninputs: [{SEED}]\nstages:\n  - use: python\n"
                 f"    with: {{module: keyword_count, class: BadOffsets, path: {STAGES}}}\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = reportlens.run(y)
    msg = res.errors.iloc[0]["message"]
    assert "IndexError: doc.add('keyword'," in msg and "offsets are code points" in msg

    y.write_text(y.read_text(encoding="utf-8").replace("BadOffsets", "NoSuchClass"), encoding="utf-8")
    with pytest.raises(reportlens.StageError, match="has no class 'NoSuchClass'"):
        reportlens.run(y)
    done = pipeline_cli("run", y, "--output", tmp_path / "x.json")
    assert done.returncode == 5 and "has no class 'NoSuchClass'" in done.stderr

    y.write_text(y.read_text(encoding="utf-8").replace("NoSuchClass", "NoProcess"), encoding="utf-8")
    with pytest.raises(reportlens.StageError, match=r"keyword_count.NoProcess has no process\(self, doc\) method"):
        reportlens.run(y)

    y.write_text(y.read_text(encoding="utf-8").replace("module: keyword_count", "module: no_such_module"),
                 encoding="utf-8")
    with pytest.raises(reportlens.StageError, match="ModuleNotFoundError: No module named 'no_such_module'"):
        reportlens.run(y)


def test_errors_carry_the_cli_messages(tmp_path):
    y = tmp_path / "typo.yaml"
    y.write_text(f"name: typo\ninputs: [{SEED}]\nstages:\n  - use: segmnet\n", encoding="utf-8")
    with pytest.raises(reportlens.ConfigError) as raised:
        reportlens.run(y)
    done = pipeline_cli("run", y, "--output", tmp_path / "x.json")
    assert done.returncode == 2 == raised.value.exit_code
    assert str(raised.value).strip() == done.stderr.strip()
    assert f"{y}:4:" in str(raised.value)
    with pytest.raises(reportlens.ConfigError, match="missing.yaml: cannot open the pipeline file"):
        reportlens.run(y.with_name("missing.yaml"))
    with pytest.raises(reportlens.ConfigError):
        reportlens.run(keyword_pipeline(tmp_path, WORDS), settings={"keywords.nope": 1})


def test_gil_is_released_while_stages_run(tmp_path):
    # A Python thread keeps running while a run (C++ stages) is in progress. The run is made
    # long enough (30 copies of the seed: about half a second on this idle 2-core machine) that a
    # thread sleeping 5 ms at a time ticks many times during it, unless the run holds the GIL,
    # in which case it cannot tick at all.
    import shutil
    import threading
    import time
    inputs = []
    for i in range(30):
        copy = tmp_path / f"copy{i:02d}.txt"
        shutil.copyfile(SEED, copy)
        inputs.append(copy)
    ticks, stop = [], threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.005)

    t = threading.Thread(target=tick)
    t.start()
    from conftest import SOURCE
    started = time.monotonic()
    reportlens.run(SOURCE / "pipelines" / "indicators.yaml", inputs=inputs)
    finished = time.monotonic()
    stop.set()
    t.join()
    during = [x for x in ticks if started < x < finished]
    assert len(during) > 5, f"the thread ticked {len(during)} times in a {finished - started:.3f} s run"


def test_a_class_defined_in_the_running_script(tmp_path):
    # `module: __main__` inside reportlens.run: the class of the user's script (or notebook).
    y = tmp_path / "main.yaml"
    y.write_text(f"name: main\ninputs: [{SEED}]\nstages:\n  - use: python\n"
                 "    with: {module: __main__, class: Length}\n", encoding="utf-8")
    script = f"""
import reportlens
class Length:
    def __init__(self, settings):
        pass
    def process(self, doc):
        doc.add("whole", 0, len(doc), {{"chars": len(doc.text)}})
res = reportlens.run({str(y)!r})
print(res.annotations("whole")["chars"][0])
"""
    import os
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ, timeout=300)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) == len(SEED.read_text(encoding="utf-8-sig"))
