#!/usr/bin/python3
"""Reference facts about the bundled font subsets, read with fontTools (independent of Skia).

Run from the repository root: /usr/bin/python3 tests/reference/fonts/subset_cmap.py
Writes tests/reference/fonts/subset_cmap.json.
"""
import json
from fontTools.ttLib import TTFont

FONTS = "src/Segmentation.Reports/Fonts/"
listed = open(FONTS + "subset-chars.txt", encoding="utf-8").read()
gb2312_hanzi = []
for hi in range(0xB0, 0xF8):          # GB2312 rows 16-87: the 6 763 hanzi
    for lo in range(0xA1, 0xFF):
        try:
            gb2312_hanzi.append(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
out = {"listed": len(listed), "gb2312_hanzi": len(gb2312_hanzi), "gb2312_hanzi_text": "".join(gb2312_hanzi)}
for weight in ("Regular", "Bold"):
    cmap = TTFont(FONTS + f"NotoSansSC-{weight}-Subset.otf").getBestCmap()
    out[weight] = {
        "cmap_codepoints": len(cmap),
        "listed_with_glyph": sum(1 for c in listed if ord(c) in cmap),
        "radicals": sum(1 for c in cmap if 0x2E80 <= c <= 0x2FDF or 0x31C0 <= c <= 0x31EF),
        "gb2312_hanzi_missing": sum(1 for c in gb2312_hanzi if ord(c) not in cmap),
    }
json.dump(out, open("tests/reference/fonts/subset_cmap.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print({k: v for k, v in out.items() if k != "gb2312_hanzi_text"})
