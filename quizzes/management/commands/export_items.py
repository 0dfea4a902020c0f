from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from corpus.models import Article, Document
from quizzes.exporting import FORMATS, export
from quizzes.models import StudyItem


class Command(BaseCommand):
    help = (
        "Export the active study items as JSON, as a tab-separated file for Anki's File > Import (csv), "
        "or every item as an Anki package (apkg), disabled and retired ones suspended."
    )

    def add_arguments(self, parser) -> None:
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--article", type=int, metavar="ID", help="only this article's items")
        scope.add_argument("--document", type=int, metavar="ID", help="only this document's items")
        parser.add_argument("--format", dest="fmt", required=True, choices=FORMATS)
        parser.add_argument(
            "--output", metavar="FILE", help="write here instead of to standard output"
        )

    def handle(
        self,
        *args,
        article: int | None,
        document: int | None,
        fmt: str,
        output: str | None,
        **options,
    ) -> None:
        if fmt == "apkg" and not output:
            raise CommandError(
                "--format apkg writes a binary package: give a file with --output FILE."
            )
        items = StudyItem.objects.all()
        if article is not None:
            found = Article.objects.select_related("document").filter(pk=article).first()
            if found is None:
                raise CommandError(f"There is no article with id {article}.")
            items = items.filter(article=found)
        elif document is not None:
            found = Document.objects.filter(pk=document).first()
            if found is None:
                raise CommandError(f"There is no document with id {document}.")
            items = items.of_document(found)
        content, _content_type, _extension = export(items, fmt)
        if output is None:
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror or error}") from error
        if fmt != "apkg":
            items = items.active()
        self.stdout.write(f"{output}: {items.count()} item(s) exported as {fmt}.")
