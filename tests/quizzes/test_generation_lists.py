"""Where the members of a 、 list begin and end (quizzes/generation/lists.py), on short
sentences written for these tests: each member a whole phrase of the same shape as the
others, or no list at all."""

import pytest

from quizzes.generation.lists import find_enumerations
from quizzes.generation.segmentation import document_segmenter


def enumerations(sentence):
    with document_segmenter([]) as segmenter:
        return find_enumerations(segmenter.segment(sentence))


def members(sentence):
    return [[member.text for member in found.members] for found in enumerations(sentence)]


def test_it_leaves_the_verb_that_governs_a_list_of_nouns_out_of_its_first_member():
    # 就业 is one verb word, a member like 交通: it does not make the members verb phrases.
    assert members("乡镇要着力改善交通、就业、农田水利、公共卫生等基础条件。") == [
        ["交通", "就业", "农田水利", "公共卫生"]
    ]


def test_it_keeps_the_verb_of_members_that_are_verb_phrases():
    assert members("县里坚持改善交通条件、提升医疗水平、扩大就业岗位。") == [
        ["改善交通条件", "提升医疗水平", "扩大就业岗位"]
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # jieba tags none of 学先进, 做好事 as a verb phrase, but they are three-character beats.
        ("引导学生听党话、学先进、做好事。", ["听党话", "学先进", "做好事"]),
        ("做到讲政治、顾大局、守纪律。", ["讲政治", "顾大局", "守纪律"]),
    ],
)
def test_it_gives_a_slogans_first_beat_its_verb(sentence, expected):
    assert members(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        # 国家有关 needs its 规定, and 国家有关规定 is no member beside 合同, 协议.
        "合同、协议以及国家有关规定，都应当遵守。",
        # 及时 needs 向全校公开: the last member is a predicate cut before its verb.
        "校园公告栏要把评比名单、获奖名单、奖励结果及时向全校公开。",
    ],
)
def test_it_finds_no_list_whose_last_member_ends_on_a_word_that_needs_more(sentence):
    assert members(sentence) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("承办农交会、渔博会和首届茶博会。", ["农交会", "渔博会", "首届茶博会"]),
        ("把好事实关、程序关、证据采信关，确保案件质量。", ["事实关", "程序关", "证据采信关"]),
    ],
)
def test_it_runs_the_last_member_to_the_end_the_other_members_have(sentence, expected):
    assert members(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("大力推进科技创新特别是原创性、颠覆性科技创新", ["原创性", "颠覆性"]),
        # 建设 belongs to all three: the last member ends on 道 like the others.
        ("加强城市绿道、乡村步道和滨河栈道建设。", ["城市绿道", "乡村步道", "滨河栈道"]),
        ("办好县级医院、乡镇卫生院、社区医院建设。", ["县级医院", "乡镇卫生院", "社区医院"]),
    ],
)
def test_it_keeps_the_head_the_members_share_out_of_the_last_one(sentence, expected):
    assert members(sentence) == [expected]


def test_it_finds_no_list_whose_shared_head_is_inside_the_last_word():
    # 三中全会 is one word: neither 三中 nor 三中全会 is a member like 一中, 二中.
    assert members("认真学习县委一中、二中、三中全会的部署。") == []


def test_it_marks_a_last_member_that_an_adverb_cuts_short():
    (found,) = enumerations("坚决纠正会议空转、文件空转、调研走过场、出工不出力等现象。")
    assert found.cut  # 出工 of 出工不出力: neither asked nor offered as a distractor


def test_it_does_not_take_a_subject_list_before_its_adverb_for_a_cut_one():
    (found,) = enumerations("教育、医疗、养老不断进步。")
    assert [member.text for member in found.members] == ["教育", "医疗", "养老"]
    assert not found.cut


def test_it_takes_the_verb_into_the_first_of_a_list_of_verb_phrases_past_their_length():
    # 世贸组织规则 is already as long as 保护农民利益; still, the members are verb phrases.
    assert members("按照适应世贸组织规则、保护农民利益、支持农业发展的原则制定政策。") == [
        ["适应世贸组织规则", "保护农民利益", "支持农业发展"]
    ]


def test_it_runs_the_last_member_to_the_etc_that_closes_the_list():
    # What the members are (食品) comes after 等: 蛋白 is part of the last one, not their head.
    assert members("增加专用米、专用粉、专用油、功能性淀粉糖、功能性蛋白等食品供给。") == [
        ["专用米", "专用粉", "专用油", "功能性淀粉糖", "功能性蛋白"]
    ]
