"""The parser on the other layouts it must read, with short sample texts written for
these tests (invented content about a county library, water saving, a vocational school)."""

import random

import pytest

from corpus.parsing import normalize_text, outline_to_dict, parse

# A plain-text report: title block with subtitle, date and author, then 一、 parts,
# （一） sub-parts alone on a line or as a paragraph's first sentence.
REPORT = """县图书馆工作报告
——在县第十届人民代表大会第三次会议上
（2024年1月12日）
县图书馆馆长 周明
各位代表：
现在，我代表县图书馆向大会报告工作，请予审议。
一、过去一年的工作
过去一年，全馆围绕“书香县城”建设，各项工作取得新进展。
（一）扩大阅读服务覆盖。新建乡镇分馆四个，流动借阅车每月下乡两次，全年接待读者十二万人次。
（二）提升数字服务能力。上线线上借阅平台，读者可以在手机上预约图书。
二、今年的主要任务
（一）着力推进总分馆建设。今年再建三个分馆，实现乡镇全覆盖。
（二）加强少儿阅读推广
每逢周末，少儿阅览室开展绘本共读活动，邀请家长一同参加。
"""

# A markdown report: "#" title, "##" parts (with and without 一、), "###" sub-parts.
MARKDOWN_REPORT = """# 节约用水从我做起

## 一、认识县里的水情

我县人均水资源量偏低，节约用水是长久之计。

### （一）家庭节水

淘米水可以用来浇花，洗衣水可以用来冲厕。

### 农田节水

推广滴灌和喷灌，亩均用水量下降三成。

## 加强节水宣传

节水宣传要进学校、进社区、进农户。
"""

# A newspaper page: banner, three signed articles, a column label under one byline and
# above another title, bylines of several kinds, closing notes, page furniture.
NEWSPAPER_PAGE = """## 职业教育改革进行时

让职业学校办出特色

●林晓 陈默

近年来，县职业学校围绕本地产业办专业，毕业生就业率稳步提高。

对接本地产业设置专业。学校新开了农产品电商和民宿管理两个专业，课程由企业师傅和老师共同设计。

推行工学交替培养模式。学生每学期有两个月在合作企业顶岗实习，
工资按月发放。

（作者为某某县职业学校校长）

## 节水灌溉走进田间地头

本报记者 赵青 孙阳 郑远

## 三农观察

春耕时节，记者来到河湾村，看到一排排滴灌带铺满了麦田。

用好每一滴灌溉水。村里成立了用水合作社，按亩计量收费，

本版责编：张某某 李某某

《 某某日报 》（ 2024年04月08日 07 版）

图为河湾村村民检查滴灌设备。 本报记者 赵青摄

12

浪费明显减少。

培养懂技术的新农民。县农技站每月举办一次田间课堂，
手把手教村民安装和维护设备。

(据《某某农民报》,作者单位:某某县农业农村局)

## 学习笔记

## 县图书馆里的“夜读”

●吴桐

晚上七点，县图书馆依然灯火通明，来夜读的人越来越多。

延长开放时间方便读者。图书馆把闭馆时间推迟到晚上九点，周末全天开放。

办好读书会凝聚读者。每月的读书会由读者轮流主持，一年下来办了二十多场。

（作者单位：某某县文化馆）
"""

# Key points written with explicit numbering: inside one paragraph, one per paragraph,
# as "——" paragraphs and as "第一，".
ENUMERATED_POINTS = """关于推进节水型社会建设的意见

今年重点抓好三件事：一是改造老旧供水管网；二是推广节水器具，提高入户率；三是建立用水定额制度。

一是摸清用水底数。各乡镇要在三月底前完成用水户登记。

二是完善计量设施。新建小区一律安装智能水表。

——坚持节水优先。把节水贯穿经济社会发展全过程。

——坚持系统治理。统筹考虑水资源、水生态和水环境。

第一，压实工作责任。各部门主要负责人要亲自抓。第二，强化督促检查。县里每季度通报一次进展。
"""


def parsed(text):
    return outline_to_dict(parse(text))


def only_article(text):
    articles = parsed(text)["articles"]
    assert len(articles) == 1
    return articles[0]


