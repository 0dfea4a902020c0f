"""Pass 4, points: the key points a paragraph states, and the lists inside it.

A key point is a short thesis the paragraph states by itself, in its own words: a dash
point ("——经济运行总体平稳。") or a lead sentence (a short first sentence without a pause,
a colon or a quotation, stating a thesis or a task rather than narrating). The members of
"一是……二是……" inside a paragraph are a list of that paragraph, not key points.
"""

from __future__ import annotations

from corpus.parsing.patterns import (
    DASH,
    DASH_POINT_END,
    FAMILIAR_LOOKALIKES,
    FAMILIAR_NAME,
    HAN_CHAR,
    HEADING_NUMBER,
    HOME_AND_FAMILY,
    LEAD_POINT_BREAKERS,
    LEAD_POINT_MAX_CHARS,
    LEAD_POINT_MIN_CHARS,
    LIST_HINT,
    LIST_ITEM_MAX_CHARS,
    LIST_MARKER,
    NARRATION,
    NARRATIVE_OPENER,
    NUMERALS,
    OPEN_ENDINGS,
    PAUSE,
    PROVINCES,
    SENTENCE_END,
    TASK_OPENER,
)


def paragraph_points(text: str, *, story: bool = False) -> list[str]:
    """The dash point or the lead sentence of a paragraph. In a story (a newspaper's
    article, not a speech or a report) a lead about a place by name, someone's home and
    family or someone called by a familiar name narrates."""
    if dash := DASH.match(text):
        # Without a closing mark the dash line is an attribution ("——习近平……强调"), no point.
        end = DASH_POINT_END.search(text, dash.end())
        point = text[dash.end() : end.start()].strip() if end else ""
        return [point] if point else []
    start = 0
    if (number := HEADING_NUMBER.match(text)) and number.lastgroup == "tiao":
        start = number.end()  # a regulation's article: the lead rule reads what follows 第X条
    elif (marker := LIST_MARKER.match(text)) and (marker["cn"] or marker["ordinal"]):
        start = marker.end()  # a paragraph opening with 一是 states its first member as its lead
    point = _lead_sentence(text, start)
    if point and story and _sets_the_scene(point):
        return []
    return [point] if point else []


def _sets_the_scene(lead: str) -> bool:
    if TASK_OPENER.match(lead):
        return False
    return bool(
        PROVINCES.search(lead)
        or HOME_AND_FAMILY.search(lead)
        or any(
            not lead.startswith(FAMILIAR_LOOKALIKES, name.start())
            for name in FAMILIAR_NAME.finditer(lead)
        )
    )


def _lead_sentence(text: str, start: int) -> str | None:
    """The first sentence from `start` if it reads as a key point: short, ended by 。 or ；,
    without a pause, colon or quotation inside, not narration."""
    end = SENTENCE_END.search(text, start)
    if end is None or end[0] not in "。；;":
        return None
    sentence = text[start : end.start()].strip()
    if not LEAD_POINT_MIN_CHARS <= len(sentence) <= LEAD_POINT_MAX_CHARS or not HAN_CHAR.match(
        sentence
    ):
        return None
    if (
        LEAD_POINT_BREAKERS.search(sentence)
        or NARRATIVE_OPENER.match(sentence)
        or NARRATION.search(sentence)
    ):
        return None
    return sentence


def paragraph_lists(text: str) -> list[list[str]]:
    """The lists a paragraph states: runs of "一是……二是……", "第一，……第二，……",
    "（1）……（2）……" or "①……②……" counting up from one, each member up to its sentence end."""
    if len(LIST_HINT.findall(text)) < 2:  # most paragraphs number nothing: a quick look first
        return []
    lists: list[list[str]] = []
    markers = list(LIST_MARKER.finditer(text))
    run: list = []
    for marker in markers:
        if run and _follows(run[-1], marker):
            run.append(marker)
            continue
        if len(run) > 1:
            lists.append(_members(text, run))
        run = [marker] if _ordinal(marker) == 1 else []
    if len(run) > 1:
        lists.append(_members(text, run))
    return lists


def _ordinal(marker) -> int:
    for name in ("cn", "ordinal", "paren"):
        if digits := marker[name]:
            return int(digits) if digits.isdigit() else _numeral_value(digits)
    return ord(marker["circled"]) - ord("①") + 1


def _numeral_value(numerals: str) -> int:
    if len(numerals) == 1:
        return NUMERALS.index(numerals) + 1
    tens, ones = numerals[0], numerals[-1]
    return (NUMERALS.index(tens) + 1 if tens != "十" else 1) * 10 + (
        NUMERALS.index(ones) + 1 if ones != "十" else 0
    )


def _follows(previous, marker) -> bool:
    kind = next(name for name in ("cn", "ordinal", "paren", "circled") if previous[name])
    return bool(marker[kind]) and _ordinal(marker) == _ordinal(previous) + 1


def _members(text: str, run: list) -> list[str]:
    members = []
    for number, marker in enumerate(run):
        limit = run[number + 1].start() if number + 1 < len(run) else len(text)
        end = SENTENCE_END.search(text, marker.end(), limit)
        item = text[marker.end() : end.start() if end else limit].strip().rstrip(OPEN_ENDINGS + " ")
        if len(item) > LIST_ITEM_MAX_CHARS:
            pause = PAUSE.search(item)
            item = item[: pause.start()] if pause and pause.start() <= LIST_ITEM_MAX_CHARS else item
        members.append(item)
    return members
