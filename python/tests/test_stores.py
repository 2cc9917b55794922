"""Result files read back (SQLite, JSON Lines, the JSON result) give the run's frames."""

import pandas as pd
import pandas.testing as pdt
import pytest
import zlib

import reportlens

from conftest import SEED, SOURCE, pipeline_cli

FRAMES = ("indicators", "quantities", "entities")


def register_sqlar(db):
    # What docs/sqlite-schema.md shows a program other than reportlens: the store's views
    # inflate texts and annotation sets (schema 4) with sqlar_uncompress, here from zlib.
    db.create_function("sqlar_uncompress", 2, lambda d, n: d if len(d) == n else zlib.decompress(d))


def same_frames(a, b, with_text=True):
    for name in FRAMES:
        pdt.assert_frame_equal(getattr(a, name)(), getattr(b, name)())
    pdt.assert_frame_equal(a.annotations(), b.annotations())
    cols = [c for c in a.documents.columns if c not in ("seq",) + (() if with_text else ("text",))]
    pdt.assert_frame_equal(a.documents[cols], b.documents[cols])


@pytest.mark.parametrize("suffix", [".sqlite", ".jsonl", ".json"])
def test_run_output_then_read_gives_the_same_frames(seed_result, tmp_path, suffix):
    out = tmp_path / ("seed" + suffix)
    res = reportlens.run(SOURCE / "pipelines" / "extract.yaml", inputs=[SEED], output=out)
    assert out.is_file() and res.path == str(out)
    back = reportlens.read(out)
    same_frames(res, back)
    # The JSON result has no seq; everything else equals the temporary store's frames.
    same_frames(seed_result, back)
    assert len(back.indicators()) >= 250


def test_stores_written_by_the_cli_read_back(seed_result, tmp_path):
    for suffix in (".sqlite", ".jsonl"):
        out = tmp_path / ("cli" + suffix)
        done = pipeline_cli("run", SOURCE / "pipelines" / "extract.yaml", "--input", SEED, "--output", out, "-q")
        assert done.returncode == 0, done.stderr
        back = reportlens.read(out)
        same_frames(seed_result, back)
        assert back.report is None
        # The SQLite store records the run (pipeline name, provenance); JSON Lines records only.
        assert back.pipeline == ("extract" if suffix == ".sqlite" else "")


def test_jsonl_without_the_source_has_no_text(seed_result, tmp_path):
    src = tmp_path / "seed.txt"
    src.write_bytes(SEED.read_bytes())
    out = tmp_path / "moved.jsonl"
    reportlens.run(SOURCE / "pipelines" / "extract.yaml", inputs=[src], output=out)
    src.write_text("changed", encoding="utf-8")  # the offsets no longer point into it
    back = reportlens.read(out)
    assert back.documents["text"].isna().all()
    # Facts keep their text in the store.
    pdt.assert_frame_equal(back.indicators().drop(columns="doc"), seed_result.indicators().drop(columns="doc"))


def test_read_errors(tmp_path):
    with pytest.raises(reportlens.ConfigError, match="expected .sqlite, .jsonl or .json"):
        reportlens.read(tmp_path / "x.csv")
    with pytest.raises(reportlens.Error, match="no such file"):
        reportlens.read(tmp_path / "missing.sqlite")
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database\n", encoding="utf-8")
    with pytest.raises(reportlens.Error) as raised:
        reportlens.read(bad)
    assert str(bad) in str(raised.value)
    with pytest.raises(reportlens.ConfigError, match="use .sqlite, .jsonl or .json"):
        reportlens.run(SOURCE / "pipelines" / "extract.yaml", inputs=[SEED], output=tmp_path / "x.csv")


