"""Headings in the layouts real documents use, on short texts written for these tests
(an invented county, 青溪县: its work report, plan, regulation, white paper, communiqué)."""

import pytest

from corpus.parsing import outline_to_dict, parse


def only_article(text):
    articles = outline_to_dict(parse(text))["articles"]
    assert len(articles) == 1
    return articles[0]


def headings(text):
    return [
        (section["level"], section["heading"])
        for section in only_article(text)["sections"]
        if section["heading"] is not None
    ]


def paragraphs(text):
    return [p for section in only_article(text)["sections"] for p in section["paragraphs"]]


# A work report with four numbering styles, nested in the usual order.
NESTED_REPORT = """青溪县政府工作报告
一、过去一年的工作
过去一年，全县经济平稳增长。
（一）坚持工业强县，加快构建现代产业体系。全县规上工业增加值增长百分之八。
1.做强特色产业。茶叶全产业链产值突破十亿元。
（1）扩大茶园面积
新建生态茶园两千亩。
（二）加强民生保障。新增城镇就业三千人。
二、今年的主要任务
（一）扩大有效投资。全年安排重点项目六十个。
"""


def test_it_ranks_numbering_styles_in_the_order_they_first_appear():
    assert headings(NESTED_REPORT) == [
        (1, "过去一年的工作"),
        (2, "坚持工业强县，加快构建现代产业体系"),
        (3, "做强特色产业"),
        (4, "扩大茶园面积"),
        (2, "加强民生保障"),
        (1, "今年的主要任务"),
        (2, "扩大有效投资"),
    ]


def test_it_levels_a_heading_by_how_deep_it_sits_not_by_its_numbering_style():
    # "1." sits right under "一、" in the first part and under "（一）" in the second.
    text = (
        "青溪县政府工作报告\n"
        "一、过去一年的工作\n"
        "1.做强特色产业。茶叶全产业链产值突破十亿元。\n"
        "2.补齐民生短板。新建幼儿园三所。\n"
        "二、今年的主要任务\n"
        "（一）扩大有效投资。全年安排重点项目六十个。\n"
        "1.抓好重点项目。开工建设茶叶加工园。\n"
        "（二）加强民生保障。新增城镇就业三千人。\n"
        "三、加强政府自身建设\n"
        "1.坚持依法行政。全面推行权责清单。\n"
    )
    assert headings(text) == [
        (1, "过去一年的工作"),
        (2, "做强特色产业"),
        (2, "补齐民生短板"),
        (1, "今年的主要任务"),
        (2, "扩大有效投资"),
        (3, "抓好重点项目"),
        (2, "加强民生保障"),
        (1, "加强政府自身建设"),
        (2, "坚持依法行政"),
    ]


def test_it_closes_an_inner_numbering_style_at_an_outer_one_in_the_official_order():
    # "（一）" ranks above "1." in official documents even where "1." is met first.
    text = (
        "青溪县政府工作报告\n"
        "一、过去一年的工作\n"
        "1.做强特色产业。茶叶全产业链产值突破十亿元。\n"
        "（一）加强民生保障。新增城镇就业三千人。\n"
        "1.稳定就业。开发公益岗位五百个。\n"
        "二、今年的主要任务\n"
        "（一）扩大有效投资。全年安排重点项目六十个。\n"
    )
    assert headings(text) == [
        (1, "过去一年的工作"),
        (2, "做强特色产业"),
        (2, "加强民生保障"),
        (3, "稳定就业"),
        (1, "今年的主要任务"),
        (2, "扩大有效投资"),
    ]


def test_it_ranks_other_numbering_styles_where_they_first_appear():
    text = (
        "青溪县政府工作报告（摘要）\n"
        "\u3000\u3000●经济运行稳中向好\n"
        "\u3000\u3000第一，坚持项目为王，扩大有效投资。全年实施重点项目六十个。\n"
        "\u3000\u3000●民生保障更加有力\n"
        "\u3000\u3000全年新增城镇就业三千人。\n"
    )
    assert headings(text) == [
        (1, "经济运行稳中向好"),
        (2, "坚持项目为王，扩大有效投资"),
        (1, "民生保障更加有力"),
    ]


def test_it_gives_a_numbered_style_level_1_when_no_outer_style_is_present():
    text = "青溪县乡村振兴实施意见\n（一）总体要求。坚持农业农村优先发展。\n1.发展茶产业。建设茶叶加工园。\n"
    assert headings(text) == [(1, "总体要求"), (2, "发展茶产业")]


