#!/usr/bin/env python3
"""Done-when figures of a panel run (issue 17).

  panel_figures.py RESULT.json RESULT.panel.jsonl [--gold GOLD/targets.jsonl --prefix lawtext/]
  (national reports given one by one keep "national/" in their ids: --prefix national/ --keep-prefix)

Prints: the place-years whose next report is in the collection (a report planning year Y and
one reviewing Y, same region), how many of them have a 地区生产总值 growth row with both a
target and an actual; and, with --gold, how many gold target pairs the panel agrees with
(same target document, year, indicator and target value; same verdict).
"""
import argparse, collections, json

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("result"); ap.add_argument("panel")
    ap.add_argument("--gold"); ap.add_argument("--prefix", default="")
    ap.add_argument("--keep-prefix", action="store_true", help="document ids include the prefix")
    ap.add_argument("--catalogue", default="plugins/indicators/data/catalogue.yaml")
    a = ap.parse_args()
    rows = [json.loads(l) for l in open(a.panel, encoding="utf-8")]
    # Place-years: from the documents' own metadata, as the stage pairs them.
    years = collections.defaultdict(set)
    with open(a.result, encoding="utf-8") as f:
        for d in json.load(f)["documents"]:
            m = d.get("meta", {})
            if m.get("region") and m.get("report_year"):
                years[m["region"]].add(int(m["report_year"]))
    place_years = {(r, y + 1) for r, ys in years.items() for y in ys if y + 1 in ys}
    full = {(r["region"], r["year"]) for r in rows
            if r["indicator"] == "地区生产总值" and r["measure"] == "growth"
            and r["target_value"] is not None and r["actual_value"] is not None}
    hit = len(place_years & full)
    print(f"place-years with the next report: {len(place_years)}; with a 地区生产总值 growth row "
          f"with target and actual: {hit} ({100.0 * hit / max(1, len(place_years)):.1f}%)")
    missing = sorted(place_years - full)
    if missing: print("  without:", ", ".join(f"{r}{y}" for r, y in missing[:40]))
    if a.gold:
        names, units, _ = standard_names(a.catalogue)
        agree, total = 0, 0
        for line in open(a.gold, encoding="utf-8"):
            g = json.loads(line)
            if not g["target_doc"].startswith(a.prefix): continue
            total += 1
            doc = g["target_doc"] if a.keep_prefix else g["target_doc"][len(a.prefix):]
            tv = g["target"]["value"]; tv = tv[0] if isinstance(tv, list) else tv
            found = None
            for r in rows:
                if r["target_doc"] != doc or r["year"] != g["period"] or \
                   r["indicator"] != names.get(g["metric"], g["metric"]) or r["target_value"] is None:
                    continue
                # The gold is in base units (person, jin, CNY); the row in its display unit.
                gu, ru = units.get(g["target"]["unit"]), units.get(r["unit"])
                v = tv * gu[1] / ru[1] if gu and ru and gu[0] == ru[0] else tv
                if abs(r["target_value"] - v) < 1e-6 * max(1, abs(v)):
                    found = r; break
            ok = found is not None and found["verdict"] == g["verdict"]
            agree += ok
            if not ok:
                print(f"  gold {doc} {g['period']} {g['metric']} {g['verdict']}: panel "
                      + (f"{found['verdict'] or '-'} ({found['indicator']} {found['measure']})" if found else "no row"))
        print(f"gold target pairs agreeing: {agree}/{total}")

def standard_names(path):
    """variant -> standard name, and unit -> (base, factor), from the catalogue."""
    import yaml  # python3-yaml
    data = yaml.safe_load(open(path, encoding="utf-8"))
    out = {}
    for ind in data["indicators"]:
        out[ind["name"]] = ind["name"]
        for v in ind.get("variants", []): out[v] = ind["name"]
    units = {u: (x["base"], float(x["factor"])) for u, x in data["units"].items()}
    return out, units, None

if __name__ == "__main__":
    main()
