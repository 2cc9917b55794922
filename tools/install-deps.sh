#!/usr/bin/env bash
# Installs what reportlens needs to build and test, from Debian's packages only.
# Idempotent: packages already present are not fetched again, and apt-get update runs only
# when something is missing. Usage: tools/install-deps.sh [--with-test-tools]
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git python3
  libboost-dev libboost-filesystem-dev libicu-dev libre2-dev libyaml-cpp-dev libyaml-dev libspdlog-dev
  libcli11-dev nlohmann-json3-dev libsqlite3-dev sqlite3 nettle-dev
  libgtest-dev libgmock-dev
  # PDF and DOCX input (core/src readers)
  libpoppler-cpp-dev poppler-data libzip-dev libxml2-dev
  # The Python package and Python stages, for Debian's /usr/bin/python3
  python3-dev pybind11-dev python3-pybind11 python3-pandas
)
if [[ "${1:-}" == "--with-test-tools" ]]; then
  # Headless browser and a CJK font for the HTML report rendering test.
  packages+=(chromium fonts-wqy-microhei)
  # Reading the chart screenshots' pixels (plugins/diff/tests, label charts).
  packages+=(libpng-dev)
  # Python tests, and the generators of the PDF/DOCX test inputs.
  packages+=(python3-pytest python3-matplotlib python3-reportlab python3-docx)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
