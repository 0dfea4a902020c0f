from django import template
from django.utils import timezone

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


@register.inclusion_tag("quizzes/includes/today.html", takes_context=True)
def today_card(context) -> dict:
    """What a signed-in learner has due today: the home page's next step."""
    from quizzes.study import next_card

    user = context["request"].user
    return {"today": next_card(user, timezone.now()) if user.is_authenticated else None}


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
