"""A day's paper as a web or crawled copy gives it (one article after another, each title
over its byline and the paper's date line), on a short page written for these tests about
an invented county, 青溪县, and its paper, 青溪日报."""

from corpus.parsing import outline_to_dict, parse

PAPER_DATE = "《青溪日报》（2025年10月20日 第 01 版）"

DAY = f"""青溪日报文章目录

1. 青溪县茶产业迈上新台阶

2. 茶香里的幸福生活（乡村振兴观察）

3. 本版责编：王  青

青溪县茶产业迈上新台阶

新华社记者

{PAPER_DATE}

青溪县持续做强茶产业，茶叶全产业链产值突破十亿元。

茶叶品牌越来越响

打响青溪云雾茶品牌。全县注册茶叶商标二十个。

“茶旅融合让茶园变成了景区”

茶园观光带动了乡村旅游。

（新华社青溪10月19日电  记者林茶、周山）

茶香里的幸福生活（乡村振兴观察）

本报记者  周  山

{PAPER_DATE}

为何种茶——

种茶让村民过上了好日子

村民种茶的积极性越来越高。

效益提高了吗？

亩均收入超过一万元

“以前种粮，现在种茶。”村民王大山说。

新华社记者  林  茶摄

一版责编：王  青

{PAPER_DATE}

青溪县茶产业迈上新台阶

新华社记者

{PAPER_DATE}

青溪县持续做强茶产业，茶叶全产业链产值突破十亿元。

读者来信：茶园小路该修了

{PAPER_DATE}

茶园里的小路坑坑洼洼，雨天更是难走。希望有关部门尽快修缮。

浙江青溪县  李先生
"""


def articles():
    return outline_to_dict(parse(DAY))["articles"]


def test_it_starts_an_article_at_each_title_over_the_papers_date_line_and_skips_the_contents():
    assert [article["title"] for article in articles()] == [
        "青溪县茶产业迈上新台阶",
        "茶香里的幸福生活",
        "读者来信：茶园小路该修了",
    ]


def test_it_keeps_one_copy_of_an_article_printed_twice():
    titles = [article["title"] for article in articles()]
    assert titles.count("青溪县茶产业迈上新台阶") == 1


def test_it_takes_the_date_and_the_paper_from_the_papers_date_line():
    assert {(article["date"]) for article in articles()} == {"2025年10月20日"}
    # "本报记者" is a reporter of this paper: the one its date line names.
    assert [article["source"] for article in articles()] == ["新华社", "青溪日报", "青溪日报"]


def test_it_reads_the_reporters_of_a_closing_dateline_a_spread_byline_and_a_signature():
    assert [article["authors"] for article in articles()] == [
        ["林茶", "周山"],
        ["周山"],
        ["李先生"],
    ]


def test_it_reads_the_column_tag_of_a_title():
    assert [article["column"] for article in articles()] == [None, "乡村振兴观察", None]


def test_it_reads_subheads_quoted_split_by_a_dash_or_asked_and_answered():
    first, second, _ = articles()
    assert [s["heading"] for s in first["sections"]] == [
        None,
        "茶叶品牌越来越响",
        "“茶旅融合让茶园变成了景区”",
    ]
    assert [s["heading"] for s in second["sections"]] == [
        "为何种茶——种茶让村民过上了好日子",
        "效益提高了吗？亩均收入超过一万元",
    ]


def test_it_keeps_the_photo_credit_and_the_editor_line_out_of_the_body():
    second = articles()[1]
    bodies = [p for s in second["sections"] for p in s["paragraphs"]]
    assert bodies == ["村民种茶的积极性越来越高。", "“以前种粮，现在种茶。”村民王大山说。"]


def test_it_takes_a_photographers_name_when_the_credit_is_all_the_byline_there_is():
    text = f"图片报道\n\n{PAPER_DATE}\n\n10月19日，青溪县第十届茶文化节开幕。\n\n新华社记者  林  茶摄\n"
    [article] = outline_to_dict(parse(text))["articles"]
    assert (article["title"], article["authors"], article["source"]) == (
        "图片报道",
        ["林茶"],
        "新华社",
    )


