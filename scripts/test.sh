#!/usr/bin/env bash
# Runs every test of Tolmach, installing what the tests need on a fresh
# Debian machine first: the Rust tests, then the real-browser tests
# (Debian's chromium driven by npm's playwright-core, with axe-core), the
# Nu Html Checker (npm's vnu-jar) and the link check over the built site,
# and the checks of exported PO (gettext's msgfmt) and XLIFF (PyPI's
# translate-toolkit) files.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v msgfmt >/dev/null 2>&1 || need_apt+=(gettext)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -c "import translate" 2>/dev/null || pip install -q translate-toolkit
if [ -f tests/browser/package.json ]; then
  (cd tests/browser && npm install --no-audit --no-fund --silent)
fi

cargo build --release --quiet
cargo test --all-targets

if [ -f tests/browser/package.json ]; then
  for script in tests/browser/*.mjs; do
    case "$script" in */lib*|*/screenshots.mjs|*/server.mjs) continue ;; esac
    echo "== node $script"
    node "$script"
  done
fi
if [ -x scripts/validate-site.sh ]; then
  echo "== scripts/validate-site.sh"
  scripts/validate-site.sh
fi
echo "all tests passed"