def test_fact_columns_equal_the_sqlite_stores_typed_tables(tmp_path):
    # The core computes the store's indicators/entities tables (output_facts.cc); the frames
    # must give the same values for the same annotations.
    import sqlite3
    out = tmp_path / "seed.sqlite"
    res = reportlens.run(SOURCE / "pipelines" / "extract.yaml", inputs=[SEED], output=out)
    with sqlite3.connect(out) as db:
        register_sqlar(db)
        rows = db.execute("""SELECT d.id, a.begin, a."end", i.metric, i.canonical_metric, i.period, i.status,
                                    i.qualifier, i.level_value, i.level_high, i.level_unit, i.growth_value,
                                    i.growth_high, i.growth_unit
                             FROM indicators i JOIN annotations a USING (annotation_id)
                             JOIN documents d ON d.doc_id = i.doc_id ORDER BY a.annotation_id""").fetchall()
        ents = db.execute("""SELECT d.id, a.begin, a."end", e.kind, e.canonical, e.text
                             FROM entities e JOIN annotations a USING (annotation_id)
                             JOIN documents d ON d.doc_id = e.doc_id ORDER BY a.annotation_id""").fetchall()

    def norm(v):
        return None if v is None or v == "" or (isinstance(v, float) and v != v) or v is pd.NA else v

    cols = ["doc", "begin", "end", "metric", "canonical_metric", "period", "status", "qualifier", "level_value",
            "level_high", "level_unit", "growth_value", "growth_high", "growth_unit"]
    mine = [tuple(norm(v) for v in r) for r in res.indicators()[cols].itertuples(index=False)]
    assert len(rows) >= 250
    assert sorted(mine, key=str) == sorted((tuple(norm(v) for v in r) for r in rows), key=str)
    mine = [tuple(norm(v) for v in r) for r in res.entities()[["doc", "begin", "end", "kind", "canonical", "text"]]
            .itertuples(index=False)]
    assert sorted(mine, key=str) == sorted((tuple(norm(v) for v in r) for r in ents), key=str)


def test_targets_of_the_diff_stage_equal_the_stores_targets_table(tmp_path):
    import sqlite3
    out = tmp_path / "diff.sqlite"
    res = reportlens.run(SOURCE / "pipelines" / "diff.yaml", output=out)  # the YAML's inputs: corpus/tiexi
    t = res.targets()
    assert len(t) > 20 and set(t["verdict"]) <= {"met", "missed", "unclear"} and (t["verdict"] == "met").any()
    with sqlite3.connect(out) as db:
        rows = db.execute("""SELECT c.base, c.compare, metric, period, target_value, target_unit, target_qualifier,
                                    target_doc, actual_value, actual_unit, actual_doc, direction, verdict
                             FROM targets t JOIN comparisons c USING (comparison_id) ORDER BY t.rowid""").fetchall()
    norm = lambda r: tuple(None if v is None or v == "" or v is pd.NA or v != v else v for v in r)  # noqa: E731
    assert [norm(r) for r in t.itertuples(index=False)] == [norm(r) for r in rows]
    # The same comparisons from the JSON result.
    js = tmp_path / "diff.json"
    pdt.assert_frame_equal(reportlens.run(SOURCE / "pipelines" / "diff.yaml", output=js).targets(), t)


def test_store_texts_and_spans_read_with_python_sqlite3_and_zlib_alone(tmp_path):
    # Schema 4 keeps document texts compressed as sqlar does (docs/sqlite-schema.md): a program
    # that registers sqlar_uncompress with zlib, as the docs show, gets the texts through the
    # view, and every annotation's text through annotation_texts, as the records have them.
    import sqlite3
    out = tmp_path / "seed.sqlite"
    res = reportlens.run(SOURCE / "pipelines" / "extract.yaml", inputs=[SEED], output=out)
    db = sqlite3.connect(out)
    register_sqlar(db)
    texts = dict(db.execute("SELECT d.id, t.text FROM document_texts t JOIN documents d USING (doc_id)").fetchall())
    assert texts and texts == dict(zip(res.documents["doc"], res.documents["text"]))
    assert db.execute("SELECT sum(size) > 2 * sum(length(data)) FROM document_blobs").fetchone()[0] == 1
    spans = db.execute("""SELECT d.id, a.type, a.begin, a."end", a.text FROM annotation_texts a
                          JOIN documents d USING (doc_id) WHERE a.type IN ('sentence', 'quantity', 'indicator')
                          ORDER BY a.annotation_id""").fetchall()
    mine = res.annotations()
    mine = mine[mine["type"].isin(["sentence", "quantity", "indicator"])]
    assert len(spans) > 500
    assert spans == [tuple(r) for r in mine[["doc", "type", "begin", "end", "text"]].itertuples(index=False)]
    db.close()
