"""Shared fixtures: where the sources, the build and the shared corpus are, and the seed run.

ctest (python/tests/CMakeLists.txt) sets REPORTLENS_SOURCE_DIR, REPORTLENS_BUILD_DIR and
PYTHONPATH (the package in the build tree); run by hand:
  PYTHONPATH=build/lib/python3/dist-packages /usr/bin/python3 -m pytest python/tests
"""

import os
import pathlib
import subprocess

import pytest

SOURCE = pathlib.Path(os.environ.get("REPORTLENS_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
BUILD = pathlib.Path(os.environ.get("REPORTLENS_BUILD_DIR", SOURCE / "build"))
SHARED_CORPUS = pathlib.Path(os.environ.get("REPORTLENS_SHARED_CORPUS", SOURCE.parent / "shared" / "corpus"))
SEED = SOURCE / "corpus" / "tiexi" / "2022-plan-report.txt"
STAGES = pathlib.Path(__file__).resolve().parent / "stages"


def pipeline_cli(*args, cwd=None):
    """Runs the `pipeline` CLI of the build; returns the CompletedProcess (text)."""
    return subprocess.run([str(BUILD / "bin" / "pipeline"), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def national_reports(n=None):
    """The national work reports (sorted), or a skip when ../shared is absent."""
    d = SHARED_CORPUS / "national"
    if not d.is_dir():
        pytest.skip(f"{d} not found (set REPORTLENS_SHARED_CORPUS)")
    files = sorted(d.glob("*.txt"))
    return files[:n] if n else files


def keyword_pipeline(tmp_path, words, stage_class="KeywordCount", extra=""):
    """A pipeline YAML (segment + the python keyword stage of tests/stages) in tmp_path."""
    y = tmp_path / f"{stage_class.lower()}.yaml"
    y.write_text(f"""name: keywords
inputs: [{SEED}]
stages:
  - use: segment
  - use: python
    id: keywords
    with:
      module: keyword_count
      class: {stage_class}
      path: {STAGES}
      settings: {{words: [{", ".join(words)}]{extra}}}
""", encoding="utf-8")
    return y


@pytest.fixture(scope="session")
def seed_result():
    import reportlens
    return reportlens.run(SOURCE / "pipelines" / "extract.yaml", inputs=[SEED])
