"""Grading blanks: each typed answer against its key."""

from __future__ import annotations

from quizzes.grading.near_misses import near_miss
from quizzes.grading.normalizing import _folded, _simplified, _str_list, normalize
from quizzes.grading.results import BlankResult, Verdict, _verdict


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
