"""Study items out of 学而: JSON for other tools, a text file and a package for Anki.

Every function takes a list or a QuerySet of StudyItem and exports only the active
ones. A QuerySet is read in one query (articles, documents and sections joined) and
put in page order: documents by import, articles by position, items by creation.
A list is exported in the order given; fetch it with ``select_related("article__document",
"section")`` or each item costs queries.

The text file and the package give each item the same Anki note, with the same GUID
(``item_guid``), note type and fields, so importing either one again updates the notes
already in a learner's collection instead of adding copies.
"""

import csv
import hashlib
import html
import io
import itertools
import json
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

import genanki
from django.db.models import QuerySet

from corpus.models import Article, Document
from quizzes.downloads import starts_formula
from quizzes.models import StudyItem

FORMATS = ("json", "csv", "apkg")

# Root of every deck name; Anki nests decks on "::" (学而::<document>::<article>).
DECK_ROOT = "学而"
DECK_SEPARATOR = "::"

# The note types of both Anki exports. The ids are what Anki matches note types by
# on import: they were chosen once at random and must never change, or every learner's
# next import would create a second pair of note types. The text file names the note
# types, so the names must not change either.
CLOZE_MODEL_ID = 1442488934
BASIC_MODEL_ID = 1646712448
CLOZE_MODEL_NAME = "学而 填空"
BASIC_MODEL_NAME = "学而 问答"

# Namespace of the note GUIDs, so they cannot collide with another deck's.
GUID_NAMESPACE = "xueer"

_CARD_CSS = """\
.card { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif;
        font-size: 22px; line-height: 1.7; text-align: left; color: #1a1a1a; background: #fff; }
.cloze { font-weight: bold; color: #b3261e; }
.source { margin-top: 1em; font-size: 0.8em; color: #555; }
"""

CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    CLOZE_MODEL_NAME,
    fields=[{"name": "Text"}, {"name": "Source"}],
    # The back shows only the filled-in sentence: for a cloze, Source is that same
    # sentence without markup, kept for searching in the browser.
    templates=[{"name": "填空", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}"}],
    css=_CARD_CSS,
    model_type=genanki.Model.CLOZE,
)

BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID,
    BASIC_MODEL_NAME,
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
    templates=[
        {
            "name": "问答",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'
            '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}',
        }
    ],
    css=_CARD_CSS,
)

# An Anki cloze deletion ({{c1::…}}); an item without one cannot be a cloze note.
_CLOZE_DELETION = re.compile(r"\{\{c\d+::")

# The text file: one header line per setting Anki 2.1.55+ reads (File > Import), then
# one row per note. With a note type column, Anki fills each note's fields from the
# remaining columns in order, so a cloze row leaves the last column empty.
CSV_COLUMNS = ("notetype", "deck", "guid", "tags", "Text/Front", "Source/Back", "Source")
CSV_HEADER = (
    "#separator:tab\n"
    "#html:true\n"
    "#notetype column:1\n"
    "#deck column:2\n"
    "#guid column:3\n"
    "#tags column:4\n"
    "#columns:" + "\t".join(CSV_COLUMNS) + "\n"
)


def export(items: Iterable[StudyItem], fmt: str, *, deck_name: str) -> tuple[bytes, str, str]:
    """The export in one of FORMATS as (content, content type, file extension).

    ``deck_name`` names the deck of the .apkg package; the other formats ignore it.
    """
    if fmt == "json":
        return items_to_json(items).encode("utf-8"), "application/json", "json"
    if fmt == "csv":
        # Tab-separated, so .tsv, one of the endings Anki's importer accepts; plain
        # UTF-8 without a byte-order mark, as Anki expects.
        return (
            items_to_csv(items).encode("utf-8"),
            "text/tab-separated-values; charset=utf-8",
            "tsv",
        )
    if fmt == "apkg":
        return items_to_apkg(items, deck_name=deck_name), "application/octet-stream", "apkg"
    raise ValueError(f"Unknown export format {fmt!r}; expected one of: {', '.join(FORMATS)}.")


def items_to_json(items: Iterable[StudyItem]) -> str:
    """The items as a UTF-8 JSON list (Chinese unescaped), one object per item:

    [
      {
        "id": "<item key: stable across regeneration, unique within its article>",
        "kind": "keypoints | cloze | definition | quote | number | choice | multi | enumeration",
        "article": "<article title>",
        "section": "<section heading>" or null (the lead, or no section),
        "prompt": "<what the learner sees; each blank written as ____>",
        "answers": ["<accepted answers in blank order, key points, members or correct options>"],
        "options": ["<every option in display order>"] (choice, multi) or null,
        "cloze": "<the source sentence in Anki cloze syntax, 特别是{{c1::原创性}}>" (blank kinds) or null,
        "source": "<the source sentence>"
      }
    ]
    """
    return (
        json.dumps([_item_dict(item) for item in _active(items)], ensure_ascii=False, indent=2)
        + "\n"
    )


