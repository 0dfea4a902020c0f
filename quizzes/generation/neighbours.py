"""A figure's wrong options: its neighbours, made from the key itself.

The same unit (the unit stays in the stem), the same magnitude and the same shape: a year's
years around it, a small rate's nearby rates (5% -> 4%, 5.5%, 6%), a figure's next values at
the unit of its second digit (1186 -> 1286, 1086), a round figure's multiples (120 -> 240,
60), a count's nearest counts (六大 -> 五大, 七大). A figure found elsewhere in the text is
another fact, usually of another size, and is not offered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from quizzes.generation.lexicon import CHINESE_DIGITS

YEAR = re.compile(r"(?:19|20)\d\d")
# Neighbours of a figure, in the order offered.
YEAR_STEPS = (1, -1, 2, -2, 3, -3)
SMALL_STEPS = (1, -1, 2, -2, 3, -3, 4, 5)  # a count up to ten
# A rate up to ten per cent: 5 -> 4, 5.5, 6.
SMALL_PERCENT_STEPS = (-1, 0.5, 1, -0.5, 2, 1.5, -2, 2.5)
PERCENT_STEPS = (5, -5, 10, -10, 15, -15, 20, 3, -3)
DIGIT_STEPS = (1, -1, 2, -2, 3, -3, 4)  # times a unit of the key's second digit: 1186 -> 1286
SCALES = (2, 0.5, 1.5, 0.75, 3, 0.8, 1.2, 4)  # a round figure: 120 -> 240, 60, 180
DECIMAL_STEPS = (0.5, -0.5, 1, -1, 1.5, -1.5, 2, 0.2, -0.2)
SMALL_DECIMAL_STEPS = (1, -1, 2, -2, 3, 4, 5)  # times the last decimal, for a figure below one
# Count words made from the key (六大 -> 五大, 七大 ...): nearest numeral first; a count of
# two is 两 (两大, not 二大).
COUNT_NUMERALS = "两三四五六七八九十"


def made_figures(key: str, unit: str) -> Iterator[str]:
    """Neighbours of a figure of the same shape: a year's years, a small rate's nearby
    rates, a figure's next values at the unit of its second digit, a round figure's multiples."""
    whole, _, decimals = key.partition(".")
    if decimals:
        value = float(key)
        places = len(decimals)
        steps = (
            tuple(step * 10**-places for step in SMALL_DECIMAL_STEPS)
            if value < 1
            else DECIMAL_STEPS
        )
        for step in steps:
            if value + step > 0:
                yield f"{value + step:.{places}f}"
        return
    value = int(key)
    if unit == "年" and YEAR.fullmatch(key):
        yield from (str(value + step) for step in YEAR_STEPS)
        return
    if unit == "%" and value <= 10:
        for step in SMALL_PERCENT_STEPS:
            if value + step > 0:
                yield _plain(value + step)
        return
    if unit == "%":
        steps = tuple(step for step in PERCENT_STEPS if 0 < value + step <= 100)
        yield from (str(value + step) for step in steps)
    elif value <= 10:
        yield from (str(value + step) for step in SMALL_STEPS if value + step > 0)
        return
    elif not key.endswith("0"):
        unit_step = 10 ** max(len(whole) - 2, 0)
        for step in DIGIT_STEPS:
            if value + step * unit_step > 0:
                yield str(value + step * unit_step)
        return
    for scale in SCALES:
        made = round(value * scale)
        if made > 0 and made != value:
            yield str(_round_like(made, value))


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _round_like(made: int, key: int) -> int:
    """A made figure as round as the key (120 -> 240, not 241)."""
    zeros = len(str(key)) - len(str(key).rstrip("0"))
    if zeros:
        unit = 10**zeros
        return max(unit, round(made / unit) * unit)
    return made


def made_counts(key: str) -> Iterator[str]:
    """六大 -> 五大, 七大, 四大 ...: the nearest numerals first."""
    numeral, rest = key[0], key[1:]
    position = COUNT_NUMERALS.find(numeral)
    if position < 0:
        position = CHINESE_DIGITS.find(numeral)
    others = sorted(
        (other for other in COUNT_NUMERALS if other != numeral),
        key=lambda other: (abs(COUNT_NUMERALS.find(other) - position), COUNT_NUMERALS.find(other)),
    )
    yield from (other + rest for other in others)
