"""Pass 1, lines: normalise, drop page furniture, classify every line (markdown heading,
byline, closing note, the paper's date line, a photo credit or text)."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.parsing.patterns import (
    BYLINE_AGENCY,
    BYLINE_MARKS,
    BYLINE_MAX_CHARS,
    BYLINE_ROLE,
    CLOSING_NOTE,
    CREDIT,
    DATELINE,
    FURNITURE,
    FURNITURE_MAX_CHARS,
    HAN_CHAR,
    HARD_BREAK,
    MD_EMPHASIS,
    MD_HEADING,
    MD_LINE_PREFIX,
    MD_NOISE,
    NAME_SEPARATORS,
    NOTE_MAX_CHARS,
    NOTE_SOURCE,
    PAPER_DATE,
    PERSON_NAME,
    REPORTERS,
    SIGNATURE,
)


def normalize_text(text: str) -> str:
    """Strip byte order marks and unify line ends; markdown hard breaks become plain ones."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    return HARD_BREAK.sub("", text)


@dataclass(slots=True)
class _Line:
    # "heading" (markdown), "byline", "note", "paperdate", "credit", "signature" or "text"
    kind: str
    text: str
    gap_before: bool  # a blank line separates it from the line above
    indented: bool = False  # it starts with spaces: a paragraph's first line
    hashes: int = 0
    authors: list[str] | None = None
    # The paper of a paper's date line, the agency of a credit or a byline ("本报" is "this
    # paper": the article resolves it).
    source: str | None = None
    date: str | None = None  # the day of a paper's date line
    width: int = 0  # its length with its indent: a hard-wrapped line fills the page's width


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
        if content and (line := _page_line(content, gap)):
            lines.append(line)
        elif (
            content
            and not _is_furniture(stripped)
            and (content == stripped or not _is_furniture(content))
        ):
            line = _classify(content, hashes, gap)
            line.indented = raw[0].isspace()
            line.width = len(raw.rstrip())
            lines.append(line)
            gap = False
    return lines


def _page_line(text: str, gap: bool) -> _Line | None:
    """The paper's date line or a photo credit: lines the body skips, kept for what they tell."""
    if len(text) > BYLINE_MAX_CHARS:
        return None
    if text.startswith("《") and (dated := PAPER_DATE.fullmatch(text)):
        line = _Line("paperdate", text, gap, source=dated["paper"].strip())
        line.date = "".join(dated["date"].split())
        return line
    if "摄" in text and (credit := CREDIT.fullmatch(text)):
        names = _names(credit["names"])
        if names:
            agency = credit["agency"] or credit["sent_by"]
            return _Line("credit", text, gap, authors=names, source=agency)
    if (signed := SIGNATURE.fullmatch(text)) and (names := _names(signed["name"])):
        return _Line("signature", text, gap, authors=names)
    return None


def _names(text: str) -> list[str] | None:
    """The names of "程  龙  潘俊强" (a two-character name spread to the width of three), or
    None when a token is no name."""
    names: list[str] = []
    single = ""
    for token in NAME_SEPARATORS.split(text.strip()):
        if not token:
            continue
        if len(token) == 1 and HAN_CHAR.match(token):
            single, token = single + token, ""
            if len(single) < 2:
                continue
            token, single = single, ""
        if not PERSON_NAME.fullmatch(token):
            return None
        names.append(token)
    return names if names and not single else None


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
        return _Line("heading", text, gap, hashes=hashes)
    if len(text) <= BYLINE_MAX_CHARS and (authors := _byline_authors(text)) is not None:
        agency = BYLINE_AGENCY.match(text)
        return _Line("byline", text, gap, authors=authors, source=agency and agency[1])
    if text[0] in "（(" and len(text) <= NOTE_MAX_CHARS and _is_closing_note(text):
        return _Line("note", text, gap)
    return _Line("text", text, gap)


def _byline_authors(text: str) -> list[str] | None:
    """The names on a byline ("●张三 李四", "本报记者 张三", "本报记者  程  龙"), [] for a role
    alone ("新华社记者": the names come with the closing dateline), None for any other line."""
    marked = text[0] in BYLINE_MARKS
    if not marked and not BYLINE_ROLE.match(text):
        return None
    if not marked and BYLINE_ROLE.fullmatch(text):
        return []
    tokens = []
    for token in NAME_SEPARATORS.split(text[1:] if marked else text):
        if role := BYLINE_ROLE.match(token):
            token = token[role.end() :]
        tokens.append(token)
    return _names(" ".join(tokens))


def _is_closing_note(text: str) -> bool:
    return bool(CLOSING_NOTE.fullmatch(text) or _dateline(text[1:-1].strip(), whole=True))


def _dateline(text: str, *, whole: bool = False) -> tuple[str, list[str], int] | None:
    """(agency, reporters, end) of a wire dateline ("新华社北京5月29日电" -> "新华社";
    "本报……电  （记者刘晓宇）" -> "本报" and 刘晓宇), at the start of `text` or, with
    `whole`, as all of it."""
    dated = DATELINE.match(text)
    if not dated:
        return None
    end, reporters = dated.end(), []
    if found := REPORTERS.match(text, end):
        if names := _names(found["names"].replace("、", " ").replace("，", " ").replace(",", " ")):
            end, reporters = found.end(), names
    if whole and text[end:].strip():
        return None
    return dated["agency"], reporters, end


def _dateline_source(text: str) -> str | None:
    dated = _dateline(text)
    return dated[0] if dated else None


def _closing_note(text: str) -> tuple[str | None, str | None, list[str]]:
    """(source, note, authors) of "（据《人民日报》作者为……）": the publication, then the rest;
    of a wire dateline "（新华社北京10月19日电  记者赵超、安蓓）": the agency, no note, the
    reporters."""
    if not CLOSING_NOTE.fullmatch(text):
        dated = _dateline(text[1:-1].strip(), whole=True)
        return (dated[0], None, dated[1]) if dated else (None, None, [])
    inner = CLOSING_NOTE.fullmatch(text)[1]
    source = None
    if cited := NOTE_SOURCE.match(inner):
        source, inner = cited[1], inner[cited.end() :]
    return source, inner.strip(" ，,、") or None, []
