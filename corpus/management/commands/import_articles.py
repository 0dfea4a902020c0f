import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from corpus import parsing
from corpus.importing import ImportFailed, document_import, document_preview, items_regenerate


class Command(BaseCommand):
    help = (
        "Import newspaper pages or reports (.txt/.md; UTF-8, GB18030 or UTF-16) into the library."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="parse only; save nothing")
        parser.add_argument(
            "--json", action="store_true", help="print the parsed outline as one JSON object"
        )
        parser.add_argument(
            "--regenerate",
            action="store_true",
            help="generate the study items of a file already imported again (keys stay)",
        )

    def handle(
        self, *args, files: list[str], dry_run: bool, json: bool, regenerate: bool, **options
    ) -> None:
        documents, failures = [], 0
        for name in files:
            try:
                data = Path(name).read_bytes()
                preview = document_preview(data=data, look_up=not dry_run)
            except OSError as error:
                failures += 1
                self.stderr.write(f"{name}: {error.strerror or error}")
                continue
            except ImportFailed as error:
                failures += 1
                self.stderr.write(f"{name}: {error.message}")
                continue
            documents.append(
                {
                    "file": name,
                    "encoding": preview.encoding,
                    **parsing.outline_to_dict(preview.outline),
                }
            )
            if dry_run:
                if not json:
                    self._describe(name, preview.outline)
                continue
            result = document_import(preview=preview, filename=name)
            verb = "imported" if result.created else "already imported"
            if regenerate and not result.created:
                items_regenerate(result.document)
                verb = "already imported; its items generated again"
            self.stdout.write(
                f"{name}: {verb} as document {result.document.pk} ({result.document.get_absolute_url()})"
            )
        if json:
            self.stdout.write(_dumps({"documents": documents}))
        if failures:
            raise CommandError(f"{failures} of {len(files)} file(s) could not be imported.")

    def _describe(self, name: str, outline: parsing.Outline) -> None:
        self.stdout.write(f"{name}: {len(outline.articles)} article(s)")
        for article in outline.articles:
            points = sum(len(section.points) for section in article.sections)
            self.stdout.write(
                f"  {article.title} ({'、'.join(article.authors)}): "
                f"{len(article.sections)} section(s), {points} key point(s)"
            )


def _dumps(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
