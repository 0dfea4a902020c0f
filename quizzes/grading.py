"""Grading a typed answer the way 学习强国 learners expect: pure Python, no Django.

An answer is right when it reads the same as the key once both are normalised (width, case,
spaces, punctuation, traditional characters); a figure is right when it has the same value
(15 = 十五 = 15.0). A wrong answer may be a near miss, told apart so the learner sees how
close it was but never accepted:

    same_sound    same length, different characters, each pair sharing a toneless reading
                  (原创姓 for 原创性: the input method's wrong candidate)
    incomplete    a proper part of the key (a contiguous run of it), at least half as long
    one_char_off  one character replaced, added or dropped (edit distance 1), the longer of
                  the two at least two characters long

checked in that order: the first that applies names the miss. Figures have no near misses.

OpenCC (traditional -> simplified) and pypinyin load their dictionaries on first use, not on
import: the views import this module at start-up.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

SAME_SOUND = "same_sound"
INCOMPLETE = "incomplete"
ONE_CHAR_OFF = "one_char_off"
# Which miss names a wrong answer when several apply (see the module docstring).
NEAR_MISS_ORDER = (SAME_SOUND, INCOMPLETE, ONE_CHAR_OFF)

# What normalisation drops: punctuation, symbols, spaces and control characters of any width
# (after NFKC), the rule of quizzes.generation.text.normalize, so that an option and the
# answer it stands for read alike here as they do in the generator.
NOT_WORD = re.compile(r"[\W_]+")
# OpenCC's converter slows down more than linearly on one long run of text (36 s for a
# million characters, 1 s for 100 000); long texts go through in pieces of this size (a
# phrase cut in two is then converted character by character).
CONVERT_CHUNK = 2000

# --- Figures -------------------------------------------------------------------------
# The Chinese numerals, with 两 and 〇, the financial forms (大写数字: 壹贰叁, 拾佰仟) and the
# traditional 兩/萬/億 that a traditional input method gives. Written for this project from
# the standard numeral system; only the count words (六大) follow the generator's lexicon.py.
CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "貳": 2,
    "叁": 3,
    "參": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "陸": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
ZERO_DIGITS = frozenset("零〇")
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
DECIMAL_POINTS = frozenset("点點")
NEGATIVE_SIGNS = ("-", "\u2212", "负", "負")  # hyphen-minus, minus sign
PERCENT_SIGN = "%"
PERCENT_WORDS = "百分之"
# A count blank (六大工程) has the answer 六大: the 大 is part of the word, not of the figure.
COUNT_SUFFIX = "大"
# The generator keeps 多/余 with the unit (2300多名); a figure typed without it is still right.
APPROXIMATION_MARKS = "多余"
# Longer than any figure in a text: a longer input is not read as a number at all, so a
# pasted wall of digits cannot cost time (int() of 10^6 digits) or raise (int max digits).
MAX_FIGURE_CHARS = 40
ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# 1,000 and 1,000,000: a comma between groups of three digits (NFKC has made ， into ,).
THOUSANDS_SEPARATOR = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
FIGURE_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|.", re.DOTALL)


@dataclass(frozen=True)
class BlankResult:
    given: str  # what the learner typed, as typed
    expected: str  # the key, as written in the text ("" for an entry that matches nothing)
    correct: bool
    near_miss: str | None  # None or one of NEAR_MISS_ORDER


@dataclass(frozen=True)
class Verdict:
    correct: bool  # every part right
    results: list[BlankResult]  # one per blank / member / correct option, then any extra entries
    score: float  # share right, 0..1


# --- Normalisation -------------------------------------------------------------------


def normalize(text: str) -> str:
    """Width, case, spaces and punctuation folded away, traditional characters simplified:
    顛覆性 and ＂颠覆性＂ both give 颠覆性."""
    return _simplified(_folded(text))


def _folded(text: str) -> str:
    """normalize() without the traditional-to-simplified step (which keeps the length)."""
    _check_str(text)
    return NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def _simplified(text: str) -> str:
    """Traditional characters to simplified, one for one (about 7 µs a character: the
    graders never convert an input longer than the key it is compared with)."""
    if text.isascii():
        return text
    converter = _converter()
    return "".join(
        converter.convert(text[i : i + CONVERT_CHUNK]) for i in range(0, len(text), CONVERT_CHUNK)
    )


@functools.cache
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


@functools.cache
def _pinyin():
    from pypinyin import Style, pinyin

    return functools.partial(pinyin, style=Style.NORMAL, heteronym=True)


def warm_up() -> None:
    """Load both dictionaries now (about 0.2 s), so a served worker's first answer is not the slow one."""
    _converter().convert("學")
    _readings("行")