def test_it_reads_a_byline_under_a_heading_as_reporters_of_the_article():
    text = (
        f"青溪县科技创新答卷\n\n{PAPER_DATE}\n\n青溪县科技创新成果丰硕。\n\n"
        "茶叶育种取得突破\n\n本报记者  林  茶\n\n新品种“青溪一号”通过审定。\n\n"
        "茶机研发加快推进\n\n本报记者  周山\n\n全县研发采茶机三款。\n"
    )
    [article] = outline_to_dict(parse(text))["articles"]
    assert article["authors"] == ["林茶", "周山"]
    assert [s["heading"] for s in article["sections"]] == [
        None,
        "茶叶育种取得突破",
        "茶机研发加快推进",
    ]


def test_it_reads_a_part_numbered_alone_on_its_line_as_a_heading_without_text():
    text = f"青溪之问\n\n任青山\n\n{PAPER_DATE}\n\n（一）\n\n青溪县的发展靠什么？靠的是实干。\n\n（二）\n\n青溪县的未来在哪里？在于创新。\n"
    [article] = outline_to_dict(parse(text))["articles"]
    assert article["authors"] == ["任青山"]
    assert [(s["level"], s["heading"]) for s in article["sections"]] == [(1, ""), (1, "")]


def test_it_reads_no_heading_in_a_label_over_a_figure():
    text = f"一户茶农的新生活\n\n本报记者  周山\n\n{PAPER_DATE}\n\n亮点\n\n2024年全县茶农人均收入增长百分之十\n\n茶农王大山家盖起了新楼房。\n"
    [article] = outline_to_dict(parse(text))["articles"]
    assert [s["heading"] for s in article["sections"]] == [None]


def test_it_takes_no_key_point_from_a_news_report_opened_by_its_dateline():
    text = (
        f"青溪县第十届茶文化节开幕\n\n本报记者  周  山\n\n{PAPER_DATE}\n\n"
        "本报青溪10月19日电  （记者周山）10月19日，青溪县第十届茶文化节开幕，来自各地的客商齐聚茶乡。\n\n"
        "茶艺表演是开幕式的亮点之一。来自十个乡镇的茶艺队同台献艺。\n\n"
        "本届茶文化节将持续一周。\n"
    )
    [article] = outline_to_dict(parse(text))["articles"]
    assert [p for s in article["sections"] for p in s["points"]] == []
    assert len([p for s in article["sections"] for p in s["paragraphs"]]) == 3


def test_it_reads_the_key_points_of_a_text_a_dateline_introduces():
    text = (
        "青溪县茶产业发展规划\n\n"
        "新华社青溪10月19日电  青溪县近日印发《青溪县茶产业发展规划》。规划全文如下。\n\n"
        "做强茶叶品牌。全县注册茶叶商标二十个。\n\n"
        "推进茶旅融合。建设茶园观光带。\n"
    )
    [article] = outline_to_dict(parse(text))["articles"]
    assert [p for s in article["sections"] for p in s["points"]] == ["做强茶叶品牌", "推进茶旅融合"]


def test_it_keeps_the_pages_mailbox_and_call_for_contributions_out_of_the_body():
    text = (
        f"茶乡的春天\n\n周  山\n\n{PAPER_DATE}\n\n"
        "春天的茶乡，满山都是新绿。采茶姑娘的歌声在山谷里回荡。\n\n"
        "本版责编：王  青\n\n"
        "本版邮箱：chaxiang@example.cn\n\n"
        "欢迎广大读者来稿。来稿要求为原创首发，非一稿多投。\n"
    )
    [article] = outline_to_dict(parse(text))["articles"]
    assert [p for s in article["sections"] for p in s["paragraphs"]] == [
        "春天的茶乡，满山都是新绿。采茶姑娘的歌声在山谷里回荡。"
    ]
    assert [p for s in article["sections"] for p in s["points"]] == []
