#!/usr/bin/python3
"""`pipeline run --trace FILE` on the shipped seed reports: the trace records go to the JSON
Lines file, one per number the reader looked at, and the result's documents are those of a run
without --trace (no trace annotation in them).

    run_trace.py PIPELINE_BINARY REPOSITORY_ROOT
"""
import json
import os
import subprocess
import sys
import tempfile


def run(binary, root, output, trace=None):
    args = [binary, "run", "pipelines/indicators.yaml", "--input", "corpus/tiexi", "--output", output, "-q"]
    if trace:
        args += ["--trace", trace]
    done = subprocess.run(args, cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)}: exit {done.returncode}\n{done.stderr}")
    return json.load(open(output, encoding="utf-8"))


def main():
    binary, root = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        plain = run(binary, root, os.path.join(tmp, "plain.json"))
        traced = run(binary, root, os.path.join(tmp, "traced.json"), os.path.join(tmp, "trace.jsonl"))
        records = [json.loads(line) for line in open(os.path.join(tmp, "trace.jsonl"), encoding="utf-8")]
    problems = []
    if plain["documents"] != traced["documents"]:
        problems.append("the documents differ with --trace")
    if any(a["type"] == "trace" for d in traced["documents"] for a in d["annotations"]):
        problems.append("trace annotations left in the result")
    ids = [d["id"] for d in plain["documents"]]
    if sorted({r["id"] for r in records}) != sorted(ids):
        problems.append(f"trace records for {sorted({r['id'] for r in records})}, documents {ids}")
    for r in records:
        attrs = r["attrs"]
        if attrs["decision"] not in ("kept", "dropped") or not attrs["rule"] or not attrs["reason"]:
            problems.append(f"incomplete record {r}")
            break
        if attrs["decision"] == "kept" and "metric" not in attrs:
            problems.append(f"kept without metric: {r}")
            break
    # Every indicator's figures were kept by some rule: a kept record lies inside each fact.
    for d in plain["documents"]:
        kept = [(r["begin"], r["end"]) for r in records if r["id"] == d["id"] and r["attrs"]["decision"] == "kept"]
        for a in d["annotations"]:
            if a["type"] == "indicator" and not any(a["begin"] <= b and e <= a["end"] for b, e in kept):
                problems.append(f"{d['id']}: no kept number inside {a['text']}")
                break
    if problems:
        print("\n".join(problems))
        return 1
    print(f"{len(records)} trace records for {len(ids)} documents; results unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
