"""Naming a near miss: how close a wrong answer came to the key."""

from __future__ import annotations

from quizzes.grading.normalizing import _readings

SAME_SOUND = "same_sound"
INCOMPLETE = "incomplete"
ONE_CHAR_OFF = "one_char_off"
# Which miss names a wrong answer when several apply (see the package docstring).
NEAR_MISS_ORDER = (SAME_SOUND, INCOMPLETE, ONE_CHAR_OFF)


def near_miss(typed: str, key: str) -> str | None:
    """How close a wrong normalised answer is to the normalised key (see the package docstring)."""
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
