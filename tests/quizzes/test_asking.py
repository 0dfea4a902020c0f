"""One fact, asked the way each mode needs (issue 12): a blank fact with options is typed in
self-study by default, chosen where the learner prefers it, and either in a practice test."""

import pytest
from django.urls import reverse

from quizzes.asking import ASK_CHOICE, ASK_TYPED, asked
from quizzes.models import LearnerSettings, PracticeTest, ReviewLog, StudyItem
from tests.quizzes.studying import answer


def choosable(article) -> StudyItem:
    return StudyItem.objects.filter(article=article, kind="cloze", options__isnull=False).first()


@pytest.mark.django_db
def test_it_asks_a_blank_fact_typed_or_as_a_single_choice(article):
    item = choosable(article)
    wrong = next(option for option in item.options if option != item.answers[0])

    typed = asked(item, ASK_TYPED)
    assert not typed.is_choice and len(typed.input_slots) == 1
    assert typed.first_hint.startswith("首字提示") and typed.grade(item.answers, []).correct

    chosen = asked(item, ASK_CHOICE)
    assert chosen.is_choice and not chosen.input_slots
    assert chosen.first_hint.startswith("排除一项") and wrong not in chosen.first_hint
    assert chosen.grade([], item.answers).correct and not chosen.grade([], [wrong]).correct


@pytest.mark.django_db
def test_it_asks_every_other_item_as_its_kind_says(article):
    listed = StudyItem.objects.filter(article=article, kind="enumeration").first()
    assert not asked(listed, ASK_CHOICE).is_choice
    plain = StudyItem.objects.filter(article=article, kind="cloze", options__isnull=True).first()
    assert plain is not None and not asked(plain, ASK_CHOICE).is_choice


def review_item(learner, article, item) -> str:
    """The review page while `item` is the learner's next card."""
    StudyItem.objects.filter(article=article).exclude(pk=item.pk).update(
        status=StudyItem.Status.DISABLED
    )
    response = learner.get(reverse("quizzes:study_review"))
    assert response.context["item"] == item
    return response.content.decode()


@pytest.mark.django_db
def test_self_study_types_a_blank_fact_unless_the_learner_prefers_choices(learner, article):
    item = choosable(article)
    page = review_item(learner, article, item)
    assert 'name="answer"' in page and 'name="option"' not in page

    settings = LearnerSettings.for_user(learner.user)
    settings.prefer_choice = True
    settings.save()
    page = review_item(learner, article, item)
    assert 'name="answer"' not in page
    assert all(f'name="option" value="{option}"' in page for option in item.options)
    answer(learner, item, option=item.answers)
    log = ReviewLog.objects.get(user=learner.user)
    assert log.correct and log.given == item.answers


@pytest.mark.django_db
def test_the_setting_is_on_the_study_settings_page(learner):
    url = reverse("quizzes:study_settings")
    assert 'name="prefer_choice"' in learner.get(url).content.decode()
    fields = {"desired_retention": "0.9", "new_per_day": "20", "reviews_per_day": "200"}
    learner.post(url, fields | {"time_zone": "Asia/Shanghai", "prefer_choice": "on"})
    assert LearnerSettings.for_user(learner.user).prefer_choice


@pytest.mark.django_db
def test_a_practice_test_of_single_choices_asks_blank_facts_as_choices(learner, article):
    fields = {"size": 10, "kinds": ["choice"], "time_limit": ""}
    learner.post(f"{reverse('quizzes:practice_new')}?article={article.pk}", fields)
    test = PracticeTest.objects.get(user=learner.user)
    questions = list(test.answers.select_related("item"))
    assert questions and all(q.asked_as == StudyItem.Asked.CHOICE for q in questions)
    assert {q.item.kind for q in questions} <= set(StudyItem.BLANK_KINDS)
    page = learner.get(test.get_absolute_url()).content.decode()
    assert 'name="q1-option"' in page and 'name="q1-answer"' not in page
    learner.post(
        test.get_absolute_url(),
        {f"{q.field_prefix}option": q.item.answers for q in questions},
    )
    test.refresh_from_db()
    assert test.is_finished and test.score == test.total == len(questions)
