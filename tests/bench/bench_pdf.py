"""Benchmark: parse(read_pdf()) of a 20-page report against one jieba.lcut() pass over its text.

Run with `.venv/bin/python -m tests.bench.bench_pdf`. Reading a PDF happens once per
import, like segmenting its text for study items, so it may cost at most MAX_RATIO times
a jieba pass over the same text; the script exits non-zero when it costs more. The PDF
is the report fixture of tests/corpus/documents.py, its parts repeated (and renumbered)
until it fills PAGES pages. Named bench_* so pytest does not collect it.
"""

import io
import logging
import re
import statistics
import sys
import time
from collections.abc import Callable

import jieba
from pdfminer.pdfpage import PDFPage

from corpus.formats.docx_numbering import chinese_number
from corpus.formats.pdf import read_pdf
from corpus.parsing import parse
from tests.corpus.documents import REPORT_LINES, make_report_pdf

PAGES = 20
ROUNDS = 9
MAX_RATIO = 1.5
PART_HEADING = re.compile("[一二三四五六七八九十]+、")


def report_lines(parts: int) -> list[str]:
    """The report's opening, then its two parts over and over, numbered 一、二、三……"""
    opening, body, closing = REPORT_LINES[:4], REPORT_LINES[4:-1], REPORT_LINES[-1]
    lines, number = list(opening), 0
    for _ in range(parts):
        for line in body:
            if PART_HEADING.match(line):
                number += 1
                line = chinese_number(number) + line[line.index("、") :]
            lines.append(line)
    return [*lines, closing]


def page_count(data: bytes) -> int:
    return sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))


def twenty_page_report() -> bytes:
    """The longest run of the report's paragraphs that fills exactly PAGES pages."""
    parts = 1
    while page_count(make_report_pdf(report_lines(parts))) <= PAGES:
        parts += 1
    lines = report_lines(parts)
    low, high = 1, len(lines)  # fits in PAGES pages with `low` paragraphs, not with `high`
    while high - low > 1:
        middle = (low + high) // 2
        if page_count(make_report_pdf(lines[:middle])) <= PAGES:
            low = middle
        else:
            high = middle
    return make_report_pdf(lines[:low])


def median_times(*works: Callable[[], object], rounds: int = ROUNDS) -> list[float]:
    """The median time of each piece of work, run in turns round after round, so that a
    busy machine slows every piece alike rather than whichever ran while it was busy."""
    times: list[list[float]] = [[] for _ in works]
    for _ in range(rounds):
        for spent, work in zip(times, works, strict=True):
            started = time.perf_counter()
            work()
            spent.append(time.perf_counter() - started)
    return [statistics.median(spent) for spent in times]


def main() -> int:
    data = twenty_page_report()
    text = read_pdf(data)  # also loads pdfminer's CMaps outside the timed runs
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # load the dictionary outside the timed runs
    read_seconds, jieba_seconds = median_times(
        lambda: parse(read_pdf(data)), lambda: jieba.lcut(text)
    )
    ratio = read_seconds / jieba_seconds
    pages = page_count(data)
    print(f"pdf: {len(data):,} bytes, {pages} pages, {len(text):,} characters; median of {ROUNDS}")
    print(f"parse(read_pdf()): {read_seconds * 1000:8.1f} ms")
    print(f"jieba.lcut():      {jieba_seconds * 1000:8.1f} ms")
    print(f"ratio read/jieba: {ratio:.3f} (limit {MAX_RATIO})")
    print("ok" if ratio <= MAX_RATIO else "FAIL")
    return 0 if ratio <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
