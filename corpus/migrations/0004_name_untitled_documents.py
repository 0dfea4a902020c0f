"""Documents saved before the importer named untitled texts (a speech that opens with 同志们：)
get the name it gives them now: the file's name, else the first heading, else the opening of the
first paragraph; their untitled articles take the document's title."""

from pathlib import PurePath

from django.db import migrations

OPENING = 30  # corpus.importing.UNTITLED_OPENING when this was written


def _name(document, Section, Paragraph) -> str:
    if PurePath(document.filename).stem:
        return PurePath(document.filename).stem
    sections = Section.objects.filter(article__document=document).order_by(
        "article__position", "position"
    )
    heading = sections.exclude(heading="").values_list("heading", flat=True).first()
    if heading:
        return heading
    opening = (
        Paragraph.objects.filter(section__in=sections)
        .order_by("section__article__position", "section__position", "position")
        .values_list("text", flat=True)
        .first()
        or ""
    )
    return opening[:OPENING] + ("…" if len(opening) > OPENING else "")


def name_untitled(apps, schema_editor) -> None:
    Document = apps.get_model("corpus", "Document")
    Article = apps.get_model("corpus", "Article")
    Section = apps.get_model("corpus", "Section")
    Paragraph = apps.get_model("corpus", "Paragraph")
    for document in Document.objects.filter(title=""):
        document.title = _name(document, Section, Paragraph)[:300]
        document.save(update_fields=["title"])
    for article in Article.objects.filter(title="").select_related("document"):
        article.title = article.document.title
        article.save(update_fields=["title"])


class Migration(migrations.Migration):
    dependencies = [("corpus", "0003_document_owner_visibility")]

    operations = [migrations.RunPython(name_untitled, migrations.RunPython.noop)]
