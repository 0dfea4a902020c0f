"""Deleting a document: its owner may, while it holds nobody else's work.

Another learner's cards and answers, a class's assignment or a live game on it would be lost
with it; so would a generation half done. Those hold the document, and its owner is told what
holds it (and that making it private stops other people's study of it without deleting
anything). What goes with the document is the owner's own: their cards, reviews and tests."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from corpus.models import Document
from quizzes.models import (
    Assignment,
    Generation,
    LiveSession,
    PracticeTest,
    ReviewLog,
    StudyCard,
    StudySelection,
)


@dataclass(frozen=True)
class Holds:
    """What deleting a document would take from others (each blocks it), and from its owner."""

    learners: int  # other people with cards, reviews or tests on it, or studying it
    assignments: int
    live_games: int
    generating: bool
    own_cards: int
    own_tests: int

    @property
    def blocked(self) -> bool:
        return bool(self.learners or self.assignments or self.live_games or self.generating)


def document_holds(document: Document) -> Holds:
    owner = document.owner_id
    on_it = Q(item__article__document=document)
    others = set(StudyCard.objects.filter(on_it).exclude(user=owner).values_list("user", flat=True))
    others |= set(
        ReviewLog.objects.filter(on_it).exclude(user=owner).values_list("user", flat=True)
    )
    others |= set(
        PracticeTest.objects.filter(article__document=document)
        .exclude(user=owner)
        .values_list("user", flat=True)
    )
    others |= set(
        StudySelection.objects.filter(article__document=document)
        .exclude(user=owner)
        .values_list("user", flat=True)
    )
    generation = Generation.objects.filter(document=document).first()
    return Holds(
        learners=len(others),
        assignments=Assignment.objects.filter(article__document=document).count(),
        live_games=LiveSession.objects.filter(article__document=document).count(),
        # A generation that stopped moving holds nothing: nothing runs to be cut short.
        generating=generation is not None and generation.is_running and not generation.is_stalled,
        own_cards=StudyCard.objects.filter(on_it, user=owner).count(),
        own_tests=PracticeTest.objects.filter(article__document=document, user=owner).count(),
    )


def document_delete(document: Document) -> Holds:
    """Delete the document unless something holds it; returns the holds it was judged by."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().filter(pk=document.pk).first()
        if locked is None:
            return Holds(0, 0, 0, False, 0, 0)
        holds = document_holds(locked)
        if not holds.blocked:
            locked.delete()
    return holds