def all_paragraphs(outline):
    return [
        paragraph
        for article in outline["articles"]
        for section in article["sections"]
        for paragraph in section["paragraphs"]
    ]


def all_points(article):
    return [point for section in article["sections"] for point in section["points"]]


def all_lists(article):
    return [items for section in article["sections"] for items in section["lists"]]


# ----------------------------------------------------------------- plain-text reports


def test_it_reads_a_report_title_block():
    article = only_article(REPORT)
    assert article["title"] == "县图书馆工作报告"
    assert article["subtitle"] == "在县第十届人民代表大会第三次会议上"
    assert article["date"] == "2024年1月12日"
    # The name under a speech's title is its speaker, not an author of an article.
    assert (article["speakers"], article["authors"]) == (["周明"], [])


def test_it_reads_plain_numbered_headings_at_their_levels():
    article = only_article(REPORT)
    assert [(section["level"], section["heading"]) for section in article["sections"]] == [
        (0, None),
        (1, "过去一年的工作"),
        (2, "扩大阅读服务覆盖"),
        (2, "提升数字服务能力"),
        (1, "今年的主要任务"),
        (2, "着力推进总分馆建设"),
        (2, "加强少儿阅读推广"),
    ]


def test_it_takes_a_run_in_heading_and_keeps_the_rest_as_the_paragraph():
    sections = only_article(REPORT)["sections"]
    assert sections[2]["paragraphs"] == [
        "新建乡镇分馆四个，流动借阅车每月下乡两次，全年接待读者十二万人次。"
    ]
    assert sections[5]["paragraphs"] == ["今年再建三个分馆，实现乡镇全覆盖。"]


def test_it_takes_the_salutation_out_of_the_first_paragraph():
    article = only_article(REPORT)
    assert article["salutation"] == "各位代表"
    assert article["sections"][0]["paragraphs"] == [
        "现在，我代表县图书馆向大会报告工作，请予审议。"
    ]


def test_it_reads_a_date_line_without_parentheses():
    article = only_article(
        "县图书馆年度报告\n2024年3月5日\n全年新增藏书一万册，读者满意度明显提高。\n"
    )
    assert article["date"] == "2024年3月5日"


@pytest.mark.parametrize(
    ("author_line", "authors"),
    [
        ("张三", ["张三"]),
        ("某某省人民政府省长 张三", ["张三"]),
        ("某某县水利局局长\u3000欧阳明", ["欧阳明"]),
        ("张三、李四", ["张三", "李四"]),
        ("张三 李四", ["张三", "李四"]),
    ],
)
def test_it_reads_an_unmarked_author_line_under_a_report_title(author_line, authors):
    article = only_article(
        f"县图书馆年度报告\n{author_line}\n全年新增藏书一万册，读者满意度明显提高。\n"
    )
    assert (article["title"], article["authors"]) == ("县图书馆年度报告", authors)
    assert all_paragraphs({"articles": [article]}) == ["全年新增藏书一万册，读者满意度明显提高。"]


def test_it_does_not_take_a_short_second_title_line_for_an_author():
    article = only_article("县图书馆的\n夜读时光\n晚上七点，图书馆依然灯火通明。\n")
    assert (article["title"], article["authors"]) == ("县图书馆的夜读时光", [])


def test_it_joins_a_report_title_broken_over_two_lines():
    article = only_article(
        "关于县图书馆总分馆建设情况的\n调查报告\n全县已建成分馆十二个，覆盖所有乡镇。\n"
    )
    assert article["title"] == "关于县图书馆总分馆建设情况的调查报告"


def test_it_reads_numbered_sub_headings_with_a_full_width_dot():
    text = "县职业学校发展规划\n一、办学目标\n1．对接本地产业。开设与本地产业相关的专业。\n2．提升实训条件\n新建实训楼一栋。\n"
    article = only_article(text)
    assert [(section["level"], section["heading"]) for section in article["sections"]] == [
        (1, "办学目标"),
        (2, "对接本地产业"),
        (2, "提升实训条件"),
    ]


