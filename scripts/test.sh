#!/usr/bin/env bash
# Runs every test of Tolmach, installing what the tests need on a fresh
# Debian machine first: the Rust tests, then the real-browser tests
# (Debian's chromium driven by npm's playwright-core, with axe-core), the
# Nu Html Checker (npm's vnu-jar) and the link check over the built site,
# the checks of exported PO (gettext's msgfmt) and XLIFF (PyPI's
# translate-toolkit) files, the round trip through a translator's CAT
# tool (Debian's OmegaT 3.6, run headless: tests/omegat.rs), and EPUBCheck
# over the EPUB of every language (Debian's epubcheck 4.2.6: tests/epub.rs).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v msgfmt >/dev/null 2>&1 || need_apt+=(gettext)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v omegat >/dev/null 2>&1 || need_apt+=(omegat)
# Debian's EPUBCheck: from the Debian mirror with its Java libraries, where
# npm's epubchecker would download the jar from elsewhere at install time.
[ -f /usr/share/java/epubcheck.jar ] || need_apt+=(epubcheck)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -c "import translate" 2>/dev/null || pip install -q translate-toolkit
(cd tests/browser && npm ci --no-audit --no-fund --silent)

# OmegaT and EPUBCheck are installed above, so their tests must run, not skip.
export TOLMACH_REQUIRE_OMEGAT=1
export TOLMACH_REQUIRE_EPUBCHECK=1

cargo build --release --quiet
cargo test --workspace --all-targets

# Real-browser tests: accessibility (axe-core) of every page type in both
# colour schemes at 1280, 390 and 320 px, the switcher keeping the
# paragraph, reading the edition as issue 19 asks (switcher, provenance,
# numbers, structure, parallel view, print page count, fonts), search and
# citation over http and file:// (issue 16), and serve's live reload after a
# translation edit.
for script in a11y switcher reading search reload; do
  echo "== node tests/browser/$script.mjs"
  node "tests/browser/$script.mjs"
done
# The Nu Html Checker and the link check over the whole built site.
echo "== scripts/validate-site.sh"
scripts/validate-site.sh
echo "all tests passed"