@functools.lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    """A character's toneless readings, all of them (行: xing, hang, heng); a character
    without any reads as itself."""
    return frozenset(_pinyin()(char)[0])


def _check_str(value) -> None:
    if not isinstance(value, str):
        raise TypeError(f"expected str, not {type(value).__name__}")


def _str_list(values, name: str) -> list[str]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be an iterable of str, not {type(values).__name__}")
    values = list(values)
    for value in values:
        _check_str(value)
    return values


# --- Blanks --------------------------------------------------------------------------


def grade_blanks(given: list[str], answers: list[str]) -> Verdict:
    """Blank i against answers[i]; a missing blank is wrong with given "", an extra one ignored."""
    given, answers = _str_list(given, "given"), _str_list(answers, "answers")
    given = given[: len(answers)] + [""] * (len(answers) - len(given))
    return _verdict(
        [_compare(typed, answer) for typed, answer in zip(given, answers, strict=True)],
        len(answers),
    )


def _compare(given: str, expected: str) -> BlankResult:
    key = normalize(expected)
    folded = _folded(given)
    if not key or not folded or len(folded) > len(key) + 1:
        # Too long to be the key or any near miss of it: no need to convert it.
        return BlankResult(given, expected, False, None)
    typed = _simplified(folded)
    if typed == key:
        return BlankResult(given, expected, True, None)
    return BlankResult(given, expected, False, near_miss(typed, key))


def near_miss(typed: str, key: str) -> str | None:
    """How close a wrong normalised answer is to the normalised key (see the module docstring)."""
    if not typed or not key or typed == key:
        return None
    if len(typed) == len(key) and all(
        a == b or _readings(a) & _readings(b) for a, b in zip(typed, key, strict=True)
    ):
        return SAME_SOUND
    if len(typed) < len(key) <= 2 * len(typed) and typed in key:
        return INCOMPLETE
    if max(len(typed), len(key)) >= 2 and _one_edit_apart(typed, key):
        return ONE_CHAR_OFF
    return None


def _one_edit_apart(a: str, b: str) -> bool:
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > 1:
        return False
    first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(b))
    if len(a) == len(b):
        return a[first + 1 :] == b[first + 1 :]
    return a[first + 1 :] == b[first:]


# --- Figures -------------------------------------------------------------------------


def grade_number(given: str, answer: str, *, unit: str = "") -> Verdict:
    """Right when the typed figure has the answer's value; the unit stays visible after the
    blank, so typing it (15亿千瓦, or its start: 15亿) is allowed but not needed."""
    for value in (given, answer, unit):
        _check_str(value)
    expected = _figure_value(answer)
    if expected is None:  # not a figure we can read: compare the text
        right = any(_compare(text, answer).correct for text in _without_unit(given, unit))
    else:
        right = any(_figure_value(text) == expected for text in _without_unit(given, unit))
    return _verdict([BlankResult(given, answer, right, None)], 1)


def _figure_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(char for char in text if not unicodedata.category(char).startswith(("Z", "C")))
    return THOUSANDS_SEPARATOR.sub("", text)


def _without_unit(given: str, unit: str) -> list[str]:
    """The readings of the typed text: as typed, and without the unit or the start of it."""
    text, unit = _figure_text(given), _figure_text(unit)
    readings = [text]
    for name in {unit, unit.lstrip(APPROXIMATION_MARKS)} - {""}:
        readings += [text[: -len(start)] for start in _starts(name) if text.endswith(start)]
    if unit == PERCENT_SIGN and text.startswith(PERCENT_WORDS):
        readings.append(text[len(PERCENT_WORDS) :])
    return readings


