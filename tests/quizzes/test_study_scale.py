"""One answer is one request returning the next card, in as many queries with 5,000 cards as with 10."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from corpus.models import Paragraph
from quizzes import scheduling
from quizzes.models import LearnerSettings, ReviewLog, StudyCard, StudyItem
from quizzes.study import new_token, review_undo

# One more than before answers were checked against what the learner studies and may see
# now (the open assignments and running games that withhold answers, read in one union).
ANSWER_QUERIES = 11
LARGE = 5_000
# Reviews before today on each card: 20,000 reviews at 5,000 cards.
REVIEWS_PER_CARD = 4


def make_history(user, items, *, due) -> None:
    """A review card for each item, answered on earlier days; card i is due at due(i)."""
    cards = StudyCard.objects.bulk_create(
        StudyCard(
            user=user,
            item=item,
            state=2,
            stability=12.0,
            difficulty=5.0,
            due=due(i),
            reps=REVIEWS_PER_CARD,
            last_review=due(i) - timedelta(days=12),
        )
        for i, item in enumerate(items)
    )
    logs = []
    for card in cards:
        for n in range(REVIEWS_PER_CARD):
            reviewed_at = card.last_review - timedelta(days=10 * n)
            logs.append(
                ReviewLog(
                    card=card,
                    user=user,
                    item_id=card.item_id,
                    paragraph_id=card.item.paragraph_id,
                    rating=scheduling.GOOD,
                    correct=True,
                    reviewed_at=reviewed_at,
                    study_day=scheduling.study_day(reviewed_at, "Asia/Shanghai"),
                    was_new=n == REVIEWS_PER_CARD - 1,
                    token=new_token(),
                )
            )
    ReviewLog.objects.bulk_create(logs, batch_size=2000)


def clone_items(items: list[StudyItem], count: int) -> list[StudyItem]:
    """`count` copies of the items, in copies of their paragraphs (a few items a paragraph, as in real articles)."""
    copies = -(-count // len(items))
    originals = Paragraph.objects.filter(items__in=items).distinct()
    pairs = [(copy, paragraph) for copy in range(1, copies + 1) for paragraph in originals]
    made = Paragraph.objects.bulk_create(
        Paragraph(section_id=p.section_id, position=p.position + 1000 * copy, text=p.text)
        for copy, p in pairs
    )
    copy_of = {(p.pk, copy): clone for (copy, p), clone in zip(pairs, made, strict=True)}
    fields = [
        "article",
        "section",
        "kind",
        "prompt",
        "answers",
        "options",
        "cloze",
        "source",
        "extra",
    ]
    clones = []
    for n in range(count):
        item, copy = items[n % len(items)], 1 + n // len(items)
        paragraph = copy_of[item.paragraph_id, copy] if item.paragraph_id else None
        clones.append(
            StudyItem(key=f"copy-{n}", paragraph=paragraph, **{f: getattr(item, f) for f in fields})
        )
    return StudyItem.objects.bulk_create(clones, batch_size=1000)


@pytest.mark.django_db
def test_it_answers_in_the_same_number_of_queries_with_10_and_with_5000_cards(learner, article):
    user, now = learner.user, timezone.now()
    LearnerSettings.for_user(user)  # a learner with a history has their settings already
    items = list(StudyItem.objects.filter(article=article).select_related("paragraph"))
    answered = next(i for i in items if i.kind == StudyItem.Kind.KEYPOINTS)
    following = next(i for i in items if i.kind == StudyItem.Kind.CLOZE)
    others = [i for i in items if i not in {answered, following}]
    # The answered card is the most overdue and the following one next; the rest fall due
    # over ten days either side of now, so about half of them are waiting too.
    make_history(user, [answered, following], due=lambda i: now - timedelta(days=30 - 10 * i))
    make_history(user, others[:8], due=lambda i: now + timedelta(days=10 - 20 * i / 8))
    url = reverse("quizzes:study_answer", args=[answered.pk])

    def count_answer() -> int:
        reviews = answered.cards.get(user=user).reviews
        assert reviews.count() == REVIEWS_PER_CARD
        with CaptureQueriesContext(connection) as captured:
            response = learner.post(
                url, {"token": new_token(), "rating": 3}, headers={"HX-Request": "true"}
            )
        assert response.status_code == 200
        assert reviews.count() == REVIEWS_PER_CARD + 1
        assert response.context["last"].card.item == answered
        assert response.context["item"] == following
        assert reverse("quizzes:study_answer", args=[following.pk]) in response.content.decode()
        return len(captured)

    # Ten cards, or as many as the page's items make (one fact is one item, with no twins:
    # seven of them now; the point is a few cards against 5,000).
    assert StudyCard.objects.filter(user=user).count() == 2 + len(others[:8]) >= 7
    small = count_answer()
    assert small == ANSWER_QUERIES

    review_undo(user)  # the same answer again, now among 5,000 cards
    more = others[8:] + clone_items(items, LARGE - len(items))
    make_history(user, more, due=lambda i: now + timedelta(days=10 - 20 * i / len(more)))
    assert StudyCard.objects.filter(user=user).count() == LARGE
    assert ReviewLog.objects.filter(user=user).count() == REVIEWS_PER_CARD * LARGE
    large = count_answer()
    assert large == small == ANSWER_QUERIES
