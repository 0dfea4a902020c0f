"""Wrong options that look right: same kind as the key, from the nearest source that has one.

A term's distractors are terms of the same word class (noun for noun, idiom for idiom) and
about the same length: first words of the same article (members of its other lists, then
any word met in its sentences), then terms of the other documents of the library, then
jieba's dictionary, most frequent first. A figure's distractors are figures with the same
unit and the same shape (a year for a year, one decimal for one decimal): first from the
article, then from the library, then made from the key (2024 -> 2023, 2025; 15 -> 10, 20).

Every option must differ from the others once normalised, must not contain another, must
not be readable in the stem already, and put into the stem must not make a sentence the
outline or the library says: a distractor that is also true is a second right answer.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence

from quizzes.generation.context import Context
from quizzes.generation.drafts import COUNT, FIGURE, TERM, Blank, Draft
from quizzes.generation.lexicon import CHINESE_DIGITS, HAN_WORD, figures, is_weak, tag_class
from quizzes.generation.segmentation import dictionary_words
from quizzes.generation.text import clause_spans, normalize

MAX_LENGTH_GAP = 1  # characters between a term key and a distractor of the same class
FREQUENT_IN_ARTICLE = 3  # uses in the article beyond which a word is no more topical
# A longer term sharing the key's last two characters has the same head word (政务诚信,
# 商务诚信; 原创性创新, 颠覆性创新): the most plausible wrong answer there is.
HEAD_CHARS = 2
YEAR = re.compile(r"(?:19|20)\d\d")
# Offsets tried, in order, to make a figure's distractors from the key itself.
SMALL_STEPS = (1, -1, 2, -2, 3, -3, 4, 5)
PERCENT_STEPS = (5, -5, 10, -10, 15, -15, 20, 3, -3)
YEAR_STEPS = (1, -1, 2, -2, 3, -3)
SCALES = (2, 0.5, 1.5, 0.75, 3, 0.8, 1.2, 4)
DECIMAL_STEPS = (0.5, -0.5, 1, -1, 1.5, -1.5, 2, 0.2, -0.2)
# Count words made from the key (六大 -> 五大, 七大 ...): nearest numeral first.
COUNT_NUMERALS = "二三四五六七八九十"


def digest(*parts: str) -> int:
    """A stable pseudo-random order for candidates (not hash(), which changes per process)."""
    return zlib.crc32("\x1f".join(parts).encode("utf-8"))


class Distractors:
    def __init__(self, context: Context):
        self.context = context
        self._pools: dict[tuple, dict[str, list[tuple[str, str, bool, int]]]] = {}

    # ------------------------------------------------------------------ single blank

    def for_blank(self, draft: Draft, blank: Blank, wanted: int) -> list[str] | None:
        if blank.sort == FIGURE:
            candidates = self._figure_candidates(draft.place.article, blank)
        elif blank.sort == COUNT:
            candidates = self._count_candidates(blank.answer)
        else:
            candidates = self._term_candidates(draft, blank.answer, blank.tag, {blank.answer})
        check = self._checker(draft, blank, loose=blank.sort != TERM)
        return _take(candidates, check, [blank.answer], wanted)

    # ------------------------------------------------------------------ lists (multi)

    def for_list(self, draft: Draft, wanted: int) -> list[str] | None:
        members = [blank.answer for blank in draft.blanks]
        tag = draft.blanks[-1].tag
        length = round(sum(len(member) for member in members) / len(members))
        siblings = [
            member.text
            for member in self.context.article_members.get(draft.place.article, [])
            if member.text not in members and abs(len(member.text) - length) <= MAX_LENGTH_GAP
        ]
        seed = "|".join(members)
        candidates = _chain(
            sorted(
                dict.fromkeys(siblings),
                key=lambda word: (abs(len(word) - length), digest(seed, word)),
            ),
            self._term_candidates(draft, seed, tag, set(members), length=length),
        )
        check = self._checker(draft, draft.blanks[0], loose=False, whole_source=True)
        return _take(candidates, check, members, wanted)

    # ------------------------------------------------------------------ sources

    def _term_candidates(
        self, draft: Draft, seed: str, tag: str, exclude: set[str], length: int | None = None
    ):
        word_class = tag_class(tag) or "noun"
        length = length or len(seed)
        article = self.context.article_words.get(draft.place.article, {})
        key_is_term = self.context.is_term(seed)

        listed = {
            member.text for member in self.context.article_members.get(draft.place.article, ())
        }

        def rank(entry: tuple[str, str, bool, int]) -> tuple:
            # Same length, same head word, a member of one of the article's lists (the
            # siblings of parallel items), same tag, a term for a term, a word used often.
            word, word_tag, is_term, uses = entry
            same_head = len(seed) > HEAD_CHARS and word[-HEAD_CHARS:] == seed[-HEAD_CHARS:]
            return (
                abs(len(word) - length),
                not same_head,
                word not in listed,
                word_tag != tag,
                is_term != key_is_term,
                -uses,
                digest(seed, word),
            )

        def usable(entry) -> bool:
            word = entry[0]
            # Not the key with its last character changed (新质生产线 for 新质生产力): a
            # misprint, not a different idea.
            return (
                word not in exclude
                and abs(len(word) - length) <= MAX_LENGTH_GAP
                and not (len(word) == len(seed) > 2 and word[:-1] == seed[:-1])
            )

        article_pool = self._pool(("article", draft.place.article), article, word_class)
        yield from (entry[0] for entry in sorted(filter(usable, article_pool), key=rank))
        corpus_pool = self._pool(
            ("library",), dict.fromkeys(self.context.library.terms(), 0), word_class
        )
        yield from (entry[0] for entry in sorted(filter(usable, corpus_pool), key=rank))
        for size in (length, length + 1, length - 1):
            entries = list(filter(usable, dictionary_words(word_class, size)))
            # The same last character first (颠覆性 -> 革命性): the same kind of word.
            entries.sort(key=lambda entry: entry[0][-1] != seed[-1])
            yield from (word for word, _ in entries)

    def _pool(
        self, name: tuple, uses: dict[tuple[str, str], int], word_class: str
    ) -> list[tuple[str, str, bool, int]]:
        """(word, tag, is a term, uses) of one word class that could be options at all,
        from {(word, tag): uses}; computed once per source: an article's pool is complete
        before its first option is chosen."""
        if name not in self._pools:
            pools: dict[str, list[tuple[str, str, bool, int]]] = {}
            for (word, word_tag), count in uses.items():
                entry_class = tag_class(word_tag)
                if entry_class and len(word) >= 2 and not is_weak(word):
                    if HAN_WORD.fullmatch(word) is not None or word_tag == "eng":
                        entry = (
                            word,
                            word_tag,
                            self.context.is_term(word),
                            min(count, FREQUENT_IN_ARTICLE),
                        )
                        pools.setdefault(entry_class, []).append(entry)
            self._pools[name] = pools
        return self._pools[name].get(word_class, [])

    def _figure_candidates(self, article: int, blank: Blank) -> Iterator[str]:
        same_unit = [
            match["figure"]
            for text in self.context.article_texts.get(article, [])
            for match in figures(text, 0, len(text))
            if match["unit"] == blank.unit
        ]
        same_unit += self.context.library.figures().get(blank.unit, [])
        key = blank.answer
        yield from (
            figure for figure in dict.fromkeys(same_unit) if _same_shape(figure, key, blank.unit)
        )
        yield from made_figures(key, blank.unit)

    def _count_candidates(self, key: str) -> Iterator[str]:
        numeral, rest = key[0], key[1:]
        position = COUNT_NUMERALS.find(numeral)
        if position < 0:
            position = CHINESE_DIGITS.find(numeral)
        others = sorted(
            (other for other in COUNT_NUMERALS if other != numeral),
            key=lambda other: (
                abs(COUNT_NUMERALS.find(other) - position),
                COUNT_NUMERALS.find(other),
            ),
        )
        yield from (other + rest for other in others)

    # ------------------------------------------------------------------ checks

    def _checker(
        self, draft: Draft, blank: Blank, *, loose: bool, whole_source: bool = False
    ) -> Callable[[str], bool]:
        """Whether a candidate may be shown next to the keys in this draft's stem."""
        stem = draft.stem
        source_text = draft.place.text[draft.start : draft.end]
        clause = next(
            (
                (s, e)
                for s, e in clause_spans(draft.place.text, draft.start, draft.end)
                if s <= blank.start < e
            ),
            (draft.start, draft.end),
        )

        def check(candidate: str) -> bool:
            if not loose and (candidate in stem or (whole_source and candidate in source_text)):
                return False
            filled = _fill_span(draft.place.text, (draft.start, draft.end), blank, candidate)
            filled_clause = _fill_span(draft.place.text, clause, blank, candidate)
            return not self.context.says(filled) and not self.context.says(filled_clause)

        return check


