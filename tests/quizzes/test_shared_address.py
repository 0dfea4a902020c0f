"""A class behind one address (a school's NAT): the limits on wrong PINs and class codes stop one
guesser without locking out a room of 60 phones that make typos."""

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from quizzes import limits
from quizzes.models import Classroom, LivePlayer, Membership
from tests.clients import signed_in

CLASS_SIZE = 60
SCHOOL = "203.0.113.7"  # every phone and laptop of the class, as the server sees them


def wrong_pin(live) -> str:
    return "000000" if live.pin != "000000" else "111111"


def join(client, pin, nickname):
    return client.post(reverse("live_join"), {"pin": pin, "nickname": nickname})


def join_class(client, code):
    return client.post(reverse("quizzes:class_join"), {"code": code})


@pytest.mark.django_db
def test_a_class_of_sixty_with_typos_joins_one_game_from_one_address(live):
    for number in range(CLASS_SIZE):
        phone = Client(REMOTE_ADDR=SCHOOL)
        for _typo in range(number % 4):  # up to three typos each, 90 in all
            assert join(phone, wrong_pin(live), f"学生{number}").status_code == 400
        assert join(phone, live.pin, f"学生{number}").status_code == 302
    assert LivePlayer.objects.filter(session=live).count() == CLASS_SIZE


@pytest.mark.django_db
def test_one_phone_that_keeps_guessing_waits_and_the_room_does_not(live):
    guesser = Client(REMOTE_ADDR=SCHOOL)
    for _ in range(limits.PHONE_FAILURES_ALLOWED):
        join(guesser, wrong_pin(live), "猜")
    assert join(guesser, live.pin, "猜").status_code == 429
    assert join(Client(REMOTE_ADDR=SCHOOL), live.pin, "同学").status_code == 302


@pytest.mark.django_db
def test_a_guesser_without_cookies_is_stopped_by_the_address_limit(live):
    with mock.patch.object(limits, "ADDRESS_FAILURES_ALLOWED", 15):
        for _ in range(15):
            join(Client(REMOTE_ADDR=SCHOOL), wrong_pin(live), "猜")
        response = join(Client(REMOTE_ADDR=SCHOOL), live.pin, "猜")
        assert response.status_code == 429 and "错误的 PIN 太多" in response.content.decode()
        assert join(Client(REMOTE_ADDR="198.51.100.1"), live.pin, "别处").status_code == 302


@pytest.fixture
def classroom(make_user):
    return Classroom.objects.create(name="一班", teacher=make_user("laoshi", role="teacher"))


@pytest.mark.django_db
def test_a_class_of_sixty_with_typos_joins_its_class_from_one_address(classroom, make_user):
    for number in range(CLASS_SIZE):
        laptop = signed_in(make_user(f"student{number}"))
        laptop.defaults["REMOTE_ADDR"] = SCHOOL
        for _typo in range(number % 4):
            assert join_class(laptop, "ZZZZZZ").status_code == 400
        assert join_class(laptop, classroom.join_code).status_code == 302
    assert Membership.objects.filter(classroom=classroom).count() == CLASS_SIZE


@pytest.mark.django_db
def test_one_learner_guessing_codes_waits_and_the_class_does_not(classroom, make_user):
    guesser = signed_in(make_user("cai"))
    for _ in range(limits.ACCOUNT_FAILURES_ALLOWED):
        assert join_class(guesser, "ZZZZZZ").status_code == 400
    response = join_class(guesser, classroom.join_code)
    assert response.status_code == 429 and "加入码错误次数太多" in response.content.decode()
    assert not Membership.objects.filter(user=guesser.user).exists()
    assert join_class(signed_in(make_user("tongxue")), classroom.join_code).status_code == 302


@pytest.mark.django_db
def test_many_accounts_guessing_from_one_address_are_stopped(classroom, make_user):
    with mock.patch.object(limits, "ADDRESS_FAILURES_ALLOWED", 12):
        for number in range(4):
            guesser = signed_in(make_user(f"cai{number}"))
            for _ in range(3):
                join_class(guesser, "ZZZZZZ")
        late = signed_in(make_user("wan"))
        assert join_class(late, classroom.join_code).status_code == 429
        elsewhere = signed_in(make_user("yuan"))
        elsewhere.defaults["REMOTE_ADDR"] = "198.51.100.1"
        assert join_class(elsewhere, classroom.join_code).status_code == 302
