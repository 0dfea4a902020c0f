"""What 查看提示 shows for an item: a step towards the answer, never the prompt again.

A blank's hint is its first character (首字提示); a list's, how many members it has and the
first character of each; a figure's, its first digit and how many digits it has; a single
choice's, one wrong option struck out; a multiple choice's, how many options are right.
Chinese, like the prompts.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from quizzes.generation.items import (
    CHOICE,
    CLOZE,
    DEFINITION,
    ENUMERATION,
    KEYPOINTS,
    MULTI,
    NUMBER,
    QUOTE,
)

FIRST_CHARS = "首字提示：{}"
FIRST_CHAR = "{}…"
JOIN = "、"
MEMBERS = "共{count}项，首字：{firsts}"
POINTS = "共{count}点，首字：{firsts}"
DIGITS = "首位数字：{first}，整数部分共{digits}位"
ONE_DIGIT = "是一个一位数"
COUNT_WORD = "是“几大”中的那个数"
DEFINITION_HINT = "首字提示：{first}…（共{chars}字）"
STRUCK_OUT = "排除一项：{option}"
RIGHT_OPTIONS = "共有{count}个正确选项"


def hint_for(
    kind: str, answers: Sequence[str], options: Sequence[str] | None, key: str, base: str = ""
) -> str:
    """The hint of an item of this kind with these answers (and options, for a choice)."""
    if kind == CHOICE and options:
        wrong = [option for option in options if option not in answers]
        if wrong:
            pick = zlib.crc32(key.encode("utf-8")) % len(wrong)
            return STRUCK_OUT.format(option=wrong[pick])
    if kind == MULTI:
        return RIGHT_OPTIONS.format(count=len(answers))
    if kind == NUMBER or (kind == CHOICE and base == NUMBER):
        return _figure_hint(answers[0])
    if kind == ENUMERATION:
        return MEMBERS.format(count=len(answers), firsts=_firsts(answers))
    if kind == KEYPOINTS:
        return POINTS.format(count=len(answers), firsts=_firsts(answers))
    if kind == DEFINITION:
        return DEFINITION_HINT.format(first=answers[0][:1], chars=len(answers[0]))
    if kind in (CLOZE, QUOTE, CHOICE):
        return FIRST_CHARS.format(JOIN.join(FIRST_CHAR.format(a[:1]) for a in answers))
    return ""


def _firsts(answers: Sequence[str]) -> str:
    return JOIN.join(answer[:1] for answer in answers)


def _figure_hint(answer: str) -> str:
    whole = answer.split(".")[0]
    if not whole.isdigit():
        return COUNT_WORD
    if len(answer) == 1:
        return ONE_DIGIT
    return DIGITS.format(first=answer[0], digits=len(whole))
