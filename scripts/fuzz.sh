#!/bin/sh
# Run every cargo-fuzz target of Tolmach for a bounded time (not part of CI).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS defaults to 600 per target; targets default to all six. Needs
# cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain, or the
# stable one with RUSTC_BOOTSTRAP=1. Two targets run at a time. Crashes land
# in fuzz/artifacts/<target>/; the final libFuzzer statistics of each run are
# in fuzz/logs/<target>.log.
set -eu

seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-source_parser translation_loader fluent_loading whole_build po_import xliff_import}

cd "$(dirname "$0")/../fuzz"
mkdir -p logs

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    fuzz="cargo +nightly fuzz"
else
    export RUSTC_BOOTSTRAP=1
    fuzz="cargo fuzz"
fi

$fuzz build -O

run() {
    # A scratch corpus keeps fuzz/corpus/ small; new finds stay in logs/.
    status=0
    mkdir -p "logs/corpus-$1"
    $fuzz run -O "$1" "logs/corpus-$1" "corpus/$1" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        >"logs/$1.log" 2>&1 || status=$?
    echo "$1: exit $status; $(grep -E '^stat::number_of_executed_units' "logs/$1.log" || echo 'no stats')"
    return $status
}

failed=0
set -- $targets
while [ $# -gt 0 ]; do
    first=$1; shift
    if [ $# -gt 0 ]; then
        second=$1; shift
        run "$first" & a=$!
        run "$second" & b=$!
        wait $a || failed=1
        wait $b || failed=1
    else
        run "$first" || failed=1
    fi
done
exit $failed
