"""Classes and assignments: join codes, managing members, assigning a quiz, results and CSV."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Assignment, Classroom, Membership, PracticeTest
from quizzes.practice import scope_title
from tests.clients import signed_in
from tests.quizzes.test_practice import right_answers


@pytest.fixture
def classroom(teacher):
    teacher.post(reverse("quizzes:class_create"), {"name": "理论学习一班"})
    return Classroom.objects.get(teacher=teacher.user)


@pytest.fixture
def students(make_user, classroom):
    clients = [signed_in(make_user(name)) for name in ("zhao", "qian", "sun")]
    for client in clients:
        client.post(reverse("quizzes:class_join"), {"code": classroom.join_code.lower()})
    return clients


@pytest.fixture
def assignment(teacher, classroom, article, students):
    due = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    url = f"{reverse('quizzes:assignment_new', args=[classroom.pk])}?article={article.pk}"
    teacher.post(url, {"size": 4, "kinds": ["cloze", "choice"], "due_at": due})
    return Assignment.objects.get(classroom=classroom)


def take(client, assignment, *, right: bool):
    test = PracticeTest.objects.get(
        pk=int(
            client.post(reverse("quizzes:assignment_take", args=[assignment.pk]))
            .url.rstrip("/")
            .split("/")[-1]
        )
    )
    client.post(test.get_absolute_url(), right_answers(test) if right else {})
    return test


@pytest.mark.django_db
def test_it_creates_a_class_with_a_join_code_that_learners_use(classroom, students):
    assert len(classroom.join_code) == 6
    assert Membership.objects.filter(classroom=classroom).count() == 3
    again = students[0].post(reverse("quizzes:class_join"), {"code": f" {classroom.join_code} "})
    assert again.status_code == 302 and Membership.objects.filter(classroom=classroom).count() == 3


@pytest.mark.django_db
def test_it_refuses_a_wrong_or_archived_code_with_a_message(teacher, classroom, make_user):
    learner = signed_in(make_user("li"))
    response = learner.post(reverse("quizzes:class_join"), {"code": "ZZZZZZ"})
    assert response.status_code == 400 and "没有这个加入码的班级" in response.content.decode()
    assert learner.post(reverse("quizzes:class_join"), {"code": ""}).status_code == 400
    teacher.post(reverse("quizzes:class_archive", args=[classroom.pk]))
    assert (
        learner.post(reverse("quizzes:class_join"), {"code": classroom.join_code}).status_code
        == 400
    )
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_the_teacher_renames_archives_and_removes_a_learner(teacher, classroom, students):
    def url(action: str) -> str:
        return reverse(f"quizzes:class_{action}", args=[classroom.pk])

    teacher.post(url("rename"), {"name": "理论学习二班"})
    member = Membership.objects.filter(classroom=classroom).first()
    teacher.post(url("member_remove"), {"member": member.pk})
    teacher.post(url("archive"))
    classroom.refresh_from_db()
    assert classroom.name == "理论学习二班" and classroom.archived_at is not None
    assert Membership.objects.filter(classroom=classroom).count() == 2
    assert teacher.post(url("rename"), {"name": ""}).status_code == 302
    # A malformed member (no such learner, or not a number at all) removes no one.
    for malformed in ("²", "-1", str(10**30), ""):
        assert teacher.post(url("member_remove"), {"member": malformed}).status_code == 302
    classroom.refresh_from_db()
    assert classroom.name == "理论学习二班"
    assert Membership.objects.filter(classroom=classroom).count() == 2
    teacher.post(url("restore"))
    classroom.refresh_from_db()
    assert classroom.archived_at is None


@pytest.mark.django_db
def test_learners_see_the_assignment_and_answer_the_same_questions(assignment, students):
    home = students[0].get(reverse("quizzes:study_home")).content.decode()
    assert "待完成的作业" in home and assignment.classroom.get_absolute_url() in home
    # The title only when no question asks it (test_scope_titles has both cases).
    named = scope_title(assignment.article, None, assignment.item_ids) is not None
    assert (assignment.article.title in home) == named
    tests = [
        take(client, assignment, right=index == 0) for index, client in enumerate(students[:2])
    ]
    for test in tests:
        assert set(test.answers.values_list("item", flat=True)) == set(assignment.item_ids)
    assert take(students[0], assignment, right=False).pk == tests[0].pk  # one attempt counts
    assert "待完成的作业" not in students[0].get(reverse("quizzes:study_home")).content.decode()


@pytest.mark.django_db
def test_the_teacher_sees_scores_and_each_questions_share_right(teacher, assignment, students):
    take(students[0], assignment, right=True)
    take(students[1], assignment, right=False)
    page = teacher.get(assignment.get_absolute_url())
    learners, questions = page.context["learners"], page.context["questions"]
    scores = {row.user.username: (row.attempt.score if row.attempt else None) for row in learners}
    assert scores == {"zhao": 4, "qian": 0, "sun": None}
    assert [(row.answered, row.right, row.share) for row in questions] == [(2, 1, 50)] * 4

    csv = teacher.get(reverse("quizzes:assignment_csv", args=[assignment.pk]))
    text = csv.content.decode("utf-8")
    assert text.startswith("\ufeff学员,状态,得分") and csv["Content-Type"].startswith("text/csv")
    assert "zhao,已完成,4,4,100," in text and "sun,未完成,,4,," in text


@pytest.mark.django_db
def test_it_keeps_classes_apart(teacher, classroom, assignment, students, make_user, article):
    outsider = signed_in(make_user("wai"))
    other_teacher = signed_in(make_user("bieren", role="teacher"))
    assert outsider.get(classroom.get_absolute_url()).status_code == 404
    assert (
        outsider.post(reverse("quizzes:assignment_take", args=[assignment.pk])).status_code == 404
    )
    assert outsider.get(assignment.get_absolute_url()).status_code == 403
    assert other_teacher.get(assignment.get_absolute_url()).status_code == 404
    assert (
        other_teacher.get(reverse("quizzes:assignment_csv", args=[assignment.pk])).status_code
        == 404
    )
    assert (
        other_teacher.post(reverse("quizzes:class_archive", args=[classroom.pk])).status_code == 404
    )
    new = f"{reverse('quizzes:assignment_new', args=[classroom.pk])}?article={article.pk}"
    assert other_teacher.get(new).status_code == 404
    assert (
        students[0].get(assignment.get_absolute_url()).status_code == 403
    )  # a learner sees no one's scores
    member_page = students[0].get(classroom.get_absolute_url()).content.decode()
    assert "qian" not in member_page and classroom.join_code not in member_page
    assert students[0].post(reverse("quizzes:class_create"), {"name": "x"}).status_code == 403


@pytest.mark.django_db
def test_it_refuses_a_deadline_in_the_past(teacher, classroom, article):
    url = f"{reverse('quizzes:assignment_new', args=[classroom.pk])}?article={article.pk}"
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = teacher.post(url, {"size": 4, "kinds": ["cloze"], "due_at": past})
    assert response.status_code == 400 and "截止时间要晚于现在" in response.content.decode()
    assert teacher.post(url, {"size": 4, "kinds": ["cloze"], "due_at": "明天"}).status_code == 400
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_an_open_attempt_cannot_be_retaken_to_read_its_answers(assignment, students):
    learner = students[0]
    attempt = PracticeTest.objects.get(
        pk=learner.post(reverse("quizzes:assignment_take", args=[assignment.pk]))
        .url.rstrip("/")
        .split("/")[-1]
    )
    learner.post(reverse("quizzes:practice_retake", args=[attempt.pk]))
    assert list(PracticeTest.objects.filter(user=learner.user)) == [attempt]
    learner.post(attempt.get_absolute_url(), right_answers(attempt))
    attempt.refresh_from_db()
    assert attempt.score == attempt.total == 4
