"""Grading a typed answer (quizzes/grading.py): what counts as the same answer, how a near
miss is named, figures compared by value, lists member by member, choices as sets."""

import os
import subprocess
import sys
import time

import pytest

from quizzes import grading
from quizzes.grading import (
    BlankResult,
    Verdict,
    grade_blanks,
    grade_choice,
    grade_enumeration,
    grade_number,
    normalize,
)
from tests.conftest import REPO

# --- normalize -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("原创 性", "原创性"),
        ("\u3000原创性\u3000", "原创性"),  # full-width space
        ("原\t创\n性\r\n", "原创性"),
        ("\u00a0原创性\u2003", "原创性"),  # no-break space, em space
        ("原创\u200b性\ufeff", "原创性"),  # zero-width space and BOM from a copied page
    ],
)
def test_it_normalises_away_whitespace_of_every_width(typed, expected):
    assert normalize(typed) == expected


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("ＡＢＣ１２３", "abc123"),
        ("５Ｇ", "5g"),
        ("ＡＩ治理", "ai治理"),
        ("①", "1"),
        ("ｶﾀｶﾅ", "カタカナ"),  # half-width katakana too, though no text needs it
    ],
)
def test_it_folds_full_width_letters_and_digits(typed, expected):
    assert normalize(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "“新质生产力”",
        "‘新质生产力’",
        '"新质生产力"',
        "'新质生产力'",
        "新质生产力，",
        "新质生产力。",
        "新质生产力、",
        "新质生产力；",
        "新质生产力：",
        "新质生产力？",
        "新质生产力！",
        "（新质生产力）",
        "《新质生产力》",
        "【新质生产力】",
        "新质生产力——",
        "新质生产力……",
        "新质·生产力",
        "新质生产力,",
        "新质生产力.",
        "新质生产力;",
        "新质生产力:",
        "新质生产力?",
        "新质生产力!",
        "(新质生产力)",
        "[新质生产力]",
        "新质-生产力",
        "「新质生产力」",
        "『新质生产力』",
        "新质生产力～",
    ],
)
def test_it_drops_punctuation_of_both_widths(typed):
    assert normalize(typed) == "新质生产力"


@pytest.mark.parametrize(
    "typed, expected",
    [("GDP", "gdp"), ("Ai", "ai"), ("5G网络", "5g网络"), ("ChatGPT", "chatgpt")],
)
def test_it_lower_cases_latin_letters(typed, expected):
    assert normalize(typed) == expected


@pytest.mark.parametrize(
    "traditional, simplified",
    [
        ("顛覆性", "颠覆性"),
        ("創新", "创新"),
        ("發展", "发展"),
        ("經濟", "经济"),
        ("學習強國", "学习强国"),
        ("高質量發展", "高质量发展"),
        ("現代化產業體系", "现代化产业体系"),
        ("「創新」驅動", "创新驱动"),
    ],
)
def test_it_converts_traditional_characters_to_simplified(traditional, simplified):
    assert normalize(traditional) == simplified


def test_it_leaves_simplified_text_as_it_is():
    assert normalize("原创性颠覆性科技创新") == "原创性颠覆性科技创新"


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "，。！", "……", "\x00\x01"])
def test_it_normalises_an_answer_of_only_spaces_and_punctuation_to_nothing(text):
    assert normalize(text) == ""


@pytest.mark.parametrize("text", ["顛覆性 創新，ＡＢＣ", "“原创性”", "15亿千瓦"])
def test_it_gives_the_same_text_when_normalising_twice(text):
    assert normalize(normalize(text)) == normalize(text)


# --- grade_blanks --------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, answer",
    [
        ("原创性", "原创性"),
        (" 原创性 ", "原创性"),
        ("原創性", "原创性"),
        ("“原创性”", "原创性"),
        ("原创性。", "原创性"),
        ("顛覆性", "颠覆性"),
        ("ＡＩ", "AI"),
        ("ai", "AI"),
        ("5g", "5G"),
        ("人工智能+", "人工智能＋"),
    ],
)
def test_it_accepts_a_blank_that_reads_the_same_as_the_answer(typed, answer):
    verdict = grade_blanks([typed], [answer])
    assert verdict == Verdict(True, [BlankResult(typed, answer, True, None)], 1.0)


