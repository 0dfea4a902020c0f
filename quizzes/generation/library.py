"""The other documents of the library (corpus_texts), indexed once for many generate() calls.

The importer calls generate() once per article with the same corpus_texts (thousands of
paragraphs), so the sentence index and the terms and figures found in them are kept for
the last corpus seen, keyed by its texts: a tuple of the same strings compares and hashes
fast, since Python caches a string's hash.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from quizzes.generation.lexicon import DOMAIN_TERMS, figures
from quizzes.generation.terms import QUOTED_TERM
from quizzes.generation.text import SentenceIndex

_lock = threading.Lock()
_last: Library | None = None


class Library:
    def __init__(self, texts: tuple[str, ...]):
        self.texts = texts
        self.index = SentenceIndex(texts)
        self._terms: list[tuple[str, str]] | None = None
        self._figures: dict[str, list[str]] | None = None

    def terms(self) -> list[tuple[str, str]]:
        """(term, tag) the library uses: domain terms it contains and what it quotes."""
        if self._terms is None:
            found: dict[str, str] = {}
            joined = "\n".join(self.texts)
            if joined:
                for match in QUOTED_TERM.finditer(joined):
                    found.setdefault(match[1], "nz")
                for word, (_, tag) in DOMAIN_TERMS.items():
                    if word in joined:
                        found.setdefault(word, tag)
            self._terms = sorted(found.items())
        return self._terms

    def figures(self) -> dict[str, list[str]]:
        """{unit: figures} of the library, in text order."""
        if self._figures is None:
            found: dict[str, list[str]] = {}
            for text in self.texts:
                for match in figures(text, 0, len(text)):
                    found.setdefault(match["unit"], []).append(match["figure"])
            self._figures = found
        return self._figures


def library_of(texts: Iterable[str]) -> Library:
    """The Library of these texts, reused when the last call passed the same ones."""
    global _last
    key = tuple(text for text in texts if text)
    with _lock:
        if _last is None or _last.texts != key:
            _last = Library(key)
        return _last
