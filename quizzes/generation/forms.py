"""What kind of thing a word names, as far as its form tells: word classes from jieba's tags,
bound suffixes (……化, ……性), heads (……产业, ……治理) and what a group of words shares.

A wrong option must be the same kind of thing as the key, and without a model of meaning
the form is what shows it (see distractors.py).
"""

from __future__ import annotations

from collections.abc import Sequence

# How far a term distractor's length may be from the key's: one character for short keys,
# two for keys longer than this.
LONG_KEY_CHARS = 5
# Bound suffixes that make a word of a kind (现代化, 原创性, 服务型, 负责制): a key with one
# takes distractors with the same one, a key without takes none that has one.
FORM_SUFFIXES = frozenset("化性型式率度感权制者员师家")
# A compound's head, its last two characters (传统产业, 新兴产业; 政务诚信, 商务诚信): a
# compound's distractors share it.
HEAD_CHARS = 2
MIN_HEADED_CHARS = 4
# Word classes of jieba tags, finer than the parts of speech for names: a place goes with
# places, a person with people, an organisation with organisations.
TAG_CLASSES = {
    "n": "noun",
    "nz": "noun",
    "nl": "noun",
    "ng": "noun",
    "j": "noun",
    "vn": "verbal",
    "l": "phrase",
    "i": "idiom",
    "ns": "place",
    "nr": "person",
    "nrt": "person",
    "nrfg": "person",
    "nt": "organisation",
    "eng": "latin",
}
# jieba's tags on long compounds are loose (生态建设 l, 社会保障 n, 民生福祉 nz): from this
# length on, nouns, verb-nouns and set phrases are one class of terms.
COMPOUND_CHARS = 4
COMPOUND_CLASSES = frozenset({"noun", "verbal", "phrase"})
# Tags jieba gives anything fixed (群众反映/i, 良性循环/l): the tag says nothing of the kind
# of thing, so the form must.
LOOSE_TAGS = frozenset({"i", "l"})


def word_class(word: str, tag: str) -> str | None:
    found = TAG_CLASSES.get(tag)
    if found in COMPOUND_CLASSES and len(word) >= COMPOUND_CHARS:
        return "compound"
    return found


def suffix(word: str) -> str | None:
    return word[-1] if len(word) >= 2 and word[-1] in FORM_SUFFIXES else None


def head(word: str) -> str | None:
    return word[-HEAD_CHARS:] if len(word) >= MIN_HEADED_CHARS else None


def common_form(words: Sequence[str]) -> tuple[str, str] | None:
    """What all the words share, if anything: ("suffix", 性), ("head", 产业), ("prefix", 优粮)
    or ("inside", 产业)."""
    suffixes = {suffix(word) for word in words}
    if len(suffixes) == 1 and None not in suffixes:
        return "suffix", suffixes.pop()
    heads = {head(word) for word in words}
    if len(heads) == 1 and None not in heads:
        return "head", heads.pop()
    for size in (HEAD_CHARS, 1):
        prefixes = {word[:size] for word in words}
        if len(prefixes) == 1 and all(len(word) > size for word in words):
            return "prefix", prefixes.pop()
    # A word all of them have inside (传统产业升级、新兴产业壮大、未来产业培育).
    shortest = min(words, key=len)
    for size in range(len(shortest) - 1, HEAD_CHARS - 1, -1):
        for start in range(len(shortest) - size + 1):
            part = shortest[start : start + size]
            if all(part in word and len(word) > size for word in words):
                return "inside", part
    return None


def has_form(word: str, form: tuple[str, str]) -> bool:
    kind, part = form
    if len(word) <= len(part):
        return False
    if kind == "prefix":
        return word.startswith(part)
    if kind == "inside":
        return part in word
    return word.endswith(part)


def verbal(tag: str | None) -> bool:
    return bool(tag) and tag.startswith("v")


def within(short: str, long: str) -> bool:
    """Whether the characters of `short` stand in `long` in order (老人 in 老年人)."""
    if len(short) >= len(long) or len(short) < 2:
        return False
    rest = iter(long)
    return all(char in rest for char in short)
