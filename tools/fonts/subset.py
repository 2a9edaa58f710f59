#!/usr/bin/python3
"""Rebuilds the chart fonts embedded in src/DerivBot.Charts/Fonts from the full Noto Sans CJK fonts.

Maintainer's tool, not a user's step (see build-subsets.sh for the apt packages). For each region (TC, SC) and weight
(Regular, Bold) it takes that face out of the Noto Sans CJK collection, keeps only the characters charts can draw, and
renames the family: the SIL OFL 1.1 reserves the original name for unmodified fonts, so a subset may not be called
"Noto Sans CJK". The character set is:
  - ASCII, Latin-1, common punctuation and symbols, CJK punctuation, fullwidth forms, CJK numerals and units;
  - every character in every .resx file under src/ (all languages, including keys other branches add later);
  - every character in the chart sources (src/DerivBot.Charts, src/DerivBot.Core/Charts): painters' own literals.
Characters the source font lacks (emoji, controls) are listed and skipped; the C# test FontCoverageTests names any
chart string character the shipped font lacks.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "DerivBot.Charts", "Fonts")
NOTO_DIR = os.environ.get("NOTO_CJK_DIR", "/usr/share/fonts/opentype/noto")
REGIONS = {"TC": "Noto Sans CJK TC", "SC": "Noto Sans CJK SC"}
WEIGHTS = {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"}

# Fixed ranges: what numbers, axes and units need regardless of wording.
BASE = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
BASE |= set(range(0x2010, 0x2017)) | set(range(0x2018, 0x201F, 1)) - {0x201B} | {0x2020, 0x2021, 0x2022, 0x2025, 0x2026, 0x2027}
BASE |= {0x2030, 0x2032, 0x2033, 0x2035, 0x2039, 0x203A, 0x203B, 0x2074}
BASE |= {0x20AC, 0x2116, 0x2122, 0x2190, 0x2191, 0x2192, 0x2193, 0x2194, 0x2212, 0x2248, 0x2260, 0x2264, 0x2265, 0x221E}
BASE |= {0x24C8, 0x25B2, 0x25BC, 0x25CF, 0x25A0, 0x2713}
BASE |= set(range(0x3000, 0x3020)) | set(range(0xFF01, 0xFF5F))
BASE |= {ord(c) for c in "〇零一二三四五六七八九十百千萬億兆万亿两兩元美秒分時时天日週周月年"}
# Market vocabulary in both scripts that wording is likely to use next (coins, venues, options, derivatives), so a new
# string is usually covered before anyone reruns this script.
BASE |= {ord(c) for c in (
    "比特幣币以太坊幣安币安歐易欧易火幣火币芝商所交易平台永續永续合約合约現貨现货期貨期货期權期权選擇權选择权"
    "看漲看涨看跌認購认购認沽认沽行權行权價价履約履约到期日波動率波动率隱含隐含持倉持仓量未平倉未平仓"
    "買賣买卖成交額额資金費率资金费率多空頭头擁擠拥挤槓桿杠杆清算爆倉爆仓強平强平標記标记指數指数"
    "最高低開開开收盤盘漲跌涨跌幅變化变化比例總计計合併合并各所聚合來源来源更新延遲延迟錯誤错误")}


# String and char literals of C# source (comments skipped; the same pattern as FontCoverageTests).
LITERALS = re.compile(r'//[^\n]*|/\*.*?\*/|"((?:\\.|[^"\\\n])*)"|\'((?:\\.|[^\'\\\n]))\'', re.S)


def chart_characters():
    chars = set(BASE)
    for path in glob.glob(os.path.join(ROOT, "src", "**", "*.resx"), recursive=True):
        for data in ET.parse(path).getroot().iter("data"):
            value = data.find("value")
            if value is not None and value.text:
                chars |= {ord(c) for c in value.text}
    sources = glob.glob(os.path.join(ROOT, "src", "DerivBot.Charts", "**", "*.cs"), recursive=True)
    sources += glob.glob(os.path.join(ROOT, "src", "DerivBot.Core", "Charts", "*.cs"))
    for path in sources:
        if os.sep + "obj" + os.sep in path or os.sep + "bin" + os.sep in path:
            continue
        with open(path, encoding="utf-8") as f:
            for literal in LITERALS.finditer(f.read()):
                chars |= {ord(c) for c in (literal.group(1) or literal.group(2) or "")}
    return {c for c in chars if c >= 0x20}


def face(collection_path, family):
    collection = TTCollection(collection_path)
    for font in collection.fonts:
        if font["name"].getDebugName(1) == family:
            return font
    sys.exit(f"{collection_path} has no face '{family}'")


def rename(font, region, weight):
    family = f"DerivBot Sans {region}"
    full = family if weight == "Regular" else f"{family} {weight}"
    postscript = f"DerivBotSans{region}-{weight}"
    version = font["name"].getDebugName(5) or "Version 1"
    names = font["name"]
    keep = {0, 5, 7, 8, 9, 11, 12, 13, 14}
    names.names = [n for n in names.names if n.nameID in keep]
    # Family/subfamily the way a four-style family declares them: Regular and Bold under one family name.
    for name_id, value in {1: family, 2: weight, 3: f"{postscript};{version}", 4: full, 6: postscript}.items():
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FullName = full
        top.FamilyName = family
        if hasattr(top, "FontName"):
            top.FontName = postscript


def main():
    chars = chart_characters()
    os.makedirs(OUT, exist_ok=True)
    copyright_line = None
    for region, family in REGIONS.items():
        for weight, file_name in WEIGHTS.items():
            font = face(os.path.join(NOTO_DIR, file_name), family)
            cmap = font.getBestCmap()
            missing = sorted(c for c in chars if c not in cmap)
            if missing:
                print(f"{region} {weight}: not in the source font, skipped: "
                      + " ".join(f"U+{c:04X}" for c in missing))
            copyright_line = font["name"].getDebugName(0)
            options = subset.Options()
            # Charts draw with SkiaSharp's DrawText: one glyph per character from cmap and hmtx, no shaping and no
            # vertical text, so layout and vertical tables would only add bytes.
            options.layout_features = []
            options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG"]
            options.name_IDs = ["*"]
            options.name_languages = ["*"]
            options.notdef_outline = True
            options.hinting = False              # charts are drawn anti-aliased at 10–24 px; hints only add bytes
            options.desubroutinize = False
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=[c for c in chars if c in cmap])
            subsetter.subset(font)
            rename(font, region, weight)
            font.recalcTimestamp = False         # reproducible bytes: rerunning on the same input changes nothing
            target = os.path.join(OUT, f"DerivBotSans{region}-{weight}.otf")
            font.save(target)
            print(f"{target}: {os.path.getsize(target):,} bytes, {len(font.getBestCmap())} characters")
    write_licence(copyright_line)


def write_licence(copyright_line):
    """OFL.txt beside the fonts: the copyright line, the reserved names and the licence text (from Debian's copyright file)."""
    with open(os.path.join("/usr/share/doc/fonts-noto-cjk", "copyright"), encoding="utf-8") as f:
        debian = f.read()
    start = debian.index("License: SIL-1.1\n -")
    body = debian[start:].split("\n", 1)[1]
    lines = []
    for line in body.split("\n"):
        if not line.startswith(" "):
            break
        lines.append("" if line.strip() == "." else line[1:])
    with open(os.path.join(OUT, "OFL.txt"), "w", encoding="utf-8") as f:
        f.write("DerivBot Sans TC and DerivBot Sans SC (Regular, Bold) are Modified Versions of Noto Sans CJK TC and\n")
        f.write("Noto Sans CJK SC: subsets holding only the characters DerivBot's charts draw, renamed because the\n")
        f.write("licence reserves the original names. Rebuilt by tools/fonts/subset.py from Debian's fonts-noto-cjk.\n\n")
        f.write(f"Noto Sans CJK: {copyright_line} Reserved Font Names: 'Source' (upstream), 'Noto' (a trademark of\n")
        f.write("Google Inc.); neither is used by these Modified Versions.\n\n")
        f.write("This Font Software is licensed under the SIL Open Font License, Version 1.1.\n\n")
        f.write("\n".join(lines).strip() + "\n")

if __name__ == "__main__":
    main()
