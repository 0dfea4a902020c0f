from django import template

register = template.Library()


@register.filter
def blank_line(size: int) -> str:
    """A blank as wide as its answer: ＿ once per character (学习强国 shows the size too)."""
    return "＿" * max(int(size or 0), 1)