def test_it_keeps_decimal_numbers_and_grade_ranges_as_body_text():
    text = "县图书馆年度报告\n\n全年借阅量增长了\n1.5倍，读者满意度明显提高。\n\n一、二年级学生每周到馆一次，由老师带队。\n"
    article = only_article(text)
    assert [section["heading"] for section in article["sections"]] == [None]
    assert article["sections"][0]["paragraphs"] == [
        "全年借阅量增长了1.5倍，读者满意度明显提高。",
        "一、二年级学生每周到馆一次，由老师带队。",
    ]


# ----------------------------------------------------------------- markdown


def test_it_reads_markdown_heading_levels_and_numbered_markdown_headings():
    article = only_article(MARKDOWN_REPORT)
    assert article["title"] == "节约用水从我做起"
    assert [(section["level"], section["heading"]) for section in article["sections"]] == [
        (1, "认识县里的水情"),
        (2, "家庭节水"),
        (2, "农田节水"),
        (1, "加强节水宣传"),
    ]


def test_it_joins_a_title_split_by_a_markdown_hard_break():
    for hard_break in ("  ", "\\"):
        text = f"县图书馆夜间开放的{hard_break}\n一些做法\n\n●吴桐\n\n图书馆延长了开放时间，读者明显增多。\n"
        assert only_article(text)["title"] == "县图书馆夜间开放的一些做法"


def test_it_drops_markdown_images_rules_and_emphasis():
    text = "# 节水小贴士\n\n![滴灌](img/drip.png)\n\n---\n\n**洗菜水**可以用来浇花，节约又方便。\n"
    article = only_article(text)
    assert article["sections"][0]["paragraphs"] == ["洗菜水可以用来浇花，节约又方便。"]


# ----------------------------------------------------------------- newspaper pages


def test_it_splits_a_page_into_articles_at_title_and_byline_blocks():
    outline = parsed(NEWSPAPER_PAGE)
    assert [article["title"] for article in outline["articles"]] == [
        "让职业学校办出特色",
        "节水灌溉走进田间地头",
        "县图书馆里的“夜读”",
    ]
    assert outline["banner"] == "职业教育改革进行时"


def test_it_reads_several_authors_on_bylines():
    outline = parsed(NEWSPAPER_PAGE)
    assert [article["authors"] for article in outline["articles"]] == [
        ["林晓", "陈默"],
        ["赵青", "孙阳", "郑远"],
        ["吴桐"],
    ]


def test_it_reads_column_labels_under_a_byline_and_above_a_title():
    outline = parsed(NEWSPAPER_PAGE)
    assert [article["column"] for article in outline["articles"]] == [None, "三农观察", "学习笔记"]


def test_it_reads_closing_notes_with_full_and_half_width_punctuation():
    outline = parsed(NEWSPAPER_PAGE)
    assert [(article["source"], article["note"]) for article in outline["articles"]] == [
        (None, "作者为某某县职业学校校长"),
        ("某某农民报", "作者单位:某某县农业农村局"),
        (None, "作者单位：某某县文化馆"),
    ]


def test_it_drops_page_furniture_and_rejoins_the_paragraph_it_cut():
    outline = parsed(NEWSPAPER_PAGE)
    text = "\n".join(all_paragraphs(outline))
    for furniture in ("本版责编", "某某日报", "图为", "摄", "12"):
        assert furniture not in text
    assert "按亩计量收费，浪费明显减少。" in text


def test_it_rejoins_a_soft_wrapped_markdown_paragraph():
    text = "\n".join(all_paragraphs(parsed(NEWSPAPER_PAGE)))
    assert "顶岗实习，工资按月发放。" in text
    assert "每月举办一次田间课堂，手把手教村民" in text


def test_it_keeps_banner_labels_and_notes_out_of_bodies_and_headings():
    outline = parsed(NEWSPAPER_PAGE)
    bodies = "\n".join(all_paragraphs(outline))
    headings = [
        section["heading"] for article in outline["articles"] for section in article["sections"]
    ]
    for metadata in ("职业教育改革进行时", "三农观察", "学习笔记", "作者", "●", "本报记者"):
        assert metadata not in bodies
        assert all(metadata not in (heading or "") for heading in headings)


def test_it_finds_lead_sentence_points_but_not_in_an_articles_opening_paragraph():
    articles = parsed(NEWSPAPER_PAGE)["articles"]
    assert [all_points(article) for article in articles] == [
        ["对接本地产业设置专业", "推行工学交替培养模式"],
        ["用好每一滴灌溉水", "培养懂技术的新农民"],
        ["延长开放时间方便读者", "办好读书会凝聚读者"],
    ]


