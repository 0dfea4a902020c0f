from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import zip_longest

from django import template
from django.utils import timezone

from quizzes.roles import is_teacher

register = template.Library()


@register.filter
def blank_line(size: int) -> str:
    """A blank as wide as its answer: ＿ once per character (学习强国 shows the size too)."""
    return "＿" * max(int(size or 0), 1)


@register.filter
def timeuntil_interval(interval) -> str:
    """A rating button's next interval, short: 10分钟, 3小时, 4天, 2.5个月 (and English)."""
    from django.utils.translation import gettext, ngettext

    minutes = max(interval.total_seconds() / 60, 0)
    if minutes < 60:
        count = max(round(minutes), 1)
        return ngettext("%(count)d 分钟", "%(count)d 分钟", count) % {"count": count}
    if minutes < 60 * 24:
        count = round(minutes / 60)
        return ngettext("%(count)d 小时", "%(count)d 小时", count) % {"count": count}
    days = minutes / (60 * 24)
    if days < 30:
        count = round(days)
        return ngettext("%(count)d 天", "%(count)d 天", count) % {"count": count}
    return gettext("%(count).1f 个月") % {"count": days / 30}


# The study parts of the reading pages (corpus knows nothing of study): a signed-in learner
# sees their day's cards on the library and their mastery on an article's outline.


@register.filter
def owned_by(document, user) -> bool:
    """Whether the user corrects the document's outline and edits its items."""
    return document.is_owned_by(user)


@dataclass
class TypedAgainst:
    """One typed answer beside the right one, cut into runs: (text, same) where `same` says
    whether the run is in both; the typed runs not in the answer are what was wrong, the
    answer's runs not typed what was missing."""

    typed: list[tuple[str, bool]]
    answer: list[tuple[str, bool]]


@register.filter
def typed_against(given: list[str], answers: list[str]) -> list[TypedAgainst]:
    """What the learner typed in each slot, against that slot's answer, character by character."""
    rows = []
    for typed, answer in zip_longest(given or [], answers or [], fillvalue=""):
        matcher = SequenceMatcher(None, typed, answer, autojunk=False)
        typed_runs, answer_runs = [], []
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if a2 > a1:
                typed_runs.append((typed[a1:a2], op == "equal"))
            if b2 > b1:
                answer_runs.append((answer[b1:b2], op == "equal"))
        rows.append(TypedAgainst(typed_runs, answer_runs))
    return rows


@register.inclusion_tag("quizzes/includes/today.html", takes_context=True)
def today_card(context) -> dict:
    """The home page's next step for each visitor: what 学而 is and how to begin (signed out),
    what to choose first (a learner with nothing chosen: an article or a class; a teacher: a
    text to import or a class to create), or what is due today."""
    from quizzes.models import StudySelection
    from quizzes.study import next_card

    user = context["request"].user
    if not user.is_authenticated:
        return {"visitor": True}
    teacher = user.is_superuser or is_teacher(user)
    if not StudySelection.objects.filter(user=user).exists():
        return {"first_step": True, "teacher": teacher}
    return {"today": next_card(user, timezone.now())}


@register.inclusion_tag("quizzes/includes/study_button.html", takes_context=True)
def study_button(context, article) -> dict:
    """学这篇 on an article's page, or 继续学习 once the learner studies it."""
    from quizzes.models import StudySelection

    user = context["request"].user
    chosen = (
        user.is_authenticated and StudySelection.objects.filter(user=user, article=article).exists()
    )
    return {"article": article, "chosen": chosen, "signed_in": user.is_authenticated}


@register.simple_tag(takes_context=True)
def with_mastery(context, article, sections: list) -> list:
    """The article's sections, each with the signed-in learner's mastery of it (or None)."""
    from quizzes.progress import mastery

    user = context["request"].user
    held = {}
    if user.is_authenticated:
        entries = mastery(user, [article], timezone.now())
        held = {row.section.pk: row for entry in entries for row in entry.sections}
    for section in sections:
        section.mastery = held.get(section.pk)
    return sections
