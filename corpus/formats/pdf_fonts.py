"""What a PDF font's glyphs are, cached code by code for the content-stream reader.

pdfminer.six builds the fonts (encodings, CMaps, ToUnicode maps, widths); this module
only memoises what the reader asks of them for every glyph: the character, the advance,
whether the font is bold. pdfminer's own CMap.decode walks a dict per byte, and most CJK
CMaps are two-byte only, so those strings are cut into codes in C.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pdfminer.cmapdb import CMap, CMapDB, IdentityCMap, IdentityCMapByte
from pdfminer.pdffont import PDFCIDFont, PDFFont, PDFUnicodeNotDefined
from pdfminer.pdftypes import resolve1

# Fonts named bold, and 黑体 (Hei), the face Chinese documents set headings in.
BOLD_NAME = re.compile(r"bold|heavy|black|semibold|demi|hei(?!ti)|黑", re.IGNORECASE)
FORCE_BOLD_FLAG = 1 << 18  # font descriptor flag bit 19 (PDF 32000-1, table 123)
BOLD_WEIGHT = 600
# Private-use code points and U+FFFD stand for a glyph whose character the font never named.
UNMAPPED_TEXT = re.compile("[\ue000-\uf8ff\ufffd]")

# Fonts that draw a radical and the character it looks like with one glyph (Noto/Source
# Han, used by browsers and office suites) often name the radical in their ToUnicode map:
# "⼈⺠" for 人民. Kangxi radicals (U+2F00-2FDF) fold to the character under NFKC; the
# CJK Radicals Supplement has no such mapping, so these are its radicals drawn like common
# characters, from Unicode's EquivalentUnifiedIdeograph.txt.
RADICAL_CHARACTERS = str.maketrans(
    {chr(radical): unicodedata.normalize("NFKC", chr(radical)) for radical in range(0x2F00, 0x2FD6)}
    | dict(
        zip(
            "⺟⺠⻄⻅⻆⻉⻋⻑⻓⻔⻘⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
            "母民西见角贝车長长门青页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟",
            strict=True,
        )
    )
    # The same fonts draw "——" as one two-em dash glyph (and "———" as a three-em one).
    | {"\u2e3a": "——", "\u2e3b": "———"}
)
RADICALS = re.compile("[\u2e3a\u2e3b\u2e80-\u2fdf]")

# The character collection a predefined CMap's name implies (PDF 32000-1, table 118: the
# Chinese, Japanese and Korean CMaps are named after their collection's charsets). A font
# names its collection in CIDSystemInfo too, and pdfminer reads the characters from there;
# where that is unreadable the CMap's name still says it. reportlab, for one, leaves those
# strings unencrypted in a copy-protected file, so a reader that decrypts them gets noise.
CMAP_COLLECTIONS = (
    (re.compile(r"GB"), "Adobe-GB1"),
    (re.compile(r"CNS|B5|ETen|HK"), "Adobe-CNS1"),
    (re.compile(r"JIS|90ms|90pv|83pv|Hankaku|Hiragana|Katakana|Roman|WP-Symbol"), "Adobe-Japan1"),
    (re.compile(r"KS"), "Adobe-Korea1"),
)
KNOWN_COLLECTION = re.compile(r"Adobe-(?:GB1|CNS1|Japan1|Korea1|Identity|UCS)")

# (character or None when the font does not say, advance in text space, word-spacing space)
Glyph = tuple[str | None, float, bool]


@dataclass(slots=True)
class FontGlyphs:
    font: PDFFont
    codes: Callable[[bytes], Iterable[int]]
    to_cid: Callable[[int], int | None]
    bold: bool
    vertical: bool
    glyphs: dict[int, Glyph] = field(default_factory=dict)

    def glyph(self, code: int) -> Glyph:
        """The glyph of a code not seen before in this font."""
        font = self.font
        cid = self.to_cid(code)
        text: str | None = None
        width = font.default_width * font.hscale
        if cid is not None:
            width = font.char_width(cid)
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = None
            if text is not None and (not text or UNMAPPED_TEXT.search(text)):
                text = None
            elif text is not None and RADICALS.search(text):
                text = text.translate(RADICAL_CHARACTERS)
        entry = (text, width, code == 32 and not font.is_multibyte())
        self.glyphs[code] = entry
        return entry


def _same_code(code: int) -> int:
    return code


def _two_byte_codes(data: bytes) -> array:
    codes = array("H")
    codes.frombytes(data[: len(data) // 2 * 2])
    if sys.byteorder == "little":
        codes.byteswap()
    return codes


def _is_bold(font: PDFFont) -> bool:
    name = str(getattr(font, "basefont", "") or font.fontname or "")
    weight = resolve1(font.descriptor.get("FontWeight", 0))
    return bool(
        BOLD_NAME.search(name)
        or font.flags & FORCE_BOLD_FLAG
        or (isinstance(weight, int | float) and weight >= BOLD_WEIGHT)
    )


def _collection_from_cmap_name(font: PDFCIDFont) -> None:
    """Give a CJK font whose CIDSystemInfo is unreadable the characters its CMap implies."""
    if font.unicode_map is not None or KNOWN_COLLECTION.fullmatch(font.cidcoding):
        return
    name = str(getattr(font.cmap, "attrs", {}).get("CMapName", ""))
    collection = next((c for pattern, c in CMAP_COLLECTIONS if pattern.search(name)), None)
    if collection:
        try:
            font.unicode_map = CMapDB.get_unicode_map(collection, font.cmap.is_vertical())
        except CMapDB.CMapNotFound:
            pass


def describe_font(font: PDFFont) -> FontGlyphs:
    if isinstance(font, PDFCIDFont):
        _collection_from_cmap_name(font)
    bold, vertical = _is_bold(font), font.is_vertical()
    if not isinstance(font, PDFCIDFont) or isinstance(font.cmap, IdentityCMapByte):
        return FontGlyphs(font, bytes.__iter__, _same_code, bold, vertical)
    cmap = font.cmap
    if isinstance(cmap, IdentityCMap):
        return FontGlyphs(font, _two_byte_codes, _same_code, bold, vertical)
    table = cmap.code2cid if isinstance(cmap, CMap) else None
    if table and all(isinstance(value, dict) for value in table.values()):

        def to_cid(code: int) -> int | None:
            cid = table.get(code >> 8, {}).get(code & 0xFF)  # type: ignore[union-attr]
            return cid if isinstance(cid, int) else None

        return FontGlyphs(font, _two_byte_codes, to_cid, bold, vertical)

    def decode(data: bytes) -> list[int]:
        return list(font.decode(data))

    return FontGlyphs(font, decode, _same_code, bold, vertical)
