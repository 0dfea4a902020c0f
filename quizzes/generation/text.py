"""Sentences, clauses and the normal form used to compare strings (stdlib only)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Marks that end a sentence, full-width and half-width ("." is also a decimal point, so not).
SENTENCE_ENDS = frozenset("。！？；!?;")
# Closing quotes and brackets right after a sentence end belong to that sentence: 行必果。”
CLOSERS = frozenset("”’」』）)")
OPENING_QUOTES = frozenset("“‘「『")
CLOSING_QUOTES = frozenset("”’」』")
# Marks that separate clauses inside a sentence.
CLAUSE_MARKS = frozenset("，,：:")
# What normalisation drops: punctuation, symbols and spaces of any width.
NOT_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), lower case, punctuation and spaces removed: two
    options or sentences that normalise alike read alike to a learner."""
    return NOT_WORD.sub("", unicodedata.normalize("NFKC", text)).lower()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, with its end mark and closing quotes.

    A mark inside a quotation does not end the sentence that quotes it
    (孔子说:“……,必先利其器。”学校还要……)."""
    spans = []
    start = depth = 0
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char in OPENING_QUOTES:
            depth += 1
        elif char in CLOSING_QUOTES:
            depth = max(depth - 1, 0)
            if depth == 0 and index > 0 and text[index - 1] in SENTENCE_ENDS:
                index = _close(text, index + 1)
                spans.append((start, index))
                start = index
                continue
        elif char in SENTENCE_ENDS and depth == 0:
            index = _close(text, index + 1)
            spans.append((start, index))
            start = index
            continue
        index += 1
    if start < length:
        spans.append((start, length))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _close(text: str, index: int) -> int:
    while index < len(text) and text[index] in CLOSERS:
        index += 1
    return index


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of text[start:end], split at commas and colons outside quotations. Each
    clause keeps the mark that ends it, so the clauses tile the span."""
    clauses = []
    depth = 0
    begin = start
    for index in range(start, end):
        char = text[index]
        if char in OPENING_QUOTES:
            depth += 1
        elif char in CLOSING_QUOTES:
            depth = max(depth - 1, 0)
        elif char in CLAUSE_MARKS and depth == 0:
            clauses.append((begin, index + 1))
            begin = index + 1
    if begin < end:
        clauses.append((begin, end))
    return clauses


def clause_texts(text: str) -> list[str]:
    """Every sentence and every clause of a text, as they would be compared."""
    pieces = []
    for start, end in sentence_spans(text):
        pieces.append(text[start:end])
        clauses = clause_spans(text, start, end)
        if len(clauses) > 1:
            pieces.extend(text[s:e] for s, e in clauses)
    return pieces


class SentenceIndex:
    """The normal forms of every sentence and clause of some texts, to ask in O(1) whether a
    stem filled with a distractor says something the texts say."""

    def __init__(self, texts: Iterable[str] = ()):
        self._known: set[str] = set()
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        for piece in clause_texts(text):
            if form := normalize(piece):
                self._known.add(form)

    def __contains__(self, text: str) -> bool:
        return normalize(text) in self._known