def _starts(name: str) -> list[str]:
    return [name[:length] for length in range(len(name), 0, -1)]


def _figure_value(text: str) -> Fraction | None:
    """The value of a figure in digits, Chinese numerals or both (15亿, 一千零五, 三点五万),
    with a sign, a percent sign or 百分之; None when it is not one figure."""
    text = _figure_text(text).rstrip("。.")
    if not text or len(text) > MAX_FIGURE_CHARS:
        return None
    if text.endswith(COUNT_SUFFIX):
        text = text[: -len(COUNT_SUFFIX)]
    sign = 1
    for mark in NEGATIVE_SIGNS:
        if text.startswith(mark):
            sign, text = -1, text[len(mark) :]
            break
    scale = Fraction(1)
    if text.endswith(PERCENT_SIGN):
        scale, text = Fraction(1, 100), text[: -len(PERCENT_SIGN)]
    elif text.startswith(PERCENT_WORDS):
        scale, text = Fraction(1, 100), text[len(PERCENT_WORDS) :]
    value = _numeral_value(text)
    return None if value is None else sign * scale * value


def _numeral_value(text: str) -> Fraction | None:
    if ARABIC.fullmatch(text):
        return Fraction(text)
    tokens = FIGURE_TOKEN.findall(text)
    points = [i for i, token in enumerate(tokens) if token in DECIMAL_POINTS]
    if not points:
        return _integer_value(tokens)
    if len(points) > 1:
        return None
    whole, fraction = tokens[: points[0]], tokens[points[0] + 1 :]
    multiplier = 1
    while fraction and fraction[-1] in BIG_UNITS:  # 三点五万
        multiplier *= BIG_UNITS[fraction.pop()]
    whole_value = _integer_value(whole)
    if whole_value is None or not fraction or not all(_is_digit_token(token) for token in fraction):
        return None
    decimals = "".join(_digit_string(token) for token in fraction)
    return (whole_value + Fraction(int(decimals), 10 ** len(decimals))) * multiplier


def _is_digit_token(token: str) -> bool:
    return token in CHINESE_DIGITS or token.isascii() and token.isdigit()


def _digit_string(token: str) -> str:
    return str(CHINESE_DIGITS[token]) if token in CHINESE_DIGITS else token


def _integer_value(tokens: list[str]) -> Fraction | None:
    """Digits read with their units (一万二千三百零五, 1.5万, 十五) or, without any unit,
    digit by digit (二〇二四)."""
    if not tokens:
        return None
    if not any(token in SMALL_UNITS or token in BIG_UNITS for token in tokens):
        if all(_is_digit_token(token) for token in tokens):
            return Fraction(int("".join(_digit_string(token) for token in tokens)))
        return None
    total = section = Fraction(0)
    pending: Fraction | None = None
    largest_big = 0  # the largest 万/亿 applied so far: a smaller one after it adds (一亿二千万)
    previous = last_unit = None
    previous_was_unit = seen_figure = False
    for token in tokens:
        if token in ZERO_DIGITS:  # a placeholder between units: 一百零五
            if pending is not None:
                return None
            seen_figure = True
        elif _is_digit_token(token) or ARABIC.fullmatch(token):
            if pending is not None:
                return None  # two digits in a row among units (一二万): a range, not a figure
            pending = (
                Fraction(CHINESE_DIGITS[token]) if token in CHINESE_DIGITS else Fraction(token)
            )
            seen_figure = True
        elif token in SMALL_UNITS:
            section += (Fraction(1) if pending is None else pending) * SMALL_UNITS[token]
            pending, last_unit, seen_figure = None, SMALL_UNITS[token], True
        elif token in BIG_UNITS:
            big = BIG_UNITS[token]
            if not seen_figure:
                return None
            amount = section + (pending or 0)
            if largest_big > big:
                total += amount * big
            else:
                total, largest_big = (total + amount) * big, big
            section, pending, last_unit = Fraction(0), None, big
        else:
            return None
        previous_was_unit = previous in SMALL_UNITS or previous in BIG_UNITS
        previous = token
    if pending is not None and previous_was_unit and last_unit:
        # A digit right after a unit counts in the next unit down: 三万五 = 35000, 两百五 = 250.
        pending *= Fraction(last_unit, 10)
    return total + section + (pending or 0)


