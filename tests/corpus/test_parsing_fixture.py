"""The parser on the real newspaper page of the shared corpus (see its README).

The page is copyrighted, so it is read from the shared corpus directory next to the
repository (or from $XUEER_SHARED_CORPUS), never copied into the project.
"""

from functools import cache

import pytest

from corpus.parsing import parse
from tests.conftest import FIXTURE_PAGE as PAGE
from tests.conftest import needs_fixture

BANNER = "深入学习贯彻习近平新时代中国特色社会主义思想"
TITLES = [
    "发展新质生产力是推动高质量发展的内在要求和重要着力点",
    "推动诚信建设工程落地见效",
    "构筑“人工智能+”新增长极",
]
HEADINGS_OF_ARTICLE_1 = [
    "新质生产力为高质量发展注入强劲动力",
    "大力推进科技创新特别是原创性、颠覆性科技创新",
    "加强科技创新和产业创新深度融合",
    "推动发展方式转变和创新",
    "完善促进新质生产力发展的体制机制",
]
COLUMN_BREAK_JOINS = [
    "催生产业变革",
    "科学研究范式",
    "新兴产业壮大",
    "优势环节强链",
    "打造更多绿色车间",
    "信用建设的地方性法规",
    "企业在市场活动中",
    "避免被传统应用场景",
]
# What follows each break: it must never open a paragraph of its own.
SECOND_HALVES = [
    "产业变革",
    "学研究范式",
    "产业壮大",
    "节强链",
    "多绿色车间",
    "的地方性法规",
    "在市场活动中",
    "传统应用场景",
]
CLOSING_PUNCTUATION = tuple("。！？；…”’）)!?;")


pytestmark = needs_fixture


def test_it_finds_the_fixture_page():
    assert PAGE.is_file(), (
        f"the shared newspaper page is missing at {PAGE}; set XUEER_SHARED_CORPUS"
    )


@cache
def make_outline():
    return parse(PAGE.read_text(encoding="utf-8"))


def all_paragraphs(outline):
    return [
        paragraph.text
        for article in outline.articles
        for section in article.sections
        for paragraph in section.paragraphs
    ]


def article_bodies(article):
    return [paragraph.text for section in article.sections for paragraph in section.paragraphs]


def test_it_finds_exactly_three_articles_with_their_exact_titles():
    articles = make_outline().articles
    assert [article.title for article in articles] == TITLES


def test_it_reads_the_authors_from_the_bylines():
    articles = make_outline().articles
    assert [article.authors for article in articles] == [["王一鸣"], ["任福荣"], ["王晓冬"]]


def test_it_gives_the_column_label_to_the_second_article_only():
    articles = make_outline().articles
    assert [article.column for article in articles] == [None, "青橙观察", None]


def test_it_reads_the_source_from_the_closing_notes():
    articles = make_outline().articles
    assert [article.source for article in articles] == ["人民日报", None, "经济日报"]


def test_it_keeps_the_closing_notes_without_parentheses_and_source():
    articles = make_outline().articles
    assert [article.note for article in articles] == [
        "作者为中国国际经济交流中心副理事长",
        "作者单位:中共呼和浩特市委党校",
        "作者系国家信息中心公共技术部正高级工程师",
    ]


def test_it_finds_no_subtitle_or_date_on_a_newspaper_page():
    articles = make_outline().articles
    assert [(article.subtitle, article.date) for article in articles] == [(None, None)] * 3


def test_it_recovers_the_banner_as_the_page_banner():
    outline = make_outline()
    assert outline.banner == BANNER


def test_it_keeps_the_banner_out_of_every_title_heading_and_body():
    outline = make_outline()
    for article in outline.articles:
        assert BANNER not in article.title
        assert all(BANNER not in (section.heading or "") for section in article.sections)
    assert all(BANNER not in paragraph for paragraph in all_paragraphs(outline))


def test_it_keeps_the_column_label_out_of_every_body_and_heading():
    outline = make_outline()
    for article in outline.articles:
        assert all(section.heading != "青橙观察" for section in article.sections)
    assert all("青橙观察" not in paragraph for paragraph in all_paragraphs(outline))


def test_it_keeps_the_closing_notes_out_of_every_body():
    outline = make_outline()
    for paragraph in all_paragraphs(outline):
        assert "作者为" not in paragraph
        assert "作者单位" not in paragraph
        assert "作者系" not in paragraph
        assert "据《" not in paragraph


def test_it_opens_article_1_with_a_level_0_section_holding_the_intro():
    articles = make_outline().articles
    first = articles[0].sections[0]
    assert (first.level, first.heading) == (0, None)
    assert len(first.paragraphs) == 1
    assert first.paragraphs[0].text.startswith("去年以来")