@pytest.mark.parametrize(
    "furniture",
    [
        "本版责编：王某 李某",
        "本版编辑:王某",
        "《 某某日报 》（ 2024年03月04日 09 版）",
        "《某某日报》(2024年3月4日第9版)",
        "《某某日报》 2024-03-04 第9版",
        "图为县图书馆新馆外景。 新华社记者 张三摄",
        "（张三 摄）",
        "(张三摄)",
        "县图书馆少儿阅览室一角。 李四摄",
        "9",
        "第9版",
        "- 9 -",
        "— 3 —",
        "第 3 页",
        "3/12",
        "一版责编：王某  李某",
        "（相关报道见第四版）",
        "——编  者",
    ],
)
def test_it_drops_each_kind_of_page_furniture(furniture):
    text = f"县图书馆年度报告\n\n全年新增藏书一万册，\n\n{furniture}\n\n读者满意度明显提高。\n"
    article = only_article(text)
    assert article["sections"][0]["paragraphs"] == ["全年新增藏书一万册，读者满意度明显提高。"]


@pytest.mark.parametrize(
    ("note", "source", "expected"),
    [
        ("（作者为某某县图书馆馆长）", None, "作者为某某县图书馆馆长"),
        ("(作者为某某县图书馆馆长)", None, "作者为某某县图书馆馆长"),
        ("（作者单位：某某职业技术学院）", None, "作者单位：某某职业技术学院"),
        ("(作者单位:某某职业技术学院)", None, "作者单位:某某职业技术学院"),
        ("（据《某某日报》，作者系某某大学教授）", "某某日报", "作者系某某大学教授"),
        ("(据《某某日报》)", "某某日报", None),
    ],
)
def test_it_reads_each_kind_of_closing_note(note, source, expected):
    text = f"节水从点滴做起\n\n●王五\n\n县里推广节水器具，居民积极响应。\n\n{note}\n"
    article = only_article(text)
    assert (article["source"], article["note"]) == (source, expected)
    assert all_paragraphs({"articles": [article]}) == ["县里推广节水器具，居民积极响应。"]


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("●张三", ["张三"]),
        ("● 张三 李四", ["张三", "李四"]),
        ("本报记者 李四", ["李四"]),
        ("本报记者 张三 李四 王五", ["张三", "李四", "王五"]),
        ("本报记者 张三 本报通讯员 李四", ["张三", "李四"]),
        ("●欧阳明、司马青", ["欧阳明", "司马青"]),
    ],
)
def test_it_reads_each_kind_of_byline(byline, authors):
    text = f"节水从点滴做起\n\n{byline}\n\n县里推广节水器具，居民积极响应。\n"
    assert only_article(text)["authors"] == authors


def test_it_reads_a_plain_page_with_bylines_and_no_blank_lines():
    text = (
        "县图书馆开展阅读月活动\n本报记者 张三\n阅读月期间，图书馆举办讲座十场。\n"
        "节水灌溉见成效\n●王五\n今年全县推广滴灌两万亩。\n"
    )
    outline = parsed(text)
    assert [article["title"] for article in outline["articles"]] == [
        "县图书馆开展阅读月活动",
        "节水灌溉见成效",
    ]
    assert all_paragraphs(outline) == [
        "阅读月期间，图书馆举办讲座十场。",
        "今年全县推广滴灌两万亩。",
    ]


def test_it_reads_a_plain_report_without_byline_as_one_article():
    outline = parsed(REPORT)
    assert len(outline["articles"]) == 1
    assert outline["banner"] is None


def test_it_takes_a_bullet_line_after_body_text_as_text_not_as_a_byline():
    text = "县图书馆年度报告\n\n今年重点做好以下工作。\n\n●加强管理\n"
    assert all_paragraphs(parsed(text)) == ["今年重点做好以下工作。", "●加强管理"]


# ----------------------------------------------------------------- key points


def test_it_takes_dash_points_and_the_lead_of_a_paragraph_opening_with_its_number():
    assert all_points(only_article(ENUMERATED_POINTS)) == [
        "摸清用水底数",
        "完善计量设施",
        "坚持节水优先",
        "坚持系统治理",
        "压实工作责任",
    ]


