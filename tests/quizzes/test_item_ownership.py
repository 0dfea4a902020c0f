"""Only a document's owner edits or disables its items. Another teacher who sets the owner's
published text for a class cannot change it; the owner's later edits never reach that class's
assignment, which keeps the version of each question it was set with; and the owner waits while
another teacher's live game asks an item, since the room is being graded on it."""

import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from corpus.models import Article
from quizzes.classrooms import assignment_create, assignment_start
from quizzes.itemstore import items_generate
from quizzes.models import Classroom, LiveSession, Membership, StudyItem
from quizzes.practice import practice_test_submit
from tests.clients import signed_in
from tests.corpus.samples import make_document


@pytest.fixture
def author(make_user):
    """The teacher who imported and published the text."""
    return signed_in(make_user("zuozhe", role="teacher"))


@pytest.fixture
def published(author) -> Article:
    document = make_document(user=author.user, visibility="published")
    items_generate(document)
    return Article.objects.get(document=document)


def edit(client, item, **changes):
    data = {
        "kind": item.kind,
        "prompt": item.prompt,
        "source": item.source,
        "status": "active",
        "answers_text": "\n".join(item.answers),
        "options_text": "\n".join(item.options or []),
    } | changes
    return client.post(reverse("quizzes:item_edit", args=[item.pk]), data)


def disable(client, item):
    return client.post(reverse("quizzes:item_status", args=[item.pk]), {"status": "disabled"})


@pytest.mark.django_db
def test_another_teacher_reads_a_published_text_but_cannot_change_its_items(
    author, teacher, published
):
    item = StudyItem.objects.filter(article=published, kind="cloze").first()
    before = (item.prompt, item.answers, item.status)
    assert teacher.get(item.get_absolute_url()).status_code == 200
    assert edit(teacher, item, answers_text="别的答案").status_code == 404
    assert disable(teacher, item).status_code == 404
    assert teacher.get(reverse("quizzes:item_add", args=[published.pk])).status_code == 404
    item.refresh_from_db()
    assert (item.prompt, item.answers, item.status) == before
    page = teacher.get(reverse("quizzes:item_list", args=[published.pk])).content.decode()
    assert reverse("quizzes:item_edit", args=[item.pk]) not in page
    assert reverse("quizzes:item_status", args=[item.pk]) not in page
    own = author.get(reverse("quizzes:item_list", args=[published.pk])).content.decode()
    assert reverse("quizzes:item_edit", args=[item.pk]) in own


@pytest.mark.django_db
def test_an_assignment_keeps_the_version_of_its_questions_it_was_set_with(
    author, teacher, published, make_user
):
    """The owner changes an item's answer after another teacher set it: the class is still asked
    and graded on the version it was set with; the owner's own learners get the new one."""
    classroom = Classroom.objects.create(name="一班", teacher=teacher.user)
    learner = make_user("xuesheng")
    Membership.objects.create(classroom=classroom, user=learner)
    item = StudyItem.objects.filter(article=published, kind="cloze").first()
    old_answers = list(item.answers)
    assignment = assignment_create(
        classroom=classroom,
        article=published,
        section=None,
        kinds=["cloze"],
        size=50,
        time_limit=None,
        due_at=timezone.now() + timedelta(days=1),
        rng=random.Random(1),
    )
    assert item.pk in assignment.item_ids

    response = edit(author, item, answers_text="改后的答案", prompt=item.prompt)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.answers == ["改后的答案"]

    attempt = assignment_start(assignment, learner, now=timezone.now())
    page = signed_in(learner).get(attempt.get_absolute_url()).content.decode()
    assert "改后的答案" not in page
    question = attempt.answers.get(item=item)
    practice_test_submit(attempt, {question.position: (old_answers, [])}, now=timezone.now())
    question.refresh_from_db()
    assert question.correct is True  # graded on the answer it was set with
    result = signed_in(learner).get(attempt.get_absolute_url()).content.decode()
    assert old_answers[0] in result and "改后的答案" not in result


@pytest.mark.django_db
def test_the_owner_waits_while_another_teachers_game_asks_the_item(author, teacher, published):
    # A one-blank fact with options, asked as a choice in a game (no choice twins any more).
    item = StudyItem.objects.filter(article=published, kind="cloze", options__isnull=False).first()
    live = LiveSession.objects.create(teacher=teacher.user, article=published, item_ids=[item.pk])
    response = disable(author, item)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == StudyItem.Status.ACTIVE
    live.state = LiveSession.State.ENDED
    live.save()
    disable(author, item)
    item.refresh_from_db()
    assert item.status == StudyItem.Status.DISABLED
