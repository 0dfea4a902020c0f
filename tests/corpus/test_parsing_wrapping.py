"""The same text in the ways its lines come: one paragraph per line, hard-wrapped at a page's
width (copied out of a PDF), indented or spaced by blank lines, a blank line after every
line. The outline must not change. The report is written for these tests (青溪县)."""

import pytest

from corpus.parsing import parse

REPORT = [
    "青溪县人民政府工作报告",
    "——2025年2月18日在青溪县第十八届人民代表大会第四次会议上",
    "县长 王明",
    "各位代表：",
    "现在，我代表县人民政府向大会报告工作，请予审议，并请县政协委员提出意见。",
    "一、2024年工作回顾",
    "过去一年，面对复杂严峻的外部环境，全县上下团结一心、攻坚克难，经济社会发展取得新的成绩。",
    "——经济运行稳中有进。地区生产总值增长百分之六，规模以上工业增加值增长百分之八，固定资产投资增长百分之七。",
    "——城乡面貌持续改善。新建改造农村公路一百二十公里，完成老旧小区改造三十个，县城污水处理率达到百分之九十八。",
    "——民生福祉不断增进。城镇新增就业三千二百人，新建幼儿园三所，县人民医院新院区建成投用，群众就医更加便利。",
    "过去一年取得的成绩，是全县干部群众共同奋斗的结果。在肯定成绩的同时，我们也清醒看到存在的困难和问题。",
    "二、2025年重点工作",
    "今年是“十四五”规划收官之年，做好政府工作意义重大。我们要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。",
    "（一）坚持工业强县，加快构建现代产业体系。做强茶叶、竹木两大特色产业，培育新能源装备产业，推动园区扩容提质。",
    "打造茶叶全产业链。新建标准化生态茶园两千亩，引进精深加工企业三家，茶叶全产业链产值突破十二亿元。",
    "推进园区提档升级。新建标准厂房十万平方米，完善园区道路、供水、供电等配套设施，提高园区承载能力。",
    "（二）坚持生态优先，推动绿色低碳发展。深入打好蓝天、碧水、净土保卫战，守护好青溪的绿水青山。",
    "持续改善生态环境。全面落实河长制、林长制，县城空气质量优良天数比例保持在百分之九十五以上。",
    "各位代表，新的征程催人奋进，让我们团结一心、埋头苦干，奋力谱写青溪高质量发展新篇章！",
]


def outline(text):
    [article] = parse(text).articles
    return (
        article.title,
        article.subtitle,
        article.date,
        article.speakers,
        article.salutation,
        [(section.level, section.heading) for section in article.sections],
        [point for section in article.sections for point in section.points],
        [p.text for section in article.sections for p in section.paragraphs],
    )


def wrapped(lines, width, *, indent="", blank=False):
    """Each paragraph broken at the page's width, its first line indented within it."""
    out = []
    for line in lines:
        first, rest = indent + line[: width - len(indent)], line[width - len(indent) :]
        out.append(first)
        while rest:
            out.append(rest[:width])
            rest = rest[width:]
        if blank:
            out.append("")
    return "\n".join(out) + "\n"


EXPECTED = outline("\n".join(REPORT) + "\n")


def test_it_reads_the_report_as_written():
    title, subtitle, date, speakers, salutation, sections, points, _ = EXPECTED
    assert (title, subtitle, date, speakers, salutation) == (
        "青溪县人民政府工作报告",
        "在青溪县第十八届人民代表大会第四次会议上",
        "2025年2月18日",
        ["王明"],
        "各位代表",
    )
    assert [heading for _, heading in sections] == [
        None,
        "2024年工作回顾",
        "2025年重点工作",
        "坚持工业强县，加快构建现代产业体系",
        "坚持生态优先，推动绿色低碳发展",
    ]
    assert points[:3] == ["经济运行稳中有进", "城乡面貌持续改善", "民生福祉不断增进"]


@pytest.mark.parametrize("width", [24, 30, 36])
@pytest.mark.parametrize(
    ("indent", "blank"),
    [("\u3000\u3000", False), ("", True), ("\u3000\u3000", True)],
    ids=["indented", "spaced", "indented-and-spaced"],
)
def test_it_reads_a_hard_wrapped_copy_like_the_text(width, indent, blank):
    assert outline(wrapped(REPORT, width, indent=indent, blank=blank)) == EXPECTED


@pytest.mark.parametrize(
    "text",
    [
        "\n".join("\u3000\u3000" + line for line in REPORT) + "\n",
        "\n\n".join(REPORT) + "\n",
        "\r\n\r\n".join(REPORT) + "\r\n",
    ],
    ids=["indented", "blank-line-after-every-line", "windows-line-ends"],
)
def test_it_reads_the_text_set_one_paragraph_per_line_in_any_spacing(text):
    assert outline(text) == EXPECTED


def test_it_keeps_an_unnumbered_heading_apart_in_a_text_without_indents_or_blank_lines():
    lines = (
        REPORT[:5]
        + ["过去一年的主要工作"]
        + REPORT[6:11]
        + ["今后一个时期的主要任务"]
        + REPORT[12:]
    )
    sections = outline("\n".join(lines) + "\n")[5]
    assert (1, "过去一年的主要工作") in sections
    assert (1, "今后一个时期的主要任务") in sections


def test_it_joins_a_kicker_and_a_title_across_the_blank_line_after_every_line():
    lines = ["中共青溪县委青溪县人民政府印发", "《青溪县乡村振兴规划纲要》", *REPORT[4:]]
    [article] = parse("\n\n".join(lines) + "\n").articles
    assert (article.kicker, article.title) == (
        "中共青溪县委青溪县人民政府印发",
        "《青溪县乡村振兴规划纲要》",
    )