# --- Enumerations --------------------------------------------------------------------

# Marks a learner may separate members with when typing a whole list in one box: the
# enumeration comma of the texts themselves (quizzes/generation/lists.py) and its stand-ins.
MEMBER_SEPARATORS = re.compile(r"[、，,；;/\n]+")


def grade_enumeration(given: list[str], members: list[str], *, ordered: bool) -> Verdict:
    """Member by member. Ordered: entry i against member i. Unordered: each entry stands for
    at most one member, the one it matches best (an entry typed twice counts once); entries
    may also come in one box, separated by 、 or a comma. Entries that match no member are
    listed after the members, as wrong; they make the list wrong but do not lower the score."""
    given, members = _str_list(given, "given"), _str_list(members, "members")
    if ordered:
        results = [
            _compare(given[i] if i < len(given) else "", member) for i, member in enumerate(members)
        ]
        extras = [entry for entry in given[len(members) :] if _folded(entry)]
    else:
        results, extras = _match_unordered(given, members)
    extra_results = [BlankResult(entry, "", False, None) for entry in extras]
    verdict = _verdict(results, len(members))
    return Verdict(verdict.correct and not extras, results + extra_results, verdict.score)


def _match_unordered(given: list[str], members: list[str]) -> tuple[list[BlankResult], list[str]]:
    keys = [normalize(member) for member in members]
    longest = max(map(len, keys), default=0)
    entries = {}  # normalised -> as typed, the first spelling kept
    for box in given:
        for entry in MEMBER_SEPARATORS.split(box):
            folded = _folded(entry)
            if folded:
                # Too long to match any member, or be a near miss of one: left unconverted.
                typed = _simplified(folded) if len(folded) <= longest + 1 else folded
                entries.setdefault(typed, entry.strip())
    results: list[BlankResult | None] = [None] * len(members)
    for index, (member, key) in enumerate(zip(members, keys, strict=True)):  # exact matches first
        if key and key in entries:
            results[index] = BlankResult(entries.pop(key), member, True, None)
    misses = {
        (index, typed): near_miss(typed, key)
        for index, key in enumerate(keys)
        if results[index] is None
        for typed in entries
        if len(typed) <= len(key) + 1
    }
    for miss in NEAR_MISS_ORDER:  # then the closest misses, the best kind first
        for (index, typed), found in misses.items():
            if found == miss and results[index] is None and typed in entries:
                results[index] = BlankResult(entries.pop(typed), members[index], False, miss)
    final = [
        result or BlankResult("", member, False, None)
        for result, member in zip(results, members, strict=True)
    ]
    return final, list(entries.values())


# --- Choices -------------------------------------------------------------------------


def grade_choice(chosen: Iterable[str], correct: Iterable[str]) -> Verdict:
    """Right when the chosen options are exactly the correct ones. Score: correct options
    chosen minus wrong ones chosen, at least 0, over the number of correct options (for a
    single choice that is 1 or 0). Results: one per correct option, then the wrong picks."""
    chosen, correct = _str_list(chosen, "chosen"), _str_list(correct, "correct")
    longest = max((len(_folded(option)) for option in correct), default=0)
    picked = {}  # normalised -> as posted
    for option in chosen:
        folded = _folded(option)
        if folded:
            # Longer than every correct option: a wrong pick whatever it converts to.
            picked.setdefault(_simplified(folded) if len(folded) <= longest else folded, option)
    results = []
    for option in dict.fromkeys(correct):
        key = normalize(option)
        given = picked.pop(key, "") if key else ""
        results.append(BlankResult(given, option, bool(given), None))
    right = sum(result.correct for result in results)
    score = max(0, right - len(picked)) / len(results) if results else 0.0
    wrong = [BlankResult(option, "", False, None) for option in picked.values()]
    return Verdict(bool(results) and right == len(results) and not picked, results + wrong, score)


def _verdict(results: list[BlankResult], parts: int) -> Verdict:
    right = sum(result.correct for result in results)
    # An item with nothing to answer is never answered right.
    return Verdict(parts > 0 and right == parts, results, right / parts if parts else 0.0)
