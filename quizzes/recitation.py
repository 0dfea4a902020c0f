"""Outline recitation (背提纲): an article's outline with one layer hidden, recalled group by group.

Level 1 hides the key points under every heading; level 2 also hides the subheadings under each
top heading; level 3 leaves only the title. The learner recalls a group, reveals it and rates the
recall; the rating is a review of the key-point cards (heading -> its points) of the group's sections.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from corpus.models import Article, KeyPoint, Paragraph, Section
from quizzes.models import StudyItem

POINTS, SUBHEADINGS, TITLE_ONLY = 1, 2, 3
LEVELS = {POINTS: _("隐藏要点"), SUBHEADINGS: _("隐藏小标题"), TITLE_ONLY: _("只留标题")}


@dataclass
class Line:
    text: str
    is_heading: bool
    level: int = 0


@dataclass
class Group:
    key: int  # the position of the group's first section; 0 for the whole article
    cue: str  # what stays visible
    lines: list[Line] = field(default_factory=list)  # what the learner recalls
    sections: list[int] = field(default_factory=list)


def outline_entries(article: Article) -> list[tuple[Section, list[str]]]:
    """Each section of the article with the texts of its key points, in two queries' worth of prefetch."""
    points = Prefetch("points", queryset=KeyPoint.objects.order_by("position"))
    paragraphs = Prefetch(
        "paragraphs", queryset=Paragraph.objects.order_by("position").prefetch_related(points)
    )
    sections = article.sections.order_by("position").prefetch_related(paragraphs)
    return [
        (
            section,
            [
                point.text
                for paragraph in section.paragraphs.all()
                for point in paragraph.points.all()
            ],
        )
        for section in sections
    ]


def levels_for(outline: list[tuple[Section, list[str]]]) -> list[int]:
    """The levels that hide something different: level 2 only when there are subheadings."""
    levels = [POINTS] if any(points for _, points in outline) else []
    if any(section.level >= Section.Level.SUBHEADING for section, _ in outline):
        levels.append(SUBHEADINGS)
    return levels + [TITLE_ONLY]


def groups_at(
    article: Article, outline: list[tuple[Section, list[str]]], level: int
) -> list[Group]:
    if level == TITLE_ONLY:
        whole = Group(0, article.title)
        for section, points in outline:
            _add(whole, section, points, with_heading=bool(section.heading))
        return [whole] if whole.lines else []
    groups: list[Group] = []
    for section, points in outline:
        starts_group = level == POINTS or section.level <= Section.Level.HEADING or not groups
        if starts_group:
            groups.append(Group(section.position, section.heading or str(_("导语"))))
            _add(groups[-1], section, points, with_heading=False)
        else:
            _add(groups[-1], section, points, with_heading=True)
    return [group for group in groups if group.lines]


def group_items(article: Article, group: Group):
    """The items that ask a group's key points, which its rating reviews: a section's list of
    points in order, or its key-point card where the points make no list."""
    points = Q(kind=StudyItem.Kind.KEYPOINTS) | Q(
        kind=StudyItem.Kind.ENUMERATION, paragraph__isnull=True, extra__ordered=True
    )
    return StudyItem.objects.active().filter(points, article=article, section__in=group.sections)


def _add(group: Group, section: Section, points: list[str], *, with_heading: bool) -> None:
    if with_heading:
        group.lines.append(Line(section.heading, True, section.level))
    group.lines.extend(Line(point, False, section.level) for point in points)
    group.sections.append(section.pk)
