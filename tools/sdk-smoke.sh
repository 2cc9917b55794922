#!/usr/bin/env bash
# SDK smoke test: runs every ```sh block of docs/writing-plugins.md, in order, in one shell,
# exactly as a reader would — install the SDK from a build tree into a temporary prefix,
# scaffold a plugin, build and test it out of tree against the installed SDK, inspect it, run
# it in a pipeline on the seed report, install it, build an ABI-incompatible copy, build it
# with pkg-config — then checks what those commands produced.
#
# Usage: tools/sdk-smoke.sh [--build DIR] [--keep]
#   --build DIR  a built reportlens build tree (default: build/ of this checkout)
#   --keep       keep the temporary directory (printed) for inspection
#
# The tutorial's commands refer to ~/reportlens (the checkout) and ~/reportlens-sdk (the
# prefix). HOME is pointed at a fresh temporary directory whose reportlens/ links to the build
# tree (as reportlens/build) and the corpus, so nothing outside it is touched.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$source_dir/build
keep=0
while (($#)); do
  case $1 in
    --build) build_dir=$(cd "$2" && pwd); shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "sdk-smoke: unknown argument $1" >&2; exit 2 ;;
  esac
done
doc=$source_dir/docs/writing-plugins.md
[[ -x $build_dir/bin/pipeline ]] || { echo "sdk-smoke: $build_dir/bin/pipeline not built" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/reportlens-sdk-smoke.XXXXXX")
if ((keep)); then echo "sdk-smoke: keeping $work"; else trap 'rm -rf "$work"' EXIT; fi

fail() {
  echo "sdk-smoke: FAILED: $*" >&2
  if [[ -f $work/tutorial.log ]]; then
    echo "---- last lines of $work/tutorial.log ----" >&2
    tail -n 40 "$work/tutorial.log" >&2
  fi
  exit 1
}

# A clean, private environment: no plugin paths or package paths from the caller.
export HOME=$work/home
mkdir -p "$HOME/reportlens"
ln -s "$build_dir" "$HOME/reportlens/build"
ln -s "$source_dir/corpus" "$HOME/reportlens/corpus"
unset REPORTLENS_PLUGIN_PATH REPORTLENS_DISABLE_DEFAULT_PLUGINS REPORTLENS_UPDATE_GOLDEN \
      PKG_CONFIG_PATH CMAKE_PREFIX_PATH CMAKE_BUILD_TYPE CMAKE_GENERATOR
sdk=$HOME/reportlens-sdk
project=$HOME/term-counter
seed=$source_dir/corpus/tiexi/2022-plan-report.txt

# 1. The tutorial, verbatim: every ```sh block, each announced in the log.
awk '
  /^```sh[[:space:]]*$/ { inside = 1; n++; printf "echo \"==== tutorial block %d ====\"\n", n; next }
  /^```/ && inside      { inside = 0; next }
  inside                { print }
' "$doc" > "$work/tutorial.sh"
blocks=$(grep -c '^echo "==== tutorial block' "$work/tutorial.sh")
((blocks >= 8)) || fail "expected at least 8 sh blocks in $doc, found $blocks"
echo "sdk-smoke: running $blocks command blocks of docs/writing-plugins.md (log: $work/tutorial.log)"
start=$SECONDS
(cd "$HOME" && bash -eo pipefail -x "$work/tutorial.sh") > "$work/tutorial.log" 2>&1 ||
  fail "a tutorial command failed"
echo "sdk-smoke: tutorial ran in $((SECONDS - start)) s"
log=$work/tutorial.log
expect_log() { grep -qF -- "$1" "$log" || fail "tutorial output lacks: $1"; }

# 2. The installed SDK: headers, libraries, CMake package, pkg-config file, shipped plugins.
for f in bin/pipeline include/reportlens/plugin.h include/reportlens/testing.h \
         lib/libreportlens-core.so lib/libreportlens-testing.a \
         lib/cmake/reportlens/reportlensConfig.cmake lib/cmake/reportlens/ReportlensPlugin.cmake \
         lib/pkgconfig/reportlens.pc lib/reportlens/plugins/libreportlens-segment.so; do
  [[ -e $sdk/$f ]] || fail "not installed: $f"
done
[[ ! -e $sdk/include/plugin_registry.h && ! -e $sdk/include/reportlens/runner.h ]] ||
  fail "host headers were installed"

# 3. Scaffold, out-of-tree build, its tests, `plugins info`.
[[ -f $project/build/plugins/libreportlens-term-counter.so ]] || fail "plugin not built"
[[ -f $project/build/plugins/data/term-counter/terms.txt ]] || fail "plugin data not copied"
grep -qxF "项目建设" "$project/build/plugins/data/term-counter/terms.txt" ||
  fail "an edited data file was not copied again by the rebuild"
expect_log "100% tests passed, 0 tests failed out of 6"
expect_log "plugin:      term-counter 0.1.0"
expect_log "file:        $project/build/plugins/libreportlens-term-counter.so"
expect_log "produces: term"
expect_log "terms (array) = []"

# The pipeline YAML the tutorial shows is the one the scaffold writes (minus its comment header).
awk '/^```yaml[[:space:]]*$/ { inside = 1; next } /^```/ && inside { exit } inside { print }' "$doc" \
  > "$work/doc-pipeline.yaml"
grep -v '^#' "$project/pipeline.yaml" | diff -u "$work/doc-pipeline.yaml" - ||
  fail "the pipeline.yaml shown in docs/writing-plugins.md differs from the scaffold's"

# 4. The pipeline run on the seed: every annotation points at its term (code point offsets
#    into the original), and the counts agree with the annotations and with the text itself.
python3 - "$project/out/seed.json" "$seed" <<'EOF' || fail "pipeline output on the seed is wrong"
import json, sys
result = json.load(open(sys.argv[1], encoding="utf-8"))
text = open(sys.argv[2], encoding="utf-8").read()
assert result["errors"] == [], result["errors"]
(document,) = result["documents"]
counts = document["meta"]["term-counter"]["counts"]
terms = [a for a in document["annotations"] if a["type"] == "term"]
assert set(counts) == {"营商环境", "高质量发展", "数字经济", "项目建设"}, counts
for a in terms:
    assert text[a["begin"]:a["end"]] == a["text"] == a["attrs"]["term"], a
# `sentence` comes from the consumed segment annotations (absent outside any sentence).
assert any(isinstance(a["attrs"].get("sentence"), int) for a in terms), terms[:3]
for term, n in counts.items():
    assert n == sum(1 for a in terms if a["attrs"]["term"] == term), (term, n)
    assert n == text.count(term), (term, n, text.count(term))
stages = [s["use"] for s in result["provenance"]["stages"]]
assert stages == ["segment", "term-counter"], stages
print("sdk-smoke: seed run:", counts)
EOF

# 5. Errors shown in the tutorial.
expect_log "min_count: expected"
expect_log "got 'many'"
expect_log "exit code 2"
expect_log "missing-terms.txt: cannot read the terms file"
expect_log "exit code 5"

# 6. Installed plugin, found without --plugin-path.
[[ -f $sdk/lib/reportlens/plugins/libreportlens-term-counter.so ]] || fail "plugin not installed"
[[ -f $sdk/lib/reportlens/plugins/data/term-counter/terms.txt ]] || fail "plugin data not installed"
expect_log "file:        $sdk/lib/reportlens/plugins/libreportlens-term-counter.so"
# new-plugin refuses a name that is now taken, and a non-empty directory.
"$sdk/bin/pipeline" new-plugin term-counter --dir "$work/again" > "$work/again.log" 2>&1 && rc=0 || rc=$?
[[ $rc == 2 ]] && grep -q "already installed" "$work/again.log" || fail "new-plugin accepted a taken name (exit $rc)"
"$sdk/bin/pipeline" new-plugin other-counter --dir "$project" > "$work/again.log" 2>&1 && rc=0 || rc=$?
[[ $rc == 2 ]] || fail "new-plugin wrote into a non-empty directory (exit $rc)"

# 7. ABI refusal: the one-line message from the core and exit code 4, checked exactly here.
abi2=$project/build-abi2/plugins/libreportlens-term-counter.so
[[ -f $abi2 ]] || fail "ABI-2 plugin not built"
set +e
message=$(cd "$HOME" && "$sdk/bin/pipeline" check term-counter/pipeline.yaml \
            --plugin-path term-counter/build-abi2/plugins --input "$seed" 2>&1)
rc=$?
set -e
[[ $rc == 4 ]] || fail "ABI-2 plugin: exit code $rc, expected 4; output: $message"
[[ $(printf '%s\n' "$message" | wc -l) == 1 ]] || fail "ABI-2 refusal is not one line: $message"
[[ $message =~ ^pipeline:\ .*/libreportlens-term-counter\.so:\ plugin\ ABI\ 2\.[0-9]+,\ host\ supports\ 1\.[0-9]+-1\.[0-9]+\;\ rebuild\ the\ plugin\ against\ this\ reportlens\ SDK$ ]] ||
  fail "unexpected ABI refusal message: $message"
expect_log "exit code 4"

# 8. The pkg-config build is loaded too.
expect_log "file:        $project/build-pc/libreportlens-term-counter.so"

echo "sdk-smoke: OK ($((SECONDS)) s)"
