import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from corpus.models import Document
from quizzes.roles import is_teacher


@pytest.mark.django_db
def test_it_signs_in_and_out(client, make_user):
    make_user("wang")
    response = client.post(reverse("login"), {"username": "wang", "password": "pw-wang-2024"})
    assert response.status_code == 302
    assert "wang" in client.get(reverse("corpus:library")).content.decode()

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "登录" in client.get(reverse("corpus:library")).content.decode()


@pytest.mark.django_db
def test_it_refuses_a_wrong_password_with_a_message(client, make_user):
    make_user("wang")
    response = client.post(reverse("login"), {"username": "wang", "password": "nope"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


@pytest.mark.django_db
def test_it_tells_teachers_from_learners(make_user):
    assert is_teacher(make_user("t", role="teacher"))
    assert not is_teacher(make_user("l", role="learner"))


@pytest.mark.django_db
def test_it_seeds_the_demo_once_and_keeps_data_on_a_second_run():
    call_command("seed_demo")
    documents, users = Document.objects.count(), get_user_model().objects.count()
    learner = get_user_model().objects.get(username="learner")
    learner.set_password("changed-by-the-learner")
    learner.save()

    call_command("seed_demo")

    assert documents >= 2 and users == 2
    assert Document.objects.count() == documents
    assert get_user_model().objects.count() == users
    assert is_teacher(get_user_model().objects.get(username="teacher"))
    assert not is_teacher(learner)
    learner.refresh_from_db()
    assert learner.check_password("changed-by-the-learner")
