"""jieba behind one door: a private POS tokenizer with the domain dictionary.

jieba is imported inside the functions that need it, never at module import, so that
`import quizzes.generation` (done by Django at start-up) costs nothing; the tokenizer is
built once per process and kept in a module-level cache.

The tokenizer is private (a `jieba.Tokenizer` of its own, not `jieba.dt`): the domain terms
and each document's own words change how text is cut, and other code in the process that
calls `jieba.lcut` must not see that. A document's words are added for the duration of one
`generate()` call and taken out again afterwards, so the same input always gives the same
cut whatever was generated before it. The lock makes that safe across threads: generation
runs one document at a time per process.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import threading
from collections import ChainMap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from quizzes.generation.lexicon import HAN_WORD, TAG_CLASSES, TERMS_FILE, is_weak

# A document's own words (quoted terms, repeated n-grams) are proper nouns of that document.
DOCUMENT_TAG = "nz"
# jieba's suggest_freq gives the least frequency that keeps a word whole when it stands
# alone; inside a sentence a neighbour can still pull one of its characters away, so a
# document word gets at least this much (on the scale of dict.txt, ~60 million in total).
DOCUMENT_MIN_FREQ = 200
# Dictionary words considered as distractors, per class and length: the most frequent ones.
DICTIONARY_POOL_SIZE = 400

_lock = threading.RLock()
_pos_tokenizer = None
_dictionary_index: dict[tuple[str, int], tuple[tuple[str, str], ...]] | None = None
_MISSING = object()


@dataclass(frozen=True, slots=True)
class Token:
    word: str
    tag: str
    start: int  # offsets in the text that was segmented (plus the offset it was given)
    end: int


def pos_tokenizer():
    """The process's POS tokenizer with terms.txt loaded (built on first use)."""
    global _pos_tokenizer
    if _pos_tokenizer is None:
        with _lock:
            if _pos_tokenizer is None:
                import logging

                import jieba
                import jieba.posseg

                # jieba logs its dictionary loading at DEBUG to stderr; that is noise in a server log.
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                tokenizer.load_userdict(str(TERMS_FILE))
                _pos_tokenizer = _sharing_tags(jieba.posseg, tokenizer)
    return _pos_tokenizer


def _sharing_tags(posseg, tokenizer):
    """A POSTokenizer over `tokenizer` that reads the tags of jieba's dictionary from the table
    jieba.posseg loaded when it was imported, under a layer of its own for the words this
    process adds: POSTokenizer(tokenizer) would read dict.txt into a second copy (~30 MB)."""
    pos = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
    pos.tokenizer = tokenizer
    pos.word_tag_tab = ChainMap({}, posseg.dt.word_tag_tab)
    return pos


def warm_up() -> None:
    """Load jieba, the domain dictionary and the distractor index now rather than on first use."""
    pos_tokenizer()
    dictionary_words("noun", 2)


def is_known(word: str) -> bool:
    """True when the tokenizer (jieba's dictionary plus terms.txt) has the word."""
    return bool(pos_tokenizer().tokenizer.FREQ.get(word))


def cut_pieces(word: str) -> list[str]:
    """How the dictionary alone (no HMM) cuts a string: used to judge a would-be new word."""
    return pos_tokenizer().tokenizer.lcut(word, HMM=False)


def segment_with(pos, text: str, offset: int = 0) -> tuple[Token, ...]:
    """POS-tagged tokens of text with their offsets; empty if jieba lost a character."""
    tokens = []
    position = offset
    for word, tag in pos.cut(text):
        tokens.append(Token(word, tag, position, position + len(word)))
        position += len(word)
    return tuple(tokens) if position - offset == len(text) else ()


class Segmenter:
    """Segments sentences for one generate() call, each distinct sentence once."""

    def __init__(self, pos, added: tuple[tuple[str, int, str], ...]):
        self._pos = pos
        self.added = added  # the document's words as (word, freq, tag), in the order added
        self.document_words = frozenset(word for word, _, _ in added)
        self._cache: dict[str, tuple[Token, ...]] = {}

    def frequency(self, word: str) -> int:
        """The word's count in the dictionary the text is cut with (jieba's, terms.txt and the
        document's words): how common it is in general Chinese. 0 when it is not a word."""
        return self._pos.tokenizer.FREQ.get(word) or 0

    def tag(self, word: str) -> str | None:
        """The dictionary's tag of a word, None when it has none."""
        return self._pos.word_tag_tab.get(word)

    @property
    def total(self) -> int:
        return self._pos.tokenizer.total

    def segment(self, text: str, offset: int = 0) -> tuple[Token, ...]:
        tokens = self._cache.get(text)
        if tokens is None:
            tokens = self._cache[text] = segment_with(self._pos, text)
        if offset:
            return tuple(Token(t.word, t.tag, t.start + offset, t.end + offset) for t in tokens)
        return tokens


