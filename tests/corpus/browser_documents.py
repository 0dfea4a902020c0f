"""PDFs printed by Chromium from HTML of the test texts: how a browser or office suite
writes a PDF (subset CID fonts with ToUnicode maps, glyphs placed one by one), unlike
reportlab. make_browser_pdf() returns None where Chromium or a Chinese font is missing.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.corpus.document_texts import NEWS_LINES, REPORT_LINES

FONT = "Noto Serif CJK SC"  # Debian's fonts-noto-cjk, where the machine has it
PAGE_STYLE = f"""
body {{ font-family: "{FONT}"; text-align: justify; }}
p {{ text-indent: 2em; margin: 0; }}
.centred {{ text-align: center; text-indent: 0; }}
.flush {{ text-indent: 0; }}
"""
REPORT_STYLE = (
    PAGE_STYLE
    + """
body { font-size: 16pt; line-height: 1.7; }
h1 { text-align: center; font-size: 24pt; }
h2 { font-size: 17pt; margin: 0.3em 0; }
@page { size: A4; margin: 25mm 25mm 30mm 25mm; }
"""
)
NEWS_STYLE = (
    PAGE_STYLE
    + """
body { font-size: 11pt; line-height: 1.6; }
h1 { text-align: center; font-size: 24pt; margin: 0; }
h3 { font-size: 11pt; margin: 0.3em 0; }
.columns { column-count: 3; column-gap: 1.5em; }
@page { size: A4; margin: 20mm; }
"""
)


def _is_part(line: str) -> bool:
    return line[:1] in "一二三四五六七八九十" and "、" in line[:4]


def _report_html() -> str:
    title, subtitle, *rest = REPORT_LINES
    body = [f"<h1>{html.escape(title)}</h1>", f'<p class="centred">{html.escape(subtitle)}</p>']
    for line in rest:
        if _is_part(line):
            body.append(f"<h2>{html.escape(line)}</h2>")
        else:
            css = ' class="flush"' if line.endswith("：") else ""
            body.append(f"<p{css}>{html.escape(line)}</p>")
    return _page(REPORT_STYLE, "".join(body))


def _news_html() -> str:
    title, byline, *rest = NEWS_LINES
    columns = "".join(
        f"<h3>{html.escape(line)}</h3>" if _is_part(line) else f"<p>{html.escape(line)}</p>"
        for line in rest
    )
    body = (
        f'<h1>{html.escape(title)}</h1><p class="centred">{html.escape(byline)}</p>'
        f'<div class="columns">{columns}</div>'
    )
    return _page(NEWS_STYLE, body)


def _page(style: str, body: str) -> str:
    return (
        f'<html><head><meta charset="utf-8"><style>{style}</style></head><body>{body}</body></html>'
    )


def make_browser_pdf(kind: str) -> bytes | None:
    """ "report" (one column) or "news" (three CSS columns), printed to PDF by Chromium."""
    chromium = shutil.which("chromium")
    if chromium is None or not _has_font():
        return None
    with tempfile.TemporaryDirectory() as folder:
        page, pdf = Path(folder) / "page.html", Path(folder) / "page.pdf"
        page.write_text(_report_html() if kind == "report" else _news_html(), encoding="utf-8")
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", page.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        return pdf.read_bytes()


def _has_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    fonts = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, check=False)
    return FONT in fonts.stdout
