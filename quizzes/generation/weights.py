"""What is worth learning first: each item's weight, and an article's default study set.

The weight (1-9) comes from what the text stresses: its headings and key points, the terms
it defines, its lists, the formulations it repeats and its targets weigh most; an
incidental count (新建幼儿园____所) least. An article's study set is its best items within a
budget proportional to its length, with figures at most 30% of it unless the text is mostly
figures; the others are made too (teachers switch them on), just not studied by default.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from quizzes.generation.items import (
    DEFINITION,
    ENUMERATION,
    KEYPOINTS,
    MULTI,
    NUMBER,
    QUOTE,
    Item,
)

# Weights by what an item asks. A section's points (its list or card) are the spine of the
# text; a defined term comes next; a heading or key point's blank, a list, a quotation and a
# formulation the text coins follow; a blank of a body sentence, then an incidental figure.
SECTION_POINTS, DEFINED_TERM, OUTLINE_BLANK, LISTED, SAID, COINED = 9, 8, 7, 6, 6, 6
TARGET, BODY_BLANK, FIGURE = 6, 4, 2
# A figure is a target or a goal when its sentence says so (预期目标5%左右, 力争到2025年):
# words of the reports' target sentences.
TARGET_MARKS = (
    "目标",
    "预期",
    "力争",
    "左右",
    "以上",
    "以内",
    "不低于",
    "不少于",
    "确保",
    "控制在",
)
# A count word (四个意识, 两个维护, 六大工程) names a formulation, not a statistic.
COUNT_WORD = re.compile(r"[一二两三四五六七八九十]+(?:大|个|项|条)?")
# An answer the article says this often is one of its formulations: it weighs one more.
REPEATED = 3
MAX_WEIGHT = 9

# The default study set: an item per this many characters of the article, at least
# MIN_SET; figures at most FIGURE_SHARE of it unless more than MOSTLY_FIGURES of the
# article's sentences hold one (a statistical communiqué).
CHARS_PER_ITEM = 50
MIN_SET = 12
FIGURE_SHARE = 0.3
MOSTLY_FIGURES = 0.5
DIGITS = re.compile(r"\d")
SENTENCE_END = re.compile(r"[。！？；!?;]")


def weight_of(item: Item, article_text: str) -> int:
    """How much an item is worth learning, 1 (an incidental detail) to 9."""
    if item.kind == KEYPOINTS or (
        item.kind == ENUMERATION and item.paragraph is None and item.extra.get("ordered")
    ):
        weight = SECTION_POINTS
    elif item.kind == DEFINITION or item.extra.get("from") == "definition":
        weight = DEFINED_TERM
    elif item.kind == NUMBER:
        weight = TARGET if _is_target(item) else FIGURE
    elif item.outline:
        weight = OUTLINE_BLANK
    elif item.kind in (MULTI, ENUMERATION):
        weight = LISTED
    elif item.kind == QUOTE:
        weight = SAID
    elif item.extra.get("from") == "formulation":
        weight = COINED
    else:
        weight = BODY_BLANK
    if item.kind != NUMBER and any(
        len(answer) > 1 and article_text.count(answer) >= REPEATED for answer in item.answers
    ):
        weight += 1
    return min(weight, MAX_WEIGHT)


def _is_target(item: Item) -> bool:
    return COUNT_WORD.fullmatch(item.answers[0]) is not None or any(
        mark in item.source for mark in TARGET_MARKS
    )


def weighed(items: Sequence[Item], article_text: str) -> list[Item]:
    """The items of one article with their weights and, for each, whether it is in the
    article's default study set."""
    items = [replace(item, weight=weight_of(item, article_text)) for item in items]
    chosen = default_set(items, article_text)
    return [replace(item, in_set=item.key in chosen) for item in items]


def default_set(items: Sequence[Item], article_text: str) -> set[str]:
    """The keys of the article's default study set: the heaviest items (in reading order
    among equals) within its budget, figures capped unless the text is mostly figures."""
    budget = max(MIN_SET, len(article_text) // CHARS_PER_ITEM)
    sentences = [part for part in SENTENCE_END.split(article_text) if part.strip()]
    figured = sum(1 for sentence in sentences if DIGITS.search(sentence))
    capped = figured <= MOSTLY_FIGURES * max(len(sentences), 1)
    ranked = sorted(range(len(items)), key=lambda index: (-items[index].weight, index))
    chosen = ranked[:budget]
    rest = [index for index in ranked[budget:] if items[index].kind != NUMBER]
    while capped:
        figures = [index for index in chosen if items[index].kind == NUMBER]
        if len(figures) <= FIGURE_SHARE * len(chosen):
            break
        chosen.remove(figures[-1])  # the lightest figure gives way to the best other item
        if rest:
            chosen.append(rest.pop(0))
    return {items[index].key for index in chosen}
