"""Word automatic numbering (numbering.xml) to the labels the reader sees: "（一）", "第三章".

A .txt copy saved from Word keeps the labels as text; python-docx only gives the runs, so
an auto-numbered "（一）坚持……" would lose its "（一）" and the parser its heading. This
module resolves a paragraph's numbering (direct or through its style), counts as Word
does (ECMA-376 part 1, 17.9: counters belong to the abstract definition, shared by every
w:num that points at it; a w:num's startOverride restarts its level the first time that
w:num is used; a level restarts when a higher level is used, unless lvlRestart says
otherwise) and formats the counters (numFmt) into the level's text (lvlText).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

LEVELS = 9

# Chinese numerals: digits and the units of ten, hundred and thousand, plain and legal
# (大写, the forms cheques and contracts use).
CHINESE_DIGITS = "零一二三四五六七八九"
DIGIT_BY_DIGIT = "〇一二三四五六七八九"  # ideographDigital: 二〇二五
CHINESE_UNITS = "十百千"
LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
LEGAL_UNITS = "拾佰仟"
LEGAL_TRADITIONAL_DIGITS = "零壹貳參肆伍陸柒捌玖"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"  # ideographTraditional
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"  # ideographZodiac
ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]
# After a label ending in Chinese punctuation, Word's default tab reads as nothing in a
# .txt copy ("（一）坚持", "一、总体要求"); after any other ("1.", "第一章") as a space.
CJK_LABEL_END = "、）．："


def chinese_number(n: int, digits: str = CHINESE_DIGITS, units: str = CHINESE_UNITS) -> str:
    """1 一, 10 十, 11 十一, 20 二十, 101 一百零一, 1200 一千二百; legal: 壹拾壹."""
    if n <= 0:
        return digits[0]
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = chinese_number(low, digits, units) if low else ""
        zero = digits[0] if 0 < low < 1000 else ""
        return chinese_number(high, digits, units) + "万" + zero + rest
    # "十一", not "一十一", when ten is the highest place; legal forms write 壹拾壹.
    compact_ten = digits == CHINESE_DIGITS
    pieces: list[str] = []
    zero = False
    for power in (3, 2, 1, 0):
        value = n // 10**power % 10
        if value == 0:
            zero = bool(pieces)
            continue
        if zero:
            pieces.append(digits[0])
            zero = False
        if not (power == 1 and value == 1 and not pieces and compact_ten):
            pieces.append(digits[value])
        if power:
            pieces.append(units[power - 1])
    return "".join(pieces)


def _roman(n: int) -> str:
    out = []
    for value, letters in ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: A … Z, AA … ZZ, AAA …
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _cycle(symbols: str) -> Callable[[int], str]:
    return lambda n: symbols[(n - 1) % len(symbols)] if n > 0 else ""


def _enclosed(first: int, last: int) -> Callable[[int], str]:
    return lambda n: chr(first + n - 1) if 1 <= n <= last else str(n)


NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    ),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "chineseCounting": chinese_number,
    "chineseCountingThousand": chinese_number,
    "japaneseCounting": chinese_number,
    "taiwaneseCounting": chinese_number,
    "taiwaneseCountingThousand": chinese_number,
    "ideographDigital": lambda n: "".join(DIGIT_BY_DIGIT[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: chinese_number(n, LEGAL_DIGITS, LEGAL_UNITS),
    "ideographLegalTraditional": lambda n: chinese_number(n, LEGAL_TRADITIONAL_DIGITS, LEGAL_UNITS),
    "ideographTraditional": _cycle(HEAVENLY_STEMS),
    "ideographZodiac": _cycle(EARTHLY_BRANCHES),
    "none": lambda n: "",
}


@dataclass
class Level:
    start: int = 0  # ECMA-376 17.9.25: a level without w:start starts at zero
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart; None: after any higher level
    suffix: str = "tab"
    legal: bool = False  # isLgl: every level shown in decimal


@dataclass
class _Instance:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # level -> startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # level -> lvlOverride/lvl


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(element: Any) -> Level:
    restart = _val(element, "w:lvlRestart")
    return Level(
        start=_int(_val(element, "w:start"), 0),
        fmt=_val(element, "w:numFmt") or "decimal",
        text=_val(element, "w:lvlText") or "",
        restart=_int(restart, 0) if restart is not None else None,
        suffix=_val(element, "w:suff") or "tab",
        legal=element.find(qn("w:isLgl")) is not None
        and _val(element, "w:isLgl") not in ("0", "false"),
    )


class Numbering:
    """The numbering definitions of one document and the running counters."""

    def __init__(self, numbering: Any | None, style_links: dict[str, str]) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstract with numStyleLink -> style id
        self.instances: dict[str, _Instance] = {}
        self.style_links = style_links  # numbering style id -> its numId
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[tuple[str, int]] = set()
        if numbering is not None:
            self._read(numbering)

    def _read(self, numbering: Any) -> None:
        for abstract in numbering.iterfind(qn("w:abstractNum")):
            key = abstract.get(qn("w:abstractNumId"))
            levels = {
                _int(lvl.get(qn("w:ilvl")), 0): _level(lvl)
                for lvl in abstract.iterfind(qn("w:lvl"))
            }
            self.abstracts[key] = levels
            if link := _val(abstract, "w:numStyleLink"):
                self.links[key] = link
        for num in numbering.iterfind(qn("w:num")):
            instance = _Instance(_val(num, "w:abstractNumId") or "")
            for override in num.iterfind(qn("w:lvlOverride")):
                at = _int(override.get(qn("w:ilvl")), 0)
                if (start := _val(override, "w:startOverride")) is not None:
                    instance.overrides[at] = _int(start, 0)
                if (lvl := override.find(qn("w:lvl"))) is not None:
                    instance.levels[at] = _level(lvl)
            self.instances[num.get(qn("w:numId"))] = instance

    def _abstract(self, instance: _Instance) -> str:
        # A list style ("numStyleLink") points through a style to another w:num.
        key = instance.abstract
        link = self.links.get(key)
        if link and (num := self.style_links.get(link)) and num in self.instances:
            linked = self.instances[num].abstract
            if linked in self.abstracts and linked not in self.links:
                return linked
        return key

    def _definition(self, instance: _Instance, abstract: str, at: int) -> Level:
        return instance.levels.get(at) or self.abstracts.get(abstract, {}).get(at) or Level()

    def label(self, num_id: str, at: int) -> str:
        """Count one paragraph of list `num_id` at level `at`; its label with suffix."""
        instance = self.instances.get(num_id)
        if instance is None or not 0 <= at < LEVELS:
            return ""
        abstract = self._abstract(instance)
        counters = self.counters.setdefault(abstract, [None] * LEVELS)
        level = self._definition(instance, abstract, at)
        if (num_id, at) not in self.used:
            self.used.add((num_id, at))
            if at in instance.overrides:
                counters[at] = None
                level = Level(**{**level.__dict__, "start": instance.overrides[at]})
        current = counters[at]
        counters[at] = level.start if current is None else current + 1
        for deeper in range(at + 1, LEVELS):
            restart = self._definition(instance, abstract, deeper).restart
            if restart is None or (restart != 0 and at < restart):
                counters[deeper] = None
        if level.fmt == "bullet" or not level.text:
            return ""  # a bullet is decoration, not a label the text refers to
        label = level.text
        for ref in range(LEVELS, 0, -1):
            marker = f"%{ref}"
            if marker not in label:
                continue
            shown = self._definition(instance, abstract, ref - 1)
            value = counters[ref - 1]
            value = shown.start if value is None else value
            fmt = "decimal" if level.legal and ref - 1 < at else shown.fmt
            label = label.replace(marker, NUMBER_FORMATS.get(fmt, str)(value))
        if level.suffix == "nothing" or (level.suffix == "tab" and label[-1] in CJK_LABEL_END):
            return label
        return label + " "