def test_it_grades_each_blank_against_the_answer_in_the_same_position():
    verdict = grade_blanks(["原创性", "颠覆性"], ["原创性", "颠覆性"])
    assert verdict.correct and verdict.score == 1.0
    swapped = grade_blanks(["颠覆性", "原创性"], ["原创性", "颠覆性"])
    assert not swapped.correct and swapped.score == 0.0
    assert [r.expected for r in swapped.results] == ["原创性", "颠覆性"]


def test_it_gives_the_share_of_blanks_right_as_the_score():
    verdict = grade_blanks(["原创性", "颠覆", "科技"], ["原创性", "颠覆性", "科技"])
    assert not verdict.correct
    assert verdict.score == pytest.approx(2 / 3)
    assert [r.correct for r in verdict.results] == [True, False, True]


@pytest.mark.parametrize(
    "typed, answer",
    [
        ("原创姓", "原创性"),
        ("姓", "性"),
        ("银航", "银行"),  # 行 reads hang too
        ("科技创心", "科技创新"),
        ("攻尖克难", "攻坚克难"),
        ("共同富欲", "共同富裕"),
        ("实是求是", "实事求是"),
        ("创心驱东", "创新驱动"),  # two characters wrong, all sounds right
        ("原創姓", "原创性"),
    ],
)
def test_it_names_a_wrong_character_of_the_same_sound_a_same_sound_miss(typed, answer):
    assert grade_blanks([typed], [answer]).results == [
        BlankResult(typed, answer, False, "same_sound")
    ]


def test_it_prefers_same_sound_to_one_char_off_when_both_apply():
    # 原创姓 is also one character off 原创性; the sound says more about the mistake.
    assert grade_blanks(["原创姓"], ["原创性"]).results[0].near_miss == "same_sound"


@pytest.mark.parametrize(
    "typed, answer",
    [
        ("高质量发电", "高质量发展"),  # one character replaced
        ("数学中国", "数字中国"),
        ("新发展观念", "新发展理念"),
        ("新质产力", "新质生产力"),  # one dropped inside
        ("原创性性", "原创性"),  # one added
        ("人类命运共同体", "人类命运共同"),
        ("六大", "六"),
        ("abd", "abc"),
    ],
)
def test_it_names_an_answer_one_character_off_a_one_char_off_miss(typed, answer):
    assert grade_blanks([typed], [answer]).results == [
        BlankResult(typed, answer, False, "one_char_off")
    ]


@pytest.mark.parametrize(
    "typed, answer",
    [
        ("颠覆", "颠覆性"),  # a start, also one character off: incomplete says more
        ("高质量", "高质量发展"),
        ("社会主义", "中国特色社会主义"),  # exactly half, at the end
        ("生产力", "新质生产力"),
        ("特色社会", "中国特色社会主义"),  # a middle part
    ],
)
def test_it_names_a_part_of_the_answer_at_least_half_as_long_incomplete(typed, answer):
    assert grade_blanks([typed], [answer]).results == [
        BlankResult(typed, answer, False, "incomplete")
    ]


@pytest.mark.parametrize(
    "typed, answer",
    [
        ("新质", "新质生产力"),  # a part, but less than half
        ("中国", "中国特色社会主义"),
        ("七", "六"),  # a one-character answer replaced is simply wrong
        ("绿水青山", "金山银山"),
        ("创新", "原创性"),
        ("原创性颠覆性", "原创性"),  # too long
        ("性原创", "原创性"),
    ],
)
def test_it_names_no_near_miss_for_an_answer_far_off(typed, answer):
    assert grade_blanks([typed], [answer]).results == [BlankResult(typed, answer, False, None)]


def test_it_never_accepts_a_near_miss():
    verdict = grade_blanks(["原创姓", "颠覆", "高质量发电"], ["原创性", "颠覆性", "高质量发展"])
    assert not verdict.correct
    assert verdict.score == 0.0
    assert [r.near_miss for r in verdict.results] == ["same_sound", "incomplete", "one_char_off"]


def test_it_marks_missing_blanks_wrong_with_nothing_given():
    verdict = grade_blanks(["原创性"], ["原创性", "颠覆性"])
    assert verdict.results == [
        BlankResult("原创性", "原创性", True, None),
        BlankResult("", "颠覆性", False, None),
    ]
    assert verdict.score == 0.5 and not verdict.correct


