"""docs/python.md runs as written: its Python blocks in order in one session, its `# file:`
blocks written as files, in a fresh directory that sees the checkout's pipelines/ and corpus/."""

import os
import re

import pytest

from conftest import BUILD, SHARED_CORPUS, SOURCE

DOC = SOURCE / "docs" / "python.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def blocks():
    """(language, first line, code) of every fenced block."""
    for lang, code in BLOCK.findall(DOC.read_text(encoding="utf-8")):
        yield lang, code.split("\n", 1)[0].strip(), code


def run_doc(work, with_national, monkeypatch):
    for name in ("pipelines", "corpus"):
        (work / name).symlink_to(SOURCE / name)
    monkeypatch.chdir(work)
    monkeypatch.setenv("REPORTLENS_SHARED_CORPUS", str(SHARED_CORPUS))
    monkeypatch.setenv("REPORTLENS_PIPELINE", str(BUILD / "bin" / "pipeline"))
    namespace, ran = {"__name__": "__doc__"}, 0
    for lang, first, code in blocks():
        if first.startswith("# file:"):
            path = work / first.split(":", 1)[1].strip()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(code, encoding="utf-8")
        elif lang == "python":
            if first == "# needs: national" and not with_national:
                continue
            exec(compile(code, f"{DOC}:block{ran}", "exec"), namespace)
            ran += 1
    return namespace


def test_walkthrough_without_the_national_reports(tmp_path, monkeypatch):
    ns = run_doc(tmp_path, False, monkeypatch)
    assert len(ns["ind"]) >= 250
    assert ns["counts"].loc["2022-plan-report.txt"].sum() > 0
    assert (tmp_path / "out" / "keywords.json").is_file() and (tmp_path / "seed_indicators.csv").is_file()


def test_walkthrough_with_the_national_reports(tmp_path, monkeypatch):
    if not (SHARED_CORPUS / "national").is_dir():
        pytest.skip(f"{SHARED_CORPUS / 'national'} not found: the GDP part of docs/python.md is skipped")
    ns = run_doc(tmp_path, True, monkeypatch)
    growth = ns["growth"]
    # Actual GDP growth as the reports state it (and the gold data has it).
    assert growth.loc[2021, "actual"] == 8.1 and growth.loc[2020, "actual"] == 2.3
    assert growth.loc[2022, "target"] == 5.5 and growth.loc[2015, "missed"]
    assert len(growth.loc[2005:2022].dropna()) >= 12
    assert (tmp_path / "gdp_growth.png").stat().st_size > 10_000
    import shutil
    if os.environ.get("REPORTLENS_KEEP_CHART"):
        shutil.copy(tmp_path / "gdp_growth.png", os.environ["REPORTLENS_KEEP_CHART"])
