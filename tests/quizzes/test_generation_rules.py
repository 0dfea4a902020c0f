"""Issue 12's rules on a short original page (written for these tests; the county, the
people and the figures are made up): what a blank may fall on, how much it must leave,
definitions against formulations, one list per list card, figures' neighbours and hints."""

from functools import cache

from corpus.parsing import parse
from quizzes.generation import BLANK, CHOICE, CLOZE, DEFINITION, ENUMERATION, NUMBER, generate
from quizzes.generation.blanks import is_frame_head, is_frame_label, is_manner_adverbial
from quizzes.generation.drafts import FIGURE, Blank
from quizzes.generation.hints import hint_for
from quizzes.generation.lexicon import FIGURATIVE_WORDS
from quizzes.generation.neighbours import made_figures
from quizzes.generation.numbers import worth_asking
from quizzes.generation.segmentation import document_segmenter

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
    # Its wrong options are figures of speech too: the wording is what is asked. They are
    # its own, asked as a choice where the mode wants one: no single choice of its own.
    assert all(option in FIGURATIVE_WORDS for option in cloze.options)
    assert [item for item in items() if item.source == cloze.source] == [cloze]


def test_it_defines_a_term_from_a_sentence_that_says_what_it_means():
    # Asked once, as the term blanked in its definition (not again as 什么是X？).
    definitions = {
        item.answers[0]: item.extra["definition"]
        for item in of_kind(CLOZE)
        if item.extra.get("from") == "definition"
    }
    assert definitions == {
        "政务服务": "政府部门依法为企业和群众办理行政许可、公共服务等事项的活动",
        "帮办代办": "政务服务中心工作人员为企业免费办理申报手续的服务",
    }
    assert not of_kind(DEFINITION)


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
    choice = next(item for item in of_kind(NUMBER) if item.options)
    assert choice.extra["unit"] == "%" and all(option.isdigit() for option in choice.options)
    assert not of_kind(CHOICE)


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


# ---------------------------------------------------------------- issue 12, third round
# Each mechanism on sentences written for it; the county and the figures are made up.


def _tokens(sentence):
    with document_segmenter([]) as segmenter:
        return segmenter.segment(sentence)


def _token(tokens, word):
    return next(token for token in tokens if token.word == word)


def test_it_never_blanks_an_idiom_that_says_how_the_verb_after_it_is_done():
    before_de = _tokens("全县干部全心全意地服务企业。")
    before_verb = _tokens("全县干部全心全意为人民服务。")
    assert is_manner_adverbial(before_de, _token(before_de, "全心全意"))
    # Before a preposition the idiom is the formulation itself (全心全意为人民服务).
    assert not is_manner_adverbial(before_verb, _token(before_verb, "全心全意"))


def test_it_never_blanks_a_frame_noun_after_the_word_that_says_what_it_is():
    after_modifier = _tokens("县里坚持问题导向推进改革。")
    alone = _tokens("导向正确是前提。")
    assert is_frame_head(after_modifier, _token(after_modifier, "导向"))
    assert not is_frame_head(alone, _token(alone, "导向"))
    # A generic word and a frame noun make a label, not content.
    assert is_frame_label("总体要求") and is_frame_label("主要任务")
    assert not is_frame_label("营商环境") and not is_frame_label("河长制")


def test_it_asks_no_cloze_on_a_frame_noun_or_a_label_in_a_page():
    page = (
        "## 青川县乡村工作要点\n\n"
        "牢固树立农业农村优先发展政策导向。县里每年安排专项资金支持乡村建设。\n\n"
        "总体要求是：以乡村振兴统揽全县农村工作,推动农业全面升级、农村全面进步。\n"
    )
    answers = [answer for item in generate(parse(page)) for answer in item.answers]
    assert "导向" not in answers and "总体要求" not in answers


def test_it_makes_no_one_point_card_for_a_long_section():
    page = """## 青川县营商环境办法

县里制定本办法,为企业发展提供保障。

## 总则

本办法适用于全县各类市场主体,由县政府统一组织实施。

县里每年发布营商环境报告,向社会公开评价结果。

任何单位不得利用评价谋取利益。县里将严肃处理违规行为。

县里设立投诉电话,及时回应企业关切,做到件件有回音。

各乡镇配合县政府开展评价,按时报送材料。

## 服务保障

建立首问负责制度。窗口工作人员对企业咨询一次告知。
"""
    items_ = generate(parse(page))
    cards = {item.source for item in items_ if item.kind == "keypoints"}
    # The one point of a short section still sums it up; that of a five-paragraph one does not.
    assert cards == {"服务保障"}
    assert any(
        item.kind == CLOZE and item.source == "任何单位不得利用评价谋取利益" for item in items_
    )


def _worth(sentence, figure, unit):
    at = sentence.index(figure + unit)
    blank = Blank(at, at + len(figure), figure, "m", FIGURE, unit)
    return worth_asking(sentence, (0, len(sentence)), blank)


def test_it_asks_no_figure_of_a_sentence_of_three_figures_unless_it_sets_targets():
    statistics = "2018年和2019年，全县连续举办粮食交易会，意向购销粮食达60余万吨。"
    targets = "到2025年，全县粮食产量力争达到60万吨以上，高标准农田达到8万亩。"
    assert not _worth(statistics, "60", "余万吨")
    assert _worth(targets, "60", "万吨")


def test_it_counts_the_figures_of_a_table_in_words_across_its_semicolons():
    sentence = "全县进口粮食12万吨；其中大豆8万吨；玉米2万吨；小麦1万吨。"
    start = sentence.index("其中")
    at = sentence.index("8万吨")
    blank = Blank(at, at + 1, "8", "m", FIGURE, "万吨")
    assert not worth_asking(sentence, (start, sentence.index("；", start) + 1), blank)


def test_it_asks_neither_the_base_of_a_dated_comparison_nor_a_figure_of_a_title():
    assert not _worth("全县贫困人口较2012年末的9899人减少九成。", "9899", "人")
    assert not _worth("县里编制了《青川县2035年远景目标纲要》。", "2035", "年")
    assert _worth("县里提出到2035年基本实现农业现代化。", "2035", "年")


def test_it_makes_no_list_card_where_only_a_verb_stays_visible():
    bare = "## 青川县网络工作\n\n县里抓好三件事。加强网络安全、数据安全、个人信息保护。\n"
    told = (
        "## 青川县网络工作\n\n"
        "县里抓好三件事。加强网络安全、数据安全、个人信息保护等领域的地方立法。\n"
    )

    def listed(page):
        return [
            item.answers
            for item in generate(parse(page))
            if item.kind in {"multi", ENUMERATION} and "网络安全" in item.answers
        ]

    assert listed(bare) == []
    assert listed(told) == [["网络安全", "数据安全", "个人信息保护"]]


def test_it_still_asks_the_targets_of_a_sentence_that_lists_them_across_semicolons():
    sentence = (
        "今年全县预期目标是：生产总值增长6%左右；新增就业1万人以上；粮食产量保持在50万吨以上。"
    )
    start = sentence.index("新增")
    at = sentence.index("1万人")
    blank = Blank(at, at + 1, "1", "m", FIGURE, "万人")
    assert worth_asking(sentence, (start, sentence.index("；", start) + 1), blank)
