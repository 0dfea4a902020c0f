"""A class's join code: guessing it is limited, a removed learner stays out, the teacher issues a
new code."""

import pytest
from django.urls import reverse

from quizzes import limits
from quizzes.models import Classroom, Membership
from tests.clients import signed_in


@pytest.fixture
def classroom(teacher):
    teacher.post(reverse("quizzes:class_create"), {"name": "理论学习一班"})
    return Classroom.objects.get(teacher=teacher.user)


def join(client, code):
    return client.post(reverse("quizzes:class_join"), {"code": code})


def url(action, classroom):
    return reverse(f"quizzes:class_{action}", args=[classroom.pk])


@pytest.mark.django_db
def test_wrong_codes_are_limited_per_learner(classroom, make_user):
    guesser = signed_in(make_user("cai"))
    for _ in range(limits.ACCOUNT_FAILURES_ALLOWED):
        assert join(guesser, "ZZZZZZ").status_code == 400
    response = join(guesser, classroom.join_code)
    assert response.status_code == 429 and "加入码错误次数太多" in response.content.decode()
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_a_removed_learner_stays_out_until_the_teacher_lets_them_back(
    teacher, classroom, make_user
):
    learner = signed_in(make_user("tao"))
    join(learner, classroom.join_code)
    member = Membership.objects.get(user=learner.user)
    teacher.post(url("member_remove", classroom), {"member": member.pk})
    response = join(learner, classroom.join_code)
    assert response.status_code == 400 and "老师已将你移出这个班级" in response.content.decode()
    assert not Membership.objects.filter(user=learner.user).exists()
    page = teacher.get(classroom.get_absolute_url()).content.decode()
    assert "tao" in page and url("member_readmit", classroom) in page

    # A new code does not let them back in by itself.
    teacher.post(url("code_renew", classroom))
    classroom.refresh_from_db()
    assert join(learner, classroom.join_code).status_code == 400

    teacher.post(url("member_readmit", classroom), {"user": learner.user.pk})
    assert Membership.objects.filter(classroom=classroom, user=learner.user).exists()
    # Removed again, and back again by the code once the teacher allows it.
    teacher.post(
        url("member_remove", classroom), {"member": Membership.objects.get(user=learner.user).pk}
    )
    teacher.post(url("member_readmit", classroom), {"user": learner.user.pk})
    assert join(learner, classroom.join_code).status_code == 302


@pytest.mark.django_db
def test_the_teacher_issues_a_new_code_and_the_old_one_stops_working(teacher, classroom, make_user):
    old = classroom.join_code
    response = teacher.post(url("code_renew", classroom), follow=True)
    classroom.refresh_from_db()
    assert classroom.join_code != old and len(classroom.join_code) == 6
    assert classroom.join_code in response.content.decode()
    learner = signed_in(make_user("xin"))
    assert join(learner, old).status_code == 400
    assert join(learner, classroom.join_code).status_code == 302
    page = teacher.get(classroom.get_absolute_url()).content.decode()
    assert url("code_renew", classroom) in page


@pytest.mark.django_db
def test_only_the_classes_teacher_renews_its_code_or_lets_learners_back(classroom, make_user):
    other = signed_in(make_user("bieren", role="teacher"))
    learner = signed_in(make_user("xue"))
    old = classroom.join_code
    assert other.post(url("code_renew", classroom)).status_code == 404
    assert learner.post(url("code_renew", classroom)).status_code == 403
    assert (
        other.post(url("member_readmit", classroom), {"user": learner.user.pk}).status_code == 404
    )
    assert learner.get(url("code_renew", classroom)).status_code in {403, 405}
    classroom.refresh_from_db()
    assert classroom.join_code == old