@pytest.mark.parametrize(
    "line",
    ["（一）坚持工业强县，加快构建现代产业体系。", "（一）坚持工业强县，加快构建现代产业体系"],
    ids=["ending-in-a-full-stop", "without-a-mark"],
)
def test_it_reads_a_heading_alone_on_its_line_with_or_without_a_full_stop(line):
    text = f"青溪县政府工作报告\n一、今年的主要任务\n{line}\n全县规上工业增加值增长百分之八。\n"
    assert headings(text) == [(1, "今年的主要任务"), (2, "坚持工业强县，加快构建现代产业体系")]
    assert paragraphs(text) == ["全县规上工业增加值增长百分之八。"]


def test_it_splits_a_run_in_heading_from_the_first_paragraph_of_its_section():
    sections = only_article(NESTED_REPORT)["sections"]
    assert sections[1]["paragraphs"] == ["全县规上工业增加值增长百分之八。"]
    assert sections[2]["paragraphs"] == ["茶叶全产业链产值突破十亿元。"]


def test_it_keeps_a_numbered_paragraph_whose_first_sentence_is_too_long_to_head_as_body():
    long_clause = "全县" + "持续推进农村人居环境整治和美丽乡村建设" * 4
    text = f"青溪县政府工作报告\n（一）{long_clause}。各乡镇抓好落实。\n"
    assert headings(text) == []


def test_it_reads_chapters_and_sections_of_a_plan_and_their_spaced_titles():
    text = (
        "青溪县“十五五”规划纲要\n"
        "第一章\u00a0发展基础\n"
        "“十四五”时期，全县发展取得新成就。\n"
        "第一节\u00a0\u00a0主要成就\n"
        "经济实力明显增强。地区生产总值突破三百亿元。\n"
        "第二章\u00a0总\u00a0则\n"
        "坚持生态优先、绿色发展。\n"
    )
    assert headings(text) == [(1, "发展基础"), (2, "主要成就"), (1, "总则")]


def test_it_keeps_the_parts_of_a_heading_apart_with_one_space():
    text = "青溪县政协工作报告\n一、2024年：凝心聚力谋发展\u00a0\u00a0履职尽责开新局\n全年召开协商会议十二次。\n"
    assert headings(text) == [(1, "2024年：凝心聚力谋发展 履职尽责开新局")]


def test_it_reads_a_numbered_paragraph_as_a_run_in_heading():
    text = "青溪县文明创建实施方案\n一、重点任务\n1.筑牢思想根基。理想信念是精神之钙。\n2.培育文明乡风。各村修订村规民约。\n"
    assert headings(text) == [(1, "重点任务"), (2, "筑牢思想根基"), (2, "培育文明乡风")]


# ----------------------------------------------------------------- regulations


REGULATION = """青溪县生态茶园保护条例
第一章\u00a0总\u00a0则
第一条\u00a0为了保护生态茶园，促进茶产业发展，制定本条例。
第二条\u00a0县人民政府负责生态茶园保护工作。
乡镇人民政府应当做好本辖区的茶园保护。
第二章\u00a0法律责任
第三条\u00a0违反本条例，有下列行为之一的，由有关部门责令改正：
（一）擅自砍伐茶树；
（二）向茶园倾倒垃圾；
（三）在茶园内使用禁用农药。
第四条\u00a0本条例自2025年1月1日起施行。
"""


def test_it_takes_chapters_as_headings_and_articles_as_units_of_body():
    assert headings(REGULATION) == [(1, "总则"), (1, "法律责任")]
    assert "第二条\u00a0县人民政府负责生态茶园保护工作。" in paragraphs(REGULATION)


def test_it_joins_the_items_under_a_colon_to_their_article_as_its_list():
    article = only_article(REGULATION)
    [section] = [s for s in article["sections"] if s["heading"] == "法律责任"]
    assert section["lists"] == [["擅自砍伐茶树", "向茶园倾倒垃圾", "在茶园内使用禁用农药"]]
    assert section["paragraphs"][0].endswith(
        "责令改正：（一）擅自砍伐茶树；（二）向茶园倾倒垃圾；（三）在茶园内使用禁用农药。"
    )


def test_it_reads_headings_under_a_colon_when_they_head_text():
    text = "青溪县政府工作报告\n一年来，我们主要做了以下工作：\n（一）稳住经济大盘。全县经济增长百分之六。\n（二）办好民生实事。新建幼儿园三所。\n"
    assert headings(text) == [(1, "稳住经济大盘"), (1, "办好民生实事")]


# ----------------------------------------------------------------- bullets, ordinals, unnumbered


def test_it_reads_bullet_lines_of_an_abridged_report_as_headings():
    text = (
        "王明作的县政府工作报告（摘登）\n\n"
        "\u3000\u3000●经济运行稳中向好，发展质量持续提升\n"
        "\u3000\u3000县长王明说，去年全县经济运行稳中向好。\n"
        "\u3000\u3000●民生实事\n"
        "\u3000\u3000县长王明说，要办好十件民生实事。\n"
    )
    assert headings(text) == [(1, "经济运行稳中向好，发展质量持续提升"), (1, "民生实事")]


