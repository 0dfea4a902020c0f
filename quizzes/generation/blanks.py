"""Which words may be blanked, which are worth it, and how much of a sentence to show.

A blank is always one whole token of the segmented sentence (or a run of whole tokens for
a defined term or a list member), so it starts and ends on a token boundary by
construction. It is a content word or a dictionary term, never a function word, a slogan
verb on its own or a generic noun; and it may not be readable anywhere else in the stem.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizzes.generation.context import Context
from quizzes.generation.drafts import leaks, render
from quizzes.generation.lexicon import CONTENT_TAGS, HAN_RUN, is_weak
from quizzes.generation.segmentation import Token
from quizzes.generation.text import CLAUSE_MARKS, clause_spans

MIN_BLANK_CHARS = 2
MAX_BLANK_CHARS = 12
# Scores, in points: a term of the domain dictionary or of the document is what a course on
# the text is about; proper nouns, set phrases and idioms are more specific than plain nouns.
DOMAIN_TERM_POINTS = 3.0
DOCUMENT_TERM_POINTS = 2.0
POINTS_PER_CHAR = 0.5
LENGTH_CAP = 6
TAG_POINTS = {
    "nz": 1.0,
    "nt": 1.0,
    "ns": 1.0,
    "nr": 1.0,
    "nrt": 1.0,
    "l": 1.0,
    "i": 1.0,
    "eng": 1.0,
    "j": 0.8,
    "n": 0.5,
    "vn": 0.2,
}
RARITY_WEIGHT = 0.3
# A second blank in one heading or key point, when it is not a sibling of the first in a
# list, must be nearly as good a blank and the source long enough to keep its sense.
SECOND_BLANK_SHARE = 0.8
SECOND_BLANK_MIN_CHARS = 16


def is_blankable(token: Token, context: Context) -> bool:
    word = token.word
    if not MIN_BLANK_CHARS <= len(word) <= MAX_BLANK_CHARS or is_weak(word):
        return False
    if word.isdigit() or (not HAN_RUN.search(word) and token.tag != "eng"):
        return False
    return token.tag in CONTENT_TAGS or context.is_term(word)


def score(token: Token, context: Context) -> float:
    word = token.word
    points = min(len(word), LENGTH_CAP) * POINTS_PER_CHAR + TAG_POINTS.get(token.tag, 0.0)
    if word in context.segmenter.document_words:
        points += DOCUMENT_TERM_POINTS
    elif context.is_term(word):
        points += DOMAIN_TERM_POINTS
    return points + RARITY_WEIGHT * context.rarity(word)


def ranked_candidates(
    tokens: Sequence[Token], context: Context, text: str, start: int, end: int
) -> list[Token]:
    """Blankable tokens of text[start:end] that occur there only once, best first."""
    source = text[start:end]
    found = [
        token
        for token in tokens
        if start <= token.start
        and token.end <= end
        and is_blankable(token, context)
        and source.count(token.word) == 1
    ]
    return sorted(found, key=lambda token: (-score(token, context), token.start))


def fit_source(
    text: str,
    sentence: tuple[int, int],
    hidden: Sequence[tuple[int, int]],
    answers: Sequence[str],
    prefix: str = "",
) -> tuple[int, int] | None:
    """The part of a sentence to show around its blanks: the whole sentence, or when an
    answer is readable elsewhere in it, the longest run of clauses around the blanks where
    it is not (突破15亿千瓦 and 突破15% in one sentence). None when even the blanks' own
    clauses give an answer away."""
    start, end = sentence
    if not leaks(prefix + render(text, start, end, hidden), answers):
        return start, end
    clauses = clause_spans(text, start, end)
    low = min(span[0] for span in hidden)
    high = max(span[1] for span in hidden)
    first = next(index for index, (s, e) in enumerate(clauses) if s <= low < e)
    last = next(index for index, (s, e) in enumerate(clauses) if s < high <= e)

    def leaky(a: int, b: int) -> bool:
        return leaks(
            prefix + render(text, clauses[a][0], _trim(text, clauses[b][1]), hidden), answers
        )

    if leaky(first, last):
        return None
    while first > 0 and not leaky(first - 1, last):
        first -= 1
    while last < len(clauses) - 1 and not leaky(first, last + 1):
        last += 1
    return clauses[first][0], _trim(text, clauses[last][1])


def _trim(text: str, end: int) -> int:
    """A run of clauses cut out of a sentence ends before the comma that followed it."""
    return end - 1 if end and text[end - 1] in CLAUSE_MARKS else end
