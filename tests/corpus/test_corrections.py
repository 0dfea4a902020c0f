"""Corrections of an outline, on the parser's outline: each names its line by its text."""

import pytest

from corpus import corrections
from corpus.parsing import Article, Outline, Paragraph, Section


def report() -> Outline:
    """A small report as the importer might have read it, one line (乡村文艺队伍建设) missed."""
    return Outline(
        articles=[
            Article(
                title="县文化工作报告",
                sections=[
                    Section(0, None, [Paragraph("各位代表：")]),
                    Section(
                        1,
                        "过去一年的工作",
                        [
                            Paragraph("全县新建农家书屋二十个。群众阅读条件明显改善。"),
                        ],
                    ),
                    Section(
                        2,
                        "加强基层文化阵地建设",
                        [
                            Paragraph(
                                "推进文化站标准化建设。全年改造文化站十二个。",
                                ["推进文化站标准化建设"],
                            ),
                        ],
                    ),
                    Section(
                        1,
                        "今年的主要任务",
                        [
                            Paragraph(
                                "坚持以人民为中心。把群众满意作为工作标准。", ["坚持以人民为中心"]
                            ),
                            Paragraph("乡村文艺队伍建设"),
                            Paragraph("扶持乡村文艺队伍。每个乡镇至少一支。"),
                        ],
                    ),
                ],
            )
        ]
    )


def headings(outline) -> list[tuple[int, str]]:
    return [
        (section.level, section.heading)
        for article in outline.articles
        for section in article.sections
        if section.heading
    ]


def test_it_makes_a_body_line_a_heading_of_the_chosen_level_and_moves_what_follows_under_it():
    outline = report()
    assert (2, "乡村文艺队伍建设") not in headings(outline)
    corrected = corrections.apply_one(
        outline, {"op": "heading", "text": "乡村文艺队伍建设", "level": 2}
    )
    assert headings(corrected)[-1] == (2, "乡村文艺队伍建设")
    last = corrected.articles[0].sections[-1]
    assert [p.text for p in last.paragraphs] == ["扶持乡村文艺队伍。每个乡镇至少一支。"]
    assert headings(report()) == headings(outline)  # the original is left as it was


def test_it_changes_a_headings_level_and_turns_a_heading_back_into_body_text():
    outline = corrections.apply_one(
        report(), {"op": "heading", "text": "加强基层文化阵地建设", "level": 3}
    )
    assert (3, "加强基层文化阵地建设") in headings(outline)
    outline = corrections.apply_one(outline, {"op": "body", "text": "加强基层文化阵地建设"})
    assert "加强基层文化阵地建设" not in [text for _, text in headings(outline)]
    first = outline.articles[0].sections[1]
    assert [p.text for p in first.paragraphs][-2:] == [
        "加强基层文化阵地建设",
        "推进文化站标准化建设。全年改造文化站十二个。",
    ]


def test_it_adds_and_removes_a_key_point_in_the_order_of_the_text():
    outline = corrections.apply_one(report(), {"op": "point", "text": "群众阅读条件明显改善"})
    paragraph = outline.articles[0].sections[1].paragraphs[0]
    assert paragraph.points[-1] == "群众阅读条件明显改善"
    outline = corrections.apply_one(outline, {"op": "unpoint", "text": "群众阅读条件明显改善"})
    assert "群众阅读条件明显改善" not in outline.articles[0].sections[1].paragraphs[0].points


def test_it_splits_an_article_at_a_heading_and_merges_it_back():
    split = corrections.apply_one(report(), {"op": "split", "text": "今年的主要任务"})
    assert [a.title for a in split.articles] == ["县文化工作报告", "今年的主要任务"]
    second = split.articles[1]
    assert second.sections[0].heading is None
    assert second.sections[0].paragraphs[0].text.startswith("坚持以人民为中心")
    merged = corrections.apply_one(split, {"op": "merge", "text": "今年的主要任务"})
    assert [a.title for a in merged.articles] == ["县文化工作报告"]
    assert (1, "今年的主要任务") in headings(merged)


@pytest.mark.parametrize(
    "correction",
    [
        {"op": "heading", "text": "没有这一行", "level": 2},
        {"op": "heading", "text": "乡村文艺队伍建设", "level": 9},
        {"op": "heading", "text": "乡村文艺队伍建设"},
        {"op": "body", "text": "不是标题"},
        {"op": "point", "text": "原文里没有的话"},
        {"op": "unpoint", "text": "不是要点"},
        {"op": "split", "text": "乡村文艺队伍建设"},  # a new article starts at a heading only
        {"op": "merge", "text": "县文化工作报告"},  # the first article: nothing to join
        {"op": "explode", "text": "乡村文艺队伍建设"},
        {"op": "body", "text": ""},
    ],
)
def test_it_refuses_a_correction_that_does_not_fit(correction):
    with pytest.raises(corrections.CorrectionError):
        corrections.apply_one(report(), correction)


def test_a_list_replayed_on_a_fresh_parse_skips_what_no_longer_fits():
    log = [
        {"op": "heading", "text": "乡村文艺队伍建设", "level": 2},
        {"op": "body", "text": "一行早已不在的标题"},
        {"op": "point", "text": "群众阅读条件明显改善"},
    ]
    outline = corrections.apply_all(report(), log)
    assert (2, "乡村文艺队伍建设") in headings(outline)
    assert "群众阅读条件明显改善" in outline.articles[0].sections[1].paragraphs[0].points
