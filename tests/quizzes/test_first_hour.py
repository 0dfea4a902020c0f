"""A new learner's and a new teacher's first hour: a first step for each kind of visitor, 学这篇
on every article, a grouped chooser with counts, one count of today's reviews, a wrong typed
answer shown beside the right one, an override that says what it did, an invite link and QR code
for a class, an assignment's questions previewed before it is set, results hardest first, and
the end of item generation announced."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from corpus.models import Article
from quizzes.classrooms import assignment_results
from quizzes.itemstore import items_generate
from quizzes.models import (
    Assignment,
    Classroom,
    Generation,
    LearnerSettings,
    Membership,
    PracticeAnswer,
    PracticeTest,
    ReviewLog,
    StudyCard,
    StudyItem,
    StudySelection,
)
from quizzes.templatetags.study import typed_against
from tests.clients import signed_in
from tests.corpus.samples import make_document
from tests.quizzes.samples import COMMUNITY_PAGE
from tests.quizzes.studying import answer


def main(client, url) -> str:
    return client.get(url).content.decode().split("<main", 1)[1]


@pytest.mark.django_db
def test_each_kind_of_visitor_gets_a_first_step(client, make_user, article):
    visitor = main(client, reverse("corpus:library"))
    assert "学而是什么" in visitor and reverse("signup") in visitor
    learner = signed_in(make_user("xin"))
    page = main(learner, reverse("corpus:library"))
    assert "今天的学习已完成" not in page
    assert reverse("quizzes:study_choose") in page and reverse("quizzes:class_join") in page
    teacher = signed_in(make_user("laoshi", role="teacher"))
    page = main(teacher, reverse("corpus:library"))
    assert reverse("corpus:document_import") in page and reverse("quizzes:class_list") in page
    StudySelection.objects.create(user=learner.user, article=article)
    page = main(learner, reverse("corpus:library"))
    assert "今天的学习" in page and reverse("quizzes:study_review") in page


@pytest.mark.django_db
def test_an_article_page_starts_its_study_in_one_click(make_user, article):
    learner = signed_in(make_user("xin"))
    page = main(learner, article.get_absolute_url())
    add = reverse("quizzes:study_add", args=[article.pk])
    assert add in page and "学这篇" in page
    response = learner.post(add)
    assert response.status_code == 302 and response["Location"] == reverse("quizzes:study_review")
    assert StudySelection.objects.filter(user=learner.user, article=article).count() == 1
    learner.post(add)  # again: still one
    assert StudySelection.objects.filter(user=learner.user, article=article).count() == 1
    assert "继续学习" in main(learner, article.get_absolute_url())
    private = make_document(COMMUNITY_PAGE, "community.md", user=make_user("bieren"))
    other = Article.objects.get(document=private)
    assert learner.post(reverse("quizzes:study_add", args=[other.pk])).status_code == 404


@pytest.mark.django_db
def test_the_chooser_groups_articles_by_document_with_their_item_counts(make_user, article):
    learner = signed_in(make_user("xin"))
    page = main(learner, reverse("quizzes:study_choose"))
    assert f"<legend>{article.document.title}</legend>" in page
    count = StudyItem.objects.active().filter(article=article).count()
    assert f"{count} 条" in page
    learner.post(reverse("quizzes:study_choose"), {"articles": [article.pk]})
    assert "checked> " + article.title in main(learner, reverse("quizzes:study_choose"))


@pytest.mark.django_db
def test_study_and_progress_count_todays_reviews_the_same_way(learner, article, make_user):
    """Cards of an article the learner no longer studies, and reviews past the daily limit, are
    in neither count."""
    now = timezone.now()
    items = list(StudyItem.objects.filter(article=article)[:6])
    for item in items:
        StudyCard.objects.create(user=learner.user, item=item, due=now - timedelta(hours=1))
    other = Article.objects.get(document=make_document(COMMUNITY_PAGE, "community.md"))
    items_generate(other.document)
    unchosen = StudyItem.objects.filter(article=other).first()
    StudyCard.objects.create(user=learner.user, item=unchosen, due=now - timedelta(hours=1))
    options = LearnerSettings.for_user(learner.user)
    options.reviews_per_day = 4
    options.save()

    study = learner.get(reverse("quizzes:study_home")).context["due_today"]
    progress = learner.get(reverse("quizzes:progress")).context["due_today"]
    assert study == progress == 4


@pytest.mark.django_db
def test_a_wrong_typed_answer_is_shown_beside_the_right_one(learner, article):
    item = StudyItem.objects.filter(article=article, kind="cloze").first()
    typed = ["X" + item.answers[0][1:]] + item.answers[1:]
    response = answer(learner, item, answer=typed)
    log = ReviewLog.objects.get(user=learner.user)
    page = learner.get(response["Location"]).content.decode()
    assert "你的回答" in page and "<del>X</del>" in page
    assert f"<ins>{item.answers[0][0]}</ins>" in page
    assert log.correct is False


def test_typed_against_marks_what_differs_character_by_character():
    [row] = typed_against(["服务网路"], ["服务网络"])
    assert row.typed == [("服务网", True), ("路", False)]
    assert row.answer == [("服务网", True), ("络", False)]
    [empty, missing] = typed_against([""], ["甲", "乙"])
    assert empty.typed == [] and empty.answer == [("甲", False)]
    assert missing.answer == [("乙", False)]


@pytest.mark.django_db
def test_an_override_says_when_the_card_comes_back(learner, article):
    item = StudyItem.objects.filter(article=article, kind="cloze").first()
    answer(learner, item, answer=["错"] * 3)
    log = ReviewLog.objects.get(user=learner.user)
    response = learner.post(
        reverse("quizzes:study_override", args=[log.pk]),
        {"rating": 4},
        headers={"HX-Request": "true"},
    )
    text = response.content.decode()
    assert "评分已改为“简单”，下次复习：" in text and "天后" in text


@pytest.mark.django_db
def test_the_class_page_has_an_invite_link_with_its_qr_code(teacher, make_user):
    classroom = Classroom.objects.create(name="一班", teacher=teacher.user)
    page = main(teacher, classroom.get_absolute_url())
    link = f"{reverse('quizzes:class_join')}?code={classroom.join_code}"
    assert link in page and "<svg" in page and 'data-copy="invite-link"' in page
    learner = signed_in(make_user("xin"))
    form = learner.get(link).context["form"]
    assert form["code"].value() == classroom.join_code  # the link fills the code in
    learner.post(reverse("quizzes:class_join"), {"code": classroom.join_code})
    assert Membership.objects.filter(classroom=classroom, user=learner.user).exists()
    assert "invite-link" not in main(learner, classroom.get_absolute_url())


@pytest.mark.django_db
def test_a_new_assignment_previews_the_questions_it_then_sets(teacher, article):
    classroom = Classroom.objects.create(name="一班", teacher=teacher.user)
    url = f"{reverse('quizzes:assignment_new', args=[classroom.pk])}?article={article.pk}"
    form = teacher.get(url).context["form"]
    due = form["due_at"].value()
    week = timezone.localtime() + timedelta(days=7)
    assert (due.date(), due.hour, due.minute) == (week.date(), 22, 0)

    data = {"size": 3, "kinds": ["cloze", "choice"], "due_at": due.strftime("%Y-%m-%dT%H:%M")}
    preview = teacher.post(url, data | {"step": "preview"})
    shown = [item.pk for item in preview.context["preview"]]
    assert len(shown) == 3 and not Assignment.objects.exists()
    seed = preview.context["form"]["seed"].value()
    teacher.post(url, data | {"seed": seed})
    assert Assignment.objects.get().item_ids == shown
    again = teacher.post(url, data | {"seed": seed, "step": "reshuffle"})
    assert again.context["form"]["seed"].value() != seed


@pytest.mark.django_db
def test_results_list_the_hardest_questions_first(teacher, article, make_user):
    classroom = Classroom.objects.create(name="一班", teacher=teacher.user)
    items = list(StudyItem.objects.filter(article=article, kind="cloze")[:3])
    assignment = Assignment.objects.create(
        classroom=classroom,
        article=article,
        kinds=["cloze"],
        item_ids=[item.pk for item in items],
        due_at=timezone.now() + timedelta(days=1),
    )
    rights = {items[0].pk: [True, True], items[1].pk: [False, False]}  # items[2]: unanswered
    for n in range(2):
        test = PracticeTest.objects.create(
            user=make_user(f"x{n}"),
            article=article,
            assignment=assignment,
            started_at=timezone.now(),
            finished_at=timezone.now(),
        )
        for position, (item_id, right) in enumerate(rights.items(), start=1):
            PracticeAnswer.objects.create(
                test=test, item_id=item_id, position=position, correct=right[n]
            )
    _learners, questions = assignment_results(assignment)
    assert [question.item.pk for question in questions] == [items[1].pk, items[0].pk, items[2].pk]


@pytest.mark.django_db
def test_the_poll_that_sees_generation_finish_says_how_many_items_came(client, article):
    document = article.document
    response = client.get(reverse("quizzes:generation_status", args=[document.pk]))
    count = StudyItem.objects.active().of_document(document).count()
    assert Generation.objects.get(document=document).state == Generation.State.DONE
    assert f"{count} 条学习条目已生成" in response.content.decode()
    assert reverse("quizzes:item_list", args=[article.pk]) in response.content.decode()
    Generation.objects.filter(document=document).update(
        state=Generation.State.RUNNING, done=1, total=4, updated_at=timezone.now()
    )
    running = client.get(reverse("quizzes:generation_status", args=[document.pk]))
    assert "已完成 1 / 4 篇（25%）" in running.content.decode()


@pytest.mark.django_db
def test_english_names_the_state_and_the_reports_as_users_read_them(make_user, article):
    teacher = signed_in(make_user("laoshi", role="teacher"))
    teacher.cookies["django_language"] = "en"
    page = teacher.get(reverse("corpus:library")).content.decode()
    assert ">Feedback<" in page and ">Reports<" not in page
    document = make_document(COMMUNITY_PAGE, "community.md", user=teacher.user)
    items_generate(document)
    community = Article.objects.get(document=document)
    item = StudyItem.objects.filter(article=community).first()
    detail = teacher.get(item.get_absolute_url()).content.decode()
    assert "Enabled" in detail
    add = teacher.get(reverse("quizzes:item_add", args=[community.pk])).content.decode()
    assert "Select an option" not in add and "Choose a kind" in add


@pytest.mark.django_db
def test_an_empty_answer_is_asked_again_and_give_up_is_an_answer(learner, article):
    item = StudyItem.objects.filter(article=article, kind="cloze").first()
    url = reverse("quizzes:study_answer", args=[item.pk])
    empty = learner.post(url, {"token": "t1", "answer": [""]}, headers={"HX-Request": "true"})
    assert "还没有作答" in empty.content.decode() and "不会" in empty.content.decode()
    assert empty.context["item"] == item
    assert not ReviewLog.objects.filter(user=learner.user).exists()
    learner.post(url, {"token": "t2", "answer": [""], "give_up": "1"})
    log = ReviewLog.objects.get(user=learner.user)
    assert log.correct is False and log.rating == 1


@pytest.mark.django_db
def test_a_message_goes_once_the_next_card_is_shown(learner, article):
    item = StudyItem.objects.filter(article=article, kind="cloze").first()
    card = learner.post(
        reverse("quizzes:study_answer", args=[item.pk]),
        {"token": "t1", "answer": item.answers},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert '<div class="messages" id="messages" role="status" hx-swap-oob="true"></div>' in card