def test_it_marks_every_blank_wrong_when_nothing_is_given():
    verdict = grade_blanks([], ["原创性", "颠覆性"])
    assert [(r.given, r.correct) for r in verdict.results] == [("", False), ("", False)]


def test_it_ignores_blanks_given_beyond_the_answers():
    verdict = grade_blanks(["原创性", "颠覆性", "多余"], ["原创性", "颠覆性"])
    assert verdict.correct
    assert len(verdict.results) == 2


@pytest.mark.parametrize("typed", ["", " ", "\u3000", "。", "“”"])
def test_it_never_accepts_an_empty_answer(typed):
    verdict = grade_blanks([typed], ["原创性"])
    assert verdict.results == [BlankResult(typed, "原创性", False, None)]


@pytest.mark.parametrize("answer", ["", "……", " "])
def test_it_never_matches_an_answer_key_that_normalises_to_nothing(answer):
    assert not grade_blanks([""], [answer]).correct
    assert not grade_blanks(["……"], [answer]).correct


def test_it_never_calls_an_item_without_blanks_right():
    assert grade_blanks([], []) == Verdict(False, [], 0.0)


# --- grade_number --------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["15", "15.0", "15.00", "十五", "一十五", "拾伍", "壹拾伍", "１５", " 15 ", "15。"],
)
def test_it_accepts_a_figure_of_the_same_value(typed):
    assert grade_number(typed, "15") == Verdict(True, [BlankResult(typed, "15", True, None)], 1.0)


@pytest.mark.parametrize(
    "typed, answer",
    [
        ("十五亿", "15亿"),
        ("1500000000", "15亿"),
        ("1,500,000,000", "15亿"),
        ("一十五亿", "15亿"),
        ("15億", "15亿"),
        ("1.5万", "15000"),
        ("一万五千", "15000"),
        ("一万五", "15000"),  # the colloquial 一万五 is 15000
        ("两百五", "250"),
        ("二百五十", "250"),
        ("两千", "2000"),
        ("兩千", "2000"),
        ("一百零五", "105"),
        ("一千零一", "1001"),
        ("一万零五", "10005"),
        ("一亿二千万", "120000000"),
        ("十五万亿", "15万亿"),
        ("15万亿", "15000000000000"),
        ("二〇二四", "2024"),
        ("二零二四", "2024"),
        ("〇", "0"),
        ("零", "0"),
        ("1,000", "1000"),
        ("１，０００", "1000"),
        ("12,345,678", "12345678"),
        ("0.5", "零点五"),
        ("零点五", "0.5"),
        ("三点一四", "3.14"),
        ("三点五万", "35000"),
        ("3千", "3000"),
        ("负三", "-3"),
        ("−3", "-3"),
        ("50%", "0.5"),
        ("百分之五十", "0.5"),
    ],
)
def test_it_reads_chinese_numerals_and_digits_alike(typed, answer):
    assert grade_number(typed, answer).correct


@pytest.mark.parametrize(
    "typed, unit",
    [
        ("15", "亿千瓦"),
        ("15亿千瓦", "亿千瓦"),  # the unit typed too
        ("十五亿千瓦", "亿千瓦"),
        ("15亿", "亿千瓦"),  # the start of the unit typed
        ("15%", "%"),
        ("15％", "%"),
        ("百分之十五", "%"),
        ("15个百分点", "个百分点"),
        ("15个", "个百分点"),
        ("15 亿千瓦", "亿千瓦"),
    ],
)
def test_it_accepts_a_figure_typed_with_the_visible_unit(typed, unit):
    assert grade_number(typed, "15", unit=unit).correct


@pytest.mark.parametrize("typed", ["1500000000", "1.5", "150"])
def test_it_reads_the_figure_in_the_unit_shown_after_the_blank(typed):
    # 突破____亿千瓦: the learner types 15, not 1500000000.
    assert not grade_number(typed, "15", unit="亿千瓦").correct


@pytest.mark.parametrize("typed", ["2300", "2300多名", "2300名", "两千三百"])
def test_it_accepts_a_figure_without_the_approximation_kept_with_the_unit(typed):
    assert grade_number(typed, "2300", unit="多名").correct


@pytest.mark.parametrize("typed", ["六", "6", "六大", "6大", "六大工程"])
def test_it_accepts_a_count_word_by_its_number(typed):
    assert grade_number(typed, "六大", unit="工程").correct


