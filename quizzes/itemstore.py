"""Outline rows to StudyItem rows: generate, then upsert by stable key, retiring what vanished."""

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from corpus import parsing
from corpus.models import Article, Document, Paragraph, Section
from quizzes.models import Generation, StudyItem

# Fields a regeneration may rewrite; a teacher's edit (origin != generated) is left alone.
GENERATED_FIELDS = [
    "kind",
    "prompt",
    "answers",
    "options",
    "cloze",
    "source",
    "start",
    "end",
    "extra",
    "section",
    "paragraph",
    "status",
]


def stored_outline(
    article: Article,
) -> tuple[parsing.Article, list[Section], list[list[Paragraph]]]:
    """The stored article as the parser's outline, with the rows behind each index."""
    sections = list(article.sections.all())
    paragraphs = [list(section.paragraphs.all()) for section in sections]
    outline = parsing.Article(
        title=article.title,
        subtitle=article.subtitle or None,
        authors=list(article.authors),
        column=article.column or None,
        source=article.source or None,
        note=article.note or None,
        date=article.date_line or None,
        kicker=article.kicker or None,
        speakers=list(article.speakers),
        salutation=article.salutation or None,
        sections=[
            parsing.Section(
                level=section.level,
                heading=section.heading or None,
                paragraphs=[
                    parsing.Paragraph(
                        text=p.text,
                        points=[point.text for point in p.points.all()],
                        lists=[list(members) for members in p.lists],
                    )
                    for p in rows
                ],
            )
            for section, rows in zip(sections, paragraphs, strict=True)
        ],
    )
    return outline, sections, paragraphs


def items_generate(document: Document) -> Generation:
    """Generate the items of every article of a document, one article at a time for the progress bar."""
    from quizzes import generation  # jieba is loaded only where items are made

    articles = list(
        document.articles.prefetch_related(
            Prefetch("sections__paragraphs", queryset=Paragraph.objects.prefetch_related("points"))
        )
    )
    progress, _ = Generation.objects.update_or_create(
        document=document,
        defaults={
            "state": Generation.State.RUNNING,
            "done": 0,
            "total": len(articles),
            "error": "",
            "capped": 0,
        },
    )
    corpus_texts = Paragraph.objects.exclude(section__article__document=document).values_list(
        "text", flat=True
    )
    corpus_texts = list(corpus_texts[:20000])
    room, capped = settings.DOCUMENT_MAX_ITEMS, 0
    try:
        for done, article in enumerate(articles, start=1):
            if room <= 0:  # the cap is reached: later articles get no items (the page says so)
                capped = settings.DOCUMENT_MAX_ITEMS
                break
            outline, sections, paragraphs = stored_outline(article)
            items = generation.generate(
                parsing.Outline(articles=[outline]), corpus_texts=corpus_texts
            )
            if len(items) > room:
                items, capped = items[:room], settings.DOCUMENT_MAX_ITEMS
            room -= len(items)
            _store(article, items, sections, paragraphs)
            Generation.objects.filter(pk=progress.pk).update(done=done, updated_at=timezone.now())
    except Exception as error:
        Generation.objects.filter(pk=progress.pk).update(
            state=Generation.State.FAILED, error=repr(error)[:2000], updated_at=timezone.now()
        )
        raise
    Generation.objects.filter(pk=progress.pk).update(
        state=Generation.State.DONE, capped=capped, updated_at=timezone.now()
    )
    progress.refresh_from_db()
    return progress


def _store(
    article: Article, items, sections: list[Section], paragraphs: list[list[Paragraph]]
) -> None:
    with transaction.atomic():
        existing = {
            item.key: item for item in StudyItem.objects.select_for_update().filter(article=article)
        }
        seen, to_create, to_update = set(), [], []
        for generated in items:
            if generated.key in seen:
                continue
            seen.add(generated.key)
            values = {
                "kind": generated.kind,
                "prompt": generated.prompt,
                "answers": list(generated.answers),
                "options": list(generated.options) if generated.options is not None else None,
                "cloze": generated.cloze or "",
                "source": generated.source,
                "start": generated.start,
                "end": generated.end,
                "extra": dict(generated.extra),
                "section": sections[generated.section],
                "paragraph": (
                    paragraphs[generated.section][generated.paragraph]
                    if generated.paragraph is not None
                    else None
                ),
            }
            current = existing.get(generated.key)
            if current is None:
                to_create.append(StudyItem(article=article, key=generated.key, **values))
            elif current.origin == StudyItem.Origin.GENERATED:
                status = (
                    StudyItem.Status.ACTIVE
                    if current.status == StudyItem.Status.RETIRED
                    else current.status
                )
                for name, value in (values | {"status": status}).items():
                    setattr(current, name, value)
                to_update.append(current)
        StudyItem.objects.bulk_create(to_create, batch_size=500)
        StudyItem.objects.bulk_update(to_update, GENERATED_FIELDS, batch_size=500)
        vanished = [
            item.pk
            for key, item in existing.items()
            if key not in seen
            and item.origin == StudyItem.Origin.GENERATED
            and item.status != StudyItem.Status.RETIRED
        ]
        StudyItem.objects.filter(pk__in=vanished).update(status=StudyItem.Status.RETIRED)
