"""Key points and lists (docs/gold-outlines.md), on short texts written for these tests
about an invented county, 青溪县."""

import pytest

from corpus.parsing import outline_to_dict, parse

# An opening paragraph that states no key point (its first sentence has a pause).
OPENING = "\u3000\u3000青溪县召开全县工作会议，部署今年的重点工作。\n"


def only_article(text):
    articles = outline_to_dict(parse(text))["articles"]
    assert len(articles) == 1
    return articles[0]


def points(text):
    return [p for section in only_article(text)["sections"] for p in section["points"]]


def lists(text):
    return [items for section in only_article(text)["sections"] for items in section["lists"]]


def test_it_takes_a_dash_point_up_to_its_first_full_stop_whatever_its_length():
    text = (
        "青溪县“十五五”发展目标\n"
        f"{OPENING}"
        "\u3000\u3000——经济实力明显增强，地区生产总值年均增长百分之六左右，产业结构持续优化升级；\n"
        "\u3000\u3000——东城。建设行政文化中心。\n"
        "\u3000\u3000——生态环境更加优美，“青溪蓝”成为常态。\n"
    )
    assert points(text) == [
        "经济实力明显增强，地区生产总值年均增长百分之六左右，产业结构持续优化升级",
        "东城",
        "生态环境更加优美，“青溪蓝”成为常态",
    ]


@pytest.mark.parametrize(
    ("paragraph", "why"),
    [
        ("做好今年工作，要坚持稳中求进。全县上下要团结一心。", "a pause"),
        ("主要目标是：经济增长百分之六。全县上下要团结一心。", "a colon"),
        ("深化“放管服”改革。全面推行一网通办。", "a quotation around a term"),
        ("学习《青溪县志》。各单位组织读书会。", "a book title"),
        ("本条例自2025年1月1日起施行。各乡镇遵照执行。", "a self-reference"),
        ("全会由县委常委会主持。出席全会的有县委委员三十人。", "the meeting narrating"),
        ("三年来的工作殊为不易。全县干部群众团结奋斗。", "a time phrase"),
        ("2024年全县经济增长百分之六。全县干部群众团结奋斗。", "a figure"),
        ("同志们！让我们团结一心。", "an exclamation"),
        ("茶园是我的第二个家。我每天都去茶园。", "the writer in the first person"),
        ("采茶的季节到了。茶农们忙碌起来。", "a sentence telling what happened"),
        ("转机出现在2023年。县里引进了茶叶加工企业。", "a year inside"),
        ("第三届茶文化节将于下月开幕。各乡镇积极筹备。", "the edition of an event"),
        ("首批茶园认证已是第二期的一部分。认证工作有序推进。", "the batch of a programme"),
        ("还有一件事让茶农难忘。县里请来了制茶师傅。", "someone or something brought in"),
        ("更令人动容的是茶农的选择。她决定留在茶乡。", "going on from the paragraph before"),
        ("店主对阅读有着同样的执着。书店每天开到深夜。", "a comparison with what came before"),
    ],
)
def test_it_does_not_take_these_lead_sentences_as_key_points(paragraph, why):
    text = f"青溪县工作会议纪要\n{OPENING}\u3000\u3000{paragraph}\n"
    assert points(text) == [], why


def test_it_takes_a_lead_whose_figure_dates_nothing():
    text = (
        f"青溪县工作会议纪要\n{OPENING}"
        "\u3000\u3000精心组织庆祝建县70周年系列活动。各部门分工协作。\n"
        "\u3000\u3000推进第二个茶产业园区建设。年内完成规划。\n"
    )
    assert points(text) == ["精心组织庆祝建县70周年系列活动", "推进第二个茶产业园区建设"]


def test_it_takes_no_point_from_a_dash_line_without_a_closing_mark():
    text = (
        "青溪县工作会议纪要\n"
        f"{OPENING}"
        "\u3000\u3000“绿水青山就是金山银山。”\n"
        "\u3000\u3000——县委书记王明在全县生态建设大会上强调\n"
        "\u3000\u3000青溪县的生态建设由此起步，十年间森林覆盖率提高了十个百分点。\n"
    )
    assert points(text) == []


def test_it_takes_the_enumeration_comma_as_no_pause():
    text = f"青溪县工作会议纪要\n{OPENING}\u3000\u3000持续深入推进蓝天、碧水、净土保卫战。全县空气质量优良。\n"
    assert points(text) == ["持续深入推进蓝天、碧水、净土保卫战"]


def test_it_reads_the_articles_opening_paragraph_like_any_other():
    text = "青溪县工作会议纪要\n\u3000\u3000茶产业是青溪县的富民产业。全县茶园面积达到十万亩。\n\u3000\u3000加强茶园管护。全县新建生态茶园两千亩。\n"
    assert points(text) == ["茶产业是青溪县的富民产业", "加强茶园管护"]


