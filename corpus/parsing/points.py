"""Pass 4, points: the key points each paragraph states."""

from __future__ import annotations

from corpus.parsing.patterns import (
    COPULA,
    ENUM_POINT_MAX_CHARS,
    HAN_CHAR,
    LEAD_POINT_BREAKERS,
    LEAD_POINT_MAX_CHARS,
    NARRATIVE_OPENER,
    OPEN_ENDINGS,
    PAUSE,
    POINT_MARKER,
    POINT_MIN_CHARS,
    SENTENCE_END,
)


def _paragraph_points(text: str, *, opening: bool) -> list[str]:
    """Enumerated items anywhere; otherwise the lead sentence, unless the paragraph opens
    its section (an opening paragraph introduces the section's subject)."""
    points = _enumerated_points(text)
    if points or opening:
        return points
    lead = _lead_point(text)
    return [lead] if lead else []


def _enumerated_points(text: str) -> list[str]:
    markers = list(POINT_MARKER.finditer(text))
    points = []
    for number, marker in enumerate(markers):
        limit = markers[number + 1].start() if number + 1 < len(markers) else len(text)
        end = SENTENCE_END.search(text, marker.end(), limit)
        item = text[marker.end() : end.start() if end else limit].strip().rstrip(OPEN_ENDINGS + " ")
        if len(item) > ENUM_POINT_MAX_CHARS:
            pause = PAUSE.search(item)
            item = item[: pause.start()] if pause and pause.start() <= ENUM_POINT_MAX_CHARS else ""
        if len(item) >= 2:
            points.append(item)
    return points


def _lead_point(text: str) -> str | None:
    """The paragraph's first sentence if it reads as a key point: short, ended by 。 or ；
    and followed by more text, without a pause or quotation inside, not a definition
    (X是Y) and not narration."""
    end = SENTENCE_END.search(text)
    if end is None or end[0] not in "。；;" or not text[end.end() :].strip():
        return None
    sentence = text[: end.start()].strip()
    if not POINT_MIN_CHARS <= len(sentence) <= LEAD_POINT_MAX_CHARS or not HAN_CHAR.match(sentence):
        return None
    if (
        LEAD_POINT_BREAKERS.search(sentence)
        or COPULA.search(sentence, 1)
        or NARRATIVE_OPENER.match(sentence)
    ):
        return None
    return sentence
