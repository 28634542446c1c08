#!/usr/bin/env bash
# Check tolmach's exports with tools that are not tolmach.
#
#   tests/tools/check_interchange.sh ROOT LANG OUTDIR
#
# Exports LANG of the project at ROOT as PO, XLIFF 2.1 and XLIFF 1.2 into
# OUTDIR, then
#   1. checks the PO with GNU gettext: msgfmt --check-format --check;
#   2. reads all three files with translate-toolkit (PyPI), an independent
#      reader, and writes what it sees to OUTDIR/LANG.{po,xliff,xliff12}.tsv,
#      one line per unit: id, translated (1/0), source, target (with \n, \t
#      and \\ escaped);
#   3. fails unless the three views agree.
# The tolmach binary is $TOLMACH (default: target/release/tolmach).
# Needs: Debian package gettext, PyPI package translate-toolkit.
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 ROOT LANG OUTDIR" >&2
  exit 2
fi
root=$1 lang=$2 out=$3
tolmach=${TOLMACH:-target/release/tolmach}
mkdir -p "$out"

for format in po xliff xliff12; do
  "$tolmach" export "$lang" --root "$root" --format "$format" --out "$out/$lang.$format"
done

msgfmt --check-format --check -o /dev/null "$out/$lang.po"

python3 - "$out" "$lang" <<'PY'
import sys
from translate.storage import po, xliff, xliff2

out, lang = sys.argv[1], sys.argv[2]
readers = {"po": po.pofile, "xliff": xliff2.Xliff2File, "xliff12": xliff.xlifffile}


def esc(text):
    return (text or "").replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


views = {}
for fmt, reader in readers.items():
    store = reader.parsefile(f"{out}/{lang}.{fmt}")
    declared = store.gettargetlanguage()
    if declared != lang:
        sys.exit(f"{fmt}: translate-toolkit reads target language {declared!r}, expected {lang!r}")
    rows = []
    for unit in store.units:
        if unit.isheader():
            continue
        uid = unit.getcontext() if fmt == "po" else unit.getid().split("\x04")[-1]
        if fmt == "xliff12":
            # translate-toolkit's istranslated() for XLIFF 1.2 asks for
            # approved="yes", which Tolmach (as the XLIFF 1.2 spec reads it)
            # sets only on approved, final units; a translated but not yet
            # reviewed unit is done by its state, which translate-toolkit
            # reads as "unreviewed" (S_UNREVIEWED).
            translated = bool(unit.target) and unit.get_state_n() >= unit.S_UNREVIEWED
        else:
            translated = unit.istranslated()
        done = "1" if translated else "0"
        rows.append("\t".join([uid, done, esc(unit.source), esc(unit.target)]))
    with open(f"{out}/{lang}.{fmt}.tsv", "w", encoding="utf-8") as f:
        f.write("".join(row + "\n" for row in rows))
    views[fmt] = rows

first = views["po"]
for fmt, rows in views.items():
    if rows != first:
        for a, b in zip(first, rows):
            if a != b:
                sys.exit(f"translate-toolkit sees po and {fmt} differently:\n  po: {a}\n  {fmt}: {b}")
        sys.exit(f"translate-toolkit sees {len(first)} units in po but {len(rows)} in {fmt}")
print(f"ok: msgfmt accepts {lang}.po; translate-toolkit reads the same {len(first)} units "
      f"({sum(r.split(chr(9))[1] == '1' for r in first)} translated) from po, xliff and xliff12")
PY

# 4. Files written back by translate-toolkit (as Weblate and Pootle write
#    them: PO rewrapped at 77 columns, XML reserialized) import cleanly:
#    saved as read, nothing changes; with one target edited, exactly one.
python3 - "$out" "$lang" <<'PY'
import sys
from translate.storage import po, xliff, xliff2

out, lang = sys.argv[1], sys.argv[2]
readers = {"po": po.pofile, "xliff": xliff2.Xliff2File, "xliff12": xliff.xlifffile}
for fmt, reader in readers.items():
    store = reader.parsefile(f"{out}/{lang}.{fmt}")
    store.savefile(f"{out}/{lang}.same.{fmt}")
    unit = next(
        u for u in store.units
        if not u.isheader() and u.target
        and (u.get_state_n() >= u.S_UNREVIEWED if fmt == "xliff12" else u.istranslated())
    )
    unit.target = "Edited by translate-toolkit: " + unit.target
    if fmt == "xliff12":
        unit.markfuzzy(False)
    store.savefile(f"{out}/{lang}.edited.{fmt}")
PY
for format in po xliff xliff12; do
  same=$("$tolmach" import --root "$root" --dry-run "$out/$lang.same.$format")
  edited=$("$tolmach" import --root "$root" --dry-run "$out/$lang.edited.$format")
  case "$same" in
    *": changed 0, unchanged "*", rejected 0"*) ;;
    *) echo "re-saved $format does not import unchanged: $same" >&2; exit 1 ;;
  esac
  case "$edited" in
    *": changed 1, unchanged "*", rejected 0"*) ;;
    *) echo "edited $format does not import as one change: $edited" >&2; exit 1 ;;
  esac
done
echo "ok: po, xliff and xliff12 re-saved by translate-toolkit import unchanged; one edit imports as one change"