def test_it_reads_paragraphs_opening_with_an_ordinal_as_run_in_headings():
    text = (
        "中共青溪县委全会公报\n"
        "\u3000\u3000全会要求，全县上下要抓好以下工作。\n"
        "\u3000\u3000第一，坚持项目为王，扩大有效投资。全年实施重点项目六十个。\n"
        "\u3000\u3000第二，坚持生态优先，推动绿色发展。全面推行林长制。\n"
    )
    assert headings(text) == [(1, "坚持项目为王，扩大有效投资"), (1, "坚持生态优先，推动绿色发展")]


def test_it_reads_unnumbered_headings_beside_numbered_ones_at_level_1():
    text = (
        "青溪县人大常委会工作报告（摘要）\n\n"
        "\u3000\u3000过去一年的主要工作\n"
        "\u3000\u3000过去一年，常委会依法履职，各项工作取得新进展。\n"
        "\u3000\u3000一、加强地方立法\n"
        "\u3000\u3000制定茶园保护条例。\n"
        "\u3000\u3000今后一个时期的主要任务\n"
        "\u3000\u3000（一）加强监督工作。聚焦民生实事开展监督。\n"
    )
    assert headings(text) == [
        (1, "过去一年的主要工作"),
        (1, "加强地方立法"),
        (1, "今后一个时期的主要任务"),
        (2, "加强监督工作"),
    ]


def test_it_keeps_a_short_line_with_nothing_below_it_as_text():
    text = "青溪县政府工作报告\n\u3000\u3000全年经济平稳增长。\n\u3000\u3000青溪县人民政府\n\u3000\u30002025年1月10日\n"
    assert headings(text) == []


def test_it_drops_an_abstract_label_and_finds_no_point_in_the_abstract():
    text = (
        "让茶农的日子越过越红火\n\n"
        "\u3000\u3000内容提要\n"
        "\u3000\u3000发展茶产业是青溪县的富民之路。\n"
        "\u3000\u3000\u3000\u3000\n"
        "\u3000\u3000青溪县山多地少，茶叶是群众增收的主要来源。\n"
        "\u3000\u3000做强茶叶品牌\n"
        "\u3000\u3000打响青溪云雾茶品牌。全县注册茶叶商标二十个。\n"
    )
    article = only_article(text)
    assert headings(text) == [(1, "做强茶叶品牌")]
    assert article["sections"][0]["paragraphs"][0] == "发展茶产业是青溪县的富民之路。"
    assert [p for s in article["sections"] for p in s["points"]] == ["打响青溪云雾茶品牌"]


# ----------------------------------------------------------------- tables of contents


WHITE_PAPER = """青溪县的生态建设
（2025年6月）
\u3000\u3000目\u00a0录
\u3000\u3000前\u00a0言
\u3000\u3000一、生态建设成就
\u3000\u3000（一）森林覆盖率稳步提高
\u3000\u3000（二）水环境持续改善
\u3000\u3000二、未来展望
\u3000\u3000结束语
\u3000\u3000前\u00a0言
\u3000\u3000青溪县地处山区，生态是最大的优势。
\u3000\u3000一、生态建设成就
\u3000\u3000全县持续推进生态建设。
\u3000\u3000（一）森林覆盖率稳步提高
\u3000\u3000——森林覆盖率达到百分之七十。全县新增造林一万亩。
\u3000\u3000（二）水环境持续改善
\u3000\u3000——主要河流水质保持优良。县城污水全部收集处理。
\u3000\u3000二、未来展望
\u3000\u3000青溪县将继续走生态优先之路。
\u3000\u3000结束语
\u3000\u3000绿水青山就是金山银山。
"""


def test_it_skips_a_table_of_contents_and_keeps_the_bodys_headings_once():
    assert headings(WHITE_PAPER) == [
        (1, "前言"),
        (1, "生态建设成就"),
        (2, "森林覆盖率稳步提高"),
        (2, "水环境持续改善"),
        (1, "未来展望"),
        (1, "结束语"),
    ]
    assert not any("目" in p and "录" in p for p in paragraphs(WHITE_PAPER))


def test_it_keeps_a_run_of_headings_that_never_come_back_as_headings():
    text = "青溪县政府工作报告\n一、稳增长\n二、促改革\n三、惠民生\n全年各项工作扎实推进。\n"
    assert headings(text) == [(1, "稳增长"), (1, "促改革"), (1, "惠民生")]
