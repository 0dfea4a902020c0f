"""Grading a list member by member, in order or in any order."""

from __future__ import annotations

import re

from quizzes.grading.blanks import _compare
from quizzes.grading.near_misses import NEAR_MISS_ORDER, near_miss
from quizzes.grading.normalizing import _folded, _simplified, _str_list, normalize
from quizzes.grading.results import BlankResult, Verdict, _verdict

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
