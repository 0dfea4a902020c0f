"""The fixed-seed sample of generated items judged in docs/item-quality.md.

    .venv/bin/python -m tests.quizzes.item_sample              # the main sample
    .venv/bin/python -m tests.quizzes.item_sample --choices    # the distractor sample

prints, for each of six documents of different kinds from ../shared/corpus/real/, ten items
drawn with a fixed seed from what generate() makes of it (with the other documents of the
corpus as its library, as the importer passes them), prompts in full: the items the table of
docs/item-quality.md judges by number. The corpus stays outside the project; this prints
from it and writes nothing. Not a test module (no test_ prefix).
"""

import random
import sys

from corpus.parsing import parse
from quizzes.generation import generate
from quizzes.generation.document import all_texts
from tests.corpus.gold import REAL_DIR, document_text

SEED = 12  # the number
PER_DOCUMENT = 10
CHOICES_PER_DOCUMENT = 4
DOCUMENTS = [
    "gov-report-2021.txt",  # a government work report
    "rmrb-20191015-p09-theory-01.txt",  # a theory article
    "regulation-business-environment-2019-rmrb.txt",  # a regulation
    "white-paper-food-security-2019-rmrb.txt",  # a white paper
    "no1-document-2019-rmrb.txt",  # central opinions with run-in headings
    "ccdi-plenum-communique-2020-rmrb.txt",  # a plenum communiqué
]


def sample() -> list[tuple[str, object]]:
    """(document, item) for the judged sample, in document order."""
    names = sorted(path.name for path in REAL_DIR.glob("*.txt"))
    outlines = {name: parse(document_text(REAL_DIR / name)) for name in names}
    picked = []
    for document in DOCUMENTS:
        library = [text for name in names if name != document for text in all_texts(outlines[name])]
        items = generate(outlines[document], corpus_texts=library)
        chosen = random.Random(f"{SEED}:{document}").sample(items, min(PER_DOCUMENT, len(items)))
        picked += [(document, item) for item in sorted(chosen, key=items.index)]
    return picked


def choice_sample() -> list[tuple[str, object]]:
    """(document, item) for the distractor sample: CHOICES_PER_DOCUMENT items with options
    (one-blank facts asked as a single choice, multiple choices) per document."""
    names = sorted(path.name for path in REAL_DIR.glob("*.txt"))
    outlines = {name: parse(document_text(REAL_DIR / name)) for name in names}
    picked = []
    for document in DOCUMENTS:
        library = [text for name in names if name != document for text in all_texts(outlines[name])]
        items = [
            item for item in generate(outlines[document], corpus_texts=library) if item.options
        ]
        chosen = random.Random(f"{SEED}:choices:{document}").sample(
            items, min(CHOICES_PER_DOCUMENT, len(items))
        )
        picked += [(document, item) for item in sorted(chosen, key=items.index)]
    return picked


def main() -> int:
    drawn = choice_sample() if "--choices" in sys.argv else sample()
    for number, (document, item) in enumerate(drawn, start=1):
        asked = "/choice" if item.options and item.kind != "multi" else ""
        default = "" if item.in_set else " (not in the default set)"
        print(f"{number}. [{document}] {item.kind}{asked} {item.key[:8]} w{item.weight}{default}")
        print(f"   {item.prompt}")
        print(f"   answers={item.answers} options={item.options} hint={item.extra.get('hint')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
