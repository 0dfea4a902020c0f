"""An owner's correction of a saved document's outline: kept, applied to the rows, items regenerated.

The rows are updated in place, matched by their text, so every section and paragraph the
correction does not touch keeps its id, and so do the items made from it: regeneration then
finds the same keys and changes only the items of the changed sections. Items whose source
is gone are retired with their history, as on any regeneration.
"""

from collections import defaultdict, deque

from django.db import transaction
from django.db.models import F, Q

from corpus import corrections, parsing
from corpus.models import Article, Document, KeyPoint, Paragraph, Section
from quizzes.itemstore import stored_outline
from quizzes.models import StudyItem
from quizzes.tasks import items_enqueue

POSITION_OFFSET = 1_000_000  # rows are moved out of the way of the unique positions first


def current_outline(document: Document) -> parsing.Outline:
    """The document's outline as saved (with every correction made so far)."""
    articles = document.articles.prefetch_related("sections__paragraphs__points")
    return parsing.Outline(articles=[stored_outline(article)[0] for article in articles])


def document_correct(*, document: Document, correction: dict) -> Document:
    """Apply one correction, keep it with the document, and regenerate the items.

    Raises corrections.CorrectionError when it does not fit the outline; nothing changes then.
    """
    if len(document.corrections) >= corrections.MAX_CORRECTIONS:
        raise corrections.CorrectionError("too_many")
    outline = corrections.apply_one(current_outline(document), correction)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        document.corrections = [*document.corrections, correction]
        document.save(update_fields=["corrections"])
        _rows_sync(document, outline)
        items_enqueue(document)
    return document


def _rows_sync(document: Document, outline: parsing.Outline) -> None:
    articles = list(document.articles.order_by("position"))
    sections = list(Section.objects.filter(article__document=document).order_by("pk"))
    paragraphs = list(Paragraph.objects.filter(section__article__document=document).order_by("pk"))
    Article.objects.filter(document=document).update(position=F("position") + POSITION_OFFSET)
    Section.objects.filter(pk__in=[s.pk for s in sections]).update(
        position=F("position") + POSITION_OFFSET
    )
    Paragraph.objects.filter(pk__in=[p.pk for p in paragraphs]).update(
        position=F("position") + POSITION_OFFSET
    )
    section_pool, paragraph_pool = defaultdict(deque), defaultdict(deque)
    for section in sections:
        section_pool[section.heading].append(section)
    for paragraph in paragraphs:
        paragraph_pool[paragraph.text].append(paragraph)
    kept_sections, kept_paragraphs, final_articles = set(), set(), []
    absorbed: dict[int, Article] = {}  # an old article's id -> the article its sections went to
    for number, parsed in enumerate(outline.articles, start=1):
        row = _article_row(articles, final_articles, parsed, outline, document)
        _article_fill(row, parsed, number)
        row.save()
        final_articles.append(row)
        for place, parsed_section in enumerate(parsed.sections, start=1):
            heading = parsed_section.heading or ""
            # A lead (no heading) is only ever its own article's: a new article gets a new one.
            section = _take(section_pool[heading], article_id=row.pk, strict=not heading)
            if section is None and not heading and place == 1:  # a split: the heading it was
                section = _take(section_pool[row.title], article_id=None)
            section = section or Section()
            if section.pk is not None:
                absorbed.setdefault(section.article_id, row)
            section.article, section.position = row, place
            section.level, section.heading = parsed_section.level, parsed_section.heading or ""
            section.save()
            kept_sections.add(section.pk)
            for position, parsed_paragraph in enumerate(parsed_section.paragraphs, start=1):
                paragraph = _take(paragraph_pool[parsed_paragraph.text], section_id=section.pk)
                paragraph = paragraph or Paragraph()
                paragraph.section, paragraph.position = section, position
                paragraph.text, paragraph.lists = parsed_paragraph.text, parsed_paragraph.lists
                paragraph.save()
                kept_paragraphs.add(paragraph.pk)
                _points_replace(paragraph, parsed_paragraph.points)
    for row in final_articles:
        _items_follow(row)
    Paragraph.objects.filter(
        pk__in=[p.pk for p in paragraphs if p.pk not in kept_paragraphs]
    ).delete()
    Section.objects.filter(pk__in=[s.pk for s in sections if s.pk not in kept_sections]).delete()
    for surplus in (a for a in articles if a not in final_articles):
        target = absorbed.get(surplus.pk, final_articles[-1])
        _items_move(StudyItem.objects.filter(article=surplus), target)
        surplus.delete()


def _take(pool: deque, *, strict: bool = False, **owner):
    """A row of the pool, one of the owner's first (same article, same section) when it has one."""
    ((name, value),) = owner.items()
    for row in pool:
        if getattr(row, name) == value:
            pool.remove(row)
            return row
    return None if strict or not pool else pool.popleft()


def _article_row(
    articles: list, taken: list, parsed: parsing.Article, outline: parsing.Outline, document
) -> Article:
    """The saved article this one is: the one with its title, else the next unused one whose
    title no article keeps, else a new one. So a learner's selections and a class's assignments
    stay with the article they chose."""
    unused = [a for a in articles if a not in taken]
    same_title = next((a for a in unused if a.title == (parsed.title or "")), None)
    if same_title is not None:
        return same_title
    kept = {article.title or "" for article in outline.articles}
    return next((a for a in unused if a.title not in kept), None) or Article(document=document)


def _article_fill(row: Article, parsed: parsing.Article, position: int) -> None:
    row.position, row.title = position, (parsed.title or "")[:300]
    if row.pk is None:  # a new article (a split) takes only its title and source
        row.source = (parsed.source or "")[:200]


def _points_replace(paragraph: Paragraph, points: list[str]) -> None:
    KeyPoint.objects.filter(paragraph=paragraph).delete()
    KeyPoint.objects.bulk_create(
        KeyPoint(
            paragraph=paragraph,
            position=index,
            text=point[:500],
            start=paragraph.text.find(point) if point in paragraph.text else None,
        )
        for index, point in enumerate(points, start=1)
    )


def _items_follow(article: Article) -> None:
    """Items whose paragraph or section moved to this article (a split or a merge) move with it."""
    moved = StudyItem.objects.filter(
        Q(paragraph__section__article=article) | Q(paragraph=None, section__article=article)
    ).exclude(article=article)
    _items_move(moved, article)


def _items_move(items, article: Article) -> None:
    taken = set(StudyItem.objects.filter(article=article).values_list("key", flat=True))
    for item in items:
        if item.key in taken:  # the same fact in both articles: the moved copy retires
            item.key = f"{item.key[:40]}~{item.pk}"
            item.status = StudyItem.Status.RETIRED
        item.article = article
        taken.add(item.key)
        item.save(update_fields=["article", "key", "status"])
