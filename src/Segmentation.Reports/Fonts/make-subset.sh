#!/bin/sh
# Rebuilds the bundled fonts from Debian's fonts-noto-cjk with Debian's python3-fonttools.
# Face 2 of the Noto Sans CJK .ttc files is Simplified Chinese (SC).
set -e
cd "$(dirname "$0")"
/usr/bin/python3 make-subset.py
for weight in Regular Bold; do
  /usr/bin/python3 -m fontTools.subset /usr/share/fonts/opentype/noto/NotoSansCJK-$weight.ttc \
    --font-number=2 --text-file=subset-chars.txt --layout-features='*' \
    --output-file=NotoSansSC-$weight-Subset.otf
done
