"""generate() on the real newspaper page: one test per item kind, on the examples the page
was chosen for (see ../shared/corpus/README.md), and the rules on how jieba is loaded."""

import subprocess
import sys
from collections import Counter

import pytest

from quizzes.generation import (
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
    generate,
)
from tests.conftest import REPO
from tests.quizzes.samples import (
    COMMUNITY_PAGE,
    fixture_items,
    fixture_outline,
    needs_fixture,
    page_items,
    page_names,
    page_outline,
    single_choices,
)

HEADING = "大力推进科技创新特别是原创性、颠覆性科技创新"


def items_of(kind):
    return [item for item in fixture_items() if item.kind == kind]


def test_it_does_not_import_jieba_when_the_package_is_imported():
    code = "import sys, quizzes.generation; print('jieba' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_it_loads_the_tokenizer_once_per_process():
    from quizzes.generation import segmentation

    generate(page_outline("community"))
    first = segmentation.pos_tokenizer()
    generate(page_outline("village"))
    assert segmentation.pos_tokenizer() is first


@needs_fixture
def test_it_generates_every_kind_of_fact_from_the_fixture_page():
    # One item per fact: single choices come as the options of one-blank facts, a section's
    # key points as their list, a definition as the cloze of its term (no twins).
    counts = Counter(item.kind for item in fixture_items())
    assert {CLOZE, QUOTE, NUMBER, MULTI, ENUMERATION} <= set(counts) <= set(KINDS), counts
    assert CHOICE not in counts
    assert single_choices(fixture_items())


@needs_fixture
def test_it_turns_a_section_heading_into_the_list_of_its_key_points():
    card = next(item for item in items_of(ENUMERATION) if item.source == HEADING)
    assert card.prompt == f"按顺序写出“{HEADING}”的4个要点"
    assert not [item for item in items_of(KEYPOINTS) if item.source == HEADING]
    # The section's opening thesis is a key point too (docs/gold-outlines.md: a lead sentence
    # states a thesis wherever its paragraph stands).
    assert card.answers == [
        "科技创新是发展新质生产力的核心要素",
        "加强原创性、颠覆性科技创新",
        "加快实现高水平科技自立自强",
        "畅通教育、科技、人才良性循环",
    ]
    assert (card.article, card.section, card.paragraph, card.start, card.end) == (
        0,
        2,
        None,
        0,
        len(HEADING),
    )


@needs_fixture
def test_it_uses_the_title_for_the_key_points_of_an_article_without_headings():
    card = next(
        item for item in items_of(ENUMERATION) if item.article == 1 and item.extra["ordered"]
    )
    assert card.source == "推动诚信建设工程落地见效"
    assert card.prompt == "按顺序写出《推动诚信建设工程落地见效》的5个要点"
    assert len(card.answers) == 5


@needs_fixture
def test_it_blanks_both_parallel_terms_of_a_heading():
    cloze = next(item for item in items_of(CLOZE) if item.source == HEADING)
    assert cloze.prompt == f"大力推进科技创新特别是{BLANK}、{BLANK}科技创新"
    assert cloze.answers == ["原创性", "颠覆性"]
    assert cloze.cloze == "大力推进科技创新特别是{{c1::原创性}}、{{c1::颠覆性}}科技创新"


@needs_fixture
def test_it_asks_the_definition_of_new_quality_productive_forces_once_as_its_term():
    cloze = next(
        i
        for i in items_of(CLOZE)
        if i.extra.get("from") == "definition" and i.answers == ["新质生产力"]
    )
    assert cloze.prompt.startswith(BLANK + "是创新起主导作用")
    assert cloze.extra["definition"] == (
        "创新起主导作用,摆脱传统经济增长方式、生产力发展路径的先进生产力质态"
    )
    # Not again in reverse (什么是新质生产力？) from the same sentence.
    assert not [item for item in items_of(DEFINITION) if item.source == cloze.source]


@needs_fixture
def test_it_defines_government_integrity():
    cloze = next(item for item in items_of(CLOZE) if item.extra.get("term") == "政务诚信")
    assert cloze.extra["definition"].startswith("国家行政机关及其工作人员")
    assert cloze.extra["definition"].endswith("诚实守信的行为模式")
    assert cloze.answers == ["政务诚信"] and "政务诚信" in cloze.options


