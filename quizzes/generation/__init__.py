"""Study items from an outline: the pure core of the generator (no Django).

    from quizzes.generation import generate
    items = generate(parse(text), corpus_texts=other_paragraphs)

jieba is loaded on the first call, not on import (see segmentation.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from corpus.parsing import Outline
from quizzes.generation.assemble import build_items
from quizzes.generation.context import Context
from quizzes.generation.document import all_texts
from quizzes.generation.items import (
    BLANK,
    CHOICE,
    CLOZE,
    DEFINITION,
    ENUMERATION,
    KEYPOINTS,
    KINDS,
    MULTI,
    NUMBER,
    QUOTE,
    Item,
    item_key,
)
from quizzes.generation.library import library_of
from quizzes.generation.segmentation import document_segmenter
from quizzes.generation.terms import count_ngrams, document_terms
from quizzes.generation.text import SentenceIndex

__all__ = [
    "BLANK",
    "CHOICE",
    "CLOZE",
    "DEFINITION",
    "ENUMERATION",
    "KEYPOINTS",
    "KINDS",
    "MULTI",
    "NUMBER",
    "QUOTE",
    "Item",
    "generate",
    "item_key",
]


def generate(
    outline: Outline,
    *,
    corpus_texts: Iterable[str] = (),
    unpicked: Mapping[str, Collection[str]] | None = None,
) -> list[Item]:
    """The study items of an outline, in reading order, each key once.

    corpus_texts are paragraphs of the library's other documents: a second source of
    distractors, and sentences no distractor may recreate. unpicked maps an item's key to
    wrong options learners never pick, each replaced by the next candidate. The same outline
    and corpus give the same items, in any process."""
    library = library_of(list(corpus_texts))
    texts = all_texts(outline)
    ngrams = count_ngrams(texts)
    with document_segmenter(document_terms(texts, ngrams)) as segmenter:
        context = Context(
            segmenter=segmenter,
            ngrams=ngrams,
            document_text="\n".join(texts),
            outline_index=SentenceIndex(texts),
            library=library,
        )
        items: dict[str, Item] = {}
        for item in build_items(outline, context, unpicked):
            # The same sentence twice in a document makes the same item twice: keep the first.
            items.setdefault(item.key, item)
    return list(items.values())
