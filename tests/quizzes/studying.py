"""Helpers for the tests that answer cards through the study views."""

from datetime import UTC, datetime

from django.urls import reverse

from quizzes.models import StudyItem
from quizzes.study import new_token

START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


def answer(client, item, **data):
    return client.post(
        reverse("quizzes:study_answer", args=[item.pk]), {"token": new_token(), **data}
    )


def keypoints(article) -> StudyItem:
    return StudyItem.objects.filter(article=article, kind="keypoints").first()
