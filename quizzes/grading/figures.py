"""Grading a figure by its value, in digits, Chinese numerals or both (15 = 十五 = 15.0)."""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

from quizzes.grading.blanks import _compare
from quizzes.grading.normalizing import _check_str
from quizzes.grading.results import BlankResult, Verdict, _verdict

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
