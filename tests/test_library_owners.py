"""Whose library: every document has an owner and a visibility. A learner's texts are their own;
a teacher shares with the classes they teach or publishes to everyone; the site's own imports
and everything imported before owners existed are published. Someone else's private text is
not there at all: not in the library, not by id, not by its items, not as a study choice."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from corpus.importing import ImportFailed, document_import, document_preview
from corpus.models import Article, Document
from quizzes.itemstore import items_generate
from quizzes.models import Classroom, Membership, StudyItem, StudySelection
from tests.clients import signed_in
from tests.corpus.samples import LIBRARY_PAGE, make_document

OTHER_PAGE = LIBRARY_PAGE.replace("县级图书馆", "乡镇文化站")


def pages_of(document: Document) -> list[str]:
    article = document.articles.first()
    item = StudyItem.objects.filter(article=article).first()
    return [
        document.get_absolute_url(),
        article.get_absolute_url(),
        reverse("quizzes:item_list", args=[article.pk]),
        item.get_absolute_url(),
        reverse("quizzes:item_answer", args=[item.pk]),
        reverse("quizzes:recite", args=[article.pk]),
        reverse("quizzes:generation_status", args=[document.pk]),
    ]


def reads(client, document: Document) -> bool:
    """Every page of the document opens, or none does (a 404, or the sign-in page; a visitor
    who is not signed in reads a published text's pages that need no account)."""
    statuses = [client.get(url).status_code for url in pages_of(document)]
    if set(statuses) == {200} or (statuses[:2] == [200, 200] and set(statuses) == {200, 302}):
        return True
    assert 200 not in statuses, statuses
    # Nor does a practice test on it start: the page offers the picker instead.
    article = document.articles.first()
    picker = client.get(f"{reverse('quizzes:practice_new')}?article={article.pk}")
    assert picker.status_code == 302 or picker.context.get("article") is None
    return False


@pytest.fixture
def learner_text(make_user):
    owner = signed_in(make_user("zhang"))
    document = make_document(user=owner.user)
    items_generate(document)
    return owner, document


@pytest.mark.django_db
def test_a_learners_text_is_theirs_alone(learner_text, make_user, client):
    owner, document = learner_text
    assert document.visibility == Document.Visibility.PRIVATE
    other = signed_in(make_user("wang"))
    teacher = signed_in(make_user("laoshi", role="teacher"))
    assert reads(owner, document)
    for stranger in (other, teacher, client):
        assert not reads(stranger, document)
        assert document.title not in stranger.get(reverse("corpus:library")).content.decode()
    assert document.title in owner.get(reverse("corpus:library")).content.decode()

    # Nor can it be chosen for study by id, or answered by id.
    article = document.articles.get()
    other.post(reverse("quizzes:study_choose"), {"articles": [article.pk]})
    assert not StudySelection.objects.filter(user=other.user).exists()
    item = StudyItem.objects.filter(article=article, kind="cloze").first()
    response = other.post(
        reverse("quizzes:study_answer", args=[item.pk]), {"token": "t1", "answer": item.answers}
    )
    assert response.status_code == 404
    assert not other.user.reviews.exists()


@pytest.mark.django_db
def test_a_teachers_text_reaches_the_classes_they_teach_then_everyone(make_user, client):
    teacher = signed_in(make_user("laoshi", role="teacher"))
    member, outsider = signed_in(make_user("xue")), signed_in(make_user("wai"))
    classroom = Classroom.objects.create(name="一班", teacher=teacher.user)
    Membership.objects.create(classroom=classroom, user=member.user)
    document = make_document(user=teacher.user)
    items_generate(document)
    assert document.visibility == Document.Visibility.CLASSES  # a teacher's default
    assert reads(teacher, document) and reads(member, document)
    assert not reads(outsider, document) and not reads(client, document)

    # The member studies it; published, everyone reads it; private again, the member stops.
    article = document.articles.get()
    member.post(reverse("quizzes:study_choose"), {"articles": [article.pk]})
    assert StudySelection.objects.filter(user=member.user, article=article).exists()
    url = reverse("quizzes:document_visibility", args=[document.pk])
    assert teacher.post(url, {"visibility": "published"}).status_code == 302
    assert reads(outsider, document) and reads(client, document)
    teacher.post(url, {"visibility": "private"})
    assert not reads(member, document)
    assert not StudySelection.objects.filter(user=member.user).exists()

    # Only its owner changes who reads it; a malformed choice changes nothing.
    assert member.post(url, {"visibility": "published"}).status_code == 404
    teacher.post(url, {"visibility": "everyone"})
    document.refresh_from_db()
    assert document.visibility == Document.Visibility.PRIVATE


@pytest.mark.django_db
def test_a_learner_removed_from_the_class_stops_reading_what_it_shares(make_user):
    teacher = signed_in(make_user("laoshi", role="teacher"))
    member = signed_in(make_user("xue"))
    classroom = Classroom.objects.create(name="一班", teacher=teacher.user)
    membership = Membership.objects.create(classroom=classroom, user=member.user)
    document = make_document(user=teacher.user)
    items_generate(document)
    StudySelection.objects.create(user=member.user, article=document.articles.get())
    teacher.post(
        reverse("quizzes:class_member_remove", args=[classroom.pk]), {"member": membership.pk}
    )
    assert not reads(member, document)
    assert not StudySelection.objects.filter(user=member.user).exists()


@pytest.mark.django_db
def test_the_import_form_offers_teachers_the_choice_and_learners_none(make_user):
    teacher = signed_in(make_user("laoshi", role="teacher"))
    learner = signed_in(make_user("xue"))
    preview = teacher.post(reverse("corpus:document_import"), {"text": LIBRARY_PAGE})
    form = preview.context["confirm_form"]
    assert "visibility" in form.fields
    data = {name: form[name].value() for name in form.fields} | {"visibility": "published"}
    teacher.post(reverse("corpus:document_import_confirm"), data)
    assert Document.objects.get(owner=teacher.user).visibility == "published"

    preview = learner.post(reverse("corpus:document_import"), {"text": OTHER_PAGE})
    form = preview.context["confirm_form"]
    assert "visibility" not in form.fields
    data = {name: form[name].value() for name in form.fields} | {"visibility": "published"}
    learner.post(reverse("corpus:document_import_confirm"), data)
    assert Document.objects.get(owner=learner.user).visibility == "private"


@pytest.mark.django_db
def test_the_same_text_is_one_copy_per_owner_and_never_reveals_a_private_one(make_user):
    first, second = make_user("zhang"), make_user("wang")
    mine = make_document(user=first)
    preview = signed_in(second).post(reverse("corpus:document_import"), {"text": LIBRARY_PAGE})
    assert preview.context["preview"].existing is None  # zhang's private copy is not offered
    assert mine.get_absolute_url() not in preview.content.decode()
    theirs = make_document(user=second)
    assert theirs.pk != mine.pk and theirs.owner == second
    assert make_document(user=second).pk == theirs.pk  # again: the copy they already have
    # A published copy serves everyone: importing it again makes no second copy.
    published = make_document(OTHER_PAGE)
    assert published.owner is None and published.visibility == "published"
    assert make_document(OTHER_PAGE, user=first).pk == published.pk


@pytest.mark.django_db
def test_the_pickers_for_classes_leave_out_a_teachers_private_texts(make_user):
    teacher = signed_in(make_user("laoshi", role="teacher"))
    private = make_document(user=teacher.user, visibility="private")
    shared = make_document(OTHER_PAGE, user=teacher.user)
    classroom = Classroom.objects.create(name="一班", teacher=teacher.user)
    page = teacher.get(reverse("quizzes:assignment_new", args=[classroom.pk])).content.decode()
    assert f'<option value="{shared.articles.get().pk}">' in page
    assert f'<option value="{private.articles.get().pk}">' not in page
    url = reverse("quizzes:assignment_new", args=[classroom.pk])
    chosen = teacher.get(f"{url}?article={private.articles.get().pk}")
    assert "article" not in chosen.context or chosen.context["article"] is None


@pytest.mark.django_db(transaction=True)
def test_documents_from_before_owners_stay_published_and_owned_by_their_importer(make_user):
    """The migration that gave documents owners keeps every existing one where all read it."""
    importer = make_user("laoshi", role="teacher")
    before = [("corpus", "0002_import_files_outline_levels_corrections")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    old_apps.get_model("corpus", "Document").objects.create(
        title="旧文档",
        original_text="旧文档\n\n正文。",
        encoding="utf-8",
        sha256="a" * 64,
        imported_by_id=importer.pk,
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    document = Document.objects.get()
    assert document.visibility == "published" and document.owner == importer


@pytest.mark.django_db
def test_imports_are_limited_per_hour_and_by_quota(make_user, settings):
    settings.IMPORTS_PER_HOUR = 2
    user = make_user("zhang")
    texts = [LIBRARY_PAGE.replace("县级", name) for name in ("甲级", "乙级", "丙级")]
    for text in texts[:2]:
        make_document(text, user=user)
    client = signed_in(user)
    response = client.post(reverse("corpus:document_import"), {"text": texts[2]})
    assert response.status_code == 400
    assert "一小时内最多导入 2 次" in response.content.decode()
    assert Document.objects.filter(owner=user).count() == 2

    Document.objects.filter(owner=user).update(created_at=timezone.now() - timedelta(hours=2))
    settings.LEARNER_DOCUMENT_QUOTA = 2
    with pytest.raises(ImportFailed) as refused:
        document_import(preview=document_preview(text=texts[2], user=user), user=user)
    assert refused.value.code == "quota"
    assert "已有 2 份文档" in refused.value.message
    assert Document.objects.filter(owner=user).count() == 2


@pytest.mark.django_db
def test_a_text_with_too_many_sections_is_refused_at_its_preview(make_user, settings):
    settings.DOCUMENT_MAX_SECTIONS = 3
    headings = "\n\n".join(f"{n}、第{n}部分\n\n正文第{n}段，讲第{n}件事。" for n in "一二三四五")
    text = f"一篇很长的报告\n\n导语段落。\n\n{headings}\n"
    client = signed_in(make_user("zhang"))
    response = client.post(reverse("corpus:document_import"), {"text": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert "超过一份文档的上限 3 个" in page
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_documents_items_stop_at_the_cap_and_the_page_says_so(make_user, settings):
    settings.DOCUMENT_MAX_ITEMS = 5
    owner = signed_in(make_user("zhang"))
    document = make_document(user=owner.user)
    items_generate(document)
    assert StudyItem.objects.of_document(document).count() == 5
    page = owner.get(document.get_absolute_url()).content.decode()
    assert "学习条目已达上限（5 条）" in page


@pytest.mark.django_db
def test_a_long_article_is_shown_a_hundred_sections_at_a_time(make_user, client):
    parts = "一二三四五六七八九十"
    body = "\n\n".join(
        f"{part}、第{part}部分\n\n"
        + "\n\n".join(f"（{n}）第{part}{n}项工作\n\n这项工作的正文。" for n in range(1, 26))
        for part in parts
    )
    document = make_document(f"一份很长的报告\n\n导语。\n\n{body}\n")
    article = Article.objects.get(document=document)
    sections = list(article.sections.order_by("position"))
    assert len(sections) > 200
    first = client.get(article.get_absolute_url())
    assert len(first.context["sections"]) == 100
    last_page = first.context["page"].paginator.num_pages
    assert f"?page={last_page}" in first.content.decode()
    tail = client.get(article.get_absolute_url(), {"page": last_page})
    assert tail.context["sections"][-1] == sections[-1]
    assert sections[-1].get_absolute_url().endswith(f"?page={last_page}#s{sections[-1].position}")
    assert client.get(article.get_absolute_url(), {"page": "²"}).context["page"].number == 1