def test_it_takes_the_members_inside_a_paragraph_as_its_list_not_as_key_points():
    article = only_article(ENUMERATED_POINTS)
    assert all_lists(article) == [
        ["改造老旧供水管网", "推广节水器具，提高入户率", "建立用水定额制度"],
        ["压实工作责任", "强化督促检查"],
    ]
    assert "改造老旧供水管网" not in all_points(article)


def test_it_takes_list_members_separated_by_commas():
    text = "节水工作安排\n\n下一步，一是改造管网，二是推广器具，三是加强宣传。\n"
    article = only_article(text)
    assert all_lists(article) == [["改造管网", "推广器具", "加强宣传"]]
    assert all_points(article) == []


def test_it_takes_enumerated_points_in_a_sections_opening_paragraph():
    text = "# 节水工作安排\n\n## 重点任务\n\n一是改造管网。全年改造十二公里。\n"
    assert all_points(only_article(text)) == ["改造管网"]


def test_it_does_not_read_a_word_ending_in_a_numeral_as_enumeration():
    text = "# 节水工作安排\n\n## 重点任务\n\n全县统一是做好工作的前提，各乡镇要步调一致。\n"
    assert all_points(only_article(text)) == []


@pytest.mark.parametrize(
    ("paragraph", "why"),
    [
        ("今年全县节水成效明显。居民用水量下降一成。", "narration opening with a time phrase"),
        ("我们走访了十二个村。村民反映滴灌好用。", "narration opening with a pronoun"),
        ("推广节水器具，提高入户率。今年发放节水龙头五千个。", "a pause inside the sentence"),
        (
            "县里把推广滴灌技术和改造老旧供水管网作为今年农村水利工作的两项重点任务。各乡镇落实。",
            "too long",
        ),
        ("节水宣传进校园了吗？各学校正在落实。", "a question"),
    ],
)
def test_it_does_not_take_every_first_sentence_as_a_key_point(paragraph, why):
    text = f"节水工作简报\n\n县水利局召开会议，部署节水工作。\n\n{paragraph}\n"
    assert all_points(only_article(text)) == [], why


def test_it_takes_a_short_imperative_lead_sentence_as_a_key_point():
    text = "节水工作简报\n\n县水利局召开会议，部署节水工作。\n\n推广节水器具。今年发放节水龙头五千个。\n"
    assert all_points(only_article(text)) == ["推广节水器具"]


@pytest.mark.parametrize(
    ("paragraph", "point"),
    [
        ("节约用水是每个家庭的责任。淘米水可以浇花。", "节约用水是每个家庭的责任"),
        ("加强节水宣传。", "加强节水宣传"),
    ],
    ids=["a definition states a thesis", "a paragraph of one sentence"],
)
def test_it_takes_a_definition_or_a_one_sentence_paragraph_as_a_key_point(paragraph, point):
    text = f"节水工作简报\n\n县水利局召开会议，部署节水工作。\n\n{paragraph}\n"
    assert all_points(only_article(text)) == [point]


def test_it_takes_a_headed_sections_opening_sentence_as_a_key_point():
    text = "# 节水工作简报\n\n## 农村节水\n\n推广滴灌技术。全县推广两万亩。\n\n改造灌溉渠道。全年改造渠道三十公里。\n"
    assert all_points(only_article(text)) == ["推广滴灌技术", "改造灌溉渠道"]


def test_it_keeps_every_point_a_substring_of_its_paragraph():
    for text in (REPORT, MARKDOWN_REPORT, NEWSPAPER_PAGE, ENUMERATED_POINTS):
        for article in parse(text).articles:
            for section in article.sections:
                for paragraph in section.paragraphs:
                    assert all(point in paragraph.text for point in paragraph.points)


# ----------------------------------------------------------------- punctuation widths


def test_it_reads_half_width_punctuation_like_full_width():
    text = "节水工作简报\n\n●王五\n\n县水利局召开会议,部署节水工作.\n\n(一)推广节水器具.\n\n推广节水器具;今年发放节水龙头五千个;\n\n(作者单位:某某县水利局)\n"
    article = only_article(text)
    assert article["note"] == "作者单位:某某县水利局"
    # （一） is the outermost numbering of this text: level 1.
    assert [(section["level"], section["heading"]) for section in article["sections"]] == [
        (0, None),
        (1, "推广节水器具"),
    ]


