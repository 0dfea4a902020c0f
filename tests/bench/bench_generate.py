"""Benchmark: generate() against one jieba.posseg.lcut() pass over the same ≈1 MB text.

Run with `.venv/bin/python -m tests.bench.bench_generate`. The text is parsed outside the
timing; jieba (the default tokenizer and the generator's own) is loaded before it. Making
the items of a page may cost at most twice what tagging every word of it once costs; the
script exits non-zero when it costs more. Named bench_* so pytest does not collect it.
"""

import logging
import sys
from collections import Counter

import jieba
import jieba.posseg

from corpus.parsing import parse
from quizzes.generation import KINDS, generate
from quizzes.generation.segmentation import warm_up
from tests.bench.bench_parse import ROUNDS, best_time, build_text, sample_pages

MAX_RATIO = 2.0


def main() -> int:
    pages = sample_pages()
    if not pages:
        print(
            "bench_generate: no text to time: neither the shared page nor corpus/demo/*.md exists",
            file=sys.stderr,
        )
        return 2
    text = build_text(pages)
    outline = parse(text)
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    warm_up()
    items: list = []
    generate_seconds = best_time(lambda: items.__setitem__(slice(None), generate(outline)))
    posseg_seconds = best_time(lambda: jieba.posseg.lcut(text))
    ratio = generate_seconds / posseg_seconds
    counts = Counter(item.kind for item in items)
    size = len(text.encode("utf-8"))
    print(
        f"text: {size:,} bytes from {len(pages)} page(s), {len(outline.articles)} articles, best of {ROUNDS}"
    )
    print(f"generate():          {generate_seconds * 1000:9.1f} ms")
    print(f"jieba.posseg.lcut(): {posseg_seconds * 1000:9.1f} ms")
    print(f"ratio generate/posseg: {ratio:.3f} (limit {MAX_RATIO})")
    print(
        "items: "
        + ", ".join(f"{kind} {counts.get(kind, 0)}" for kind in KINDS)
        + f" ({len(items)} in all)"
    )
    return 0 if ratio <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
