#!/usr/bin/python3
"""The longest functions in core/, plugins/ and tools/ (C++, shell and Python), longest first.

    tools/longest_functions.py [--top N] [--max LINES] [ROOT]

Prints `LINES  FILE:LINE  NAME` for the N longest (default 10). With --max, exits 1 when any
function is longer than LINES and lists those. Tests are included: a test body is code too.

C++ is measured by a brace scanner that skips comments, string and character literals
(raw strings included): a block opened outside any function whose header has a parameter
list and is not a control statement is a function; lambdas and nested blocks count toward
the function that holds them. Good enough for our code style, which clang-format keeps
regular; it is a guard rail, not a compiler.
"""
import argparse
import ast
import os
import re
import sys

CPP_SUFFIXES = (".cc", ".h", ".cpp", ".hpp")
CONTROL = re.compile(r"^\s*(if|for|while|switch|catch|do|else|try)\b")
CLASS_LIKE = re.compile(r"\b(class|struct|union|enum|namespace)\b[^(]*$")
SKIP_DIRS = {"build", ".git", "node_modules", "__pycache__"}


def blank_cpp(text):
    """The text with comments and string/character literals replaced by spaces (newlines kept),
    so that positions and line numbers stay those of the file."""
    out = list(text)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            blank(i, j)
            i = j
            continue
        raw = re.match(r'(?:u8|u|U|L)?R"([^(\s]{0,16})\(', text[i:i + 24])
        if raw and (i == 0 or not (text[i - 1].isascii() and (text[i - 1].isalnum() or text[i - 1] == "_"))):
            j = text.find(")" + raw.group(1) + '"', i + raw.end())
            j = n if j < 0 else j + len(raw.group(1)) + 2
            blank(i, j)
            i = j
            continue
        if c in "\"'":
            if c == "'" and i > 0 and text[i - 1] in "0123456789abcdefABCDEF" and i + 1 < n and text[i + 1].isdigit():
                i += 1  # digit separator 1'000
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            blank(i, j + 1)
            i = j + 1
            continue
        i += 1
    return "".join(out)


def cpp_functions(path):
    text = blank_cpp(open(path, encoding="utf-8", errors="replace").read())
    line_starts = [0]
    for m in re.finditer("\n", text):
        line_starts.append(m.end())

    def line_of(pos):
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    stack = []  # (kind, header_start_pos, name)
    last_end = 0  # position after the last statement end or brace
    for m in re.finditer(r"[{};]", text):
        pos, c = m.start(), m.group(0)
        if c == "{":
            inside_function = any(kind == "function" for kind, _, _ in stack)
            header = re.sub(r"\s+", " ", text[last_end:pos]).strip()
            if inside_function:
                kind = "block"
            elif CLASS_LIKE.search(header) or header.startswith("extern"):
                kind = "scope"
            elif "(" in header and not CONTROL.match(header) and "=" not in header.split("(")[0]:
                kind = "function"
            else:
                kind = "block"
            start = last_end
            while start < pos and text[start].isspace():
                start += 1
            name_match = re.search(r"([~\w:<>]+)\s*\(", header)
            stack.append((kind, start, name_match.group(1) if name_match else header[:40]))
        elif c == "}" and stack:
            kind, start, name = stack.pop()
            if kind == "function":
                yield line_of(pos) - line_of(start) + 1, line_of(start), name
        last_end = pos + 1


def shell_functions(path):
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    start = name = None
    for number, line in enumerate(lines, 1):
        m = re.match(r"^(?:function\s+)?([\w-]+)\s*\(\)\s*\{?\s*$", line)
        if m and start is None:
            start, name = number, m.group(1)
        elif start is not None and line.startswith("}"):
            yield number - start + 1, start, name
            start = None


def python_functions(path):
    try:
        tree = ast.parse(open(path, encoding="utf-8").read())
    except (SyntaxError, UnicodeDecodeError):
        return
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.end_lineno - node.lineno + 1, node.lineno, node.name


def measure(root, folders):
    found = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
            for filename in sorted(filenames):
                path = os.path.join(dirpath, filename)
                if filename.endswith(CPP_SUFFIXES):
                    functions = cpp_functions(path)
                elif filename.endswith(".sh") or filename.endswith(".sbatch"):
                    functions = shell_functions(path)
                elif filename.endswith(".py"):
                    functions = python_functions(path)
                else:
                    continue
                rel = os.path.relpath(path, root)
                found.extend((length, rel, line, name) for length, line, name in functions)
    found.sort(key=lambda f: (-f[0], f[1], f[2]))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--max", type=int, default=None, help="fail when a function is longer")
    args = parser.parse_args()
    found = measure(args.root, ["core", "plugins", "tools"])
    for length, rel, line, name in found[: args.top]:
        print(f"{length:5d}  {rel}:{line}  {name}")
    if args.max is not None:
        over = [f for f in found if f[0] > args.max]
        if over:
            print(f"{len(over)} function(s) longer than {args.max} lines:", file=sys.stderr)
            for length, rel, line, name in over:
                print(f"  {length:5d}  {rel}:{line}  {name}", file=sys.stderr)
            return 1
        print(f"no function longer than {args.max} lines ({len(found)} measured)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
