"""Live-game nicknames: what is shown, and the key two look-alike nicknames share.

`Bob`, `bob`, `Ｂｏｂ` (full width) and `B\u200bob` (a zero-width space inside) look like one
player on the projector, so they are one nickname: the key is the NFKC form, case-folded, with
invisible characters and spaces taken out. Pure Python, no Django.
"""

import unicodedata

# Characters that draw nothing: every format and control character (Unicode categories Cf and
# Cc: zero-width spaces and joiners, the byte-order mark, direction marks, the soft hyphen),
# unassigned and private-use code points, and the few other Default_Ignorable_Code_Point
# characters of Unicode's DerivedCoreProperties.txt that are letters or marks: the combining
# grapheme joiner, the Hangul fillers, the Khmer inherent vowels, the Mongolian variation
# selectors and the variation selectors.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs"})
INVISIBLE_RANGES = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xE0100, 0xE01EF),
)
KEY_LENGTH = 200  # NFKC can lengthen a character (㍿ is 株式会社); the key stays within a column


def _visible(char: str) -> bool:
    if unicodedata.category(char) in INVISIBLE_CATEGORIES:
        return False
    code = ord(char)
    return not any(low <= code <= high for low, high in INVISIBLE_RANGES)


def nickname_shown(nickname: str) -> str:
    """The nickname as the projector shows it: invisible characters out, spaces collapsed."""
    return " ".join("".join(char for char in nickname if _visible(char)).split())


def nickname_key(nickname: str) -> str:
    """What two nicknames that look alike have in common (NFKC, case-folded, nothing invisible)."""
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", nickname).casefold())
    return "".join(char for char in text if _visible(char) and not char.isspace())[:KEY_LENGTH]
