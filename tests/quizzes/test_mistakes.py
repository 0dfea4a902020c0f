"""The mistake book (错题本): wrong answers of the last 30 days, practised until right twice."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse

from quizzes.models import ReviewLog, StudyItem
from tests.quizzes.studying import START, answer


def clozes(article, count):
    return list(StudyItem.objects.filter(article=article, kind="cloze").order_by("pk")[:count])


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def book(client):
    return list(client.get(reverse("quizzes:study_mistakes")).context["cards"])


@pytest.mark.django_db
def test_it_lists_wrong_answers_until_they_are_right_twice(learner, article):
    wrong, right = clozes(article, 2)
    minutes = iter(range(100))

    def answer_later(item, answers):
        with at(START + timedelta(minutes=next(minutes))):
            answer(learner, item, answer=answers)
            return book(learner)

    answer_later(wrong, ["错"])
    assert [card.item for card in answer_later(right, right.answers)] == [wrong]
    assert [card.rights for card in answer_later(wrong, wrong.answers)] == [1]
    assert [card.rights for card in answer_later(wrong, ["又错了"])] == [
        0
    ]  # a new mistake: count again
    assert [card.rights for card in answer_later(wrong, wrong.answers)] == [1]
    assert answer_later(wrong, wrong.answers) == []


@pytest.mark.django_db
def test_it_forgets_mistakes_older_than_thirty_days(learner, article):
    (item,) = clozes(article, 1)
    with at(START):
        answer(learner, item, answer=["错"])
    with at(START + timedelta(days=29)):
        assert len(book(learner)) == 1
    with at(START + timedelta(days=31)):
        assert book(learner) == []


@pytest.mark.django_db
def test_it_practises_the_mistakes_through_the_review_page(learner, article):
    first, second = clozes(article, 2)
    with at(START):
        answer(learner, first, answer=["错"])
        answer(learner, second, answer=["错"])
    with at(START + timedelta(hours=1)):
        page = learner.get(reverse("quizzes:study_review"), {"source": "mistakes"})
    assert page.context["item"] in {first, second} and page.context["next"].mistakes_left == 2
    shown = page.context["item"]
    with at(START + timedelta(hours=1)):
        response = answer(learner, shown, answer=shown.answers, source="mistakes")
    assert response.url.startswith(reverse("quizzes:study_review") + "?source=mistakes")
    with at(START + timedelta(hours=1)):
        following = learner.get(response.url).context["item"]
    assert following == ({first, second} - {shown}).pop()  # the one practised longest ago
    assert ReviewLog.objects.filter(user=learner.user, card__item=shown, rating__gt=1).count() == 1


@pytest.mark.django_db
def test_it_keeps_each_learners_mistakes_apart(client, learner, article, make_user):
    (item,) = clozes(article, 1)
    answer(learner, item, answer=["错"])
    client.force_login(make_user("other"))
    assert book(client) == []
    assert (
        client.get(reverse("quizzes:study_review"), {"source": "mistakes"}).context["next"].item
        is None
    )


@pytest.mark.django_db
def test_a_mistake_the_feedback_answers_waits_while_there_are_others(learner, article):
    """Two key points of one heading are siblings: after one is practised, the other is not
    next, though it was practised longer ago, while another mistake remains."""
    first, sibling, other = (
        StudyItem.objects.get(article=article, kind="cloze", source=source)
        for source in ("健全基层阅读服务网络", "推广流动图书服务", "培养专业馆员队伍")
    )
    for minute, item in enumerate((first, sibling, other)):
        with at(START + timedelta(minutes=minute)):
            answer(learner, item, answer=["错"])
    with at(START + timedelta(hours=1)):
        shown = learner.get(reverse("quizzes:study_review"), {"source": "mistakes"})
        assert shown.context["item"] == first
        response = answer(learner, first, answer=first.answers, source="mistakes")
        assert learner.get(response.url).context["item"] == other
        answer(learner, other, answer=other.answers, source="mistakes")
        # Once another answer is on screen, the sibling practised longest ago comes.
        assert learner.get(response.url).context["item"] == sibling
