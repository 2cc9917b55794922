#!/usr/bin/env bash
# The main job: install dependencies, build, and run the year-over-year diff pipeline on
# corpus/ (the seed report and its illustrative follow-up), printing where the results are.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset release
cmake --build --preset release
build/bin/pipeline run pipelines/diff.yaml
