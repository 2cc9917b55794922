"""The frames of a seed run: columns, types and values a researcher relies on."""

import pandas as pd

import reportlens
from reportlens import _frames as F

from conftest import SEED


def test_indicator_frame_columns_and_size(seed_result):
    ind = seed_result.indicators()
    assert list(ind.columns) == F.INDICATOR_COLUMNS
    assert len(ind) >= 250
    assert (ind["doc"] == "tiexi/2022-plan-report.txt").all()
    assert set(ind["status"]) <= {"actual", "estimate", "target"}
    assert str(ind["period"].dtype) == "Int64" and ind["period"].notna().all()
    assert ind["level_value"].dtype == "float64" and ind["growth_value"].dtype == "float64"
    # Every indicator has a level or a growth, and a unit with it.
    has_level, has_growth = ind["level_value"].notna(), ind["growth_value"].notna()
    assert (has_level | has_growth).all()
    assert ind.loc[has_level, "level_unit"].notna().all() and ind.loc[has_growth, "growth_unit"].notna().all()
    # canonical_metric falls back to the metric as written, as in the SQLite store.
    assert ind["canonical_metric"].notna().all() and (ind["canonical_metric"] != "").all()


def test_indicators_match_the_contract_attrs(seed_result):
    ind = seed_result.indicators()
    raw = [a for a in seed_result.records[0]["annotations"] if a["type"] == "indicator"]
    assert len(raw) == len(ind)
    for (_, row), a in zip(ind.iterrows(), raw):
        attrs = a["attrs"]
        assert row["metric"] == attrs["metric"] and row["period"] == attrs["period"]
        assert row["status"] == attrs["status"]
        growth = attrs.get("growth")
        if growth and not isinstance(growth["value"], list):
            assert row["growth_value"] == growth["value"] and row["growth_unit"] == growth["unit"]


def test_quantities_entities_documents(seed_result):
    q = seed_result.quantities()
    assert list(q.columns) == F.QUANTITY_COLUMNS and len(q) > 300
    money = q[(q["unit"] == "CNY") & q["value"].notna()]
    assert len(money) > 20 and (money["value"] > 0).all()
    e = seed_result.entities()
    assert list(e.columns) == F.ENTITY_COLUMNS and len(e) > 10
    assert set(e["kind"]) <= {"company", "industrial_park", "public_park", "zone"}
    d = seed_result.documents
    assert list(d.columns) == F.DOCUMENT_COLUMNS and len(d) == 1
    row = d.iloc[0]
    assert row["status"] == "ok" and row["region"] and 2020 <= row["report_year"] <= 2022
    assert row["encoding"] == "UTF-8" and row["text"] == SEED.read_text(encoding="utf-8-sig")
    assert seed_result.errors.empty and list(seed_result.errors.columns) == F.ERROR_COLUMNS


def test_annotations_by_type_and_targets_frame(seed_result):
    s = seed_result.annotations("sentence")
    assert len(s) > 100 and (s["type"] == "sentence").all()
    sections = seed_result.annotations("section")
    assert {"level", "title"} <= set(sections.columns)  # one column per attribute for one type
    everything = seed_result.annotations()
    assert len(everything) == sum(len(r["annotations"]) for r in seed_result.records)
    assert list(everything.columns) == F.ANNOTATION_COLUMNS
    # extract.yaml has no diff stage: no comparisons, an empty frame with the columns.
    t = seed_result.targets()
    assert t.empty and list(t.columns) == F.TARGET_COLUMNS


def test_empty_result_frames_keep_their_columns():
    r = reportlens.Result([], {}, [])
    for method, cols in ((r.indicators, F.INDICATOR_COLUMNS), (r.quantities, F.QUANTITY_COLUMNS),
                         (r.entities, F.ENTITY_COLUMNS)):
        df = method()
        assert df.empty and list(df.columns) == cols
    assert isinstance(r.documents, pd.DataFrame) and r.documents.empty
