"""Outline recitation (背提纲): groups by level, nothing hidden in the page, ratings as reviews."""

import pytest
from django.db.models import Q
from django.urls import reverse

from corpus.models import KeyPoint
from quizzes.models import ReviewLog, StudyCard, StudyItem
from quizzes.recitation import (
    POINTS,
    SUBHEADINGS,
    TITLE_ONLY,
    groups_at,
    levels_for,
    outline_entries,
)
from quizzes.study import new_token
from tests.corpus.samples import make_document


def recite(client, article, headers=None, **params):
    return client.get(reverse("quizzes:recite", args=[article.pk]), params, headers=headers)


def rate(client, article, level, group, rating, **headers):
    data = {"level": level, "group": group, "rating": rating, "token": new_token()}
    return client.post(reverse("quizzes:recite_rate", args=[article.pk]), data, headers=headers)


@pytest.mark.django_db
def test_it_groups_the_outline_level_by_level(article):
    outline = outline_entries(article)
    levels = levels_for(outline)
    assert levels[0] == POINTS and levels[-1] == TITLE_ONLY
    by_points = groups_at(article, outline, POINTS)
    pointed = [(section, points) for section, points in outline if points]
    assert [group.lines[0].text for group in by_points] == [points[0] for _, points in pointed]
    (whole,) = groups_at(article, outline, TITLE_ONLY)
    headings = [section.heading for section, _ in outline if section.heading]
    assert [line.text for line in whole.lines if line.is_heading] == headings
    assert (
        sum(not line.is_heading for line in whole.lines)
        == KeyPoint.objects.filter(paragraph__section__article=article).count()
    )


@pytest.mark.django_db
def test_it_hides_subheadings_under_their_heading_at_level_two():
    document = make_document(text=SUBHEADED)
    article = document.articles.get()
    outline = outline_entries(article)
    assert SUBHEADINGS in levels_for(outline)
    groups = groups_at(article, outline, SUBHEADINGS)
    first = next(group for group in groups if "夯实粮食安全根基" in group.cue)
    assert [line.text for line in first.lines if line.is_heading] == [
        "守住耕地红线",
        "建设高标准农田",
    ]
    assert len(first.sections) == 3


@pytest.mark.django_db
def test_it_keeps_hidden_lines_out_of_the_page_until_revealed(learner, article):
    outline = outline_entries(article)
    group = groups_at(article, outline, POINTS)[0]
    page = recite(learner, article, level=POINTS).content.decode()
    assert group.cue in page and all(line.text not in page for line in group.lines)
    revealed = recite(learner, article, level=POINTS, show=group.key).content.decode()
    assert all(line.text in revealed for line in group.lines)
    partial = recite(learner, article, level=POINTS, show=group.key, headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith(f'<section id="g{group.key}"')


@pytest.mark.django_db
def test_it_records_a_groups_rating_on_its_key_point_cards(learner, article):
    outline = outline_entries(article)
    (whole,) = groups_at(article, outline, TITLE_ONLY)
    # A section's key points are one item: its list in order, or its card (one point).
    cards = StudyItem.objects.active().filter(
        Q(kind="keypoints") | Q(kind="enumeration", paragraph=None), article=article
    )
    assert cards.count() >= 2 and {card.kind for card in cards} == {"keypoints", "enumeration"}

    response = rate(learner, article, TITLE_ONLY, whole.key, 2, HX_Request="true")

    assert response.status_code == 200 and "已记录" in response.content.decode()
    assert set(StudyCard.objects.filter(user=learner.user).values_list("item", flat=True)) == set(
        cards.values_list("pk", flat=True)
    )
    assert set(ReviewLog.objects.filter(user=learner.user).values_list("rating", flat=True)) == {2}


@pytest.mark.django_db
def test_it_rates_one_section_without_touching_the_others(learner, article):
    group = groups_at(article, outline_entries(article), POINTS)[-1]
    rate(learner, article, POINTS, group.key, 3)
    reviewed = StudyCard.objects.filter(user=learner.user).values_list("item__section", flat=True)
    assert set(reviewed) == set(group.sections)


@pytest.mark.django_db
def test_it_refuses_a_malformed_rating_or_an_unknown_group(learner, article):
    assert rate(learner, article, POINTS, 0, 9).status_code == 302
    assert rate(learner, article, 7, 1, 3).status_code == 302
    response = rate(learner, article, POINTS, 9999, 3)
    assert response.status_code == 302 and not ReviewLog.objects.exists()
    assert recite(learner, article, level="abc").status_code == 200
    assert recite(learner, article, show=9999, headers={"HX-Request": "true"}).status_code == 404


SUBHEADED = """# 以科技赋能乡村振兴

一、夯实粮食安全根基

**严守耕地保护制度。**耕地是粮食生产的命根子。

（一）守住耕地红线

**落实耕地保护责任。**各地要把耕地保护目标落到地块。

（二）建设高标准农田

**加大农田建设投入。**高标准农田要建一块成一块。

二、发展乡村特色产业

**培育乡土品牌。**特色产业是农民增收的重要途径。
"""
