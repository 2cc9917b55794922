"""Offsets are code points into the original text, the same as the CLI's JSON result."""

import json

from conftest import SEED, SOURCE, pipeline_cli


def test_code_point_offsets_against_the_file(seed_result):
    text = SEED.read_text(encoding="utf-8-sig")  # read independently of reportlens
    assert seed_result.text("tiexi/2022-plan-report.txt") == text
    for frame in (seed_result.indicators(), seed_result.quantities(), seed_result.entities(),
                  seed_result.annotations("sentence")):
        assert len(frame) > 0
        for b, e, t in zip(frame["begin"], frame["end"], frame["text"]):
            assert text[b:e] == t


def test_offsets_and_texts_equal_the_cli_json(seed_result, tmp_path):
    out = tmp_path / "seed.json"
    done = pipeline_cli("run", SOURCE / "pipelines" / "extract.yaml", "--input", SEED, "--output", out, "-q")
    assert done.returncode == 0, done.stderr
    cli = json.loads(out.read_text(encoding="utf-8"))["documents"][0]["annotations"]
    mine = seed_result.records[0]["annotations"]
    assert [(a["type"], a["begin"], a["end"], a["text"]) for a in cli] == \
           [(a["type"], a["begin"], a["end"], a["text"]) for a in mine]
    text = SEED.read_text(encoding="utf-8-sig")
    # Facts carry their whole text in the CLI's result: the slice must be it.
    for a in cli:
        if a["type"] in ("indicator", "quantity", "entity"):
            assert text[a["begin"]:a["end"]] == a["text"]
