"""Page text to outline: the pure core of the importer (stdlib only, no Django).

A page is a newspaper theory page converted from PDF to markdown, or a plain-text
report. `parse()` turns it into an `Outline`: the page banner and the articles, each
with its title block (title, subtitle, date, authors, column label), its closing
note, and its sections of paragraphs with the key points they state.

Four linear passes, each a module of this package:

1. lines: normalise, drop page furniture, classify every line; layout reads once how
   the text sets its lines (hard-wrapped, one paragraph per line, indented, spaced);
2. titles: a title right above a byline or the paper's date line starts an article;
   a page without them is one article whose title block (kicker, title, subtitle, date,
   speaker, source, promulgation) front.py reads (report style), and its attachments;
3. body: rejoin paragraphs cut by line or column breaks, read the front matter the
   body opens with, tell headings from paragraphs and skip a table of contents
   (headings.py), open a section at each heading;
4. points: the key points each paragraph states, and the lists inside it.

The patterns they share are in patterns.py and front_patterns.py, the outline they
build in outline.py.

Heuristics only see the shape of the text (punctuation, length, numbering, layout) and
the form words of its genres (目录, 附件, 各位代表, ……印发), never the words of a
particular page, so that any page in the same layout parses alike. (No dictionary:
jieba is loaded only where study items are generated, never for an import request.)
"""

from __future__ import annotations

from corpus.parsing.body import _article
from corpus.parsing.front import attachment_blocks, report_title_block
from corpus.parsing.layout import text_layout
from corpus.parsing.lines import _read_lines, normalize_text
from corpus.parsing.outline import Article, Outline, Paragraph, Section, outline_to_dict

# The patterns were names of this module before it became a package: still importable from here.
from corpus.parsing.patterns import *  # noqa: F403
from corpus.parsing.titles import _banner, _find_title_blocks

__all__ = [
    "Article",
    "Outline",
    "Paragraph",
    "Section",
    "normalize_text",
    "outline_to_dict",
    "parse",
]


def parse(text: str) -> Outline:
    """The outline of a page. Never raises; a text without an article (a title and at
    least one body paragraph) gives an outline with no articles."""
    lines = _read_lines(text)
    layout = text_layout(lines)
    blocks = _find_title_blocks(lines)
    newspaper = bool(blocks)
    if not blocks and (block := report_title_block(lines, layout)):
        blocks = [block, *attachment_blocks(lines, block.body)]
    outline = Outline()
    printed = set()
    for number, block in enumerate(blocks):
        end = blocks[number + 1].start if number + 1 < len(blocks) else len(lines)
        if article := _article(block, lines[block.body : end], layout, newspaper=newspaper):
            # A crawled copy of the paper stores an article once per page it runs on.
            if block.paper:
                first = next(s.paragraphs[0].text for s in article.sections if s.paragraphs)
                if (article.title, first) in printed:
                    continue
                printed.add((article.title, first))
            outline.articles.append(article)
    if outline.articles:
        outline.banner = _banner(lines, blocks[0].start)
    return outline
