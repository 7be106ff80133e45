#!/bin/sh
# Rebuilds libs/platform/assets/fonts/clinic-cjk.ttf, the font the PDF module embeds (see the README beside it).
# Needs Debian's fonts-wqy-microhei and python3-fonttools:
#   apt-get install -y fonts-wqy-microhei python3-fonttools
# Run from anywhere: ./scripts/make-font-subset.sh
set -eu

SRC=${SRC:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
OUT="$(cd "$(dirname "$0")/.." && pwd)/libs/platform/assets/fonts/clinic-cjk.ttf"

# Face 0 of the collection is the proportional "Micro Hei" (face 1 is the Mono one).
# Ranges: ASCII, Latin-1, general punctuation, letterlike symbols (℃ №), number forms (Ⅰ Ⅱ),
# enclosed numbers (① ⑴), geometric shapes (□ ■ ○ for check boxes), CJK symbols and punctuation,
# all CJK Unified Ideographs (rare characters in patient names), full-width forms.
# Hinting and the layout/vertical tables are dropped: PDFs need only outlines and horizontal metrics.
# Debian's python3-fonttools ships no pyftsubset launcher, so the module is run directly.
/usr/bin/python3 -m fontTools.subset "$SRC" \
  --font-number=0 \
  --unicodes='U+0020-007E,U+00A0-00FF,U+2000-206F,U+2100-214F,U+2150-218F,U+2460-24FF,U+25A0-25FF,U+3000-303F,U+4E00-9FFF,U+FF00-FFEF' \
  --no-hinting \
  --drop-tables+=FFTM,GDEF,GPOS,GSUB,vhea,vmtx,gasp \
  --layout-features='' \
  --notdef-outline \
  --no-glyph-names \
  --output-file="$OUT"

ls -l "$OUT"