@pytest.mark.parametrize(
    "typed, answer",
    [
        ("16", "15"),  # one character off, but a wrong figure is wrong
        ("51", "15"),
        ("1.5", "15"),
        ("150", "15"),
        ("十六", "15"),
        ("五十", "15"),
        ("一二万", "12000"),  # a range, not a figure
        ("七大", "六大"),
        ("15亿", "15"),
        ("几十", "15"),
        ("", "15"),
        ("abc", "15"),
        ("1,5", "15"),
        ("十五点", "15"),
        ("15%", "15"),
        ("-15", "15"),
    ],
)
def test_it_marks_a_wrong_figure_wrong_with_no_near_miss(typed, answer):
    verdict = grade_number(typed, answer)
    assert verdict == Verdict(False, [BlankResult(typed, answer, False, None)], 0.0)


def test_it_compares_text_when_the_answer_is_not_a_figure():
    assert grade_number("若干", "若干").correct
    assert grade_number("若干项", "若干", unit="项").correct
    assert not grade_number("许多", "若干").correct
    assert not grade_number("", "").correct


@pytest.mark.parametrize("typed", ["9" * 41, "9" * 5000, "亿" * 1000, "一" * 100 + "万"])
def test_it_does_not_read_an_overlong_figure(typed):
    assert not grade_number(typed, "15").correct


# --- grade_enumeration ---------------------------------------------------------------

MEMBERS = ["传统产业升级", "新兴产业壮大", "未来产业培育"]


def test_it_accepts_the_members_of_an_unordered_list_in_any_order():
    verdict = grade_enumeration(
        ["未来产业培育", "传统产业升级", "新兴产业壮大"], MEMBERS, ordered=False
    )
    assert verdict.correct and verdict.score == 1.0
    assert verdict.results == [BlankResult(member, member, True, None) for member in MEMBERS]


def test_it_lists_the_members_in_order_with_what_matched_them():
    verdict = grade_enumeration(["未來產業培育", "传统产业"], MEMBERS, ordered=False)
    assert verdict.results == [
        BlankResult("传统产业", "传统产业升级", False, "incomplete"),
        BlankResult("", "新兴产业壮大", False, None),
        BlankResult("未來產業培育", "未来产业培育", True, None),
    ]
    assert verdict.score == pytest.approx(1 / 3)
    assert not verdict.correct


def test_it_counts_an_entry_typed_twice_once():
    verdict = grade_enumeration(
        ["传统产业升级", "传统产业升级", "“传统产业升级”"], MEMBERS, ordered=False
    )
    assert verdict.score == pytest.approx(1 / 3)
    assert [r.correct for r in verdict.results] == [True, False, False]


def test_it_reads_a_whole_unordered_list_typed_in_one_box():
    for box in [
        "传统产业升级、新兴产业壮大、未来产业培育",
        "传统产业升级，新兴产业壮大；未来产业培育",
        "传统产业升级\n新兴产业壮大\n未来产业培育",
    ]:
        assert grade_enumeration([box], MEMBERS, ordered=False).correct, box


def test_it_matches_each_entry_to_its_closest_member():
    members = ["原创性", "颠覆性"]
    verdict = grade_enumeration(["颠覆姓", "原创"], members, ordered=False)
    assert verdict.results == [
        BlankResult("原创", "原创性", False, "incomplete"),
        BlankResult("颠覆姓", "颠覆性", False, "same_sound"),
    ]


def test_it_lets_an_exact_match_win_over_a_near_miss_for_the_same_member():
    verdict = grade_enumeration(["原创姓", "原创性"], ["原创性", "颠覆性"], ordered=False)
    assert verdict.results[0] == BlankResult("原创性", "原创性", True, None)
    assert verdict.results[1] == BlankResult("", "颠覆性", False, None)


def test_it_lists_entries_that_match_no_member_after_the_members_and_calls_the_list_wrong():
    verdict = grade_enumeration([*MEMBERS, "绿色发展"], MEMBERS, ordered=False)
    assert verdict.score == 1.0
    assert not verdict.correct
    assert verdict.results[-1] == BlankResult("绿色发展", "", False, None)
    assert [r.expected for r in verdict.results[:3]] == MEMBERS


