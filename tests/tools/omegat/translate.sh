#!/usr/bin/env bash
# Run OmegaT 3.x (Debian's `omegat`) headless on a project, as a script
# or CI can: no display, a fresh configuration folder of its own (so the
# user's ~/.omegat settings play no part), no project lock, and a time limit.
#
#   tests/tools/omegat/translate.sh PROJECT [MODE [ARGS...]]
#
# MODE is `console-translate` (the default: write target/ from source/ and
# omegat/project_save.tmx) or another console mode, such as
# `console-createpseudotranslatetmx --pseudotranslatetmx=FILE
# --pseudotranslatetype=equal`, which lists every segment OmegaT sees.
# OMEGAT_TIMEOUT (seconds, default 300) bounds the run; past it OmegaT is
# stopped and the script fails.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 PROJECT [MODE [ARGS...]]" >&2
  exit 2
fi
project=$1
mode=${2:-console-translate}
shift $(( $# > 1 ? 2 : 1 ))
case "$project" in
  *[[:space:]]*)
    # Debian's launcher passes its arguments on unquoted ($*).
    echo "$0: the project path must not contain spaces: $project" >&2
    exit 2 ;;
esac

config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
export JAVA_TOOL_OPTIONS=-Djava.awt.headless=true
timeout --kill-after=10 "${OMEGAT_TIMEOUT:-300}" \
  omegat "$project" --mode="$mode" --config-dir="$config" \
  --disable-project-locking --quiet "$@"
