"""Sign-up and imports have limits that stop a script, not a class signing up behind one NAT."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.models import SignUp, TeacherRequest

PASSWORD = "a-long-pass-phrase-2024"
SCHOOL = "203.0.113.9"


def sign_up(name: str, *, address: str = SCHOOL, teacher: bool = False):
    data = {"username": name, "password1": PASSWORD, "password2": PASSWORD}
    if teacher:
        data |= {"wants_teacher": "on", "teacher_note": "某某中学"}
    return Client(REMOTE_ADDR=address).post(reverse("signup"), data)


@pytest.mark.django_db
def test_a_class_of_60_signs_up_from_one_address_but_a_script_is_stopped(settings):
    settings.SIGNUPS_PER_ADDRESS_PER_HOUR = 61
    for n in range(60):
        assert sign_up(f"xuesheng{n}").status_code == 302
    assert get_user_model().objects.count() == 60
    assert sign_up("jiaoben60").status_code == 302  # the 61st of the hour
    refused = sign_up("jiaoben61")
    assert refused.status_code == 429
    assert "注册的账号太多了" in refused.content.decode()
    assert not get_user_model().objects.filter(username="jiaoben61").exists()
    assert sign_up("bieren", address="198.51.100.7").status_code == 302  # another address
    # An hour later the address signs up again.
    SignUp.objects.update(created_at=timezone.now() - timedelta(hours=2))
    assert sign_up("jiaoben62").status_code == 302


@pytest.mark.django_db
def test_teacher_requests_from_one_address_are_fewer_still(settings):
    settings.TEACHER_REQUESTS_PER_ADDRESS_PER_DAY = 2
    assert sign_up("laoshi1", teacher=True).status_code == 302
    assert sign_up("laoshi2", teacher=True).status_code == 302
    refused = sign_up("laoshi3", teacher=True)
    assert refused.status_code == 429 and "教师申请太多了" in refused.content.decode()
    assert TeacherRequest.objects.count() == 2
    assert sign_up("xuesheng3").status_code == 302  # a learner's sign-up still goes through
