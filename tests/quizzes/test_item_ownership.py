"""A teacher edits or disables an item only while no other teacher's assignment or running live
game asks it: a change would otherwise regrade or empty someone else's class."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Assignment, Classroom, LiveSession, StudyItem
from tests.clients import signed_in


@pytest.fixture
def other_teacher(make_user):
    return signed_in(make_user("bieren", role="teacher"))


def assign(teacher, article, items) -> Assignment:
    classroom = Classroom.objects.create(name="一班", teacher=teacher.user)
    return Assignment.objects.create(
        classroom=classroom,
        article=article,
        kinds=["cloze"],
        item_ids=[item.pk for item in items],
        due_at=timezone.now() - timedelta(days=1),  # over, but its results still show the items
    )


def edit(client, item, **changes):
    data = {
        "kind": item.kind,
        "prompt": item.prompt,
        "source": item.source,
        "status": "active",
        "answers_text": "\n".join(item.answers),
        "options_text": "\n".join(item.options or []),
    } | changes
    return client.post(reverse("quizzes:item_edit", args=[item.pk]), data, follow=True)


def disable(client, item):
    return client.post(
        reverse("quizzes:item_status", args=[item.pk]), {"status": "disabled"}, follow=True
    )


@pytest.mark.django_db
def test_another_teacher_cannot_change_an_item_of_my_assignment(teacher, other_teacher, article):
    item, free = StudyItem.objects.filter(article=article, kind="cloze")[:2]
    assign(teacher, article, [item])
    before = (item.prompt, item.answers, item.status)

    response = edit(other_teacher, item, answers_text="别的答案")
    assert "其他老师的作业" in response.content.decode()
    assert "其他老师的作业" in disable(other_teacher, item).content.decode()
    editing = other_teacher.get(reverse("quizzes:item_edit", args=[item.pk]), follow=True)
    assert "其他老师的作业" in editing.content.decode()
    item.refresh_from_db()
    assert (item.prompt, item.answers, item.status) == before
    page = other_teacher.get(item.get_absolute_url()).content.decode()
    assert reverse("quizzes:item_edit", args=[item.pk]) not in page

    # Items no one else asks stay theirs to change, and the assignment's own teacher changes its.
    disable(other_teacher, free)
    free.refresh_from_db()
    assert free.status == StudyItem.Status.DISABLED
    edit(teacher, item, prompt=item.prompt.replace("____", "（____）"))
    item.refresh_from_db()
    assert item.prompt.startswith(before[0].split("____")[0] + "（")


@pytest.mark.django_db
def test_another_teacher_cannot_change_an_item_of_my_running_game(teacher, other_teacher, article):
    item = StudyItem.objects.filter(article=article, kind="choice").first()
    live = LiveSession.objects.create(teacher=teacher.user, article=article, item_ids=[item.pk])
    disable(other_teacher, item)
    item.refresh_from_db()
    assert item.status == StudyItem.Status.ACTIVE
    live.state = LiveSession.State.ENDED
    live.save()
    disable(other_teacher, item)
    item.refresh_from_db()
    assert item.status == StudyItem.Status.DISABLED


@pytest.mark.django_db
def test_the_item_list_offers_no_change_to_an_item_someone_else_asks(
    teacher, other_teacher, article
):
    item = StudyItem.objects.filter(article=article, kind="cloze").first()
    assign(teacher, article, [item])
    page = other_teacher.get(reverse("quizzes:item_list", args=[article.pk])).content.decode()
    assert reverse("quizzes:item_edit", args=[item.pk]) not in page
    assert reverse("quizzes:item_status", args=[item.pk]) not in page
    own = teacher.get(reverse("quizzes:item_list", args=[article.pk])).content.decode()
    assert reverse("quizzes:item_edit", args=[item.pk]) in own
