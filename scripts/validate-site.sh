#!/usr/bin/env bash
# Validate the built site: the Nu Html Checker (npm's vnu-jar, needs java)
# must report 0 errors, and the link check must pass, for the published build
# (with a base URL) and for the --offline build.
#
# Needs: cargo, node/npm, java. Uses $TOLMACH if set, else builds target/release/tolmach.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
browser="$repo/tests/browser"
base_url="https://example.org/statement/"

if [[ -n "${TOLMACH:-}" ]]; then
    bin=$TOLMACH
else
    cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
    bin="$repo/target/release/tolmach"
fi
vnu="$browser/node_modules/vnu-jar/build/dist/vnu.jar"
if [[ ! -f "$vnu" ]]; then
    (cd "$browser" && npm install --no-audit --no-fund)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" build --root "$repo" --base-url "$base_url" --out "$tmp/site"
"$bin" build --root "$repo" --offline --out "$tmp/offline" 2>/dev/null

status=0
for site in site offline; do
    count=$(find "$tmp/$site" -name '*.html' | wc -l)
    echo "== Nu Html Checker: $site build ($count HTML files)"
    if java -jar "$vnu" --errors-only --skip-non-html "$tmp/$site"; then
        echo "0 errors"
    else
        echo "the Nu Html Checker reported errors in the $site build" >&2
        status=1
    fi
done

echo "== link check: site build"
node "$browser/linkcheck.mjs" "$tmp/site" --base-url "$base_url" | tail -n 40 || status=1
echo "== link check: offline build"
node "$browser/linkcheck.mjs" "$tmp/offline" --offline | tail -n 40 || status=1

exit $status