def _fill_span(text: str, span: tuple[int, int], blank: Blank, candidate: str) -> str:
    start, end = span
    return text[start : blank.start] + candidate + text[blank.end : end]


def _take(
    candidates: Iterable[str], check: Callable[[str], bool], keys: Sequence[str], wanted: int
) -> list[str] | None:
    """The first `wanted` candidates that are distinct from the keys and each other (once
    normalised, and neither inside the other) and pass the check."""
    taken: list[str] = []
    forms = [normalize(key) for key in keys]
    for candidate in candidates:
        form = normalize(candidate)
        if not form or any(form in other or other in form for other in forms):
            continue
        if not check(candidate):
            continue
        taken.append(candidate)
        forms.append(form)
        if len(taken) == wanted:
            return taken
    return None


def _chain(*iterables: Iterable[str]) -> Iterator[str]:
    for iterable in iterables:
        yield from iterable


def _same_shape(figure: str, key: str, unit: str) -> bool:
    """A year for a year; otherwise the same decimals and about the same magnitude."""
    if figure == key:
        return False
    if unit == "年" and (YEAR.fullmatch(key) is not None) != (YEAR.fullmatch(figure) is not None):
        return False
    key_whole, _, key_decimals = key.partition(".")
    whole, _, decimals = figure.partition(".")
    return len(decimals) == len(key_decimals) and abs(len(whole) - len(key_whole)) <= 1


def made_figures(key: str, unit: str) -> Iterator[str]:
    whole, _, decimals = key.partition(".")
    if decimals:
        value = float(key)
        for step in DECIMAL_STEPS:
            if value + step > 0:
                yield f"{value + step:.{len(decimals)}f}"
        return
    value = int(key)
    if unit == "年" and YEAR.fullmatch(key):
        steps = YEAR_STEPS
    elif unit == "%":
        steps = tuple(step for step in PERCENT_STEPS if 0 < value + step <= 100)
    elif value <= 10:
        steps = SMALL_STEPS
    else:
        steps = ()
    for step in steps:
        if value + step > 0:
            yield str(value + step)
    for scale in SCALES:
        made = round(value * scale)
        if made > 0 and made != value:
            yield str(_round_like(made, value))


def _round_like(made: int, key: int) -> int:
    """A made figure as round as the key (120 -> 240, not 241)."""
    zeros = len(str(key)) - len(str(key).rstrip("0"))
    if zeros:
        unit = 10**zeros
        return max(unit, round(made / unit) * unit)
    return made
