"""A generation whose worker died does not stay "running" forever: its owner restarts it, a
re-import restarts it, and `import_articles --regenerate` generates a document's items again."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Generation, StudyItem
from tests.clients import signed_in
from tests.corpus.samples import LIBRARY_PAGE, make_document


def stall(document, *, minutes: int = 30) -> None:
    """As a worker killed mid-article leaves it: running, half done, silent since."""
    Generation.objects.filter(document=document).update(
        state=Generation.State.RUNNING,
        done=0,
        updated_at=timezone.now() - timedelta(minutes=minutes),
    )


@pytest.mark.django_db
def test_the_owner_restarts_a_stalled_generation_and_others_are_told_to_wait(
    make_user, django_capture_on_commit_callbacks
):
    owner, other = signed_in(make_user("zhang", role="teacher")), signed_in(make_user("wang"))
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(user=owner.user, visibility="published")
    keys = set(StudyItem.objects.of_document(document).values_list("key", flat=True))
    stall(document)

    page = owner.get(document.get_absolute_url()).content.decode()
    assert "学习条目的生成中断了" in page and 'hx-trigger="every 1s"' not in page
    restart = reverse("quizzes:generation_restart", args=[document.pk])
    assert restart in page
    seen = other.get(document.get_absolute_url()).content.decode()
    assert "文档的所有者可以重新生成" in seen and restart not in seen
    assert other.post(restart).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        assert owner.post(restart).status_code == 302
    generation = Generation.objects.get(document=document)
    assert generation.state == Generation.State.DONE and generation.done == generation.total
    assert set(StudyItem.objects.of_document(document).values_list("key", flat=True)) == keys


@pytest.mark.django_db
def test_a_moving_generation_is_left_alone(make_user):
    owner = signed_in(make_user("zhang", role="teacher"))
    document = make_document(user=owner.user)
    stall(document, minutes=1)  # quiet for a minute: still working on a long article
    owner.post(reverse("quizzes:generation_restart", args=[document.pk]))
    assert Generation.objects.get(document=document).state == Generation.State.RUNNING
    assert "正在生成学习条目" in owner.get(document.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_importing_the_text_again_restarts_a_stalled_generation(
    make_user, django_capture_on_commit_callbacks
):
    user = make_user("zhang")
    document = make_document(user=user)
    stall(document)
    with django_capture_on_commit_callbacks(execute=True):
        assert make_document(user=user).pk == document.pk
    assert Generation.objects.get(document=document).state == Generation.State.DONE


@pytest.mark.django_db
def test_import_articles_regenerates_a_document_on_request(
    tmp_path, capsys, django_capture_on_commit_callbacks
):
    page = tmp_path / "page.md"
    page.write_text(LIBRARY_PAGE, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", str(page))
    document = make_document()
    items = StudyItem.objects.of_document(document)
    keys = set(items.values_list("key", flat=True))
    items.update(prompt="旧题面")
    call_command("import_articles", str(page))
    assert items.filter(prompt="旧题面").count() == len(keys)  # a plain re-import changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", str(page), "--regenerate")
    assert "generated again" in capsys.readouterr().out
    assert not items.filter(prompt="旧题面").exists()
    assert set(items.values_list("key", flat=True)) == keys
