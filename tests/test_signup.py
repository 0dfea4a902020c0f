"""Sign-up, password change and the sign-in limit."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from quizzes.models import TeacherRequest
from quizzes.roles import is_teacher

PASSWORD = "a-long-pass-phrase-2024"


@pytest.mark.django_db
def test_it_signs_up_a_learner_and_signs_them_in(client):
    response = client.post(
        reverse("signup"), {"username": "xiaoming", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="xiaoming")
    assert user.groups.filter(name="learner").exists() and not is_teacher(user)
    assert "xiaoming" in client.get(reverse("corpus:library")).content.decode()


@pytest.mark.django_db
def test_it_records_a_teacher_request_for_an_admin_to_approve(client):
    client.post(
        reverse("signup"),
        {
            "username": "laoshi",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "wants_teacher": "on",
            "teacher_note": "某某中学",
        },
    )
    user = get_user_model().objects.get(username="laoshi")
    request = TeacherRequest.objects.get(user=user)
    assert not is_teacher(user)

    request.approve()

    assert is_teacher(get_user_model().objects.get(pk=user.pk))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "", "password1": PASSWORD, "password2": PASSWORD}, "这个字段是必填项"),
        (
            {"username": "a", "password1": PASSWORD, "password2": "different-2024!"},
            "输入的两个密码不一致",
        ),
        ({"username": "b", "password1": "123", "password2": "123"}, "此密码太短"),
    ],
)
def test_it_explains_a_refused_sign_up(client, data, message):
    response = client.post(reverse("signup"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(username=data["username"] or "-").exists()


@pytest.mark.django_db
def test_it_changes_a_password(client, make_user):
    user = make_user("wang")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "pw-wang-2024", "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_it_limits_failed_sign_ins_per_account_and_address(client, make_user, settings):
    make_user("wang")
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "wang", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    locked = client.post(
        url, {"username": "wang", "password": "pw-wang-2024"}, REMOTE_ADDR="10.0.0.1"
    )
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()

    # The same account from another address, and another account from this one, still sign in.
    assert (
        client.post(
            url, {"username": "wang", "password": "pw-wang-2024"}, REMOTE_ADDR="10.0.0.2"
        ).status_code
        == 302
    )
    make_user("li")
    assert (
        client.post(
            url, {"username": "li", "password": "pw-li-2024"}, REMOTE_ADDR="10.0.0.1"
        ).status_code
        == 302
    )
