"""One item per fact: today's twins merged into one item each, with every learner's history.

A single choice on a blank (extra.base cloze/quote/number) is the blank fact asked another
way: its options move to the blank item. A key-point card with an enumeration of the same
heading asks the same points: the enumeration stays. A definition card whose term a cloze of
the same sentence blanks asks that cloze in reverse: the cloze stays. The survivor keeps its
key; the twin is retired (kept, so live answers and old test results that name it still
read as they were asked).

A learner's card on the twin moves to the survivor with its reviews. A learner with cards on
both keeps one card holding the reviews of both, in review time order: the card's FSRS state
is that of the more-reviewed card (ties: the one reviewed last), reps and lapses add up.
Replaying the merged answers through FSRS would rewrite each review's `previous` snapshot
that undo restores, for one or two cards per fact; the state of the card the learner
practised most is the better guess of what they remember.

Practice answers move to the survivor, asked the way the twin asked them (a choice stays a
choice), unless the test already asks the survivor; assignments name the survivor instead,
with the twin's kept version (so they ask as they were set).
Items a teacher edited or added are left as they are.
"""

import django.db.models.deletion
from django.db import migrations, models

GENERATED = "generated"
RETIRED = "retired"
BLANK_KINDS = ("cloze", "quote", "number")


def twins_of(items):
    """(twin, survivor) pairs among one article's generated items."""
    blanks = {
        (item.kind, item.source, tuple(item.answers)): item
        for item in items
        if item.kind in BLANK_KINDS
    }
    enumerations = {
        (item.section_id, item.source): item
        for item in items
        if item.kind == "enumeration" and item.paragraph_id is None
    }
    term_clozes = [
        item
        for item in items
        if item.kind == "cloze" and (item.extra or {}).get("from") == "definition"
    ]
    for item in items:
        extra = item.extra or {}
        survivor = None
        if item.kind == "choice" and extra.get("base") in BLANK_KINDS:
            survivor = blanks.get((extra["base"], item.source, tuple(item.answers)))
        elif item.kind == "keypoints":
            survivor = enumerations.get((item.section_id, item.source))
        elif item.kind == "definition" and extra.get("term"):
            survivor = next(
                (
                    cloze
                    for cloze in term_clozes
                    if cloze.paragraph_id == item.paragraph_id
                    and cloze.answers == [extra["term"]]
                    and (cloze.source in item.source or item.source in cloze.source)
                ),
                None,
            )
        if survivor is not None:
            yield item, survivor


def card_merge(apps, kept, dropped) -> None:
    """Two cards of one learner on one fact become `kept`, with the reviews of both."""
    ReviewLog = apps.get_model("quizzes", "ReviewLog")
    if (dropped.reps, dropped.last_review or dropped.due) > (
        kept.reps,
        kept.last_review or kept.due,
    ):
        for name in (
            "state",
            "step",
            "stability",
            "difficulty",
            "due",
            "last_review",
            "mastered_until",
        ):
            setattr(kept, name, getattr(dropped, name))
    kept.reps += dropped.reps
    kept.lapses += dropped.lapses
    kept.save()
    ReviewLog.objects.filter(card=dropped).update(card=kept, item_id=kept.item_id)
    # The fact was new once: at its first answer. (Undo takes a card back with a "new" review.)
    reviews = list(ReviewLog.objects.filter(card=kept).order_by("reviewed_at", "pk"))
    for index, review in enumerate(reviews):
        review.was_new = index == 0
    ReviewLog.objects.bulk_update(reviews, ["was_new"])
    dropped.delete()


