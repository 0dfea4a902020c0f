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

One module per kind of answer (blanks, figures, enumerations, choices), on top of
normalizing.py (folding and the dictionaries), near_misses.py and results.py.
"""

from __future__ import annotations

from quizzes.grading.blanks import grade_blanks
from quizzes.grading.choices import grade_choice
from quizzes.grading.enumerations import MEMBER_SEPARATORS, grade_enumeration
from quizzes.grading.figures import (
    APPROXIMATION_MARKS,
    ARABIC,
    BIG_UNITS,
    CHINESE_DIGITS,
    COUNT_SUFFIX,
    DECIMAL_POINTS,
    FIGURE_TOKEN,
    MAX_FIGURE_CHARS,
    NEGATIVE_SIGNS,
    PERCENT_SIGN,
    PERCENT_WORDS,
    SMALL_UNITS,
    THOUSANDS_SEPARATOR,
    ZERO_DIGITS,
    grade_number,
)
from quizzes.grading.near_misses import (
    INCOMPLETE,
    NEAR_MISS_ORDER,
    ONE_CHAR_OFF,
    SAME_SOUND,
    near_miss,
)
from quizzes.grading.normalizing import CONVERT_CHUNK, NOT_WORD, normalize, warm_up

# The dictionaries' caches, which the warm-up test clears and inspects through this package.
from quizzes.grading.normalizing import _converter as _converter
from quizzes.grading.normalizing import _readings as _readings
from quizzes.grading.results import BlankResult, Verdict

__all__ = [
    "APPROXIMATION_MARKS",
    "ARABIC",
    "BIG_UNITS",
    "CHINESE_DIGITS",
    "CONVERT_CHUNK",
    "COUNT_SUFFIX",
    "DECIMAL_POINTS",
    "FIGURE_TOKEN",
    "INCOMPLETE",
    "MAX_FIGURE_CHARS",
    "MEMBER_SEPARATORS",
    "NEAR_MISS_ORDER",
    "NEGATIVE_SIGNS",
    "NOT_WORD",
    "ONE_CHAR_OFF",
    "PERCENT_SIGN",
    "PERCENT_WORDS",
    "SAME_SOUND",
    "SMALL_UNITS",
    "THOUSANDS_SEPARATOR",
    "ZERO_DIGITS",
    "BlankResult",
    "Verdict",
    "grade_blanks",
    "grade_choice",
    "grade_enumeration",
    "grade_number",
    "near_miss",
    "normalize",
    "warm_up",
]
