"""The generator's parts on single sentences: splitting, lists, definitions, figures,
how much of a sentence a blank keeps, and distractors made from a figure."""

import pytest

from quizzes.generation.blanks import fit_source
from quizzes.generation.lists import find_enumerations
from quizzes.generation.neighbours import made_figures
from quizzes.generation.segmentation import document_segmenter
from quizzes.generation.text import normalize, sentence_spans


def members(sentence):
    with document_segmenter([]) as segmenter:
        tokens = segmenter.segment(sentence)
    return [[member.text for member in found.members] for found in find_enumerations(tokens)]


def test_it_keeps_a_quotation_inside_the_sentence_that_quotes_it():
    text = "孔子说:“工欲善其事,必先利其器。”学校还要与企业共建实训基地。"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "孔子说:“工欲善其事,必先利其器。”",
        "学校还要与企业共建实训基地。",
    ]


def test_it_normalises_width_case_spaces_and_punctuation():
    assert normalize("ＡＩ 治理，“人工智能＋”") == normalize("ai治理人工智能+") == "ai治理人工智能"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("大力推进科技创新特别是原创性、颠覆性科技创新", ["原创性", "颠覆性"]),
        (
            "统筹推进传统产业升级、新兴产业壮大、未来产业培育",
            ["传统产业升级", "新兴产业壮大", "未来产业培育"],
        ),
        (
            "社会诚信包括个人诚信、公共服务诚信和社会治理诚信等多个层次",
            ["个人诚信", "公共服务诚信", "社会治理诚信"],
        ),
        ("畅通教育、科技、人才良性循环", ["教育", "科技", "人才"]),
        (
            "在人工智能、量子科技、生命科学等新技术领域取得突破",
            ["人工智能", "量子科技", "生命科学"],
        ),
        (
            "我国经济正处在转变发展方式、优化经济结构、转换增长动力的攻关期",
            ["转变发展方式", "优化经济结构", "转换增长动力"],
        ),
        ("要聚焦新能源、新材料、高端装备等领域", ["新能源", "新材料", "高端装备"]),
    ],
)
def test_it_cuts_an_enumeration_into_parallel_members(sentence, expected):
    assert members(sentence) == [expected]


def test_it_rejects_a_list_nested_in_another():
    assert members("完善高端人才、专业人才来华工作、科研、交流机制") == []


def test_it_narrows_the_source_to_the_clauses_where_the_answer_is_not_repeated():
    text = "近年来,可再生能源装机规模突破15亿千瓦,历史性超过火电装机,风电、光伏发电量占全社会用电量比重突破15%。"
    first = text.index("15")
    second = text.index("15", first + 1)
    start, end = fit_source(text, (0, len(text)), [(first, first + 2)], ["15"])
    assert text[start:end] == "近年来,可再生能源装机规模突破15亿千瓦,历史性超过火电装机"
    start, end = fit_source(text, (0, len(text)), [(second, second + 2)], ["15"])
    assert text[start:end] == "历史性超过火电装机,风电、光伏发电量占全社会用电量比重突破15%。"


def test_it_gives_up_when_the_answer_is_repeated_in_the_blanks_own_clause():
    text = "科技创新是引领科技创新的动力。"
    assert fit_source(text, (0, len(text)), [(0, 4)], ["科技创新"]) is None


@pytest.mark.parametrize(
    "key, unit, expected",
    [
        ("2024", "年", ["2025", "2023", "2026"]),
        ("15", "%", ["20", "10", "25"]),
        ("4.6", "万册次", ["5.1", "4.1", "5.6"]),
        ("120", "万亩", ["240", "60", "180"]),
    ],
)
def test_it_makes_figure_distractors_of_the_same_shape(key, unit, expected):
    assert list(made_figures(key, unit))[:3] == expected


DEFINITIONS_PAGE = """## 学习园地

说说几个概念

●严知行

这是一项打基础、利长远的工作,需要久久为功。保护产权就是保护生产力。发展新质生产力不仅仅是生产力的突破。“一网通办”是依托统一的政务服务平台,让群众只需登录一个网站就能在线办事的服务方式。公共数据包括政府部门在履行职责过程中产生的各类数据。

(作者单位:某某学院)
"""


def test_it_defines_terms_but_not_pronouns_emphasis_or_phrases():
    from corpus.parsing import parse
    from quizzes.generation import BLANK, CLOZE, DEFINITION, generate

    items = generate(parse(DEFINITIONS_PAGE))
    # Each asked once: the term blanked in the sentence that defines it, not also 什么是X？
    definitions = {
        item.extra["term"]: item
        for item in items
        if item.kind == CLOZE and item.extra.get("from") == "definition"
    }
    assert set(definitions) == {"一网通办", "公共数据"}
    assert not [item for item in items if item.kind == DEFINITION]
    assert definitions["一网通办"].prompt.startswith(f"“{BLANK}”是依托统一的政务服务平台")
    assert definitions["一网通办"].extra["definition"] == (
        "依托统一的政务服务平台,让群众只需登录一个网站就能在线办事的服务方式"
    )
    assert definitions["公共数据"].prompt.startswith(f"{BLANK}包括政府部门")
