"""reportlens.run(..., isolate=True): the core's worker isolation from Python. A stage that
crashes or hangs fails its document only; without isolation the same crash ends the process."""

import subprocess
import sys

import reportlens

from conftest import BUILD

MISBEHAVING = BUILD / "tests" / "core" / "test-plugins" / "misbehaving"
GOOD = "第{}号报告\n全年地区生产总值增长{}%，城镇新增就业1.{}万人。\n"


def corpus(tmp_path, bad):
    d = tmp_path / "corpus"
    d.mkdir()
    for i in range(3):
        (d / f"doc{i}.txt").write_text(GOOD.format(i, 5 + i, i), encoding="utf-8")
    (d / f"zz-bad-{bad}.txt").write_text(f"第9号报告\n全年增长5%。MISBEHAVE:{bad}\n", encoding="utf-8")
    y = tmp_path / "p.yaml"
    y.write_text("name: iso\nstages:\n  - use: segment\n  - use: misbehave\n", encoding="utf-8")
    return y, d


def test_isolated_segfault_fails_one_document(tmp_path):
    y, d = corpus(tmp_path, "segfault")
    r = reportlens.run(y, inputs=[d], plugin_path=[MISBEHAVING], isolate=True, errors="ignore")
    assert len(r.documents) == 4
    assert list(r.errors["doc"]) == ["zz-bad-segfault.txt"]
    assert "SIGSEGV" in r.errors["message"][0]
    assert list(r.documents["status"]).count("ok") == 3  # the three good documents were processed


def test_isolated_hang_is_stopped_by_doc_timeout(tmp_path):
    y, d = corpus(tmp_path, "hang")
    r = reportlens.run(y, inputs=[d], plugin_path=[MISBEHAVING], isolate=True, doc_timeout=2, errors="ignore")
    assert len(r.documents) == 4
    assert list(r.errors["doc"]) == ["zz-bad-hang.txt"]
    assert "did not finish within --doc-timeout 2" in r.errors["message"][0]


def test_without_isolation_the_crash_ends_the_process(tmp_path):
    y, d = corpus(tmp_path, "segfault")
    code = (f"import reportlens; reportlens.run({str(y)!r}, inputs=[{str(d)!r}], "
            f"plugin_path=[{str(MISBEHAVING)!r}], errors='ignore')")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=300)
    assert p.returncode == -11  # SIGSEGV: what isolate=True prevents


def test_isolate_arguments_are_checked(tmp_path):
    y, d = corpus(tmp_path, "segfault")
    for bad in (dict(isolate="yes"), dict(doc_timeout=-1), dict(doc_memory="1G")):
        try:
            reportlens.run(y, inputs=[d], plugin_path=[MISBEHAVING], **bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad}")
