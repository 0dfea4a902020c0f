"""A test's header and the live projector name the article or section only when that name
answers none of the questions: a title or heading cloze would otherwise be answered above it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from corpus.models import Section
from quizzes.classrooms import assignment_start
from quizzes.models import Assignment, Classroom, LiveSession, Membership, StudyItem
from quizzes.practice import practice_test_with
from tests.corpus.samples import LIBRARY_TITLE


def items(article, **lookup) -> list[int]:
    return list(StudyItem.objects.filter(article=article, **lookup).values_list("pk", flat=True))


def header(client, article, section, item_ids) -> str:
    test = practice_test_with(
        client.user, article, section, ["cloze"], None, timezone.now(), item_ids
    )
    page = client.get(test.get_absolute_url()).content.decode()
    return page.split('<p class="lede">', 1)[1].split("</p>", 1)[0]


@pytest.mark.django_db
def test_a_test_on_the_title_or_a_heading_hides_it(learner, article):
    title_cloze = items(article, kind="cloze", source=LIBRARY_TITLE)
    assert title_cloze
    assert LIBRARY_TITLE not in header(learner, article, None, title_cloze)
    section = Section.objects.get(article=article, heading="完善服务网络")
    # 健全基层阅读____ is answered 服务网络, which the heading 完善服务网络 gives away.
    paragraph_cloze = items(article, kind="cloze", source="健全基层阅读服务网络")
    assert "完善服务网络" not in header(learner, article, section, paragraph_cloze)
    assert "本篇文章的一节" in header(learner, article, section, paragraph_cloze)


@pytest.mark.django_db
def test_a_test_whose_questions_the_name_does_not_answer_shows_it(learner, article):
    section = Section.objects.get(article=article, heading="完善服务网络")
    flowing = items(article, kind="cloze", answers=["流动"])
    assert "完善服务网络" in header(learner, article, section, flowing)
    assert LIBRARY_TITLE in header(learner, article, None, flowing)


@pytest.mark.django_db
def test_the_projector_hides_a_title_the_game_asks_about(teacher, article):
    def title(item_ids) -> str:
        live = LiveSession.objects.create(teacher=teacher.user, article=article, item_ids=item_ids)
        page = teacher.get(reverse("quizzes:live_host", args=[live.pk])).content.decode()
        live.delete()
        return page.split('<h1 class="live-title">', 1)[1].split("</h1>", 1)[0]

    # Clozes are live kinds too: the title's cloze (there is no choice twin of it any more).
    assert LIBRARY_TITLE not in title(items(article, kind="cloze", source=LIBRARY_TITLE))
    assert LIBRARY_TITLE in title(items(article, kind="cloze", answers=["流动"]))


@pytest.mark.django_db
def test_the_class_and_study_pages_name_an_assignment_only_once_it_is_handed_in(
    learner, teacher, article
):
    """An assignment on its title cloze is listed without its article's title until the
    learner hands it in; one whose questions the title does not answer is named."""
    classroom = Classroom.objects.create(name="一班", teacher=teacher.user)
    Membership.objects.create(classroom=classroom, user=learner.user)
    due = timezone.now() + timedelta(days=1)
    title_cloze = items(article, kind="cloze", source=LIBRARY_TITLE)
    assignment = Assignment.objects.create(
        classroom=classroom, article=article, kinds=["cloze"], item_ids=title_cloze, due_at=due
    )
    for url in (reverse("quizzes:study_home"), classroom.get_absolute_url()):
        page = learner.get(url).content.decode().split("<main", 1)[1]
        assert LIBRARY_TITLE not in page and "作业（" in page
    attempt = assignment_start(assignment, learner.user, now=timezone.now())
    learner.post(attempt.get_absolute_url(), {})
    page = learner.get(classroom.get_absolute_url()).content.decode()
    assert LIBRARY_TITLE in page.split("<main", 1)[1]
    flowing = items(article, kind="cloze", answers=["流动"])
    Assignment.objects.create(
        classroom=classroom, article=article, kinds=["cloze"], item_ids=flowing, due_at=due
    )
    home = learner.get(reverse("quizzes:study_home")).content.decode()
    assert LIBRARY_TITLE in home.split("<main", 1)[1]
