"""The title block and front matter in all their forms, on short texts written for these
tests (an invented county, 青溪县, its reports, documents, regulation and newspaper pieces)."""

import pytest

from corpus.parsing import outline_to_dict, parse

BODY = "\u3000\u3000全县经济平稳增长，人民生活持续改善。\n"


def only_article(text):
    articles = outline_to_dict(parse(text))["articles"]
    assert len(articles) == 1
    return articles[0]


def fields(text, *names):
    article = only_article(text)
    return tuple(article[name] for name in names)


def bodies(article):
    return [p for section in article["sections"] for p in section["paragraphs"]]


def points(article):
    return [p for section in article["sections"] for p in section["points"]]


# ----------------------------------------------------------------- title, kicker, column


def test_it_reads_a_kicker_announcing_the_document_below_it():
    text = f"中共青溪县委青溪县人民政府印发\n《青溪县乡村振兴规划纲要》\n\n{BODY}"
    assert fields(text, "kicker", "title") == (
        "中共青溪县委青溪县人民政府印发",
        "《青溪县乡村振兴规划纲要》",
    )


def test_it_reads_a_kicker_above_a_title_with_a_column_tag():
    text = f"守护绿水青山  建设美丽青溪\n让每一条河流都清澈起来（青溪观察）\n\n{BODY}"
    assert fields(text, "kicker", "title", "column") == (
        "守护绿水青山 建设美丽青溪",
        "让每一条河流都清澈起来",
        "青溪观察",
    )


def test_it_keeps_a_title_broken_over_two_lines_as_one_title():
    text = f"关于青溪县茶产业发展情况的\n调查报告\n\n{BODY}"
    assert fields(text, "kicker", "title") == (None, "关于青溪县茶产业发展情况的调查报告")


@pytest.mark.parametrize(
    ("title_line", "title", "column"),
    [
        ("奋力书写青溪发展新篇章（社论）", "奋力书写青溪发展新篇章", "社论"),
        ("“青溪茶”香飘四方（评论员观察）", "“青溪茶”香飘四方", "评论员观察"),
        ("青溪县人民政府工作报告（摘要）", "青溪县人民政府工作报告（摘要）", None),
        ("2025年青溪县政府工作报告（全文）", "2025年青溪县政府工作报告（全文）", None),
    ],
)
def test_it_takes_a_column_tag_out_of_the_title_but_keeps_an_edition(title_line, title, column):
    assert fields(f"{title_line}\n\n{BODY}", "title", "column") == (title, column)


# ----------------------------------------------------------------- subtitle and date


@pytest.mark.parametrize(
    ("meta", "subtitle", "date"),
    [
        (
            "——在青溪县第十八届人民代表大会第四次会议上",
            "在青溪县第十八届人民代表大会第四次会议上",
            None,
        ),
        (
            "——2025年2月18日在青溪县第十八届人民代表大会第四次会议上",
            "在青溪县第十八届人民代表大会第四次会议上",
            "2025年2月18日",
        ),
        (
            "——在中共青溪县委第十五届五次全会上的工作报告（2025年1月8日）",
            "在中共青溪县委第十五届五次全会上的工作报告",
            "2025年1月8日",
        ),
        (
            "——二〇二五年二月十八日在青溪县人民代表大会上",
            "在青溪县人民代表大会上",
            "二〇二五年二月十八日",
        ),
        ("（2025年1月8日）", None, "2025年1月8日"),
        ("2025年1月8日", None, "2025年1月8日"),
        ("（2025年6月）", None, "2025年6月"),
        ("（2025年1月8日中共青溪县委第十五届五次全体会议通过）", None, "2025年1月8日"),
        ("——2025年3月8日", None, "2025年3月8日"),
        ("——二〇二五年三月十八日", None, "二〇二五年三月十八日"),
    ],
    ids=[
        "subtitle",
        "date-first",
        "date-last",
        "numeral-date",
        "date-line",
        "bare-date",
        "month",
        "adoption",
        "dash-date",
        "dash-numeral-date",
    ],
)
def test_it_reads_the_subtitle_and_the_date_in_every_form(meta, subtitle, date):
    assert fields(f"青溪县政府工作报告\n{meta}\n{BODY}", "subtitle", "date") == (subtitle, date)


# ----------------------------------------------------------------- speakers and source


@pytest.mark.parametrize(
    ("lines", "speakers"),
    [
        ("县长 王明\n各位代表：\n", ["王明"]),
        ("王明\n\n各位代表：\n", ["王明"]),
        ("——2025年2月18日在青溪县人民代表大会上\n青溪县县长\u3000王明\u3000\n", ["王明"]),
        (
            "2025年2月18日在青溪县第十八届人民代表大会第四次会议上青溪县县长 王明同志作政府工作报告。\n",
            ["王明"],
        ),
        (
            "----2025年2月18日王明县长在青溪县第十八届人民代表大会第四次会议的政府工作报告\n",
            ["王明"],
        ),
    ],
    ids=[
        "office-and-name",
        "name-alone",
        "after-the-subtitle",
        "in-one-line-with-the-meeting",
        "in-the-subtitle",
    ],
)
def test_it_reads_the_speaker_of_a_report(lines, speakers):
    article = only_article(f"2025年青溪县政府工作报告\n{lines}{BODY}")
    assert (article["speakers"], article["authors"]) == (speakers, [])


