#!/usr/bin/python3
"""Runs the `pipeline explain` examples of plugins/indicators/README.md and compares outputs.

    explain_readme.py PIPELINE_BINARY README.md

An example is a ```console block: a line `$ pipeline explain ...` (the command, run with the
given binary from the repository root) and the lines after it (its exact output). Exits 1 on
the first difference, printing both outputs; 0 when all match (and says how many ran).
"""
import os
import shlex
import subprocess
import sys


def examples(readme):
    """(command, expected output) pairs of the README's console blocks."""
    found, block, command, expected = [], False, None, []
    for line in open(readme, encoding="utf-8").read().split("\n"):
        if line.startswith("```"):
            if block and command:
                found.append((command, expected))
            block, command, expected = line.strip() == "```console", None, []
            continue
        if not block:
            continue
        if line.startswith("$ pipeline explain"):
            if command:
                found.append((command, expected))
            command, expected = line[2:], []
        elif command:
            expected.append(line)
    return found


def main():
    binary, readme = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(readme))))
    cases = examples(readme)
    if not cases:
        print(f"{readme}: no `$ pipeline explain` example in a console block")
        return 1
    for command, expected in cases:
        args = [binary] + shlex.split(command)[1:]
        run = subprocess.run(args, cwd=root, capture_output=True, text=True)
        got = run.stdout.rstrip("\n").split("\n")
        if run.returncode != 0 or got != expected:
            print(f"example differs: {command}\n--- README\n" + "\n".join(expected) +
                  f"\n--- pipeline (exit {run.returncode})\n" + run.stdout + run.stderr)
            return 1
    print(f"{len(cases)} explain examples of {readme} match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
