"""Who gets into a live game's lobby: a cap on players, one player per look-alike nickname, and a
removed player kept out of that game."""

import pytest
from django.test import Client
from django.urls import reverse

from quizzes.models import LivePlayer
from quizzes.nicknames import nickname_key
from tests.clients import signed_in
from tests.quizzes.test_live import join


def remove(teacher, live, nickname):
    player = LivePlayer.objects.get(session=live, nickname=nickname)
    teacher.post(reverse("quizzes:live_player_remove", args=[live.pk]), {"player": player.pk})


@pytest.mark.parametrize(
    "look_alike",
    ["bob", "BOB", "Ｂｏｂ", "B\u200bob", "\u200dBob\ufeff", "Bo\u2060b", " Bob ", "Bob\u00ad"],
)
def test_look_alike_nicknames_have_one_key(look_alike):
    assert nickname_key(look_alike) == nickname_key("Bob") == "bob"


@pytest.mark.django_db
def test_it_refuses_a_nickname_that_looks_like_one_taken(live):
    join(live, "Bob")
    for look_alike in ("bob", "Ｂｏｂ", "B\u200bob"):
        _, response = join(live, look_alike)
        assert response.status_code == 400
        assert "这个昵称已经有人用了" in response.content.decode()
    assert list(LivePlayer.objects.values_list("nickname", flat=True)) == ["Bob"]


@pytest.mark.django_db
def test_a_nickname_of_invisible_characters_only_is_refused(live):
    _, response = join(live, "\u200b\u200c\ufeff")
    assert response.status_code == 400 and not LivePlayer.objects.exists()


@pytest.mark.django_db
def test_a_full_lobby_refuses_the_next_player(live, settings):
    settings.LIVE_MAX_PLAYERS = 3
    for name in ("一", "二", "三"):
        assert join(live, name)[1].status_code == 302
    _, response = join(live, "四")
    assert response.status_code == 400 and "人数已满" in response.content.decode()
    assert LivePlayer.objects.count() == 3


@pytest.mark.django_db
def test_a_removed_player_stays_out_of_that_game(teacher, live, make_user):
    kicked, _ = join(live, "捣乱的")
    remove(teacher, live, "捣乱的")
    # The same phone, under another name.
    _, again = join(live, "好学生", client=kicked)
    assert again.status_code == 400 and "移出" in again.content.decode()
    # Another phone, under the removed name or one like it.
    for name in ("捣乱的", "捣乱的\u200b"):
        _, response = join(live, name)
        assert response.status_code == 400 and "移出" in response.content.decode()
    # A signed-in learner, from a fresh phone.
    user = make_user("xue")
    join(live, "小薛", client=signed_in(user))
    remove(teacher, live, "小薛")
    _, response = join(live, "新名字", client=signed_in(user))
    assert response.status_code == 400 and "移出" in response.content.decode()
    assert LivePlayer.objects.filter(removed=False).count() == 0
    assert join(live, "别人", client=Client())[1].status_code == 302  # everyone else gets in