def test_it_takes_the_first_member_of_a_paragraph_opening_with_its_number():
    text = (
        "青溪县法院工作报告（摘要）\n"
        f"{OPENING}"
        "\u3000\u3000一是着力服务乡村振兴。依法审理涉农案件。\n"
        "\u3000\u3000二是着力维护社会稳定。严惩各类犯罪。\n"
    )
    assert points(text) == ["着力服务乡村振兴", "着力维护社会稳定"]


def test_it_takes_the_members_inside_a_paragraph_as_its_list():
    text = (
        "青溪县法院工作报告（摘要）\n"
        f"{OPENING}"
        "\u3000\u3000工作中还存在一些问题：一是办案力量不足。二是基层法庭设施陈旧，亟待改善。三是信息化水平不高。\n"
    )
    assert lists(text) == [["办案力量不足", "基层法庭设施陈旧，亟待改善", "信息化水平不高"]]
    assert points(text) == []


@pytest.mark.parametrize(
    ("paragraph", "items"),
    [
        ("抓好三件事：第一，修好路；第二，建好校；第三，管好水。", ["修好路", "建好校", "管好水"]),
        (
            "分三步推进：（1）摸清底数；（2）制定方案；（3）组织实施。",
            ["摸清底数", "制定方案", "组织实施"],
        ),
        ("重点做好：①稳就业；②保民生。", ["稳就业", "保民生"]),
    ],
)
def test_it_reads_lists_in_each_numbering(paragraph, items):
    text = f"青溪县工作会议纪要\n{OPENING}\u3000\u3000{paragraph}\n"
    assert lists(text) == [items]


def test_it_reads_no_list_from_a_single_member_or_numbers_that_do_not_count_up():
    text = (
        f"青溪县工作会议纪要\n{OPENING}\u3000\u3000全县统一是做好工作的前提，二是指第二批项目。\n"
    )
    assert lists(text) == []


def test_it_takes_no_key_point_from_the_rest_of_a_run_in_heading():
    text = "青溪县政府工作报告\n一、今年的主要任务\n（一）扩大有效投资。加快项目建设。全年安排重点项目六十个。\n推进园区升级。新建标准厂房十万平方米。\n"
    article = only_article(text)
    assert [p for s in article["sections"] for p in s["points"]] == ["推进园区升级"]


def test_it_reads_a_regulation_articles_lead_after_its_number_and_not_its_items():
    text = (
        "青溪县生态茶园保护条例\n"
        "第一章\u00a0总\u00a0则\n"
        "第一条\u00a0为了保护生态茶园，制定本条例。\n"
        "第二条\u00a0县人民政府负责生态茶园保护工作。乡镇人民政府做好本辖区茶园保护。\n"
        "第三条\u00a0禁止下列行为：\n"
        "（一）擅自砍伐茶树；\n"
        "（二）向茶园倾倒垃圾。\n"
    )
    assert points(text) == ["县人民政府负责生态茶园保护工作"]


# A story: a newspaper's article under its byline and the paper's date line.
STORY_HEAD = "茶乡新事\n\n本报记者  周山\n\n《青溪日报》（2025年10月20日 第 05 版）\n\n"


def story_points(paragraphs):
    return points(STORY_HEAD + "\n\n".join(paragraphs) + "\n")


@pytest.mark.parametrize(
    ("paragraph", "why"),
    [
        ("浙江安吉。今年春天，一场茶艺大赛在这里举行。", "a province by name"),
        ("茶农的家乡变了模样。村口修通了公路。", "someone's home"),
        ("茶园给了小周回乡的底气。他决定回乡创业。", "a familiar name"),
    ],
)
def test_it_takes_no_key_point_from_a_story_lead_about_people_and_places(paragraph, why):
    assert story_points([paragraph]) == [], why


def test_it_keeps_the_theses_and_tasks_of_a_story():
    assert story_points(
        [
            "茶产业是富民产业。全县茶农人均收入逐年增长。",
            "小程序让青溪茶叶卖得更远。网店订单逐月增加。",
            "小麦套种茶园效益明显。茶农增收有了新路。",
            "弘扬小周的奉献精神。全县开展学习活动。",
            "建设美丽浙江。茶乡从种好一片茶园做起。",
        ]
    ) == [
        "茶产业是富民产业",
        "小程序让青溪茶叶卖得更远",
        "小麦套种茶园效益明显",
        "弘扬小周的奉献精神",
        "建设美丽浙江",
    ]


def test_it_keeps_a_lead_about_a_province_in_a_report():
    text = f"青溪县工作会议纪要\n{OPENING}\u3000\u3000浙江茶产业加快发展。全县新建茶园两千亩。\n"
    assert points(text) == ["浙江茶产业加快发展"]
    assert story_points(["浙江茶产业加快发展。全县新建茶园两千亩。"]) == []


def test_it_keeps_a_dash_point_of_a_story_that_names_someone():
    assert story_points(["——小周领办合作社。带动茶农增收。"]) == ["小周领办合作社"]
