#!/usr/bin/env python3
"""libreportlens-core.so exports only the SDK: every name `reportlens::X` in its dynamic symbol
table (nm -DC --defined-only) must be declared in the SDK headers (core/include/reportlens).
Host internals (plugin loading, runner, stores, decoding...) live in the static reportlens_host.

Usage: check_sdk_exports.py LIBRARY SDK_INCLUDE_DIR   (prints what it counted; exit 1 on a leak)
"""
import pathlib
import re
import subprocess
import sys


def main():
    library, include = sys.argv[1], pathlib.Path(sys.argv[2])
    sdk_words = set()
    for header in include.rglob("*.h"):
        sdk_words.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", header.read_text(encoding="utf-8")))
    out = subprocess.run(["nm", "-DC", "--defined-only", library], capture_output=True, text=True, check=True).stdout
    symbols = [line.split(" ", 2)[2] for line in out.splitlines() if line.count(" ") >= 2]
    leaks, sdk = [], 0
    for symbol in symbols:
        names = re.findall(r"reportlens::(?:\(anonymous namespace\)::)?([A-Za-z_][A-Za-z0-9_]*)", symbol)
        if not names:
            continue
        sdk += 1
        if any(n not in sdk_words for n in names) or "(anonymous namespace)" in symbol:
            leaks.append(symbol)
    print(f"{library}: {len(symbols)} defined dynamic symbols, {sdk} naming reportlens::, "
          f"{len(leaks)} not declared in {include}")
    for symbol in leaks[:40]:
        print("  host symbol exported:", symbol)
    return 1 if leaks or sdk == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
