"""Benchmark: generate() against one jieba.posseg.lcut() pass over the same ≈1 MB text, and the
memory a report's import peaks at against jieba's own.

Run with `.venv/bin/python -m tests.bench.bench_generate`. The text is parsed outside the
timing; jieba (the default tokenizer and the generator's own) is loaded before it. Making
the items of a page may cost at most 1.2 times what tagging every word of it once costs.
Memory: a fresh process parses a 3,000-character report and generates its items, another only
tags it with jieba.posseg; the first may peak (VmHWM) at most 1.25 times the second, which
holds when the generator keeps one copy of jieba's dictionary. The script exits non-zero when
either limit is passed. Named bench_* so pytest does not collect it.
"""

import logging
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import jieba
import jieba.posseg

from corpus.parsing import parse
from quizzes.generation import KINDS, generate
from quizzes.generation.segmentation import warm_up
from tests.bench.bench_parse import ROUNDS, best_times, build_text, sample_pages

MAX_RATIO = 1.2
MAX_MEMORY_RATIO = 1.25
REPORT_CHARS = 3000

_PEAK = 'print(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1])'
# Each run in a process of its own: the peak is the process's, from start to end.
POSSEG_ONLY = f"""
import logging, sys, jieba, jieba.posseg
jieba.setLogLevel(logging.WARNING)
jieba.posseg.lcut(open(sys.argv[1], encoding="utf-8").read())
{_PEAK}
"""
IMPORT_REPORT = f"""
import sys
from corpus.parsing import parse
from quizzes.generation import generate
generate(parse(open(sys.argv[1], encoding="utf-8").read()))
{_PEAK}
"""


def report_of(text: str, chars: int = REPORT_CHARS) -> str:
    """The first paragraphs of the text, about `chars` characters of them."""
    paragraphs, size = [], 0
    for paragraph in text.split("\n"):
        if size >= chars:
            break
        paragraphs.append(paragraph)
        size += len(paragraph)
    return "\n".join(paragraphs)


def peak_kib(code: str, path: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1])


def memory_ratio(text: str) -> float:
    report = report_of(text)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        path.write_text(report, encoding="utf-8")
        jieba_peak = peak_kib(POSSEG_ONLY, path)
        import_peak = peak_kib(IMPORT_REPORT, path)
    ratio = import_peak / jieba_peak
    print(f"memory, a {len(report):,}-character report:")
    print(f"  jieba.posseg alone peaks at      {jieba_peak / 1024:7.1f} MB")
    print(f"  parse + generate() peaks at      {import_peak / 1024:7.1f} MB")
    print(f"  ratio: {ratio:.3f} (limit {MAX_MEMORY_RATIO})")
    return ratio


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
    generate_seconds, posseg_seconds = best_times(
        lambda: items.__setitem__(slice(None), generate(outline)), lambda: jieba.posseg.lcut(text)
    )
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
    memory = memory_ratio(text)
    return 0 if ratio <= MAX_RATIO and memory <= MAX_MEMORY_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
