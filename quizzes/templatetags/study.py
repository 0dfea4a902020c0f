from django import template

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
