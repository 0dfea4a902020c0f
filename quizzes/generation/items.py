"""What the generator produces: one study item, traceable to its source sentence.

Pure Python (no Django): the Django side stores these as StudyItem rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

KEYPOINTS = "keypoints"
CLOZE = "cloze"
DEFINITION = "definition"
QUOTE = "quote"
NUMBER = "number"
CHOICE = "choice"
MULTI = "multi"
ENUMERATION = "enumeration"
KINDS = (KEYPOINTS, CLOZE, DEFINITION, QUOTE, NUMBER, CHOICE, MULTI, ENUMERATION)

# How a blank is shown in a prompt: one run of underscores per blank.
BLANK = "____"


@dataclass(frozen=True)
class Item:
    key: str  # stable identity: a digest of (kind, source sentence, blanked answers); see keys()
    kind: str  # one of KINDS
    article: int  # index of the article in the outline (0-based)
    section: int  # index of the section in the article (0-based)
    paragraph: (
        int | None
    )  # index of the paragraph in the section; None when the source is a heading or title
    start: int  # character offsets of `source` in that paragraph's text (or in the heading / title)
    end: int
    source: str  # the source sentence (or the heading, for key-point cards)
    prompt: str  # what the learner sees before answering; each blank written as BLANK
    answers: list[
        str
    ]  # accepted answers in blank order / key points in order / members / correct option(s)
    options: list[str] | None = None  # choice and multi: all options in display order
    cloze: str | None = (
        None  # blank kinds: `source` in Anki cloze syntax, e.g. 特别是{{c1::原创性}}
    )
    extra: dict = field(
        default_factory=dict
    )  # kind-specific details (speaker, unit, ordered, term, ...)
    outline: bool = False  # made from a title, a heading or a key point (siblings wait on it)
    weight: int = 1  # how much it is worth learning, 1-9 (see weights.py)
    in_set: bool = True  # in its article's default study set (the others start disabled)


def item_key(kind: str, source: str, answers) -> str:
    """The item's stable identity: a SHA-1 of its kind, its source and what it blanks (for a
    key-point card, the heading and its points). It names no index, so regenerating the same
    text gives the same keys and editing one paragraph changes only that paragraph's keys."""
    payload = "\x1f".join([kind, source, *answers])
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()
