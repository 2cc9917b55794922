"""Result: a run's (or a store's) documents, annotations and comparisons as DataFrames."""

import functools
import json
import os
import sqlite3

import pandas as pd

from . import _frames as F
from . import _reportlens as _core
from ._errors import ConfigError


class Result:
    """Documents and annotations of a run, or of a result file read back.

    Every frame has a ``doc`` column (the document id). Offsets (``begin``, ``end``) count
    code points, so ``text[begin:end]`` of the document's text (``documents.text``) is the
    ``text`` column.
    """

    def __init__(self, records, texts, comparisons, pipeline="", provenance=None, report=None, path=None):
        self.records = records          # the contract's DOCUMENT objects (+ status, seq, error)
        self.comparisons = comparisons  # COMPARISON objects of corpus stages (diff)
        self.pipeline = pipeline
        self.provenance = provenance or {}
        self.report = report            # what `pipeline run` reports (None when read back)
        self.path = path                # the result file, when kept
        self._texts = texts

    def __repr__(self):
        failed = sum(1 for r in self.records if r.get("status") == "failed")
        n = sum(len(r.get("annotations") or []) for r in self.records)
        return f"<reportlens.Result {self.pipeline!r}: {len(self.records)} documents, {failed} failed, {n} annotations>"

    def text(self, doc):
        """The decoded text of document `doc` (the one offsets point into), or None if unknown."""
        return self._texts.get(doc)

    @functools.cached_property
    def documents(self):
        rows = []
        for r in self.records:
            meta = r.get("meta") or {}
            err = r.get("error") or {}
            rows.append(dict(doc=r.get("id"), seq=r.get("seq"), source=r.get("source"), sha256=r.get("sha256"),
                             status=r.get("status", "ok"), region=F.string(meta.get("region")),
                             report_year=F.integer(meta.get("report_year")), plan_year=F.integer(meta.get("plan_year")),
                             kind=F.string(meta.get("kind")), title=F.string(meta.get("title")),
                             encoding=F.string(meta.get("encoding")), format=F.string(meta.get("format")),
                             meta=meta, text=self._texts.get(r.get("id")), error=err.get("message")))
        return F.frame(rows, F.DOCUMENT_COLUMNS)

    @functools.cached_property
    def errors(self):
        rows = [dict(doc=r.get("id"), source=r.get("source"), **{k: (r.get("error") or {}).get(k)
                                                              for k in ("stage", "message", "exit_code")})
                for r in self.records if r.get("status") == "failed"]
        return F.frame(rows, F.ERROR_COLUMNS)

    def _spans(self, types):
        """(base row, attrs, record) for every annotation of `types` (None: all)."""
        for r in self.records:
            doc = r.get("id")
            text = self._texts.get(doc)
            for a in r.get("annotations") or []:
                if types is not None and a.get("type") not in types:
                    continue
                b, e = a.get("begin"), a.get("end")
                shown = a.get("text")
                # Long spans (sections, paragraphs) are shortened in records: the whole span.
                if text is not None and shown != text[b:e]:
                    shown = text[b:e]
                yield dict(doc=doc, begin=b, end=e, text=shown), a.get("attrs") or {}, a, r

    def annotations(self, type=None):
        """Annotations of one type (every type when None): doc, type, begin, end, text, attrs,
        and, for one type, a column per top-level attribute (e.g. ``word`` of a keyword)."""
        rows, extra = [], []
        for base, attrs, a, _ in self._spans(None if type is None else {type}):
            row = dict(base, type=a.get("type"), attrs=attrs)
            if type is not None:
                for k, v in attrs.items():
                    if k not in F.ANNOTATION_COLUMNS:
                        if k not in row and k not in extra:
                            extra.append(k)
                        row[k] = v
            rows.append(row)
        return F.frame(rows, F.ANNOTATION_COLUMNS + extra)

    def indicators(self):
        """Indicator facts: metric, period, status, level and growth (base units), with the
        document's region and report_year."""
        rows = []
        for base, attrs, _, r in self._spans({"indicator"}):
            meta = r.get("meta") or {}
            base = dict(doc=base["doc"], region=F.string(meta.get("region")),
                        report_year=F.integer(meta.get("report_year")), **{k: base[k] for k in ("begin", "end", "text")})
            rows.append(F.indicator_row(base, attrs))
        return F.frame(rows, F.INDICATOR_COLUMNS)

    def quantities(self):
        """Quantities: kind, value in base units (value_high for a range), unit, qualifier."""
        return F.frame([F.quantity_row(b, a) for b, a, _, _ in self._spans({"quantity"})], F.QUANTITY_COLUMNS)

    def entities(self):
        """Named entities: kind and canonical name."""
        return F.frame([F.entity_row(b, a) for b, a, _, _ in self._spans({"entity"})], F.ENTITY_COLUMNS)

    def targets(self):
        """Targets checked against actuals by the diff stage (empty without comparisons)."""
        return F.frame(F.target_rows(self.comparisons), F.TARGET_COLUMNS)


def _recovered_texts(records):
    """Texts from the source files, for stores that keep none (JSON, JSON Lines)."""
    texts = {}
    for r in records:
        meta = r.get("meta") or {}
        if r.get("status", "ok") != "ok" or not r.get("source"):
            continue
        t = _core.recover_text(r["source"], r.get("sha256") or "", F.string(meta.get("encoding")) or "",
                               F.string(meta.get("format")) or "text")
        if t is not None:
            texts[r["id"]] = t
    return texts


def _sqlite_comparisons(path):
    try:
        with sqlite3.connect(f"file:{os.path.abspath(path)}?mode=ro", uri=True) as db:
            return [json.loads(d) for (d,) in db.execute("SELECT data FROM comparisons ORDER BY comparison_id")]
    except sqlite3.Error:
        return []


def _read_json_result(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    records = [dict(d, status="ok") for d in data.get("documents", [])]
    for e in data.get("errors", []):
        if e.get("id") == "(corpus)":
            continue
        records.append(dict(id=e.get("id"), source=e.get("source"), status="failed", meta={}, annotations=[],
                            error={k: e.get(k) for k in ("stage", "message", "exit_code")}))
    return Result(records, _recovered_texts(records), data.get("comparisons", []), data.get("pipeline", ""),
                  data.get("provenance"), path=str(path))


def read(path, report=None):
    """Reads a result file back: a store (``.sqlite``/``.db``, ``.jsonl``) or the JSON result
    (``.json``), giving the frames ``reportlens.run`` gives."""
    path = os.fspath(path)
    ext = os.path.splitext(path)[1].lower()
    if ext == ".json":
        if not os.path.isfile(path):
            raise ConfigError(f"{path}: no such file", 2)
        result = _read_json_result(path)
        result.report = report
        return result
    if ext not in (".sqlite", ".db", ".sqlite3", ".jsonl"):
        raise ConfigError(f"{path}: cannot read results from this file; expected .sqlite, .jsonl or .json", 2)
    store = _core.read_store(path)
    records = store["records"]
    texts = store["texts"] or _recovered_texts(records)
    comparisons = _sqlite_comparisons(path) if ext != ".jsonl" else []
    return Result(records, texts, comparisons, store["pipeline"], store["provenance"], report=report, path=path)
