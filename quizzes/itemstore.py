"""Outline rows to StudyItem rows: generate, then upsert by stable key, retiring what vanished."""

from collections import Counter, defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from corpus import parsing
from corpus.models import Article, Document, Paragraph, Section
from quizzes.models import Generation, LiveAnswer, PracticeAnswer, StudyItem

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
    "on_outline",
    "weight",
    "section",
    "paragraph",
    "status",
]
# What a learner sees of an item and its Anki note holds: a regeneration that changes one of
# these stamps updated_at, which the export reads (an unchanged item keeps its stamp).
CONTENT_FIELDS = ["kind", "prompt", "answers", "options", "cloze", "source", "status"]
# A wrong option no one picks in this many answers that offered it fools no one: the next
# regeneration replaces it. Answers count from the item's last change (its options since).
UNPICKED_AFTER = 30
# Where an item keeps the wrong options replaced so far, so that they do not come back.
REPLACED_OPTIONS = "replaced_options"


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
    unpicked = unpicked_options(document)
    room, capped = settings.DOCUMENT_MAX_ITEMS, 0
    try:
        for done, article in enumerate(articles, start=1):
            if room <= 0:  # the cap is reached: later articles get no items (the page says so)
                capped = settings.DOCUMENT_MAX_ITEMS
                break
            outline, sections, paragraphs = stored_outline(article)
            avoid = unpicked.get(article.pk, {})
            items = generation.generate(
                parsing.Outline(articles=[outline]), corpus_texts=corpus_texts, unpicked=avoid
            )
            if len(items) > room:
                items, capped = items[:room], settings.DOCUMENT_MAX_ITEMS
            room -= len(items)
            _store(article, items, sections, paragraphs, avoid)
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


def unpicked_options(document: Document) -> dict[int, dict[str, set[str]]]:
    """Per article and item key, the wrong options not to offer again: those replaced before,
    and those no one picked in UNPICKED_AFTER answers given by choosing (a practice test's or
    an assignment's, a live game's) since the item last changed. Two queries."""
    rows = (
        StudyItem.objects.of_document(document)
        .filter(origin=StudyItem.Origin.GENERATED, options__isnull=False)
        .values_list("pk", "article", "key", "options", "answers", "extra", "updated_at")
    )
    items = {
        pk: (article, key, set(options) - set(answers), set(extra.get(REPLACED_OPTIONS, ())), at)
        for pk, article, key, options, answers, extra, at in rows
    }
    answered: Counter[int] = Counter()
    picked: defaultdict[int, set[str]] = defaultdict(set)
    for item, given, shown_at in _chosen_answers(document):
        # An answer before the item's last change was given among other options.
        if given and item in items and shown_at >= items[item][4]:
            answered[item] += 1
            picked[item].update(given)
    unpicked: dict[int, dict[str, set[str]]] = {}
    for pk, (article, key, wrong, replaced, _) in items.items():
        never = wrong - picked[pk] if answered[pk] >= UNPICKED_AFTER else set()
        if replaced | never:
            unpicked.setdefault(article, {})[key] = replaced | never
    return unpicked


def _chosen_answers(document: Document):
    """(item, what was chosen, when its options were set) of each answer given by choosing:
    an assignment asks the version kept when it was set, a practice test the item as it was
    when it started; a live game asks only choice items as choices."""
    choice_kinds = list(StudyItem.CHOICE_KINDS)
    practice = (
        PracticeAnswer.objects.filter(
            Q(asked_as=StudyItem.Asked.CHOICE) | Q(item__kind__in=choice_kinds),
            item__article__document=document,
            test__finished_at__isnull=False,
            test__late=False,
        )
        .annotate(shown_at=Coalesce("test__assignment__created_at", "test__started_at"))
        .order_by()
        .values_list("item", "given", "shown_at")
    )
    live = (
        LiveAnswer.objects.filter(item__article__document=document, item__kind__in=choice_kinds)
        .order_by()
        .values_list("item", "given", "answered_at")
    )
    return practice.union(live, all=True).order_by()


def _store(
    article: Article,
    items,
    sections: list[Section],
    paragraphs: list[list[Paragraph]],
    unpicked: dict[str, set[str]],
) -> None:
    now = timezone.now()
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
                "extra": _extra(generated, unpicked.get(generated.key, set())),
                "on_outline": generated.outline,
                "weight": generated.weight,
                "section": sections[generated.section],
                "paragraph": (
                    paragraphs[generated.section][generated.paragraph]
                    if generated.paragraph is not None
                    else None
                ),
            }
            current = existing.get(generated.key)
            # A new item starts active when it is in the article's default study set, else
            # disabled (a teacher switches it on); a kept one keeps what a teacher made of it.
            fresh = StudyItem.Status.ACTIVE if generated.in_set else StudyItem.Status.DISABLED
            if current is None:
                to_create.append(
                    StudyItem(article=article, key=generated.key, status=fresh, **values)
                )
            elif current.origin == StudyItem.Origin.GENERATED:
                status = fresh if current.status == StudyItem.Status.RETIRED else current.status
                values["status"] = status
                if any(getattr(current, name) != values[name] for name in CONTENT_FIELDS):
                    current.updated_at = now
                for name, value in values.items():
                    setattr(current, name, value)
                to_update.append(current)
        StudyItem.objects.bulk_create(to_create, batch_size=500)
        StudyItem.objects.bulk_update(to_update, [*GENERATED_FIELDS, "updated_at"], batch_size=500)
        vanished = [
            item.pk
            for key, item in existing.items()
            if key not in seen
            and item.origin == StudyItem.Origin.GENERATED
            and item.status != StudyItem.Status.RETIRED
        ]
        StudyItem.objects.filter(pk__in=vanished).update(
            status=StudyItem.Status.RETIRED, updated_at=now
        )


def _extra(generated, unpicked: set[str]) -> dict:
    """The generated details, and the wrong options replaced so far (not those kept for want
    of another)."""
    extra = dict(generated.extra)
    if replaced := sorted(unpicked - set(generated.options or ())):
        extra[REPLACED_OPTIONS] = replaced
    return extra
