"""Benchmark: parse() against one jieba.lcut() pass over the same ≈1 MB text.

Run with `.venv/bin/python -m tests.bench.bench_parse`. Parsing a page must cost less
than segmenting it, since the importer does both; the script exits non-zero when
parse takes longer than jieba. Named bench_* so pytest does not collect it.
"""

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import jieba

from corpus.parsing import parse

REPO = Path(__file__).resolve().parents[2]
CORPUS_DIR = Path(os.environ.get("XUEER_SHARED_CORPUS") or REPO.parent / "shared" / "corpus")
FIXTURE_PAGE = CORPUS_DIR / "newspaper-page-2024.md"
DEMO_DIR = REPO / "corpus" / "demo"
TARGET_BYTES = 1_000_000
ROUNDS = 5
MAX_RATIO = 1.0


def sample_pages() -> list[str]:
    paths = ([FIXTURE_PAGE] if FIXTURE_PAGE.exists() else []) + sorted(DEMO_DIR.glob("*.md"))
    return [path.read_text(encoding="utf-8") for path in paths]


def build_text(pages: list[str], target_bytes: int = TARGET_BYTES) -> str:
    """Whole pages repeated until the text reaches the target size."""
    pieces, size = [], 0
    while size < target_bytes:
        for page in pages:
            pieces.append(page)
            size += len(page.encode("utf-8"))
    return "\n\n".join(pieces)


def best_times(*works: Callable[[], object], rounds: int = ROUNDS) -> list[float]:
    """The best time of each piece of work, run in turns round after round, so that a busy
    machine slows both alike rather than whichever ran while it was busy."""
    best = [float("inf")] * len(works)
    for _ in range(rounds):
        for number, work in enumerate(works):
            started = time.perf_counter()
            work()
            best[number] = min(best[number], time.perf_counter() - started)
    return best


def main() -> int:
    pages = sample_pages()
    if not pages:
        print(
            f"bench_parse: no text to time: neither {FIXTURE_PAGE} nor {DEMO_DIR}/*.md exists",
            file=sys.stderr,
        )
        return 2
    text = build_text(pages)
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # load the dictionary outside the timed runs
    parse_seconds, jieba_seconds = best_times(lambda: parse(text), lambda: jieba.lcut(text))
    ratio = parse_seconds / jieba_seconds
    print(f"text: {len(text.encode('utf-8')):,} bytes from {len(pages)} page(s), best of {ROUNDS}")
    print(f"parse():      {parse_seconds * 1000:8.1f} ms")
    print(f"jieba.lcut(): {jieba_seconds * 1000:8.1f} ms")
    print(f"ratio parse/jieba: {ratio:.3f} (limit {MAX_RATIO})")
    return 0 if ratio <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
