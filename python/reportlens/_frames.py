"""Records (the contract's DOCUMENT objects plus store bookkeeping) into pandas DataFrames.

Columns follow the SQLite store's typed tables (docs/sqlite-schema.md), so a query written
against the store and one written against these frames see the same values.
"""

import pandas as pd

DOCUMENT_COLUMNS = ["doc", "seq", "source", "sha256", "status", "region", "report_year", "plan_year",
                    "kind", "title", "encoding", "format", "meta", "text", "error"]
ANNOTATION_COLUMNS = ["doc", "type", "begin", "end", "text", "attrs"]
INDICATOR_COLUMNS = ["doc", "region", "report_year", "begin", "end", "text", "metric", "canonical_metric",
                     "period", "status", "qualifier", "level_value", "level_high", "level_unit",
                     "growth_value", "growth_high", "growth_unit"]
QUANTITY_COLUMNS = ["doc", "begin", "end", "text", "kind", "value", "value_high", "unit", "surface_unit",
                    "qualifier", "raw_value"]
ENTITY_COLUMNS = ["doc", "begin", "end", "text", "kind", "canonical"]
TARGET_COLUMNS = ["base", "compare", "metric", "period", "target_value", "target_unit", "target_qualifier",
                  "target_doc", "actual_value", "actual_unit", "actual_doc", "direction", "verdict"]
ERROR_COLUMNS = ["doc", "source", "stage", "message", "exit_code"]

_INT_COLUMNS = ("seq", "report_year", "plan_year", "period", "begin", "end", "exit_code")
_FLOAT_COLUMNS = ("level_value", "level_high", "growth_value", "growth_high", "value", "value_high",
                  "target_value", "actual_value")


def number(v):
    """A number, or a string holding one (as the stores read them); else None."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return None
    return None


def integer(v):
    n = number(v)
    return int(n) if n is not None and n == int(n) else None


def string(v):
    if v is None:
        return None
    return v if isinstance(v, str) else str(v)


def frame(rows, columns):
    """A DataFrame with exactly `columns`, nullable integers and floats typed as such."""
    df = pd.DataFrame.from_records(rows, columns=columns) if rows else pd.DataFrame(columns=columns)
    for c in columns:
        if c in _INT_COLUMNS:
            df[c] = df[c].astype("Int64")
        elif c in _FLOAT_COLUMNS:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    return df


def amount(a, qualifier):
    """(value, high, unit, qualifier) of an indicator's level or growth ({value, unit})."""
    if not isinstance(a, dict):
        return None, None, None, qualifier
    v = a.get("value")
    if isinstance(v, list) and len(v) == 2:
        value, high = number(v[0]), number(v[1])
        qualifier = qualifier or "range"
    else:
        value, high = number(v), None
    if not qualifier and a.get("qualifier") is not None:
        qualifier = string(a.get("qualifier"))
    return value, high, string(a.get("unit")) or None, qualifier


def indicator_row(base, attrs):
    metric = string(attrs.get("metric")) or ""
    canonical = string(attrs.get("canonical_metric")) or string(attrs.get("canonical")) or metric
    q = string(attrs.get("qualifier")) or None
    lv, lh, lu, lq = amount(attrs.get("level"), q)
    gv, gh, gu, gq = amount(attrs.get("growth"), q)
    return dict(base, metric=metric, canonical_metric=canonical, period=integer(attrs.get("period")),
                status=string(attrs.get("status")), qualifier=q or gq or lq,
                level_value=lv, level_high=lh, level_unit=lu,
                growth_value=gv, growth_high=gh, growth_unit=gu)


def quantity_row(base, attrs):
    v = attrs.get("value")
    value, high = (number(v[0]), number(v[1])) if isinstance(v, list) and len(v) == 2 else (number(v), None)
    return dict(base, kind=string(attrs.get("kind")), value=value, value_high=high, unit=string(attrs.get("unit")),
                surface_unit=string(attrs.get("surface_unit")), qualifier=string(attrs.get("qualifier")),
                raw_value=v)


def entity_row(base, attrs):
    return dict(base, kind=string(attrs.get("kind")), canonical=string(attrs.get("canonical")) or base["text"])


def target_rows(comparisons):
    rows = []
    for c in comparisons:
        for t in c.get("targets") or []:
            target, actual = t.get("target") or {}, t.get("actual") or {}
            rows.append(dict(base=c.get("base"), compare=c.get("compare"), metric=string(t.get("metric")),
                             period=integer(target.get("period")), target_value=number(target.get("value")),
                             target_unit=string(target.get("unit")), target_qualifier=string(target.get("qualifier")),
                             target_doc=string(target.get("doc")), actual_value=number(actual.get("value")),
                             actual_unit=string(actual.get("unit")), actual_doc=string(actual.get("doc")),
                             direction=string(t.get("direction")), verdict=string(t.get("verdict"))))
    return rows
