"""Pass 1, lines: normalise, drop page furniture, classify every line (markdown heading,
byline, closing note or text)."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.parsing.patterns import (
    BYLINE_MARKS,
    BYLINE_MAX_CHARS,
    BYLINE_ROLE,
    CLOSING_NOTE,
    FURNITURE,
    FURNITURE_MAX_CHARS,
    HARD_BREAK,
    MD_EMPHASIS,
    MD_HEADING,
    MD_LINE_PREFIX,
    MD_NOISE,
    NAME_SEPARATORS,
    NOTE_MAX_CHARS,
    NOTE_SOURCE,
    PERSON_NAME,
)


def normalize_text(text: str) -> str:
    """Strip byte order marks and unify line ends; markdown hard breaks become plain ones."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    return HARD_BREAK.sub("", text)


@dataclass(slots=True)
class _Line:
    kind: str  # "heading" (markdown), "byline", "note" or "text"
    text: str
    gap_before: bool  # a blank line separates it from the line above
    hashes: int = 0
    authors: list[str] | None = None


def _read_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    gap = True
    for raw in normalize_text(text).splitlines():
        stripped = raw.strip()
        if not stripped:
            gap = True
            continue
        hashes, content = _strip_markdown(stripped)
        # Furniture vanishes without leaving a gap, so a paragraph it cut rejoins.
        # It is checked before and after markdown stripping: "- 9 -" is no list item.
        if (
            content
            and not _is_furniture(stripped)
            and (content == stripped or not _is_furniture(content))
        ):
            lines.append(_classify(content, hashes, gap))
            gap = False
    return lines


def _strip_markdown(line: str) -> tuple[int, str]:
    # Most lines are prose: the first character tells which patterns could apply.
    if line[0] in "!-*_<" and MD_NOISE.fullmatch(line):
        return 0, ""
    if line[0] in ">-*+":
        line = MD_LINE_PREFIX.sub("", line)
    hashes = 0
    if line.startswith("#") and (heading := MD_HEADING.fullmatch(line)):
        hashes, line = len(heading[1]), heading[2]
    for mark in MD_EMPHASIS:
        if mark in line:
            line = line.replace(mark, "")
    return hashes, line.strip()


def _is_furniture(text: str) -> bool:
    if len(text) > FURNITURE_MAX_CHARS:
        return False
    credit = text.rstrip("）) ")
    return bool(FURNITURE.fullmatch(text)) or credit.endswith(("摄", "摄影"))


def _classify(text: str, hashes: int, gap: bool) -> _Line:
    if hashes:
        return _Line("heading", text, gap, hashes)
    if len(text) <= BYLINE_MAX_CHARS and (authors := _byline_authors(text)):
        return _Line("byline", text, gap, authors=authors)
    if text[0] in "（(" and len(text) <= NOTE_MAX_CHARS and CLOSING_NOTE.fullmatch(text):
        return _Line("note", text, gap)
    return _Line("text", text, gap)


def _byline_authors(text: str) -> list[str] | None:
    """The names on a byline ("●张三 李四", "本报记者 张三"), or None for any other line."""
    marked = text[0] in BYLINE_MARKS
    if not marked and not BYLINE_ROLE.match(text):
        return None
    names: list[str] = []
    for token in NAME_SEPARATORS.split(text[1:] if marked else text):
        if role := BYLINE_ROLE.match(token):
            token = token[role.end() :]
        if not token:
            continue
        if not PERSON_NAME.fullmatch(token):
            return None
        names.append(token)
    return names or None


def _closing_note(text: str) -> tuple[str | None, str | None]:
    """(source, note) of "（据《人民日报》作者为……）": the publication, then the rest."""
    inner = CLOSING_NOTE.fullmatch(text)[1]
    source = None
    if cited := NOTE_SOURCE.match(inner):
        source, inner = cited[1], inner[cited.end() :]
    return source, inner.strip(" ，,、") or None
