#!/usr/bin/python3
"""Writes subset-chars.txt: the characters kept in the bundled Noto Sans CJK SC subset.

ASCII, Latin-1, General Punctuation, arrows, geometric shapes (KPI deltas ▲▼),
CJK Symbols and Punctuation, Halfwidth and Fullwidth Forms, and every character of GB2312
(each two-byte code 0xA1A1..0xF7FE that decodes). Radicals (U+2E80-2FDF, U+31C0-31EF) are
excluded on purpose: with them in the cmap Skia's ToUnicode maps 月户风 to radical code points.
"""
ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x25A0, 0x25FF),
          (0x3000, 0x303F), (0xFF00, 0xFFEF)]
chars = set()
for lo, hi in ranges:
    chars.update(chr(c) for c in range(lo, hi + 1))
gb = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            gb.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars |= gb
def radical(c):
    o = ord(c)
    return 0x2E80 <= o <= 0x2FDF or 0x31C0 <= o <= 0x31EF
import unicodedata
chars = {c for c in chars if not radical(c) and unicodedata.category(c) not in ("Cc", "Cn", "Cs")}
print(f"GB2312 characters: {len(gb)}; kept in total: {len(chars)}")
with open("subset-chars.txt", "w", encoding="utf-8") as f:
    f.write("".join(sorted(chars)))