def items_to_csv(items: Iterable[StudyItem]) -> str:
    """The items as a tab-separated text file for Anki's File > Import.

    The header lines (Anki 2.1.55+) set everything, so the import dialog needs no
    choices; the #columns names are separated by tabs:

        #separator:tab
        #html:true
        #notetype column:1
        #deck column:2
        #guid column:3
        #tags column:4
        #columns:notetype  deck  guid  tags  Text/Front  Source/Back  Source

    Rows: note type (学而 填空 or 学而 问答), deck (学而::<document>::<article>), GUID
    (the .apkg's), tags (``xueer kind-<kind>``), then the note's fields: Text, Source, ""
    for a cloze note; Front, Back, Source for the others. Fields are HTML: text is
    escaped and line breaks become <br>; a field with a tab or a quote is quoted, CSV
    style. Anki skips rows whose note type it lacks, so import a .apkg once first (even
    an empty one brings both note types).
    """
    out = io.StringIO()
    out.write(CSV_HEADER)
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for item in _active(items):
        fields = _note_fields(item)
        model = CLOZE_MODEL if _is_cloze(item) else BASIC_MODEL
        padding = [""] * (len(CSV_COLUMNS) - 4 - len(fields))
        writer.writerow(
            [
                model.name,
                article_deck_name(item.article),
                item_guid(item),
                " ".join(_tags(item)),
                *fields,
                *padding,
            ]
        )
    return out.getvalue()


def items_to_apkg(items: Iterable[StudyItem], *, deck_name: str) -> bytes:
    """The items as an Anki package (.apkg): one deck, both note types, one note per item."""
    deck = genanki.Deck(deck_id(deck_name), deck_name)
    # Both note types go in even when unused, so an empty package still installs
    # the note types the text file names.
    deck.add_model(CLOZE_MODEL)
    deck.add_model(BASIC_MODEL)
    for item in _active(items):
        model = CLOZE_MODEL if _is_cloze(item) else BASIC_MODEL
        deck.add_note(
            genanki.Note(
                model=model, fields=_note_fields(item), tags=_tags(item), guid=item_guid(item)
            )
        )
    # genanki's Package.write_to_file leaves its SQLite file behind in the system temp
    # folder; writing the collection here keeps every file inside one temp directory.
    with tempfile.TemporaryDirectory(prefix="xueer-apkg-") as folder:
        collection = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(collection)
        try:
            timestamp = time.time()
            genanki.Package(deck).write_to_db(
                connection.cursor(), timestamp, itertools.count(int(timestamp * 1000))
            )
            connection.commit()
        finally:
            connection.close()
        package = Path(folder) / "export.apkg"
        with zipfile.ZipFile(package, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(collection, "collection.anki2")
            archive.writestr("media", "{}")  # no media files
        return package.read_bytes()


def item_guid(item: StudyItem) -> str:
    """The item's Anki note GUID, the same in every export and on every server.

    Keys are unique only within an article (a stock phrase makes the same key in many
    articles), so the GUID also names the article: by its document's text digest and
    its position, which outlive database ids.
    """
    return genanki.guid_for(
        GUID_NAMESPACE, item.article.document.sha256, item.article.position, item.key
    )


def deck_id(deck_name: str) -> int:
    """A stable Anki deck id for a deck name, in the range genanki recommends."""
    digest = hashlib.sha256(f"{GUID_NAMESPACE}:deck:{deck_name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8]) % (1 << 30)


def deck_name_for(*, document: Document | None = None, article: Article | None = None) -> str:
    """学而, 学而::<document title> or 学而::<document title>::<article title>."""
    if article is not None:
        return article_deck_name(article)
    if document is not None:
        return DECK_SEPARATOR.join([DECK_ROOT, _deck_part(document.title)])
    return DECK_ROOT


def article_deck_name(article: Article) -> str:
    return DECK_SEPARATOR.join(
        [DECK_ROOT, _deck_part(article.document.title), _deck_part(article.title)]
    )


def _active(items: Iterable[StudyItem]) -> list[StudyItem]:
    if isinstance(items, QuerySet):
        items = (
            items.filter(status=StudyItem.Status.ACTIVE)
            .select_related("article__document", "section")
            .order_by("article__document_id", "article__position", "id")
        )
    return [item for item in items if item.status == StudyItem.Status.ACTIVE]


def _item_dict(item: StudyItem) -> dict:
    return {
        "id": item.key,
        "kind": item.kind,
        "article": item.article.title,
        "section": (item.section.heading or None) if item.section else None,
        "prompt": item.prompt,
        "answers": list(item.answers),
        "options": list(item.options) if item.options is not None else None,
        "cloze": item.cloze or None,
        "source": item.source,
    }


def _is_cloze(item: StudyItem) -> bool:
    return bool(_CLOZE_DELETION.search(item.cloze))


def _note_fields(item: StudyItem) -> list[str]:
    """The note's fields as HTML: [Text, Source] for a cloze note, [Front, Back, Source] otherwise."""
    if _is_cloze(item):
        return [_html(item.cloze), _html(item.source)]
    front = _html(item.prompt)
    if item.options:
        front += "<ol>" + "".join(f"<li>{_html(option)}</li>" for option in item.options) + "</ol>"
    back = "<br>".join(_html(answer) for answer in item.answers)
    return [front, back, _html(item.source)]


def _tags(item: StudyItem) -> list[str]:
    return ["xueer", f"kind-{item.kind}"]


def _html(text: str) -> str:
    """Plain text as an Anki field: &, < and > escaped, line breaks as <br>.

    A field that starts like a spreadsheet formula (= + - @, quizzes.downloads) starts with
    that character as an HTML character reference instead: Anki shows the same text, and the
    .tsv opened in Excel or WPS runs nothing.
    """
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    field = html.escape(text, quote=False).replace("\n", "<br>")
    if starts_formula(field):
        field = f"&#{ord(field[0])};{field[1:]}"
    return field


def _deck_part(title: str) -> str:
    # "::" inside a title would nest a deck; whitespace runs (tabs, newlines) become one space.
    return " ".join(title.replace(DECK_SEPARATOR, ":").split())