@needs_fixture
def test_it_never_defines_a_pronoun_or_a_key_point():
    terms = {item.extra["term"] for item in items_of(DEFINITION)}
    sections = [section for article in fixture_outline().articles for section in article.sections]
    points = {point for section in sections for point in section.points}
    assert not terms & points
    assert not any(term.startswith(("这", "那", "就", "其")) for term in terms)


@needs_fixture
def test_it_blanks_a_term_inside_a_quotation_and_names_the_speaker():
    quotes = items_of(QUOTE)
    assert len(quotes) >= 3
    for quote in quotes:
        assert quote.extra["speaker"] == "习近平总书记"
        assert quote.prompt.startswith("习近平总书记") and BLANK in quote.prompt
    said = next(quote for quote in quotes if "言必信" in quote.source)
    assert said.answers[0] in "重规则守契约讲信用言必信行必果"


@needs_fixture
@pytest.mark.parametrize(
    "context, answer, unit",
    [
        ("可再生能源装机规模突破", "15", "亿千瓦"),
        ("比重突破", "15", "%"),
        ("自治区党委将", "2024", "年"),
        ("以及司法公信", "4", "个"),
        ("撬动性作用的“", "六大", "工程"),
    ],
)
def test_it_blanks_the_figure_and_keeps_the_unit(context, answer, unit):
    item = next(
        i for i in items_of(NUMBER) if context + BLANK in i.prompt and i.extra["unit"] == unit
    )
    assert item.answers == [answer]
    assert context + BLANK + unit in item.prompt


@needs_fixture
def test_it_lists_the_levels_of_social_integrity_in_any_order():
    item = next(i for i in items_of(ENUMERATION) if i.extra.get("term") == "社会诚信")
    assert item.answers == ["个人诚信", "公共服务诚信", "社会治理诚信"]
    assert item.extra["ordered"] is False
    assert item.prompt.startswith("社会诚信包括" + BLANK)


@needs_fixture
def test_it_asks_for_a_sections_key_points_in_order():
    item = next(i for i in items_of(ENUMERATION) if i.extra["ordered"] and HEADING in i.prompt)
    assert item.answers[0] == "科技创新是发展新质生产力的核心要素" and len(item.answers) == 4


@needs_fixture
def test_it_asks_which_members_belong_to_an_enumeration():
    item = next(i for i in items_of(MULTI) if "新兴产业壮大" in i.answers)
    assert item.answers == ["传统产业升级", "新兴产业壮大", "未来产业培育"]
    assert set(item.answers) < set(item.options) and len(item.options) >= 4


@needs_fixture
def test_it_gives_one_blank_items_the_options_of_a_single_choice():
    choices = single_choices(fixture_items())
    bases = Counter(item.kind for item in choices)
    # Quotations may get none: the page's sayings have no plausible wrong words to offer
    # (a word of a saying goes with words of its own form, and the page has none).
    assert {CLOZE, NUMBER} <= set(bases) <= {CLOZE, QUOTE, NUMBER}
    figure = next(
        item for item in choices if item.kind == NUMBER and item.extra["unit"] == "亿千瓦"
    )
    assert figure.answers == ["15"] and all(option.isdigit() for option in figure.options)
    assert (
        figure.extra["choice_hint"].startswith("排除一项")
        and figure.extra["hint"] != (figure.extra["choice_hint"])
    )


@needs_fixture
def test_it_puts_the_right_option_in_each_position_about_as_often():
    # Over every test page: one page alone has too few choices for a fair count.
    choices = single_choices(fixture_items()) + [
        item for name in page_names()[1:] for item in single_choices(page_items(name))
    ]
    positions = Counter(item.options.index(item.answers[0]) for item in choices)
    for position in range(4):
        assert len(choices) / 8 <= positions[position] <= 3 * len(choices) / 8, positions


def test_it_generates_nothing_from_an_empty_outline():
    from corpus.parsing import Outline, parse

    assert generate(Outline()) == []
    assert generate(parse("")) == []


def test_it_accepts_corpus_texts_as_any_iterable():
    outline = page_outline("community")
    assert generate(outline, corpus_texts=iter([COMMUNITY_PAGE])) == generate(
        outline, corpus_texts=[COMMUNITY_PAGE]
    )
