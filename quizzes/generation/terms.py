"""A document's own terms: what it puts in quotation marks, and what it keeps repeating.

Both are added to the segmenter for the document (segmentation.document_segmenter), so
that 大模型 or 总分馆制 is one token, a candidate blank, and not 大/模型 or 总分/馆制.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from quizzes.generation.lexicon import (
    CHINESE_DIGITS,
    EDGE_STOP_CHARS,
    FORMULAIC_VERBS,
    HAN,
    HAN_RUN,
    STOPWORDS,
)
from quizzes.generation.segmentation import cut_pieces, is_known

# A quoted term: a short quotation without punctuation inside (“人工智能+”, “卡脖子”,
# “1+N”). Longer quotations are sayings (see quotes.py).
QUOTED_TERM = re.compile(rf"“([{HAN}A-Za-z0-9+＋·]{{2,8}})”")
# A quoted count (“六大工程”) stays two words, 六大 + 工程, so that the count can be a
# number blank: added whole, the term would hide its numeral inside one token.
QUOTED_COUNT = re.compile(f"[{CHINESE_DIGITS}]+[大个项条]")
NGRAM_MIN, NGRAM_MAX = 2, 6
MIN_REPEATS = 3
# A real word turns up beside different neighbours (发展新质生产力, 培育新质生产力); a
# chunk of a longer word or of one repeated phrase mostly has the same one (新质生产 + 力).
MAX_NEIGHBOUR_SHARE = 0.8
# ... and its edge does not usually cut a dictionary word in two (进生产 in 先进生产力).
MAX_CROSSING_SHARE = 0.5
# Characters that end words (现代化, 颠覆性, 双师型) and so never start a new one.
SUFFIX_CHARS = frozenset("化性型式者们度率")
# Characters a term does not have inside it either: 新的技术 is a phrase, not a word.
INNER_STOP_CHARS = frozenset("的了着和与是及或")
MAX_DOCUMENT_TERMS = 300


@dataclass
class NgramCounts:
    """Occurrences of every character n-gram of a document's Han runs, from 2 characters to
    one more than the longest term (the extra length tells a term's neighbours)."""

    counts: Counter

    def count(self, word: str) -> int:
        return self.counts.get(word, 0)


def count_ngrams(texts: Iterable[str]) -> NgramCounts:
    runs = Counter(run for text in texts for run in HAN_RUN.findall(text) if len(run) >= NGRAM_MIN)
    counts: Counter = Counter()
    # One pass per distinct run: a long document repeats few runs, a benchmark many.
    for run, times in runs.items():
        length = len(run)
        for size in range(NGRAM_MIN, min(NGRAM_MAX + 1, length) + 1):
            for index in range(length - size + 1):
                counts[run[index : index + size]] += times
    return NgramCounts(counts)


def quoted_terms(texts: Iterable[str]) -> list[str]:
    found = {}
    for text in texts:
        for match in QUOTED_TERM.finditer(text):
            term = match[1]
            if not QUOTED_COUNT.match(term) and term not in STOPWORDS:
                found[term] = None
    return list(found)


def repeated_terms(ngrams: NgramCounts) -> list[str]:
    """N-grams seen at least three times that jieba does not know and that read as words:
    no function word at either edge, not opened or closed by a slogan verb (发展新质生产力
    is a phrase), not just a sequence of dictionary words (科技创新), not always inside
    the same longer n-gram, and with edges that are word boundaries where it occurs."""
    counts = ngrams.counts
    candidates = {
        gram: count
        for gram, count in counts.items()
        if count >= MIN_REPEATS and len(gram) <= NGRAM_MAX and _plausible_edges(gram)
    }
    # Drop a gram that only ever occurs inside one longer candidate (新质生产 in 新质生产力).
    subsumed = set()
    for gram, count in candidates.items():
        if len(gram) > NGRAM_MIN:
            for part in (gram[:-1], gram[1:]):
                if candidates.get(part) == count:
                    subsumed.add(part)
    survivors = {gram for gram in candidates if gram not in subsumed}
    left: dict[str, dict[str, int]] = {}
    right: dict[str, dict[str, int]] = {}
    for gram, count in counts.items():
        if len(gram) > NGRAM_MIN:
            if gram[1:] in survivors:
                left.setdefault(gram[1:], {})[gram[0]] = count
            if gram[:-1] in survivors:
                right.setdefault(gram[:-1], {})[gram[-1]] = count
    terms = []
    for gram in sorted(survivors, key=lambda g: (-candidates[g] * len(g), g)):
        total = candidates[gram]
        if not _free_edge(gram, left.get(gram, {}), total, before=True):
            continue
        if not _free_edge(gram, right.get(gram, {}), total, before=False):
            continue
        if is_known(gram) or not _new_word(gram):
            continue
        terms.append(gram)
        if len(terms) == MAX_DOCUMENT_TERMS:
            break
    return terms


def _free_edge(gram: str, neighbours: dict[str, int], total: int, *, before: bool) -> bool:
    """Whether this edge of gram is a word boundary where it occurs: the neighbours on that
    side vary, and mostly do not make a dictionary word with the gram's edge character
    (务诚信 is the tail of 政务诚信 and 商务诚信; 大幅提 the head of 大幅提升)."""
    # Occurrences at the edge of a run of ideographs (after punctuation) count as one more
    # neighbour: 中说 always follows 》.
    at_run_edge = total - sum(neighbours.values())
    if max([at_run_edge, *neighbours.values()]) > MAX_NEIGHBOUR_SHARE * total:
        return False
    crossing = 0
    for char, count in neighbours.items():
        joined = char + gram[0] if before else gram[-1] + char
        extended = char + gram if before else gram + char
        if is_known(joined) or is_known(extended):
            crossing += count
    return crossing <= MAX_CROSSING_SHARE * total


def _plausible_edges(gram: str) -> bool:
    if gram[0] in EDGE_STOP_CHARS or gram[-1] in EDGE_STOP_CHARS or gram[0] in SUFFIX_CHARS:
        return False
    if any(char in INNER_STOP_CHARS for char in gram):
        return False
    # Slogan verbs and multi-character stop words are two or three characters long.
    for size in (2, 3):
        if len(gram) > size and (gram[:size] in _EDGE_WORDS or gram[-size:] in _EDGE_WORDS):
            return False
    return True


_EDGE_WORDS = FORMULAIC_VERBS | frozenset(word for word in STOPWORDS if len(word) > 1)


def _new_word(gram: str) -> bool:
    """jieba would break it into single characters somewhere (新/质/生产力, 大/模型): a
    compound it does not know, not a phrase of words it does (科技/创新)."""
    pieces = cut_pieces(gram)
    return len(pieces) > 1 and any(len(piece) == 1 for piece in pieces)


def document_terms(texts: list[str], ngrams: NgramCounts) -> list[str]:
    """The words to add for this document: quoted terms first, then repeated n-grams."""
    return list(dict.fromkeys(quoted_terms(texts) + repeated_terms(ngrams)))
