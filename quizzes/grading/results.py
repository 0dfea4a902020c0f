"""What a grader returns: one result per blank, member or option, and the verdict on them all."""

from __future__ import annotations

from dataclasses import dataclass


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


def _verdict(results: list[BlankResult], parts: int) -> Verdict:
    right = sum(result.correct for result in results)
    # An item with nothing to answer is never answered right.
    return Verdict(parts > 0 and right == parts, results, right / parts if parts else 0.0)
