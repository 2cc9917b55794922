#!/usr/bin/env bash
# Install dependencies (with the test tools), build everything and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh --with-test-tools
cmake --preset release
cmake --build --preset release
ctest --preset release
