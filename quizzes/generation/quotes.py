"""Quoted sayings: 习近平总书记指出:“……”, 孔子说:“……”, 《论语》中说:“……”.

A quotation of at least eight characters right after a saying verb is a saying; whoever
is named before the verb in the same sentence said it (a leader by title, a thinker by name
from speakers.txt, or a book in 《》). A quotation straight after another one continues it.
The item is a cloze on the best term inside the quotation, and the prompt names the speaker.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator

from quizzes.generation.blanks import answerable, ranked_candidates
from quizzes.generation.context import Context
from quizzes.generation.document import Place
from quizzes.generation.drafts import Blank, Draft, leaks, render
from quizzes.generation.items import QUOTE
from quizzes.generation.lexicon import SPEAKERS
from quizzes.generation.text import CLAUSE_MARKS

# A saying: shorter quotations are terms (“卡脖子”), see terms.py.
QUOTATION = re.compile(r"“([^“”]{8,400})”")
# The verb that introduces it, with the colon or comma that may follow.
SAYING_VERB = re.compile(r"(?:指出|强调|说|认为|写道|讲|提出|曰|云|引用)\s*[:：,，]?\s*$")
SPEAKER = re.compile(
    "《[^《》]{1,40}》|"
    + "|".join(re.escape(name) for name in sorted(SPEAKERS, key=len, reverse=True))
)
# 《论语》中说: the speaker is the book.
SPEAKER_TRAILER = "中 "
MAX_SPEAKER_CHARS = 20
# How the speaker is shown before a quotation that does not name them itself.
SPEAKER_PREFIX = "{speaker}："


def quote_drafts(place: Place, context: Context) -> Iterator[Draft]:
    """A quote cloze for each saying of a paragraph whose speaker can be named."""
    text = place.text
    speaker = None
    previous_end = -1
    for match in QUOTATION.finditer(text):
        opening, closing = match.start(), match.end()
        lead_start = _sentence_start(text, opening)
        lead = text[lead_start:opening]
        if not lead.strip() and previous_end == opening and speaker is not None:
            source_start, prefix = opening, SPEAKER_PREFIX.format(speaker=speaker)
        else:
            found = _speaker(lead) if SAYING_VERB.search(lead) else None
            if found is None:
                speaker = None
                previous_end = -1
                continue
            speaker, offset = found
            source_start, prefix = lead_start + offset, ""
        previous_end = closing
        draft = _cloze(
            place, source_start, closing, (opening + 1, closing - 1), prefix, speaker, context
        )
        if draft:
            yield draft


def _sentence_start(text: str, index: int) -> int:
    """Start of the sentence the quotation at index is in (a quotation mark or an end mark before it)."""
    position = index
    while position > 0 and text[position - 1] not in "。！？；!?;”":
        position -= 1
    while position < index and text[position].isspace():
        position += 1
    return position


def _speaker(lead: str) -> tuple[str, int] | None:
    """(how to name the speaker, where the mention starts in lead)."""
    verb = SAYING_VERB.search(lead)
    head = lead[: verb.start()]
    clause_start = max((head.rfind(mark) for mark in CLAUSE_MARKS), default=-1) + 1
    mention = SPEAKER.search(head, clause_start) or _last(SPEAKER.finditer(head))
    if mention is None:
        return None
    name = head[mention.start() :].rstrip(SPEAKER_TRAILER)
    if len(name) > MAX_SPEAKER_CHARS or any(mark in name for mark in CLAUSE_MARKS):
        name = mention.group()
    return name, mention.start()


def _last(matches):
    return next(iter(deque(matches, maxlen=1)), None)


def _cloze(place, start, end, inside, prefix, speaker, context) -> Draft | None:
    tokens = context.tokens(place, *inside)
    for token in ranked_candidates(tokens, context, place.text, *inside, context.topic(place)):
        hidden = ((token.start, token.end),)
        if leaks(prefix + render(place.text, start, end, hidden), [token.word]):
            continue
        if not answerable(tokens, place.text, *inside, hidden):
            continue
        blank = Blank(token.start, token.end, token.word, token.tag)
        extra = {"speaker": speaker}
        return Draft(
            QUOTE, place, start, end, (token.word,), (blank,), hidden, prefix=prefix, extra=extra
        )
    return None
