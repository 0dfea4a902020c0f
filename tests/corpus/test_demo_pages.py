"""The demo pages that `make run` loads parse into the outlines they were written to have."""

import re

import pytest

from corpus.parsing import parse
from tests.conftest import REPO

DEMO = REPO / "corpus" / "demo"

# title -> (author, column, number of headed sections, number of key points)
EXPECTED = {
    "page-1-public-services.md": {
        "让县级图书馆成为群众身边的终身学习课堂": ("林知远", None, 4, 10),
        "织密农村养老服务网络": ("周慕青", "民生观察", 0, 5),
        "以产教融合提升职业教育适应性": ("沈若岩", None, 0, 4),
    },
    "page-2-rural-revitalization.md": {
        "以节水农业守护粮食安全和水安全": ("许明川", None, 3, 8),
        "让农村电商成为乡村振兴新引擎": ("韩知秋", "田野观察", 0, 5),
    },
    "page-3-ecology-digital.md": {
        "守护澄河流域的生态安全": ("顾清和", None, 3, 7),
        "以数字化提升公共服务效能": ("叶书宁", "治理新论", 0, 5),
        "打造家门口的便民服务圈": ("宋以宁", None, 0, 3),
    },
}
CLOSERS = tuple("。！？；…”）)")


@pytest.mark.parametrize("filename", EXPECTED)
def test_it_parses_each_demo_page_as_written(filename):
    outline = parse((DEMO / filename).read_text(encoding="utf-8"))
    found = {
        article.title: (
            article.authors[0],
            article.column,
            sum(1 for section in article.sections if section.level > 0),
            sum(len(section.points) for section in article.sections),
        )
        for article in outline.articles
    }
    assert found == EXPECTED[filename]
    assert outline.banner
    assert all(article.note for article in outline.articles)


def test_it_rejoins_every_column_break_of_page_two():
    text = (DEMO / "page-2-rural-revitalization.md").read_text(encoding="utf-8")
    blocks = [
        b.strip() for b in text.split("\n\n") if b.strip() and not b.startswith(("#", "●", "("))
    ]
    cut = sum(1 for block in blocks if not block.endswith(CLOSERS))
    assert cut >= 6  # the page really has column breaks
    paragraphs = [p.text for a in parse(text).articles for s in a.sections for p in s.paragraphs]
    assert all(paragraph.endswith(CLOSERS) for paragraph in paragraphs)
    assert any("水肥一体化技术" in paragraph for paragraph in paragraphs)


def test_it_gives_every_demo_article_study_material():
    """Definitions, quotations, figures and enumerations for the study items to come."""
    for filename in EXPECTED:
        for article in parse((DEMO / filename).read_text(encoding="utf-8")).articles:
            body = "".join(p.text for s in article.sections for p in s.paragraphs)
            assert re.search(r"[\u4e00-\u9fff”]{2,}是[^,，。]{4,}", body), article.title
            assert re.search(r"[:：]“", body), article.title
            assert re.search(r"\d+(\.\d+)?(万|亿)?[个%年亩县项元人所家条]", body), article.title
            assert re.search(
                r"[\u4e00-\u9fff]{2,}、[\u4e00-\u9fff]{2,}、[\u4e00-\u9fff]{2,}", body
            ), article.title
