"""Who reads an item's answer outside a question: a flashcard's back only for what the learner
studies, and no answer of an assignment not yet handed in or of a live game being played."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from corpus.models import Article
from quizzes.classrooms import assignment_start
from quizzes.itemstore import items_generate
from quizzes.models import (
    Assignment,
    Classroom,
    LivePlayer,
    LiveSession,
    Membership,
    PracticeTest,
    StudyItem,
)
from quizzes.practice import practice_test_submit
from quizzes.study import answer_record
from tests.clients import signed_in
from tests.corpus.samples import make_document
from tests.quizzes.samples import COMMUNITY_PAGE


def reveal(client, item):
    return client.get(reverse("quizzes:study_reveal", args=[item.pk]))


def show_answer(client, item):
    return client.get(reverse("quizzes:item_answer", args=[item.pk]))


def of_kind(article, kind) -> StudyItem:
    return StudyItem.objects.filter(article=article, kind=kind).first()


def a_flashcard(article, *, other_than=None) -> StudyItem:
    """A flashcard of the article (a key-point or definition card), another than `other_than`.

    One fact is one item: a section's points are asked as its list and a definition as the
    cloze of its term, so a short page may have fewer cards than a test needs: a teacher's
    definition card makes up the difference."""
    cards = StudyItem.objects.filter(article=article, kind__in=StudyItem.FLASHCARD_KINDS)
    if other_than is not None:
        cards = cards.exclude(pk=other_than.pk)
    return cards.order_by("pk").first() or StudyItem.objects.create(
        article=article,
        section=article.sections.first(),
        key=f"added-card-{cards.count()}",
        kind=StudyItem.Kind.DEFINITION,
        origin=StudyItem.Origin.ADDED,
        prompt="什么是书香社会？",
        answers=["人人爱读书、处处可读书的社会"],
    )


def a_choice(article) -> StudyItem:
    """A one-blank fact that can be asked as a single choice (there are no choice twins)."""
    return StudyItem.objects.filter(article=article, kind="cloze", options__isnull=False).first()


@pytest.fixture
def other_article():
    document = make_document(COMMUNITY_PAGE, "community.md")
    items_generate(document)
    return Article.objects.get(document=document)


def set_assignment(teacher, learner, article, item_ids) -> Assignment:
    classroom = Classroom.objects.create(name="一班", teacher=teacher.user)
    Membership.objects.create(classroom=classroom, user=learner.user)
    return Assignment.objects.create(
        classroom=classroom,
        article=article,
        kinds=["cloze", "definition"],
        item_ids=item_ids,
        due_at=timezone.now() + timedelta(days=1),
    )


@pytest.mark.django_db
def test_it_reveals_only_flashcards_the_learner_studies(learner, article, other_article):
    first = a_flashcard(article)
    assert reveal(learner, first).status_code == 200
    assert reveal(learner, a_flashcard(article, other_than=first)).status_code == 200
    # A typed item's back would give its answer without typing it.
    assert reveal(learner, of_kind(article, "cloze")).status_code == 404
    # An article the learner does not study...
    elsewhere = a_flashcard(other_article)
    assert reveal(learner, elsewhere).status_code == 404
    # ...unless the card is theirs already (a mistake book card, an article studied before).
    answer_record(learner.user, elsewhere, rating=1, now=timezone.now(), token="before")
    assert reveal(learner, elsewhere).status_code == 200


def answer(client, item):
    return client.post(
        reverse("quizzes:study_answer", args=[item.pk]),
        {"token": f"t-{item.pk}", "answer": item.answers, "option": item.answers},
    )


@pytest.mark.django_db
def test_it_grades_only_what_the_learner_studies(learner, teacher, article, other_article):
    """Answering is as guarded as revealing: grading any item would show its answer in the
    feedback, so an item of an article the learner does not study, or of their open
    assignment, is a 404 and records nothing."""
    elsewhere = of_kind(other_article, "cloze")
    assert answer(learner, elsewhere).status_code == 404
    assignment = set_assignment(teacher, learner, article, [of_kind(article, "cloze").pk])
    assert answer(learner, of_kind(article, "cloze")).status_code == 404
    assert not learner.user.reviews.exists()
    # What the learner studies is answered as always.
    assert answer(learner, a_choice(article)).status_code == 302
    assert learner.user.reviews.count() == 1
    assignment.delete()
    assert answer(learner, of_kind(article, "cloze")).status_code == 302


@pytest.mark.django_db
def test_it_withholds_the_answers_of_an_assignment_until_it_is_handed_in(learner, teacher, article):
    cloze, definition = of_kind(article, "cloze"), a_flashcard(article)
    assignment = set_assignment(teacher, learner, article, [cloze.pk, definition.pk])
    assert show_answer(learner, cloze).status_code == 403
    assert reveal(learner, definition).status_code == 404
    assert show_answer(teacher, cloze).status_code == 200  # the teacher keeps every answer
    attempt = assignment_start(assignment, learner.user, now=timezone.now())
    assert show_answer(learner, cloze).status_code == 403  # started, not handed in
    practice_test_submit(attempt, {}, now=timezone.now())
    assert show_answer(learner, cloze).status_code == 200
    assert reveal(learner, definition).status_code == 200


@pytest.mark.django_db
def test_the_item_page_offers_no_answer_while_it_is_withheld(learner, teacher, article):
    cloze = of_kind(article, "cloze")
    set_assignment(teacher, learner, article, [cloze.pk])
    page = learner.get(cloze.get_absolute_url()).content.decode()
    assert reverse("quizzes:item_answer", args=[cloze.pk]) not in page
    assert "交卷" in page


@pytest.mark.django_db
def test_it_withholds_the_answers_of_a_live_game_the_learner_plays(learner, teacher, article):
    choice = a_choice(article)
    live = LiveSession.objects.create(teacher=teacher.user, article=article, item_ids=[choice.pk])
    assert show_answer(learner, choice).status_code == 200  # not playing
    LivePlayer.objects.create(session=live, nickname="xue", user=learner.user)
    assert show_answer(learner, choice).status_code == 403
    assert show_answer(teacher, choice).status_code == 200
    live.state = LiveSession.State.ENDED
    live.save()
    assert show_answer(learner, choice).status_code == 200


@pytest.mark.django_db
def test_other_learners_keep_the_answers(learner, teacher, article, make_user):
    cloze = of_kind(article, "cloze")
    set_assignment(teacher, learner, article, [cloze.pk])
    outsider = signed_in(make_user("pangren"))
    assert show_answer(outsider, cloze).status_code == 200


@pytest.mark.django_db
def test_a_practice_test_leaves_out_the_questions_of_an_open_assignment(learner, teacher, article):
    clozes = list(StudyItem.objects.filter(article=article, kind="cloze"))
    assignment = set_assignment(teacher, learner, article, [item.pk for item in clozes[:-1]])
    url = f"{reverse('quizzes:practice_new')}?article={article.pk}"
    learner.post(url, {"size": 50, "kinds": ["cloze"]})
    test = PracticeTest.objects.get(user=learner.user, assignment=None)
    assert list(test.answers.values_list("item", flat=True)) == [clozes[-1].pk]
    practice_test_submit(
        assignment_start(assignment, learner.user, now=timezone.now()), {}, now=timezone.now()
    )
    learner.post(url, {"size": 50, "kinds": ["cloze"]})
    latest = PracticeTest.objects.filter(user=learner.user, assignment=None).first()
    assert latest.answers.count() == len(clozes)
