"""Issue 12's rules on a short original page (written for these tests; the county, the
people and the figures are made up): what a blank may fall on, how much it must leave,
definitions against formulations, one list per list card, figures' neighbours and hints."""

from functools import cache

from corpus.parsing import parse
from quizzes.generation import BLANK, CHOICE, CLOZE, DEFINITION, ENUMERATION, generate
from quizzes.generation.hints import hint_for
from quizzes.generation.lexicon import FIGURATIVE_WORDS
from quizzes.generation.neighbours import made_figures

PAGE = """## 县域观察

让营商环境成为县域发展的金字招牌

●周明远

营商环境是县域发展的生命线。近年来,青川县围绕企业所需打造服务品牌,全县新登记市场主体增长12%。

## 依靠创新推动实体经济高质量发展，培育壮大新动能

实施制造业提质行动。县里每年安排专项资金,支持骨干企业开展技术改造。

建设县域创新平台。依托产业园区建设中试基地,帮助中小企业把科研成果变成产品。

培育科技型中小企业。对首次认定的科技型中小企业给予奖励。

县里还为企业举办了专场招聘会,帮助企业解决用工难题。

各乡镇建立了企业服务专员制度,专员每月走访一次企业。

县财政设立了风险补偿资金,引导银行扩大信用贷款。

县里定期召开政企座谈会,面对面听取企业意见。

园区新建了人才公寓,为引进人才解决住房问题。

完善企业服务机制。县里建立企业诉求“接诉即办”机制,做到件件有回音。

健全惠企政策直达机制。政策兑现实行“免申即享”,资金直接拨付到企业账户。

## 民生保障更加有力

政务服务是指政府部门依法为企业和群众办理行政许可、公共服务等事项的活动。本办法所称帮办代办,是指政务服务中心工作人员为企业免费办理申报手续的服务。

要拓宽渠道。县里通过政府网站、政务新媒体和服务热线收集企业意见。

(作者单位:某某县委党校)
"""
PARALLEL_HEADING = "依靠创新推动实体经济高质量发展，培育壮大新动能"


@cache
def items():
    return tuple(generate(parse(PAGE)))


def of_kind(kind):
    return [item for item in items() if item.kind == kind]


def test_it_never_blanks_a_generic_evaluative_word():
    # 民生保障更加____ would ask for 有力; blanking 民生 would leave nothing to answer from.
    assert not [
        item for item in items() if item.source == "民生保障更加有力" and item.kind == CLOZE
    ]
    assert not any("有力" in item.answers for item in items())


def test_it_makes_no_blank_that_leaves_nothing_to_answer_from():
    assert not [item for item in of_kind(CLOZE) if item.source.startswith("要拓宽渠道")]


def test_it_gives_each_parallel_phrase_of_a_heading_one_blank():
    cloze = next(item for item in of_kind(CLOZE) if item.source == PARALLEL_HEADING)
    assert cloze.prompt == f"依靠创新推动实体经济{BLANK}，培育壮大{BLANK}"
    assert cloze.answers == ["高质量发展", "新动能"]


def test_it_asks_a_metaphor_as_a_formulation_not_as_a_definition():
    assert "营商环境" not in {item.extra["term"] for item in of_kind(DEFINITION)}
    cloze = next(item for item in of_kind(CLOZE) if item.source == "营商环境是县域发展的生命线。")
    assert cloze.prompt == f"营商环境是县域发展的{BLANK}。" and cloze.answers == ["生命线"]
    assert cloze.extra["from"] == "formulation"
    # Its wrong options are figures of speech too: the wording is what is asked.
    choice = next(
        item for item in of_kind(CHOICE) if item.key != cloze.key and item.source == cloze.source
    )
    assert all(option in FIGURATIVE_WORDS for option in choice.options)


def test_it_defines_a_term_from_a_sentence_that_says_what_it_means():
    definitions = {item.extra["term"]: item.answers[0] for item in of_kind(DEFINITION)}
    assert definitions == {
        "政务服务": "政府部门依法为企业和群众办理行政许可、公共服务等事项的活动",
        "帮办代办": "政务服务中心工作人员为企业免费办理申报手续的服务",
    }


def test_it_asks_for_one_list_of_key_points_in_order():
    # Three points open the section; two more stand six paragraphs further on: another list.
    card = next(item for item in of_kind(ENUMERATION) if PARALLEL_HEADING in item.prompt)
    assert card.answers == ["实施制造业提质行动", "建设县域创新平台", "培育科技型中小企业"]
    assert card.prompt == f"按顺序写出“{PARALLEL_HEADING}”的3个要点"
    assert card.extra["ordered"] is True


def test_it_leaves_out_a_list_nested_in_a_list_of_key_points():
    from corpus.parsing import Paragraph, Section
    from quizzes.generation.outline_items import section_list

    points = ["优化提升中心城市", "香港", "澳门", "广州", "建设重要节点城市", "发展特色城镇"]
    section = Section(1, "完善城镇体系", [Paragraph(f"{p}。", [p]) for p in points])
    assert section_list(section) == ["优化提升中心城市", "建设重要节点城市", "发展特色城镇"]


def test_it_offers_a_figure_its_neighbours_of_the_same_unit_and_magnitude():
    assert list(made_figures("5", "%"))[:3] == ["4", "5.5", "6"]
    assert list(made_figures("2035", "年"))[:4] == ["2036", "2034", "2037", "2033"]
    assert list(made_figures("1186", "万人"))[:4] == ["1286", "1086", "1386", "986"]
    assert list(made_figures("5.2", "%"))[:2] == ["5.7", "4.7"]
    choice = next(item for item in of_kind(CHOICE) if item.extra["base"] == "number")
    assert choice.extra["unit"] == "%" and all(option.isdigit() for option in choice.options)


def test_it_hints_with_first_characters_never_with_the_prompt():
    for item in items():
        assert item.extra["hint"] and item.extra["hint"] != item.prompt
    cloze = next(item for item in of_kind(CLOZE) if item.source == PARALLEL_HEADING)
    assert cloze.extra["hint"] == "首字提示：高…、新…"
    card = next(item for item in of_kind(ENUMERATION) if PARALLEL_HEADING in item.prompt)
    assert card.extra["hint"] == "共3项，首字：实、建、培"
    assert hint_for("number", ["12"], None, "k") == "首位数字：1，整数部分共2位"
    assert hint_for("number", ["5"], None, "k") == "是一个一位数"
    assert hint_for("multi", ["甲方", "乙方"], ["甲方", "乙方", "丙方"], "k") == "共有2个正确选项"
    struck = hint_for("choice", ["甲方"], ["甲方", "乙方", "丙方", "丁方"], "k")
    assert struck.startswith("排除一项：") and struck[-2:] in ("乙方", "丙方", "丁方")
