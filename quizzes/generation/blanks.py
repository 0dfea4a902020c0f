"""Which words may be blanked, which are worth it, and how much of a sentence to show.

A blank is always one whole token of the segmented sentence (or a run of whole tokens for
a defined term or a list member), so it starts and ends on a token boundary by
construction. It is a content word or a dictionary term, never a function word, a slogan
verb on its own, a generic noun or a generic evaluative word (有力, 效能, 优先); and it may
not be readable anywhere else in the stem.

The best blank is the most informative term: rare in general Chinese (jieba's dictionary
frequencies) and frequent in the text, so that it is what the text is about. What stays
visible must be enough to answer from: a blank leaving only 要____ or 提升____能力 asks
for a guess.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizzes.generation.context import Context
from quizzes.generation.drafts import leaks, render
from quizzes.generation.lexicon import (
    CONTENT_TAGS,
    EVALUATIVE_WORDS,
    FORMULAIC_VERBS,
    FRAME_NOUNS,
    GENERIC_WORDS,
    HAN_RUN,
    STOPWORDS,
    is_generic,
)
from quizzes.generation.segmentation import Token
from quizzes.generation.text import CLAUSE_MARKS, clause_spans

MIN_BLANK_CHARS = 2
MAX_BLANK_CHARS = 12
# A word more common than this in general Chinese (about one token in 6,000: 报告, 改革,
# 农业) is too common to be the point of a sentence on its own; terms of the domain or of
# the document are exempt.
MIN_BLANK_BITS = 12.5
# Scores, in points: bits of rarity, then how often the document uses the word; a term of
# the domain dictionary or of the document is what a course on the text is about; proper
# nouns, set phrases and idioms are more specific than plain nouns.
SALIENCE_WEIGHT = 1.0
DOMAIN_TERM_POINTS = 3.0
DOCUMENT_TERM_POINTS = 2.0
POINTS_PER_CHAR = 0.25
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
# A second blank in one line, in another of its parallel phrases, must be nearly as good.
SECOND_BLANK_SHARE = 0.8
# What must stay visible around the blanks: characters of words that say something (not
# function words, slogan verbs or evaluative words) in the whole stem, and with two blanks
# or more, characters of any word but a function word in each blank's own phrase.
MIN_CONTEXT_CHARS = 4
MIN_PHRASE_CONTEXT_CHARS = 2
# Marks between the parallel phrases of a line (, ; :), 、 being inside a phrase's list.
PHRASE_MARKS = frozenset(CLAUSE_MARKS | set("；;"))
# Dictionary words a blank must not cut in two at its edge (全面深化改革|开放 cuts 改革开放).
EDGE_WORD_CHARS = 2
# Words that say nothing about what is meant, though they are not function words.
HOLLOW_WORDS = FORMULAIC_VERBS | EVALUATIVE_WORDS
# A set phrase or idiom right before 地 or a verb says how something is done (坚定不移地推进,
# 持之以恒抓): a manner adverbial, not what the sentence is about. jieba tags such phrases
# i or l wherever they stand, so their place tells them apart from a phrase that is a thing.
MANNER_TAGS = frozenset({"i", "l"})
ADVERBIAL_MARK = "地"
# The modifier of a frame noun (问题 in 问题导向, 政策 in 政策导向): a word that names something.
MODIFIER_TAG_STARTS = ("n", "vn", "a", "l", "i", "j")


def is_blankable(token: Token, context: Context) -> bool:
    word = token.word
    if not MIN_BLANK_CHARS <= len(word) <= MAX_BLANK_CHARS or is_generic(word):
        return False
    if word.isdigit() or (not HAN_RUN.search(word) and token.tag != "eng"):
        return False
    if context.is_term(word):
        return True
    return token.tag in CONTENT_TAGS and context.information(word) >= MIN_BLANK_BITS


def score(token: Token, context: Context) -> float:
    word = token.word
    points = context.information(word) + SALIENCE_WEIGHT * context.salience(word)
    points += min(len(word), LENGTH_CAP) * POINTS_PER_CHAR + TAG_POINTS.get(token.tag, 0.0)
    if word in context.segmenter.document_words:
        points += DOCUMENT_TERM_POINTS
    elif context.is_term(word):
        points += DOMAIN_TERM_POINTS
    return points


def ranked_candidates(
    tokens: Sequence[Token], context: Context, text: str, start: int, end: int, topic: str = ""
) -> list[Token]:
    """Blankable tokens of text[start:end] that occur there only once and cut no word at
    their edges, best first. Outside the title itself, no word of the topic (the article's
    title, which the learner knows): the answer would be a guess at what the text is about."""
    source = text[start:end]
    about = topic if text != topic else ""
    found = [
        token
        for token in tokens
        if start <= token.start
        and token.end <= end
        and is_blankable(token, context)
        and source.count(token.word) == 1
        and not _cuts_word(text, token, context)
        and not (about and token.word in about)
        and not is_manner_adverbial(tokens, token)
        and not is_frame_head(tokens, token)
    ]
    return sorted(found, key=lambda token: (-score(token, context), token.start))


def _neighbour(tokens: Sequence[Token], token: Token, *, after: bool) -> Token | None:
    """The token right after (or before) token, touching it, if any."""
    edge = token.end if after else token.start
    return next((other for other in tokens if (other.start if after else other.end) == edge), None)


def is_manner_adverbial(tokens: Sequence[Token], token: Token) -> bool:
    """Whether token is an idiom or set phrase modifying the verb after it (坚定不移|地|推进,
    扎实|推进): how something is done, which any of a dozen such phrases would fit."""
    if token.tag not in MANNER_TAGS:
        return False
    following = _neighbour(tokens, token, after=True)
    return following is not None and (
        following.word == ADVERBIAL_MARK
        or (following.tag.startswith("v") and following.tag != "vn")
    )


def is_frame_label(word: str) -> bool:
    """Whether word is a compound of a generic word and a frame noun (总体要求, 主要任务): a
    label for what follows rather than content."""
    return any(
        len(word) > len(frame)
        and word.endswith(frame)
        and word[: -len(frame)] in GENERIC_WORDS | HOLLOW_WORDS | STOPWORDS
        for frame in FRAME_NOUNS
    )


def is_frame_head(tokens: Sequence[Token], token: Token) -> bool:
    """Whether token is a frame noun after the word that says what it is (问题|导向: the
    blank would ask for the kind, 问题 staying visible), or a frame label (总体要求)."""
    if is_frame_label(token.word):
        return True
    if token.word not in FRAME_NOUNS:
        return False
    before = _neighbour(tokens, token, after=False)
    return before is not None and before.tag.startswith(MODIFIER_TAG_STARTS)


def _cuts_word(text: str, token: Token, context: Context) -> bool:
    """Whether the blank would cut a word in two: the two characters either side of one of
    its edges make a dictionary word (全面深化改革|开放 cuts 改革开放, 战斗|堡垒作用 cuts
    战斗堡垒), so that the answer is half of one word and half of another."""
    size = EDGE_WORD_CHARS
    for edge in (token.start, token.end):
        if edge - size < 0 or edge + size > len(text):
            continue
        across = text[edge - size : edge + size]
        if (
            across != token.word
            and HAN_RUN.fullmatch(across)
            and context.segmenter.frequency(across)
        ):
            return True
    return False


def phrase_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parallel phrases of text[start:end]: its runs between , ; and :."""
    spans, begin = [], start
    for index in range(start, end):
        if text[index] in PHRASE_MARKS:
            if index > begin:
                spans.append((begin, index))
            begin = index + 1
    if end > begin:
        spans.append((begin, end))
    return spans


def answerable(
    tokens: Sequence[Token], text: str, start: int, end: int, hidden: Sequence[tuple[int, int]]
) -> bool:
    """Whether text[start:end] with the hidden spans blanked leaves enough to answer from:
    some words that say something in the whole stem, and when there are several blanks, some
    words beside each in its own phrase (not ____，建设更高水平的____)."""

    def visible(a: int, b: int, words) -> int:
        return sum(
            len(token.word)
            for token in tokens
            if a <= token.start
            and token.end <= b
            and HAN_RUN.fullmatch(token.word)
            and token.word not in words
            and not any(s < token.end and token.start < e for s, e in hidden)
        )

    if visible(start, end, STOPWORDS | HOLLOW_WORDS) < MIN_CONTEXT_CHARS:
        return False
    if len(hidden) < 2:
        return True
    for span_start, _ in hidden:
        phrase = next(
            ((a, b) for a, b in phrase_spans(text, start, end) if a <= span_start < b),
            (start, end),
        )
        if visible(*phrase, STOPWORDS) < MIN_PHRASE_CONTEXT_CHARS:
            return False
    return True


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