@contextmanager
def document_segmenter(words: Iterable[str]) -> Iterator[Segmenter]:
    """A segmenter that knows the document's words, which are removed again on exit.

    Frequencies are all computed before any word is added, so each depends only on the
    base dictionary, and the words are added in the order given: another tokenizer that
    replays `Segmenter.added` with add_word cuts the text identically."""
    pos = pos_tokenizer()
    with _lock:
        tokenizer = pos.tokenizer
        new = [word for word in dict.fromkeys(words) if word and not tokenizer.FREQ.get(word)]
        added = tuple(
            (word, max(tokenizer.suggest_freq(word, False), DOCUMENT_MIN_FREQ), DOCUMENT_TAG)
            for word in new
        )
        saved_freq: dict[str, object] = {}
        saved_tags: dict[str, object] = {}
        saved_total = tokenizer.total
        for word, freq, tag in added:
            for end in range(1, len(word) + 1):
                saved_freq.setdefault(word[:end], tokenizer.FREQ.get(word[:end], _MISSING))
            saved_tags.setdefault(word, pos.word_tag_tab.get(word, _MISSING))
            tokenizer.add_word(word, freq, tag)
        try:
            yield Segmenter(pos, added)
        finally:
            for fragment, freq in saved_freq.items():
                if freq is _MISSING:
                    tokenizer.FREQ.pop(fragment, None)
                else:
                    tokenizer.FREQ[fragment] = freq
            for word, tag in saved_tags.items():
                tokenizer.user_word_tag_tab.pop(word, None)
                if tag is _MISSING:
                    pos.word_tag_tab.pop(word, None)
                else:
                    pos.word_tag_tab[word] = tag
            tokenizer.total = saved_total


def dictionary_words(word_class: str, length: int) -> tuple[tuple[str, str], ...]:
    """The most frequent (word, tag) of a class and length in jieba's dictionary and
    terms.txt, most frequent first: the last source of distractors."""
    global _dictionary_index
    if _dictionary_index is None:
        pos = pos_tokenizer()
        with _lock:
            if _dictionary_index is None:
                _dictionary_index = _build_dictionary_index(pos)
    return _dictionary_index.get((word_class, length), ())


def _build_dictionary_index(pos) -> dict[tuple[str, int], tuple[tuple[str, str], ...]]:
    """Each (class, length)'s most frequent words, kept in bounded heaps while the dictionary's
    ~350,000 words go past, so that building the index never holds more than the pools."""
    pos.makesure_userdict_loaded()
    freq = pos.tokenizer.FREQ
    own, shared = pos.word_tag_tab.maps
    pools: dict[tuple[str, int], list[tuple[int, _Reversed, str]]] = {}
    # Each word once, with the tag of the layer on top.
    shadowed = ((word, tag) for word, tag in shared.items() if word not in own)
    for word, tag in itertools.chain(shadowed, own.items()):
        word_class = TAG_CLASSES.get(tag)
        if (
            word_class is None
            or not 2 <= len(word) <= 8
            or not HAN_WORD.fullmatch(word)
            or is_weak(word)
        ):
            continue
        # A min-heap on (frequency, reversed order) keeps the most frequent, ties by word.
        entry = (freq.get(word) or 0, _Reversed(word), tag)
        pool = pools.setdefault((word_class, len(word)), [])
        if len(pool) < DICTIONARY_POOL_SIZE:
            heapq.heappush(pool, entry)
        elif entry > pool[0]:
            heapq.heapreplace(pool, entry)
    return {
        key: tuple((entry[1].word, entry[2]) for entry in sorted(pool, reverse=True))
        for key, pool in pools.items()
    }


@functools.total_ordering
class _Reversed:
    """A word that sorts backwards: among equally frequent words, the heap drops the last."""

    __slots__ = ("word",)

    def __init__(self, word: str) -> None:
        self.word = word

    def __lt__(self, other: _Reversed) -> bool:
        return self.word > other.word

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and self.word == other.word
