"""Figures with units: 突破15亿千瓦, 突破15%, 2024年, 4个领域, 六大工程.

The blank is the figure; the unit stays visible after it. A figure in digits is followed by
a unit of units.txt (longest match, so 亿千瓦 rather than 千瓦; 多 or 余 in between stays
visible too: 2300多名). A count in Chinese numerals such as 六大工程 is one word in
jieba's dictionary, 六大, so the blank is that word (answer 六大) and the "unit" is the
noun it counts (工程): the blank must start and end on a token boundary, and 六 alone does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from quizzes.generation.blanks import fit_source
from quizzes.generation.document import Place
from quizzes.generation.drafts import COUNT, FIGURE, Blank, Draft
from quizzes.generation.items import NUMBER
from quizzes.generation.lexicon import COUNT_WORD, figures
from quizzes.generation.segmentation import Token

# A sentence worth segmenting for figures: a digit, or the 大 of a count (六大).
HAS_FIGURE = re.compile(r"\d|大")


def number_drafts(
    place: Place, sentence: tuple[int, int], tokens: Sequence[Token]
) -> Iterator[Draft]:
    starts = {token.start for token in tokens}
    ends = {token.end for token in tokens}
    blanks = []
    for match in figures(place.text, *sentence):
        if match.start("figure") in starts and match.end("figure") in ends:
            start, end = match.span("figure")
            blanks.append(Blank(start, end, match["figure"], "m", FIGURE, match["unit"]))
    for token, following in pairwise(tokens):
        if COUNT_WORD.fullmatch(token.word) and (
            following.tag.startswith("n") or following.tag == "vn"
        ):
            blanks.append(Blank(token.start, token.end, token.word, "m", COUNT, following.word))
    for blank in sorted(blanks, key=lambda b: b.start):
        fitted = fit_source(place.text, sentence, [(blank.start, blank.end)], [blank.answer])
        if fitted:
            hidden = ((blank.start, blank.end),)
            yield Draft(
                NUMBER,
                place,
                *fitted,
                (blank.answer,),
                (blank,),
                hidden,
                extra={"unit": blank.unit},
            )