def test_it_reads_the_five_markdown_headings_of_article_1_as_level_1():
    articles = make_outline().articles
    headed = articles[0].sections[1:]
    assert [section.heading for section in headed] == HEADINGS_OF_ARTICLE_1
    assert [section.level for section in headed] == [1] * 5


def test_it_finds_no_key_point_in_the_intro_or_first_section_of_article_1():
    articles = make_outline().articles
    assert articles[0].sections[0].points == []
    assert articles[0].sections[1].points == []


def test_it_finds_the_key_points_of_article_1_section_2():
    articles = make_outline().articles
    assert articles[0].sections[2].points == [
        "科技创新是发展新质生产力的核心要素",
        "加强原创性、颠覆性科技创新",
        "加快实现高水平科技自立自强",
        "畅通教育、科技、人才良性循环",
    ]


def test_it_finds_the_key_points_of_article_1_section_3():
    articles = make_outline().articles
    assert articles[0].sections[3].points == [
        "畅通科技创新成果转化通道",
        "统筹推进传统产业升级、新兴产业壮大、未来产业培育",
        "围绕发展新质生产力布局产业链",
        "促进科技、产业、金融良性循环",
    ]


def test_it_finds_the_key_points_of_article_1_section_4():
    articles = make_outline().articles
    assert articles[0].sections[4].points == ["推动形成创新驱动发展方式", "加快发展方式绿色转型"]


def test_it_finds_the_key_points_of_article_1_section_5():
    articles = make_outline().articles
    assert articles[0].sections[5].points == [
        "生产关系必须与生产力发展要求相适应",
        "深化经济体制、科技体制改革",
        "创新生产要素配置方式",
    ]


def test_it_takes_a_sections_opening_thesis_as_a_key_point():
    # docs/gold-outlines.md: a lead sentence may open a headed section, and a definition
    # states a thesis; only the article's own opening paragraph states no key point.
    articles = make_outline().articles
    points = [point for section in articles[0].sections for point in section.points]
    assert "科技创新是发展新质生产力的核心要素" in points
    assert "生产关系必须与生产力发展要求相适应" in points


def test_it_puts_the_five_key_points_of_article_2_in_its_level_0_section():
    articles = make_outline().articles
    sections = articles[1].sections
    assert [(section.level, section.heading) for section in sections] == [(0, None)]
    assert sections[0].points == [
        "加强诚信制度规范建设",
        "加强法治实施水平",
        "加强政务诚信考核监督",
        "加强商务诚信建设",
        "加强社会诚信教育",
    ]


def test_it_puts_the_four_key_points_of_article_3_under_no_heading():
    articles = make_outline().articles
    sections = articles[2].sections
    assert [(section.level, section.heading) for section in sections] == [(0, None)]
    assert sections[0].points == [
        "在发展模式上构建研用互促、供需迭代的创新机制",
        "在发展方向上形成通专结合、互为支撑的创新局面",
        "在发展动力上营造龙头带动、共创共赢的创新生态",
        "在发展环境上优化包容审慎、协同共治的治理体系",
    ]


def test_it_keeps_every_key_point_a_substring_of_its_paragraph():
    outline = make_outline()
    for article in outline.articles:
        for section in article.sections:
            for paragraph in section.paragraphs:
                assert all(point in paragraph.text for point in paragraph.points)


@pytest.mark.parametrize("join", COLUMN_BREAK_JOINS)
def test_it_rejoins_a_paragraph_cut_by_a_column_break(join):
    outline = make_outline()
    # Some joined phrases recur on the page; what matters is that one paragraph holds it whole.
    assert any(join in paragraph for paragraph in all_paragraphs(outline))


def test_it_leaves_no_paragraph_without_closing_punctuation():
    outline = make_outline()
    unfinished = [
        paragraph[-15:]
        for paragraph in all_paragraphs(outline)
        if not paragraph.endswith(CLOSING_PUNCTUATION)
    ]
    assert unfinished == []


@pytest.mark.parametrize("second_half", SECOND_HALVES)
def test_it_leaves_no_paragraph_starting_after_a_column_break(second_half):
    outline = make_outline()
    assert not [
        paragraph for paragraph in all_paragraphs(outline) if paragraph.startswith(second_half)
    ]


def test_it_keeps_article_bodies_apart():
    articles = make_outline().articles
    assert all("诚信" not in paragraph for paragraph in article_bodies(articles[0]))
    assert all("人工智能+" not in paragraph for paragraph in article_bodies(articles[1]))
