"""An item before it has a key and options: where it comes from and what it hides."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizzes.generation.document import Place
from quizzes.generation.items import BLANK

# Kinds of blank, which decide where distractors come from.
TERM, FIGURE, COUNT = "term", "figure", "count"


@dataclass(frozen=True, slots=True)
class Blank:
    start: int  # offsets in the place's text
    end: int
    answer: str
    tag: str  # jieba POS tag of the hidden word(s): distractors come from the same class
    sort: str = TERM  # TERM, FIGURE (a figure before a unit) or COUNT (六大 before a noun)
    unit: str | None = None  # what stays visible after a figure or count


@dataclass(frozen=True)
class Draft:
    kind: str
    place: Place
    start: int  # the source: place.text[start:end]
    end: int
    answers: tuple[str, ...]
    blanks: tuple[Blank, ...] = ()  # what the learner fills in, in order
    hidden: tuple[tuple[int, int], ...] = ()  # spans shown as BLANK (a whole list is one)
    prompt: str | None = (
        None  # a prompt of its own; otherwise the source with its hidden spans blanked
    )
    prefix: str = ""  # shown before the source: who is quoted, when the source does not say
    extra: dict = field(default_factory=dict)
    outline: bool = False  # made from a title, a heading or a key point

    @property
    def source(self) -> str:
        return self.place.text[self.start : self.end]

    @property
    def stem(self) -> str:
        """What the learner sees before answering."""
        if self.prompt is not None:
            return self.prompt
        return self.prefix + render(self.place.text, self.start, self.end, self.hidden)

    @property
    def cloze(self) -> str | None:
        """The source in Anki's cloze syntax, every blank as c1 (one card per item)."""
        if not self.blanks:
            return None
        return render(
            self.place.text,
            self.start,
            self.end,
            [(b.start, b.end) for b in self.blanks],
            anki=True,
        )

    def blank_offsets(self) -> list[list[int]]:
        """Each blank as [start, end] inside `source`, for whoever renders the item."""
        return [[blank.start - self.start, blank.end - self.start] for blank in self.blanks]


def render(text: str, start: int, end: int, spans, *, anki: bool = False) -> str:
    """text[start:end] with the spans (inside it, not overlapping) blanked or clozed."""
    pieces = []
    position = start
    for span_start, span_end in sorted(spans):
        pieces.append(text[position:span_start])
        pieces.append(f"{{{{c1::{text[span_start:span_end]}}}}}" if anki else BLANK)
        position = span_end
    pieces.append(text[position:end])
    return "".join(pieces)


def leaks(stem: str, answers) -> bool:
    """An answer the learner can read in the stem is no question."""
    return any(answer in stem for answer in answers)
