"""Normalising an answer (width, case, spaces, punctuation, traditional characters), the
lazily loaded OpenCC and pypinyin dictionaries, and the type checks every grader makes."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# What normalisation drops: punctuation, symbols, spaces and control characters of any width
# (after NFKC), the rule of quizzes.generation.text.normalize, so that an option and the
# answer it stands for read alike here as they do in the generator.
NOT_WORD = re.compile(r"[\W_]+")
# OpenCC's converter slows down more than linearly on one long run of text (36 s for a
# million characters, 1 s for 100 000); long texts go through in pieces of this size (a
# phrase cut in two is then converted character by character).
CONVERT_CHUNK = 2000


def normalize(text: str) -> str:
    """Width, case, spaces and punctuation folded away, traditional characters simplified:
    顛覆性 and ＂颠覆性＂ both give 颠覆性."""
    return _simplified(_folded(text))


def _folded(text: str) -> str:
    """normalize() without the traditional-to-simplified step (which keeps the length)."""
    _check_str(text)
    return NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def _simplified(text: str) -> str:
    """Traditional characters to simplified, one for one (about 7 µs a character: the
    graders never convert an input longer than the key it is compared with)."""
    if text.isascii():
        return text
    converter = _converter()
    return "".join(
        converter.convert(text[i : i + CONVERT_CHUNK]) for i in range(0, len(text), CONVERT_CHUNK)
    )


@functools.cache
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


@functools.cache
def _pinyin():
    from pypinyin import Style, pinyin

    return functools.partial(pinyin, style=Style.NORMAL, heteronym=True)


def warm_up() -> None:
    """Load both dictionaries now (about 0.2 s), so a served worker's first answer is not the slow one."""
    _converter().convert("學")
    _readings("行")


@functools.lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    """A character's toneless readings, all of them (行: xing, hang, heng); a character
    without any reads as itself."""
    return frozenset(_pinyin()(char)[0])


def _check_str(value) -> None:
    if not isinstance(value, str):
        raise TypeError(f"expected str, not {type(value).__name__}")


def _str_list(values, name: str) -> list[str]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be an iterable of str, not {type(values).__name__}")
    values = list(values)
    for value in values:
        _check_str(value)
    return values
