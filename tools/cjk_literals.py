#!/usr/bin/python3
"""Counts the C++ string and character literals holding Chinese (CJK) text in core/ and plugins/.

    tools/cjk_literals.py [--max N] [--list] [ROOT]

Language knowledge (word lists, cue words, units, labels) belongs in the plugins' YAML data,
where a researcher can read and extend it without a compiler; this count keeps it there.
Tests are excluded (folders named `tests`): they quote the reports they check. Comments do not
count. Prints the total and the files holding literals; with --max, exits 1 above N.
"""
import argparse
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from longest_functions import SKIP_DIRS  # noqa: E402  (one list of folders to skip)

CPP_SUFFIXES = (".cc", ".h", ".cpp", ".hpp")
# CJK ideographs (with extension A), CJK punctuation, full-width forms.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
LITERAL = re.compile(r'(?:u8|u|U|L)?R"([^(\s]{0,16})\((.*?)\)\1"'  # raw string
                     r'|(?:u8|u|U|L)?"((?:[^"\\\n]|\\.)*)"'         # string
                     r"|(?:u8|u|U|L)?'((?:[^'\\\n]|\\.)+)'", re.S)    # character
COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def literals_in(text):
    """CJK-holding literals of a C++ text; comments are skipped by scanning literals and
    comments together, whichever starts first."""
    found = []
    pos = 0
    token = re.compile(COMMENT.pattern + "|" + LITERAL.pattern, re.S)
    for m in token.finditer(text, pos):
        whole = m.group(0)
        if whole.startswith("//") or whole.startswith("/*"):
            continue
        if CJK.search(whole):
            found.append(whole)
    return found


def count(root):
    per_file = collections.Counter()
    for folder in ("core", "plugins"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and d != "tests")
            for filename in sorted(filenames):
                if not filename.endswith(CPP_SUFFIXES):
                    continue
                path = os.path.join(dirpath, filename)
                text = open(path, encoding="utf-8", errors="replace").read()
                n = len(literals_in(text))
                if n:
                    per_file[os.path.relpath(path, root)] = n
    return per_file


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--max", type=int, default=None)
    args = parser.parse_args()
    per_file = count(args.root)
    total = sum(per_file.values())
    print(f"{total} C++ literals with CJK text in core/ and plugins/ (tests excluded)")
    for path, n in sorted(per_file.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{n:5d}  {path}")
    if args.max is not None and total > args.max:
        print(f"above the ceiling of {args.max}: move word lists and labels into the plugins' YAML data",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
