"""Items on the outline itself: the ordered list of a section's key points (or its card),
and cloze items on titles, headings and key points."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from corpus.parsing import Section
from quizzes.generation.blanks import (
    SECOND_BLANK_SHARE,
    answerable,
    phrase_spans,
    ranked_candidates,
    score,
)
from quizzes.generation.context import Context
from quizzes.generation.document import TITLE, Place
from quizzes.generation.drafts import Blank, Draft, leaks
from quizzes.generation.items import CLOZE, ENUMERATION, KEYPOINTS
from quizzes.generation.lists import find_enumerations
from quizzes.generation.segmentation import Token

# The prompt of an enumeration of key points: name them all, in order. Chinese, like the
# texts; the count is written out so the learner knows when the list is complete.
KEYPOINTS_IN_ORDER = "按顺序写出{name}的{count}个要点"
# How the section is named in it: an article by its title in 《》, a section by its heading.
TITLE_NAME, HEADING_NAME = "《{}》", "“{}”"
# A title ending in the name of its genre names the document (……全体会议公报): not asked.
DOCUMENT_GENRES = (
    "报告",
    "公报",
    "条例",
    "意见",
    "纲要",
    "规划",
    "决定",
    "决议",
    "办法",
    "规定",
    "通知",
    "白皮书",
    "说明",
    "讲话",
)
TITLE_TRAILERS = "》）)（全文摘登 "
# One list of key points runs through neighbouring paragraphs: a gap of more paragraphs
# than this (and than twice the usual gap between its points) starts another list.
MAX_LIST_GAP = 3
LIST_GAP_FACTOR = 2
# A point less than half as long as the list's median point belongs to a list nested in it.
NESTED_SHARE = 0.5
# One point sums up a short section (a heading and a paragraph or two), not a long one: the
# one point of a chapter of fifteen articles (a regulation's 总则) is one article's, and a
# card from the chapter's name to it misstates the chapter. Such a point is still asked as a
# cloze of its own.
MAX_ONE_POINT_PARAGRAPHS = 3


def keypoint_drafts(place: Place, section: Section) -> Iterator[Draft]:
    """A section's key points, as one fact: the points of its list in order, recalled in full
    and typed; a card from the section's name to its points only where they make no list
    (one point, in a short section)."""
    points = section.points
    if not points or leaks(place.text, points):
        return
    listed = tuple(section_list(section))
    if len(listed) >= 2:
        name = (TITLE_NAME if place.role == TITLE else HEADING_NAME).format(place.text)
        prompt = KEYPOINTS_IN_ORDER.format(name=name, count=len(listed))
        yield Draft(
            ENUMERATION, place, 0, len(place.text), listed, prompt=prompt, extra={"ordered": True}
        )
        return
    if len(points) < 2 and len(section.paragraphs) > MAX_ONE_POINT_PARAGRAPHS:
        return
    answers = tuple(points)
    yield Draft(KEYPOINTS, place, 0, len(place.text), answers, extra={"count": len(points)})


def section_list(section: Section) -> list[str]:
    """The key points of a section that make one list, in order: the first run of them in
    neighbouring paragraphs (a run far below it is another list: the year's results, then
    pages later two more points), without a list nested in it (香港、澳门 under 优化提升中心城市,
    much shorter than the points around them)."""
    placed = [
        (index, point)
        for index, paragraph in enumerate(section.paragraphs)
        for point in paragraph.points
    ]
    if len(placed) < 2:
        return [point for _, point in placed]
    gaps = [after[0] - before[0] for before, after in pairwise(placed)]
    limit = max(MAX_LIST_GAP, LIST_GAP_FACTOR * sorted(gaps)[len(gaps) // 2])
    run = [placed[0][1]]
    for gap, (_, point) in zip(gaps, placed[1:], strict=True):
        if gap > limit:
            break
        run.append(point)
    lengths = sorted(len(point) for point in run)
    median = lengths[len(lengths) // 2]
    return [point for point in run if NESTED_SHARE * median <= len(point)]


def outline_cloze(place: Place, start: int, end: int, context: Context) -> Draft | None:
    """A cloze on a title, a heading or a key point (place.text[start:end]): its most
    informative term, one per parallel phrase (依靠创新推动实体经济____，培育壮大____) or
    per member of a list (原创性、颠覆性), as long as what stays visible still says enough
    to answer from. None when no blank leaves enough."""
    tokens = context.tokens(place, start, end)
    candidates = ranked_candidates(tokens, context, place.text, start, end, context.topic(place))
    text = place.text
    context.outline_words.setdefault(place.article, []).extend(
        (place.section, token.word, token.tag) for token in candidates
    )
    if place.role == TITLE and place.text.rstrip(TITLE_TRAILERS).endswith(DOCUMENT_GENRES):
        # 2021年政府工作报告, ……全体会议公报: the name of the document, not its content.
        return None

    def fits(chosen: list[Token]) -> bool:
        hidden = [(token.start, token.end) for token in chosen]
        return answerable(tokens, text, start, end, hidden)

    best = next((token for token in candidates if fits([token])), None)
    if best is None:
        return None
    chosen = [best]
    if sibling := _sibling(best, tokens, candidates):
        chosen.append(sibling)
    else:
        floor = SECOND_BLANK_SHARE * score(best, context)
        taken = {_phrase_of(text, start, end, best)}
        for token in candidates:
            phrase = _phrase_of(text, start, end, token)
            if phrase in taken or score(token, context) < floor:
                continue
            if fits([*chosen, token]):
                chosen.append(token)
                taken.add(phrase)
    if not fits(chosen):
        chosen = [best]
    chosen.sort(key=lambda token: token.start)
    blanks = tuple(Blank(token.start, token.end, token.word, token.tag) for token in chosen)
    answers = tuple(blank.answer for blank in blanks)
    hidden = tuple((blank.start, blank.end) for blank in blanks)
    draft = Draft(CLOZE, place, start, end, answers, blanks, hidden)
    return None if leaks(draft.stem, answers) else draft


def _phrase_of(text: str, start: int, end: int, token: Token) -> tuple[int, int]:
    return next(
        ((a, b) for a, b in phrase_spans(text, start, end) if a <= token.start < b), (start, end)
    )


def _sibling(best: Token, tokens: tuple[Token, ...], candidates: list[Token]) -> Token | None:
    """Another candidate that is, like best, a whole member of one 、 list."""
    for enumeration in find_enumerations(tokens):
        spans = {(member.start, member.end) for member in enumeration.members}
        if (best.start, best.end) in spans:
            for token in candidates[1:]:
                if (token.start, token.end) in spans:
                    return token
    return None