def test_it_grades_an_ordered_list_position_by_position():
    verdict = grade_enumeration(MEMBERS, MEMBERS, ordered=True)
    assert verdict.correct and verdict.score == 1.0
    swapped = grade_enumeration([MEMBERS[1], MEMBERS[0], MEMBERS[2]], MEMBERS, ordered=True)
    assert not swapped.correct
    assert [r.correct for r in swapped.results] == [False, False, True]
    assert swapped.score == pytest.approx(1 / 3)


def test_it_keeps_an_empty_position_of_an_ordered_list_in_its_place():
    verdict = grade_enumeration([MEMBERS[0], "", MEMBERS[2]], MEMBERS, ordered=True)
    assert [r.correct for r in verdict.results] == [True, False, True]


def test_it_marks_missing_members_of_an_ordered_list_wrong():
    verdict = grade_enumeration([MEMBERS[0]], MEMBERS, ordered=True)
    assert verdict.results[1:] == [
        BlankResult("", MEMBERS[1], False, None),
        BlankResult("", MEMBERS[2], False, None),
    ]


def test_it_names_near_misses_in_an_ordered_list():
    verdict = grade_enumeration(["传统产业", "新兴产业状大", "未来产业培养"], MEMBERS, ordered=True)
    assert [r.near_miss for r in verdict.results] == ["incomplete", "same_sound", "one_char_off"]


def test_it_calls_an_ordered_list_with_extra_entries_wrong():
    verdict = grade_enumeration([*MEMBERS, "绿色发展"], MEMBERS, ordered=True)
    assert not verdict.correct and verdict.score == 1.0
    assert verdict.results[-1] == BlankResult("绿色发展", "", False, None)


def test_it_never_calls_an_empty_list_right():
    assert grade_enumeration([], [], ordered=False) == Verdict(False, [], 0.0)
    assert grade_enumeration(["x"], [], ordered=True).correct is False


# --- grade_choice --------------------------------------------------------------------


def test_it_accepts_the_one_correct_option_of_a_choice():
    assert grade_choice(["原创性"], ["原创性"]) == Verdict(
        True, [BlankResult("原创性", "原创性", True, None)], 1.0
    )


def test_it_rejects_a_wrong_option_of_a_choice():
    verdict = grade_choice(["颠覆性"], ["原创性"])
    assert verdict == Verdict(
        False, [BlankResult("", "原创性", False, None), BlankResult("颠覆性", "", False, None)], 0.0
    )


def test_it_rejects_a_choice_with_two_options_picked():
    verdict = grade_choice(["原创性", "颠覆性"], ["原创性"])
    assert not verdict.correct and verdict.score == 0.0


@pytest.mark.parametrize(
    "chosen, correct, right, score",
    [
        (["A", "B", "C"], ["A", "B", "C"], True, 1.0),
        (["C", "A", "B"], ["A", "B", "C"], True, 1.0),
        (["A", "B"], ["A", "B", "C"], False, 2 / 3),
        (["A"], ["A", "B", "C"], False, 1 / 3),
        (["A", "B", "D"], ["A", "B", "C"], False, 1 / 3),  # 2 right - 1 wrong
        (["A", "D"], ["A", "B", "C"], False, 0.0),
        (["A", "D", "E"], ["A", "B", "C"], False, 0.0),  # clipped at 0
        (["A", "B", "C", "D"], ["A", "B", "C"], False, 2 / 3),
        (["D", "E"], ["A", "B"], False, 0.0),
        ([], ["A", "B"], False, 0.0),
        (["A", "A", "B"], ["A", "B"], True, 1.0),  # a double post counts once
        (["ａ", " B "], ["A", "B"], True, 1.0),
    ],
)
def test_it_gives_partial_credit_for_a_multiple_choice(chosen, correct, right, score):
    verdict = grade_choice(chosen, correct)
    assert verdict.correct is right
    assert verdict.score == pytest.approx(score)


def test_it_lists_the_correct_options_then_the_wrong_picks():
    verdict = grade_choice(["D", "A"], ["A", "B"])
    assert verdict.results == [
        BlankResult("A", "A", True, None),
        BlankResult("", "B", False, None),
        BlankResult("D", "", False, None),
    ]


def test_it_takes_any_iterable_of_options():
    assert grade_choice(iter(["A", "B"]), ("B", "A")).correct
    assert grade_choice({"A"}, {"A"}).correct


