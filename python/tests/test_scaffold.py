"""`pipeline new-plugin NAME --python`: a project that runs and passes its own tests."""

import json
import os
import subprocess
import sys

from conftest import pipeline_cli


def test_python_scaffold_runs_from_the_cli_and_its_tests_pass(tmp_path):
    root = tmp_path / "policy-terms"
    done = pipeline_cli("new-plugin", "policy-terms", "--python", "--dir", root)
    assert done.returncode == 0, done.stderr
    assert (root / "policy_terms_stage.py").is_file() and (root / "test_policy_terms_stage.py").is_file()
    assert "docs/python.md" in done.stdout

    out = root / "out" / "result.json"
    run = pipeline_cli("run", root / "pipeline.yaml", "--output", out, "-q")
    assert run.returncode == 0, run.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))["documents"][0]
    terms = [a for a in doc["annotations"] if a["type"] == "policy_terms"]
    assert len(terms) == 8 and all(a["text"] == a["attrs"]["term"] for a in terms)
    assert doc["meta"]["policy_terms"] == {"营商环境": 2, "高质量发展": 2, "数字经济": 2, "项目建设": 2}

    # Its own tests: the class alone and in its pipeline through `import reportlens`.
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=root,
                           capture_output=True, text=True, env=os.environ, timeout=300)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "2 passed" in tests.stdout


def test_scaffold_refuses_bad_names_and_full_directories(tmp_path):
    assert pipeline_cli("new-plugin", "Bad_Name", "--python", "--dir", tmp_path / "x").returncode == 2
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "f").write_text("x")
    assert pipeline_cli("new-plugin", "ok-name", "--python", "--dir", tmp_path / "full").returncode == 2