def test_it_treats_a_half_width_comma_as_a_pause_in_a_lead_sentence():
    text = "节水工作简报\n\n县水利局召开会议，部署节水工作。\n\n推广节水器具,提高入户率。今年发放节水龙头五千个。\n"
    assert all_points(only_article(text)) == []


# ----------------------------------------------------------------- normalisation


def test_it_normalizes_boms_line_ends_and_hard_breaks():
    assert normalize_text("\ufeff标题  \r\n第二行\\\r第三行\n") == "标题\n第二行\n第三行\n"


def test_it_parses_windows_line_ends_like_unix_ones():
    assert parsed(REPORT.replace("\n", "\r\n")) == parsed(REPORT)


# ----------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t\n\u3000\n",
        "Annual report\n\nThe county library opened a new branch this year.\nVisitors doubled.\n",
        "今年全县新建图书分馆三个，借阅量持续增长。" * 150,
        "县" * 100_000,
        "一、总体要求\n\n（一）加强管理。全县统一部署。\n",
        "##\n#\n●\n（）\n——\n",
    ],
    ids=[
        "empty",
        "whitespace",
        "english",
        "long-line",
        "one-character-line",
        "no-title",
        "markers-only",
    ],
)
def test_it_finds_no_article_where_there_is_none(text):
    assert parse(text).articles == []


def test_it_finds_no_article_in_a_title_without_body():
    assert parse("节水从点滴做起\n\n●王五\n").articles == []


@pytest.mark.parametrize("seed", range(5))
def test_it_never_raises_on_garbage_decoded_as_text(seed):
    noise = random.Random(seed).randbytes(20_000)
    assert parse(noise.decode("latin-1")).articles == []
    assert isinstance(parse(noise.decode("utf-8", errors="replace")).articles, list)
    assert isinstance(parse(noise.decode("utf-16-le", errors="surrogatepass")).articles, list)


@pytest.mark.parametrize("seed", range(30))
def test_it_never_raises_on_shuffled_layout_fragments(seed):
    rng = random.Random(seed)
    fragments = [
        line
        for text in (REPORT, MARKDOWN_REPORT, NEWSPAPER_PAGE, ENUMERATED_POINTS)
        for line in text.splitlines()
    ] + ["", "  ", "●", "（", "一、", "一是", "——", "## ", "1.", "。", "\\", "《》（）"]
    pieces = []
    for _ in range(rng.randint(1, 80)):
        fragment = rng.choice(fragments)
        if fragment and rng.random() < 0.3:
            cut = rng.randrange(len(fragment))
            fragment = fragment[:cut] if rng.random() < 0.5 else fragment[cut:]
        pieces.append(fragment)
    outline = parse("\n".join(pieces))
    for article in outline.articles:
        assert article.title
        for section in article.sections:
            for paragraph in section.paragraphs:
                assert paragraph.text == paragraph.text.strip() and paragraph.text
                assert all(point in paragraph.text for point in paragraph.points)


def test_it_parses_a_two_megabyte_page():
    copies = 2_000_000 // len(NEWSPAPER_PAGE.encode()) + 1
    outline = parse(NEWSPAPER_PAGE * copies)
    assert len(outline.articles) == 3 * copies


def test_it_rejoins_a_very_long_chain_of_unfinished_lines_in_linear_time():
    text = "节水从点滴做起\n\n●王五\n\n" + "节约用水，\n" * 50_000 + "人人有责。\n"
    [article] = parse(text).articles
    assert article.sections[0].paragraphs[0].text.endswith("节约用水，人人有责。")


def test_it_drops_the_title_repeated_as_a_running_header_and_rejoins_the_paragraph():
    text = "青溪县政府工作报告\n\n全县新建图书分馆三个，\n\n— 2 —\n\n青溪县政府工作报告\n\n借阅量持续增长。\n"
    article = only_article(text)
    assert article["sections"][0]["paragraphs"] == ["全县新建图书分馆三个，借阅量持续增长。"]
