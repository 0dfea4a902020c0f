"""The other documents of the library (corpus_texts), indexed once for many generate() calls.

The importer calls generate() once per article with the same corpus_texts (thousands of
paragraphs), so the sentence index and the terms found in them are kept for
the last corpus seen, keyed by its texts: a tuple of the same strings compares and hashes
fast, since Python caches a string's hash.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from quizzes.generation.lexicon import DOMAIN_TERMS, HAN_RUN
from quizzes.generation.lists import listed_beside
from quizzes.generation.terms import QUOTED_TERM
from quizzes.generation.text import SentenceIndex

_lock = threading.Lock()
_last: Library | None = None


class Library:
    def __init__(self, texts: tuple[str, ...]):
        self.texts = texts
        self.index = SentenceIndex(texts)
        self._terms: list[tuple[str, str]] | None = None
        self._joined: str | None = None
        self._beside: dict[str, dict[str, int]] = {}
        self._endings: dict[str, dict[str, int]] = {}
        self._windows: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    @property
    def joined(self) -> str:
        """The texts as one string, to find where a word stands in them."""
        if self._joined is None:
            self._joined = "\n".join(self.texts)
        return self._joined

    def beside(self, word: str) -> dict[str, int]:
        """{member: times} of what the library lists beside the word (lists.listed_beside)."""
        if word not in self._beside:
            self._beside[word] = listed_beside(self.joined, word) if self.texts else {}
        return self._beside[word]

    def windows(self, word: str) -> tuple[frozenset[str], frozenset[str]]:
        """What stands just before and just after the word in the library
        (distractors.windows_around), kept for the next article."""
        if word not in self._windows:
            from quizzes.generation.distractors import windows_around

            empty = (frozenset(), frozenset())
            self._windows[word] = windows_around(self.joined, word) if self.texts else empty
        return self._windows[word]

    def ending_with(self, tail: str) -> dict[str, int]:
        """{prefix: times} of the two- and three-character runs of ideographs right before
        each occurrence of `tail` in the library: 职工, 校园 before 书屋."""
        if tail not in self._endings:
            self._endings[tail] = _prefixes(self.joined, tail) if self.texts else {}
        return self._endings[tail]

    def terms(self) -> list[tuple[str, str]]:
        """(term, tag) the library uses: domain terms it contains and what it quotes."""
        if self._terms is None:
            found: dict[str, str] = {}
            joined = self.joined
            if joined:
                for match in QUOTED_TERM.finditer(joined):
                    found.setdefault(match[1], "nz")
                for word, (_, tag) in DOMAIN_TERMS.items():
                    if word in joined:
                        found.setdefault(word, tag)
            self._terms = sorted(found.items())
        return self._terms


def _prefixes(text: str, tail: str) -> dict[str, int]:
    found: dict[str, int] = {}
    at = text.find(tail)
    while at >= 0:
        for size in (2, 3):
            prefix = text[max(0, at - size) : at]
            if len(prefix) == size and HAN_RUN.fullmatch(prefix):
                found[prefix] = found.get(prefix, 0) + 1
        at = text.find(tail, at + 1)
    return found


def library_of(texts: Iterable[str]) -> Library:
    """The Library of these texts, reused when the last call passed the same ones."""
    global _last
    key = tuple(text for text in texts if text)
    with _lock:
        if _last is None or _last.texts != key:
            _last = Library(key)
        return _last
