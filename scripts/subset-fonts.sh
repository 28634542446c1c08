#!/usr/bin/env bash
# Regenerate the theme's fonts: Noto Serif (text) and Noto Sans (headings,
# navigation), SIL Open Font License 1.1, subset to the letters of the
# edition's seven languages plus punctuation, as WOFF2, into
# themes/default/static/theme/fonts/. The build and the tests never run
# this: the WOFF2 files are committed.
#
# Needs Debian's fonts-noto-core (the TTF sources) and PyPI's
# fonttools[woff] (pyftsubset, with brotli for WOFF2); installs them if
# they are missing.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$repo/themes/default/static/theme/fonts"
src=/usr/share/fonts/truetype/noto

if [[ ! -f "$src/NotoSerif-Regular.ttf" ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq fonts-noto-core >/dev/null
fi
python3 -c "import fontTools, brotli" 2>/dev/null || pip install -q "fonttools[woff]"

# The letters each language's alphabet has, whether or not today's text
# uses them, so that a later correction never falls back to another face:
unicodes=(
    U+0020-007E          # Basic Latin: English, and the Latin letters of Turkmen and Uzbek
    U+00A0-00FF          # Latin-1: ä ç ö ü ý (Turkmen), « » · § ¶ and the no-break space
    U+0147-0148 U+015E-015F U+017D-017E  # Ň ň Ş ş Ž ž (Turkmen)
    U+02BB-02BC          # ʻ (Uzbek oʻ gʻ) and ʼ (Uzbek tutuq belgisi)
    U+0401 U+0406 U+0410-044F U+0451 U+0456  # Russian, and І і (Kazakh)
    U+0492-0493 U+049A-049B U+04A2-04A3 U+04AE-04B3 U+04B6-04B7 U+04BA-04BB  # Ғ Қ Ң Ү Ұ Ҳ Ҷ Һ
    U+04D8-04D9 U+04E2-04E3 U+04E8-04E9 U+04EE-04EF  # Ә Ӣ Ө Ӯ
    U+2010-2015 U+2018-201E U+2020-2022 U+2026 U+2030 U+2039-203A  # dashes, quotes, …
    U+2116 U+2212        # № and the minus sign
)
# ... plus any other character the project's texts use today.
extra=$(python3 - "$repo" <<'PY'
import pathlib, sys
root = pathlib.Path(sys.argv[1])
files = [root / "sources/statement.md"] + sorted(root.glob("locales/*/statement.yaml")) + sorted(root.glob("locales/*/site.ftl"))
chars = set()
for f in files:
    chars.update(c for c in f.read_text(encoding="utf-8") if ord(c) > 0x7E)
print(",".join(f"U+{ord(c):04X}" for c in sorted(chars)))
PY
)
list=$(IFS=,; echo "${unicodes[*]}")
for face in NotoSerif-Regular NotoSans-Regular NotoSans-Bold; do
    pyftsubset "$src/$face.ttf" \
        --unicodes="$list,$extra" \
        --layout-features='kern,liga,locl,mark,mkmk,ccmp' \
        --no-hinting --desubroutinize \
        --flavor=woff2 \
        --output-file="$out/$face.woff2"
    echo "$face.woff2: $(stat -c %s "$out/$face.woff2") bytes"
done
# The licence travels with the fonts: the OFL 1.1 text from Debian's
# copyright file (its "License: OFL-1.1" stanza, unindented).
{
    echo "Noto Serif and Noto Sans: Copyright 2010, 2012-2020 Google Inc.; 2015-2020 Google LLC."
    echo "Subset by scripts/subset-fonts.sh from Debian's fonts-noto-core."
    echo "This Font Software is licensed under the SIL Open Font License, Version 1.1:"
    echo
    python3 - <<'PY'
import re
text = open("/usr/share/doc/fonts-noto-core/copyright", encoding="utf-8").read()
# The stand-alone stanza: "License: OFL-1.1" followed by the indented text
# (the longest of the stanzas that start so; the others are one-line grants).
stanzas = re.findall(r"^License: OFL-1\.1\n((?: .*\n)+)", text, re.M)
full = max(stanzas, key=len)
for line in full.splitlines():
    line = line[1:]
    print("" if line == "." else line)
PY
} > "$out/OFL.txt"