def test_it_never_calls_a_choice_without_correct_options_right():
    assert grade_choice([], []) == Verdict(False, [], 0.0)
    assert not grade_choice([""], [""]).correct


# --- any input -----------------------------------------------------------------------

STRANGE = [
    "",
    "😀",
    "原创性😀",
    "👨‍👩‍👧‍👦",
    "\x00\x01\x7f",
    "\ud800",  # a lone surrogate, as surrogateescape can give
    "\u202e原创性",  # right-to-left override
    "e\u0301",
    "İ",
    "\U000f0000",  # private use
    "\u0378",  # unassigned
    "点" * 5,
    "十" * 50,
    "%" * 10,
    "-",
    "一点二点三",
    "１，０００，０",
    "0" * 39,
    "原创性" * 3000,
    "創新發展" * 5_000,
]


@pytest.mark.parametrize("text", STRANGE)
def test_it_never_raises_for_any_text(text):
    assert isinstance(normalize(text), str)
    for verdict in [
        grade_blanks([text, text], ["原创性", text]),
        grade_number(text, "15", unit=text[:10]),
        grade_number("15", text, unit="%"),
        grade_enumeration([text, text], ["原创性", "颠覆性"], ordered=False),
        grade_enumeration([text], [text], ordered=True),
        grade_choice([text], ["原创性", text]),
    ]:
        assert isinstance(verdict, Verdict)
        assert 0.0 <= verdict.score <= 1.0


def test_it_accepts_a_strange_answer_typed_exactly():
    for text in ["原创性😀", "e\u0301"]:
        assert grade_blanks([text], [text]).correct


def test_it_grades_a_pasted_megabyte_without_converting_it():
    # Converting a million traditional characters takes seconds; a text that long cannot
    # be the answer or a near miss of it, so grading does not convert it.
    pasted = "創新發展" * 250_000
    started = time.perf_counter()
    assert not grade_blanks([pasted], ["创新发展"]).correct
    assert not grade_enumeration([pasted, pasted], ["创新", "发展"], ordered=False).correct
    assert not grade_enumeration([pasted], ["创新"], ordered=True).correct
    assert not grade_choice([pasted], ["创新"]).correct
    assert not grade_number(pasted, "15").correct
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("value", [None, 15, 1.5, b"abc", ["abc"], object()])
def test_it_raises_type_error_for_a_text_that_is_not_a_string(value):
    with pytest.raises(TypeError):
        normalize(value)
    with pytest.raises(TypeError):
        grade_number(value, "15")
    with pytest.raises(TypeError):
        grade_number("15", value)
    with pytest.raises(TypeError):
        grade_number("15", "15", unit=value)


@pytest.mark.parametrize("values", [None, 15, "原创性", b"abc", [None], ["原创性", 15], [b"abc"]])
def test_it_raises_type_error_for_a_list_that_is_not_of_strings(values):
    with pytest.raises(TypeError):
        grade_blanks(values, ["原创性"])
    with pytest.raises(TypeError):
        grade_blanks(["原创性"], values)
    with pytest.raises(TypeError):
        grade_enumeration(values, ["原创性"], ordered=False)
    with pytest.raises(TypeError):
        grade_enumeration(["原创性"], values, ordered=True)
    with pytest.raises(TypeError):
        grade_choice(values, ["原创性"])
    with pytest.raises(TypeError):
        grade_choice(["原创性"], values)


def test_it_loads_opencc_and_pypinyin_only_when_grading():
    script = (
        "import sys\n"
        "import quizzes.grading as grading\n"
        "print('on import:', 'opencc' in sys.modules, 'pypinyin' in sys.modules)\n"
        "grading.grade_blanks(['原创姓'], ['原创性'])\n"
        "print('after grading:', 'opencc' in sys.modules, 'pypinyin' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "on import: False False" in result.stdout
    assert "after grading: True True" in result.stdout


def test_warm_up_loads_both_dictionaries_before_the_first_answer():
    grading._converter.cache_clear()
    grading._readings.cache_clear()
    grading.warm_up()
    assert grading._converter.cache_info().currsize == 1
    assert grading._readings.cache_info().currsize == 1
    assert grading.grade_blanks(["學習"], ["学习"]).correct
