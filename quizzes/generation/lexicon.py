"""The generator's word lists and tag classes, read from `data/` (see data/README.md).

Plain sets of strings, loaded at import: the files are a few kilobytes, and reading them
needs no jieba, so `import quizzes.generation` stays light.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
TERMS_FILE = DATA_DIR / "terms.txt"


def read_word_list(name: str) -> tuple[str, ...]:
    """One entry a line, in file order; blank lines and `#` comments skipped."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return tuple(
        line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )


def read_terms() -> dict[str, tuple[int, str]]:
    """terms.txt (jieba's user dictionary format: `word freq tag`) as {word: (freq, tag)}."""
    terms = {}
    for line in TERMS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            word, freq, tag = line.split()
            terms[word] = (int(freq), tag)
    return terms


DOMAIN_TERMS = read_terms()
STOPWORDS = frozenset(read_word_list("stopwords.txt"))
FORMULAIC_VERBS = frozenset(read_word_list("formulaic_verbs.txt"))
GENERIC_WORDS = frozenset(read_word_list("generic_words.txt"))
EVALUATIVE_WORDS = frozenset(read_word_list("evaluative_words.txt"))
FIGURATIVE_WORDS = frozenset(read_word_list("figurative_words.txt"))
FRAME_NOUNS = frozenset(read_word_list("frame_nouns.txt"))
SPEAKERS = read_word_list("speakers.txt")
# Longest first, so that a regex alternation prefers 亿千瓦 to 千瓦.
UNITS = tuple(sorted(read_word_list("units.txt"), key=len, reverse=True))

# Single characters that may not open or close a discovered term (的 in 发展的, 和 in 和安全):
# the one-character stop words, plus the verbal 是 and 有 already among them.
EDGE_STOP_CHARS = frozenset(word for word in STOPWORDS if len(word) == 1)

# jieba.posseg tags (ICTCLAS set) of words that can carry a blank: nouns and their named
# subclasses, verb-nouns, set phrases, idioms, Latin words, and j, jieba's tag for
# abbreviations (光伏, 党委), which are nouns too. Numbers with units are handled apart.
CONTENT_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "vn", "l", "i", "eng", "j"})

# Distractors come from the same class as the key: a noun for a noun, an idiom for an idiom.
TAG_CLASSES = {
    "n": "noun",
    "nz": "noun",
    "nt": "noun",
    "j": "noun",
    "nl": "noun",
    "ng": "noun",
    "nr": "name",
    "nrt": "name",
    "nrfg": "name",
    "ns": "name",
    "vn": "verbal",
    "l": "phrase",
    "i": "phrase",
    "eng": "latin",
    "m": "count",
}


def tag_class(tag: str) -> str | None:
    return TAG_CLASSES.get(tag)


# A figure and its unit: not part of a longer figure, not an ordinal (第3), with an
# optional 多/余 before the unit (2300多名), which stays visible with it.
FIGURE_WITH_UNIT = re.compile(
    r"(?<![\d.．第])(?P<figure>\d+(?:\.\d+)?)(?P<unit>[多余]?(?:"
    + "|".join(re.escape(unit) for unit in UNITS)
    + "))"
)


def figures(text: str, start: int, end: int) -> Iterator[re.Match]:
    return FIGURE_WITH_UNIT.finditer(text, start, end)


# CJK ideographs as jieba sees them (its own range is \u4e00-\u9fd5; the rest of the block is
# rare enough in theory texts to treat alike).
HAN = "\u4e00-\u9fff"
HAN_RUN = re.compile(f"[{HAN}]+")
HAN_WORD = re.compile(f"[{HAN}]+")
# Chinese numerals as they count things: 六大工程, 两个结合.
CHINESE_DIGITS = "一二两三四五六七八九十"
# A count word of the dictionary (六大): numeral + 大, one jieba token.
COUNT_WORD = re.compile(f"[{CHINESE_DIGITS}]大")


def is_weak(word: str) -> bool:
    """A word that tests nothing when blanked: a function word, a slogan verb, a generic noun
    or a generic evaluative word (有力, 效能, 优先)."""
    return (
        word in STOPWORDS
        or word in FORMULAIC_VERBS
        or word in GENERIC_WORDS
        or word in EVALUATIVE_WORDS
    )


# What a compound may be made of and still say nothing (切实加强, 质量效益, 不断完善): the
# pieces that only say how, how much or what to do, not what (generic nouns name something).
HOLLOW_PIECES = STOPWORDS | FORMULAIC_VERBS | EVALUATIVE_WORDS
_HOLLOW_PIECE_MAX = max(len(piece) for piece in HOLLOW_PIECES)


@cache
def is_generic(word: str) -> bool:
    """A weak word, or a compound of hollow pieces only (切实加强 = 切实 + 加强) that is not a
    term of the domain (高质量发展 is one, though made of 高质量 + 发展)."""
    return is_weak(word) or (word not in DOMAIN_TERMS and _is_hollow(word))


def _is_hollow(word: str) -> bool:
    # covered[i]: word[:i] splits into hollow pieces of two characters or more (one-character
    # function words make real words too: 自 + 由).
    covered = [True] + [False] * len(word)
    for end in range(2, len(word) + 1):
        for size in range(2, min(_HOLLOW_PIECE_MAX, end) + 1):
            if covered[end - size] and word[end - size : end] in HOLLOW_PIECES:
                covered[end] = True
                break
    return covered[-1]
