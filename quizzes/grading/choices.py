"""Grading a choice: the chosen options as a set against the correct ones."""

from __future__ import annotations

from collections.abc import Iterable

from quizzes.grading.normalizing import _folded, _simplified, _str_list, normalize
from quizzes.grading.results import BlankResult, Verdict


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