def twin_merge(apps, twin, survivor) -> None:
    StudyCard = apps.get_model("quizzes", "StudyCard")
    ReviewLog = apps.get_model("quizzes", "ReviewLog")
    PracticeAnswer = apps.get_model("quizzes", "PracticeAnswer")
    ItemFlag = apps.get_model("quizzes", "ItemFlag")
    for card in StudyCard.objects.filter(item=twin):
        other = StudyCard.objects.filter(item=survivor, user_id=card.user_id).first()
        if other is None:
            card.item = survivor
            card.save(update_fields=["item"])
            ReviewLog.objects.filter(card=card).update(item=survivor)
        else:
            card_merge(apps, other, card)
    ReviewLog.objects.filter(item=twin).update(item=survivor)  # reviews whose card is gone
    asked_as = "choice" if twin.kind == "choice" else "typed"
    asking_survivor = PracticeAnswer.objects.filter(item=survivor).values("test")
    PracticeAnswer.objects.filter(item=twin).exclude(test__in=asking_survivor).update(
        item=survivor, asked_as=asked_as
    )
    flagged = ItemFlag.objects.filter(item=survivor, resolved_at__isnull=True).values("user")
    ItemFlag.objects.filter(item=twin).exclude(
        models.Q(resolved_at__isnull=True) & models.Q(user__in=flagged)
    ).update(item=survivor)
    if twin.kind == "choice" and survivor.options is None and survivor.origin == GENERATED:
        survivor.options = twin.options
        survivor.extra = {**survivor.extra, "choice_hint": (twin.extra or {}).get("hint", "")}
        survivor.save(update_fields=["options", "extra"])
    twin.status = RETIRED
    twin.save(update_fields=["status"])


def assignments_rename(apps, renamed: dict[int, int]) -> None:
    Assignment = apps.get_model("quizzes", "Assignment")
    for assignment in Assignment.objects.all():
        if not renamed.keys() & set(assignment.item_ids):
            continue
        ids, versions = [], dict(assignment.versions)
        for item_id in assignment.item_ids:
            new_id = renamed.get(item_id, item_id)
            if new_id != item_id and str(item_id) in versions:
                version = versions.pop(str(item_id))
                versions.setdefault(str(new_id), version)
            if new_id not in ids:
                ids.append(new_id)
        assignment.item_ids, assignment.versions = ids, versions
        assignment.save(update_fields=["item_ids", "versions"])


def outline_mark(apps) -> None:
    """Items made from a title, a heading or a key point (siblings wait on them)."""
    StudyItem = apps.get_model("quizzes", "StudyItem")
    KeyPoint = apps.get_model("corpus", "KeyPoint")
    StudyItem.objects.filter(paragraph__isnull=True).update(on_outline=True)
    points = set(KeyPoint.objects.values_list("paragraph_id", "text"))
    marked = [
        pk
        for pk, paragraph, source in StudyItem.objects.filter(paragraph__isnull=False).values_list(
            "pk", "paragraph", "source"
        )
        if (paragraph, source.rstrip("。；;！？")) in points or (paragraph, source) in points
    ]
    StudyItem.objects.filter(pk__in=marked).update(on_outline=True)


def twins_merge(apps, schema_editor) -> None:
    StudyItem = apps.get_model("quizzes", "StudyItem")
    outline_mark(apps)
    renamed = {}
    articles = StudyItem.objects.filter(kind__in=["choice", "keypoints", "definition"]).values(
        "article"
    )
    for article_id in set(articles.values_list("article", flat=True)):
        items = list(
            StudyItem.objects.filter(article_id=article_id, origin=GENERATED).exclude(
                status=RETIRED
            )
        )
        for twin, survivor in list(twins_of(items)):
            twin_merge(apps, twin, survivor)
            renamed[twin.pk] = survivor.pk
    assignments_rename(apps, renamed)


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0003_document_owner_visibility"),
        ("quizzes", "0013_owners_versions_signups"),
    ]

    operations = [
        migrations.AddField(
            model_name="learnersettings",
            name="prefer_choice",
            field=models.BooleanField(
                default=False,
                help_text="有备选项的填空题以单选题的方式提问（默认手写作答）。",
                verbose_name="填空题以选择题出现",
            ),
        ),
        migrations.AddField(
            model_name="practiceanswer",
            name="asked_as",
            field=models.CharField(
                choices=[("typed", "填写"), ("choice", "选择")], default="typed", max_length=10
            ),
        ),
        migrations.AddField(
            model_name="reviewlog",
            name="outline_section",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="corpus.section",
            ),
        ),
        migrations.AddField(
            model_name="studyitem",
            name="on_outline",
            field=models.BooleanField(default=False, verbose_name="来自提纲"),
        ),
        migrations.AddField(
            model_name="studyitem",
            name="weight",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="权重"),
        ),
        migrations.RunPython(twins_merge, migrations.RunPython.noop),
    ]
