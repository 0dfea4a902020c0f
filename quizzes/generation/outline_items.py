"""Items on the outline itself: key-point cards, the ordered list of a section's key points,
and cloze items on titles, headings and key points."""

from __future__ import annotations

from collections.abc import Iterator

from quizzes.generation.blanks import (
    SECOND_BLANK_MIN_CHARS,
    SECOND_BLANK_SHARE,
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


def keypoint_drafts(place: Place, points: list[str]) -> Iterator[Draft]:
    """A card from the section's name to its key points, and the same points as an ordered
    list to recall in full."""
    if not points or leaks(place.text, points):
        return
    answers = tuple(points)
    yield Draft(KEYPOINTS, place, 0, len(place.text), answers, extra={"count": len(points)})
    if len(points) >= 2:
        name = (TITLE_NAME if place.role == TITLE else HEADING_NAME).format(place.text)
        prompt = KEYPOINTS_IN_ORDER.format(name=name, count=len(points))
        yield Draft(
            ENUMERATION, place, 0, len(place.text), answers, prompt=prompt, extra={"ordered": True}
        )


def outline_cloze(place: Place, start: int, end: int, context: Context) -> Draft | None:
    """A cloze on a title, a heading or a key point (place.text[start:end]): its best term,
    and a second one when that is a sibling of the first in a list (原创性、颠覆性), or is
    nearly as good and the line is long enough to stay readable with two holes."""
    tokens = context.tokens(place, start, end)
    candidates = ranked_candidates(tokens, context, place.text, start, end)
    if not candidates:
        return None
    best = candidates[0]
    chosen = [best]
    second = _sibling(best, tokens, candidates)
    # Otherwise a second term, when the line is long enough to keep its sense with two holes.
    if second is None and end - start >= SECOND_BLANK_MIN_CHARS and len(candidates) > 1:
        runner_up = candidates[1]
        apart = runner_up.start > best.end or runner_up.end < best.start
        close = score(runner_up, context) >= SECOND_BLANK_SHARE * score(best, context)
        if apart and close and context.is_term(runner_up.word):
            second = runner_up
    if second is not None:
        chosen.append(second)
    chosen.sort(key=lambda token: token.start)
    blanks = tuple(Blank(token.start, token.end, token.word, token.tag) for token in chosen)
    answers = tuple(blank.answer for blank in blanks)
    hidden = tuple((blank.start, blank.end) for blank in blanks)
    draft = Draft(CLOZE, place, start, end, answers, blanks, hidden)
    return None if leaks(draft.stem, answers) else draft


def _sibling(best: Token, tokens: tuple[Token, ...], candidates: list[Token]) -> Token | None:
    """Another candidate that is, like best, a whole member of one 、 list."""
    for enumeration in find_enumerations(tokens):
        spans = {(member.start, member.end) for member in enumeration.members}
        if (best.start, best.end) in spans:
            for token in candidates[1:]:
                if (token.start, token.end) in spans:
                    return token
    return None
