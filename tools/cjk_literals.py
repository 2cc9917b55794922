#!/usr/bin/python3
"""Counts the C++ string and character literals holding Chinese (CJK) text in core/ and plugins/.

    tools/cjk_literals.py [--max N] [--max-chars M] [ROOT]

Language knowledge (word lists, cue words, units, labels) belongs in the plugins' YAML data,
where a researcher can read and extend it without a compiler; this count keeps it there.
Tests are excluded (folders named `tests`): they quote the reports they check. Comments do not
count. String literals ("万元") and character literals (U'。') are counted apart: a character
literal is mostly script-level (punctuation classes, full-width forms), which may stay in C++,
so it has its own ceiling. Prints both totals and the files holding literals; exits 1 above
--max (strings) or --max-chars (characters).
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


def is_character_literal(literal):
    return literal.endswith("'")


def count(root):
    """(string literals per file, character literals per file)."""
    strings, characters = collections.Counter(), collections.Counter()
    for folder in ("core", "plugins"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and d != "tests")
            for filename in sorted(filenames):
                if not filename.endswith(CPP_SUFFIXES):
                    continue
                path = os.path.join(dirpath, filename)
                text = open(path, encoding="utf-8", errors="replace").read()
                rel = os.path.relpath(path, root)
                for literal in literals_in(text):
                    (characters if is_character_literal(literal) else strings)[rel] += 1
    return strings, characters


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--max", type=int, default=None, help="ceiling for string literals")
    parser.add_argument("--max-chars", type=int, default=None, help="ceiling for character literals")
    args = parser.parse_args()
    strings, characters = count(args.root)
    n_strings, n_characters = sum(strings.values()), sum(characters.values())
    print(f"{n_strings} C++ string literals and {n_characters} character literals with CJK text"
          " in core/ and plugins/ (tests excluded)")
    print("strings  chars  file")
    for path in sorted(set(strings) | set(characters), key=lambda p: (-strings[p], -characters[p], p)):
        print(f"{strings[path]:7d}  {characters[path]:5d}  {path}")
    failed = False
    if args.max is not None and n_strings > args.max:
        print(f"{n_strings} string literals, above the ceiling of {args.max}: move word lists and labels"
              " into the plugins' YAML data", file=sys.stderr)
        failed = True
    if args.max_chars is not None and n_characters > args.max_chars:
        print(f"{n_characters} character literals, above the ceiling of {args.max_chars}", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