def test_it_reads_the_date_meeting_and_speaker_given_in_one_line():
    text = f"2025年青溪县政府工作报告\n2025年2月18日在青溪县第十八届人民代表大会第四次会议上青溪县县长 王明同志作政府工作报告。\n{BODY}"
    assert fields(text, "date", "subtitle") == (
        "2025年2月18日",
        "在青溪县第十八届人民代表大会第四次会议上",
    )
    assert bodies(only_article(text)) == [BODY.strip()]


def test_it_reads_a_speaker_leading_the_title():
    assert fields(f"王明作的县政府工作报告（摘登）\n\n{BODY}", "speakers", "title") == (
        ["王明"],
        "王明作的县政府工作报告（摘登）",
    )


@pytest.mark.parametrize("line", ["来源：青溪日报", "来源 : 青溪日报"])
def test_it_reads_the_source_line(line):
    text = f"2025年青溪县政府工作报告\n{line}\n{BODY}"
    assert fields(text, "source") == ("青溪日报",)
    assert bodies(only_article(text)) == [BODY.strip()]


@pytest.mark.parametrize(
    ("closing", "source"),
    [("（新华社青溪5月29日电）", "新华社"), ("（本报青溪1月15日电）", "人民日报")],
)
def test_it_reads_a_closing_wire_dateline_as_the_source(closing, source):
    article = only_article(f"青溪县政府工作报告\n{BODY}\u3000\u3000{closing}\u00a0\n")
    assert article["source"] == source
    assert bodies(article) == [BODY.strip()]


def test_it_reads_a_wire_lead_as_front_matter_with_its_source_and_speaker():
    text = (
        "青溪县人大常委会工作报告（摘要）\n\n"
        "\u3000\u3000新华社青溪5月25日电\u00a0\u00a0受县人大常委会委托，县人大常委会主任王明5月25日向县人民代表大会作工作报告。报告摘要如下：\n"
        "\u3000\u3000一、加强地方立法\n"
        "\u3000\u3000制定茶园保护条例。\n"
    )
    article = only_article(text)
    assert (article["source"], article["speakers"], article["date"]) == ("新华社", ["王明"], None)
    assert points(article) == ["制定茶园保护条例"]


def test_it_finds_no_key_point_in_the_line_introducing_the_full_text():
    text = (
        "县委县政府印发\n青溪县文明创建实施纲要\n\n"
        "\u3000\u3000新华社青溪10月27日电\u00a0\u00a0近日，县委、县政府印发了《青溪县文明创建实施纲要》。\n"
        "\u3000\u3000《青溪县文明创建实施纲要》全文如下。\n"
        "\u3000\u3000一、总体要求\n"
        "\u3000\u3000弘扬文明新风。全县开展文明家庭评选。\n"
    )
    assert points(only_article(text)) == ["弘扬文明新风"]


def test_it_reads_a_promulgation_block_as_front_matter():
    text = (
        "青溪县生态茶园保护办法\n\n"
        "\u3000\u3000青溪县人民政府令\n"
        "\u3000\u3000第12号\n"
        "\u3000\u3000《青溪县生态茶园保护办法》已经县政府常务会议通过，现予公布，自2025年1月1日起施行。\n"
        "\u3000\u3000县长\u00a0王明\u00a0\n"
        "\u3000\u30002024年12月20日\n"
        "\u3000\u3000\n"
        "\u3000\u3000第一条\u00a0为了保护生态茶园，制定本办法。\n"
    )
    article = only_article(text)
    assert (article["speakers"], article["date"]) == (["王明"], "2024年12月20日")
    assert bodies(article) == ["第一条\u00a0为了保护生态茶园，制定本办法。"]


# ----------------------------------------------------------------- salutations


def test_it_reads_the_salutation_of_a_speech():
    text = f"青溪县政府工作报告\n——在青溪县人民代表大会上\n各位代表：\n{BODY}"
    article = only_article(text)
    assert article["salutation"] == "各位代表"
    assert bodies(article) == [BODY.strip()]


def test_it_reads_a_speech_without_a_title_as_one_article():
    text = "同志们：\n\n\u3000\u3000现在，我代表县委常委会向全会作报告。\n\n\u3000\u3000一、过去五年的工作\n\n\u3000\u3000五年来，全县发展取得新成就。\n"
    article = only_article(text)
    assert (article["title"], article["salutation"]) == ("", "同志们")
    assert [s["heading"] for s in article["sections"]] == [None, "过去五年的工作"]


# ----------------------------------------------------------------- attachments


def test_it_reads_an_attachment_as_an_article_and_a_glossary_without_headings():
    text = (
        "2025年青溪县政府工作报告\n\n"
        "\u3000\u3000一、今年的主要任务\n\n"
        "\u3000\u3000办好十件民生实事。\n\n"
        "附件1\n\n"
        "2025年县十件民生实事\n\n"
        "一、新建三所幼儿园。新增学位九百个。\n\n"
        "二、改造老旧小区。惠及居民两千户。\n\n"
        "附件2 名词解释\n\n"
        "1.“茶旅融合”：茶产业与乡村旅游融合发展。\n\n"
        "2.林长制：由各级党政负责人担任林长的森林保护制度。\n"
    )
    outline = outline_to_dict(parse(text))
    assert [article["title"] for article in outline["articles"]] == [
        "2025年青溪县政府工作报告",
        "2025年县十件民生实事",
        "名词解释",
    ]
    assert [s["heading"] for s in outline["articles"][1]["sections"]] == [
        "新建三所幼儿园",
        "改造老旧小区",
    ]
    glossary = outline["articles"][2]
    assert [s["heading"] for s in glossary["sections"]] == [None]
    assert len(glossary["sections"][0]["paragraphs"]) == 2
