"""Study items out of 学而: JSON for other tools, a text file and a package for Anki.

Every function takes a list or a QuerySet of StudyItem. JSON and the text file export the
active items; the package exports every item, a disabled or retired one with its cards
suspended. A QuerySet is read in one query (articles, documents and sections joined) and put
in page order: documents by import, articles by position, items by creation. A list is
exported in the order given; fetch it with ``select_related("article__document", "section")``
or each item costs queries.

Both Anki exports give each item one note, whatever the download: the same GUID
(``item_guid``), note type and fields, in its article's deck (学而::<document>::<article>),
so importing either one again updates the notes already in a learner's collection instead of
adding copies.
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
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from corpus.models import Article
from quizzes.downloads import starts_formula
from quizzes.models import StudyItem

FORMATS = ("json", "csv", "apkg")

# Root of every deck name; Anki nests decks on "::" (学而::<document>::<article>).
DECK_ROOT = "学而"
DECK_SEPARATOR = "::"

# The note types of both Anki exports. The ids are what Anki matches note types by on
# import: they were chosen once at random and must never change, or every learner's next
# import would create a second pair of note types. The text file names the note types, so
# the names must not change either. Changing a note type's fields needs new ids and names:
# Anki keeps its own copy of a note type whose fields differ and refuses the notes of the new
# one as conflicting. The first pair ("学而 填空", 1442488934: Text, Source; "学而 问答",
# 1646712448: Front, Back, Source) had no field for options, and its GUIDs changed with the
# text: its notes stay in the collections of those who imported them and are not updated.
CLOZE_MODEL_ID = 1198212355
BASIC_MODEL_ID = 1404773104
CLOZE_MODEL_NAME = "学而 填空 v2"
BASIC_MODEL_NAME = "学而 问答 v2"
# When the note types' templates or style last changed (2026-12-02 00:00 UTC). Anki replaces
# its copy of a note type only by a newer one, so this moves forward with every change of the
# templates or the CSS, and only then: stamped with the export time, every import would
# rewrite both note types.
NOTE_TYPE_STAMP = 1796169600

# Namespace of the note GUIDs, so they cannot collide with another deck's.
GUID_NAMESPACE = "xueer"

_CARD_CSS = """\
.card { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif;
        font-size: 22px; line-height: 1.7; text-align: left; color: #1a1a1a; background: #fff; }
.cloze { font-weight: bold; color: #b3261e; }
.options { margin: 0.8em 0 0; padding-left: 1.6em; }
.answer-side .options .right { font-weight: bold; color: #1b5e20; }
.answer-side .options .right::after { content: " ✓"; }
.source { margin-top: 1em; font-size: 0.8em; color: #555; }
"""

# The Options field holds the options as a list, the right ones marked with class "right":
# the front shows the list as it is, the back inside .answer-side, where the mark shows.
_FRONT_OPTIONS = "{{#Options}}{{Options}}{{/Options}}"
_BACK_OPTIONS = '{{#Options}}<div class="answer-side">{{Options}}</div>{{/Options}}'

CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    CLOZE_MODEL_NAME,
    fields=[{"name": "Text"}, {"name": "Options"}, {"name": "Source"}],
    # The back shows only the filled-in sentence: for a cloze, Source is that same
    # sentence without markup, kept for searching in the browser.
    templates=[
        {
            "name": "填空",
            "qfmt": "{{cloze:Text}}" + _FRONT_OPTIONS,
            "afmt": "{{cloze:Text}}" + _BACK_OPTIONS,
        }
    ],
    css=_CARD_CSS,
    model_type=genanki.Model.CLOZE,
)

BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID,
    BASIC_MODEL_NAME,
    fields=[{"name": "Front"}, {"name": "Options"}, {"name": "Back"}, {"name": "Source"}],
    templates=[
        {
            "name": "问答",
            "qfmt": "{{Front}}" + _FRONT_OPTIONS,
            "afmt": "{{Front}}" + _BACK_OPTIONS + '<hr id="answer">{{Back}}'
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
CSV_COLUMNS = (
    "notetype",
    "deck",
    "guid",
    "tags",
    "Text/Front",
    "Options",
    "Source/Back",
    "Source",
)
CSV_HEADER = (
    "#separator:tab\n"
    "#html:true\n"
    "#notetype column:1\n"
    "#deck column:2\n"
    "#guid column:3\n"
    "#tags column:4\n"
    "#columns:" + "\t".join(CSV_COLUMNS) + "\n"
)


def export(items: Iterable[StudyItem], fmt: str) -> tuple[bytes, str, str]:
    """The export in one of FORMATS as (content, content type, file extension)."""
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
        return items_to_apkg(items), "application/octet-stream", "apkg"
    raise ValueError(f"Unknown export format {fmt!r}; expected one of: {', '.join(FORMATS)}.")


def items_to_json(items: Iterable[StudyItem]) -> str:
    """The active items as a UTF-8 JSON list (Chinese unescaped), one object per item:

    [
      {
        "id": "<item key: stable across regeneration, unique within its article>",
        "kind": "keypoints | cloze | definition | quote | number | choice | multi | enumeration",
        "article": "<article title>",
        "section": "<section heading>" or null (the lead, or no section),
        "prompt": "<what the learner sees; each blank written as ____>",
        "answers": ["<accepted answers in blank order, key points, members or correct options>"],
        "options": ["<every option in display order>"] (an item that can be asked as a
                   choice: choice, multi, and a blank with options of its own) or null,
        "cloze": "<the source sentence in Anki cloze syntax, 特别是{{c1::原创性}}>" (blank kinds) or null,
        "source": "<the source sentence>"
      }
    ]
    """
    return (
        json.dumps(
            [_item_dict(item) for item in _exported(items, inactive=False)],
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def items_to_csv(items: Iterable[StudyItem]) -> str:
    """The active items as a tab-separated text file for Anki's File > Import.

    The header lines (Anki 2.1.55+) set everything, so the import dialog needs no
    choices; the #columns names are separated by tabs:

        #separator:tab
        #html:true
        #notetype column:1
        #deck column:2
        #guid column:3
        #tags column:4
        #columns:notetype  deck  guid  tags  Text/Front  Options  Source/Back  Source

    Rows: note type (学而 填空 v2 or 学而 问答 v2), deck (学而::<document>::<article>), GUID
    (the .apkg's), tags (``xueer kind-<kind>``), then the note's fields: Text, Options,
    Source, "" for a cloze note; Front, Options, Back, Source for the others. Fields are
    HTML: text is escaped and line breaks become <br>; a field with a tab or a quote is
    quoted, CSV style. Anki skips rows whose note type it lacks, so import a .apkg once
    first (Anki installs the note types of the notes it brings). A text file cannot suspend
    a card, so disabled and retired items are left out: the .apkg brings them suspended.
    """
    out = io.StringIO()
    out.write(CSV_HEADER)
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for item in _exported(items, inactive=False):
        fields = _note_fields(item)
        padding = [""] * (len(CSV_COLUMNS) - 4 - len(fields))
        writer.writerow(
            [
                _model(item).name,
                article_deck_name(item.article),
                item_guid(item),
                " ".join(_tags(item)),
                *fields,
                *padding,
            ]
        )
    return out.getvalue()


def items_to_apkg(items: Iterable[StudyItem]) -> bytes:
    """The items as an Anki package (.apkg): both note types, one note per item.

    Each note goes in its article's deck, 学而::<document>::<article> (with the two decks
    above it), whichever download it came from. A disabled or retired item's card is
    suspended, so a learner's collection holds every fact and reviews the active ones.
    Each note is stamped with when its content last changed (``note_stamps``), the note types
    with NOTE_TYPE_STAMP and the decks with genanki's fixed stamp: importing an unchanged
    package again updates nothing, and a note edited in Anki since keeps the edit.
    """
    decks: dict[str, genanki.Deck] = {}
    root = _deck(decks, DECK_ROOT)
    # Both note types go in even when unused (Anki 25 installs only those its notes use).
    root.add_model(CLOZE_MODEL)
    root.add_model(BASIC_MODEL)
    exported = _exported(items, inactive=True)
    stamps = note_stamps(exported)
    for item in exported:
        note = genanki.Note(
            model=_model(item), fields=_note_fields(item), tags=_tags(item), guid=item_guid(item)
        )
        if item.status != StudyItem.Status.ACTIVE:
            for card in note.cards:
                card.suspend = True
        _deck(decks, article_deck_name(item.article)).add_note(note)
    # genanki's Package.write_to_file leaves its SQLite file behind in the system temp
    # folder; writing the collection here keeps every file inside one temp directory.
    with tempfile.TemporaryDirectory(prefix="xueer-apkg-") as folder:
        collection = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(collection)
        try:
            # genanki stamps notes, cards and note types alike; ids only need to be unique.
            genanki.Package(list(decks.values())).write_to_db(
                connection.cursor(), NOTE_TYPE_STAMP, itertools.count(int(time.time() * 1000))
            )
            connection.executemany(
                "UPDATE notes SET mod = ? WHERE guid = ?",
                [(stamp, guid) for guid, stamp in stamps.items()],
            )
            connection.execute(
                "UPDATE cards SET mod = (SELECT mod FROM notes WHERE notes.id = cards.nid)"
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
    """The item's Anki note GUID, the same in every export, on every server and for every
    version of its text.

    Keys are unique only within an article (a stock phrase makes the same key in many
    articles), so the GUID also names the article, by what outlives a revision of its text:
    its document's title, its own title, and which of the document's articles of that title
    it is. Not the text's digest: a revised text is a new document, and its unchanged facts
    must update the notes a learner has rather than add them again.
    """
    article = item.article
    return genanki.guid_for(
        GUID_NAMESPACE,
        _deck_part(article.document.title),
        _deck_part(article.title),
        _title_rank(item),
        item.key,
    )


def note_stamps(items: list[StudyItem]) -> dict[str, int]:
    """Each item's note GUID and when the note's content last changed, in seconds.

    Anki replaces a note it has only by a newer one, so the stamp moves only when the note
    would read differently: importing the same facts again updates nothing and leaves what
    the learner edited in Anki. An item's own stamp is when it was last saved; a revised
    text is a new document whose items are all new rows, so a fact that reads as it did in
    an earlier document of the same title keeps the stamp it had there (the earliest of the
    run of versions that read as this one does).
    """
    stamps = {item_guid(item): _saved_at(item) for item in items}
    if not items:
        return stamps
    earlier = _versions_elsewhere(items)
    for item in items:
        guid, note = item_guid(item), _note_content(item)
        for saved_at, content in earlier.get(guid, []):  # newest first
            if saved_at > stamps[guid]:
                continue
            if content != note:
                break
            stamps[guid] = saved_at
    return stamps


def _saved_at(item: StudyItem) -> int:
    return int(item.updated_at.timestamp())


def _note_content(item: StudyItem) -> tuple:
    """What Anki holds of the item's note: its note type, fields and tags."""
    return (_model(item).model_id, tuple(_note_fields(item)), tuple(_tags(item)))


def _versions_elsewhere(items: list[StudyItem]) -> dict[str, list[tuple[int, tuple]]]:
    """The notes other documents of the same titles make for the same GUIDs, newest first."""
    documents = {item.article.document_id for item in items}
    titles = {item.article.document.title for item in items}
    others = (
        StudyItem.objects.filter(article__document__title__in=titles)
        .exclude(article__document_id__in=documents)
        .select_related("article__document")
        .annotate(article_title_rank=_TITLE_RANK)
        .order_by("-updated_at")
    )
    wanted = {item_guid(item) for item in items}
    versions: dict[str, list[tuple[int, tuple]]] = {}
    for other in others:
        guid = item_guid(other)
        if guid in wanted:
            versions.setdefault(guid, []).append((_saved_at(other), _note_content(other)))
    return versions


def deck_id(deck_name: str) -> int:
    """A stable Anki deck id for a deck name, in the range genanki recommends."""
    digest = hashlib.sha256(f"{GUID_NAMESPACE}:deck:{deck_name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8]) % (1 << 30)


def article_deck_name(article: Article) -> str:
    """学而::<document title>::<article title>, the deck of every note of the article."""
    return DECK_SEPARATOR.join(
        [DECK_ROOT, _deck_part(article.document.title), _deck_part(article.title)]
    )


def _deck(decks: dict[str, genanki.Deck], name: str) -> genanki.Deck:
    """The deck of that name, made with the decks above it the first time it is asked for."""
    if name not in decks:
        parts = name.split(DECK_SEPARATOR)
        for depth in range(1, len(parts) + 1):
            path = DECK_SEPARATOR.join(parts[:depth])
            decks.setdefault(path, genanki.Deck(deck_id(path), path))
    return decks[name]


def _exported(items: Iterable[StudyItem], *, inactive: bool) -> list[StudyItem]:
    """The items to export, the disabled and retired ones too when ``inactive``."""
    if isinstance(items, QuerySet):
        if not inactive:
            items = items.filter(status=StudyItem.Status.ACTIVE)
        items = (
            items.select_related("article__document", "section")
            .annotate(article_title_rank=_TITLE_RANK)
            .order_by("article__document_id", "article__position", "id")
        )
    return [item for item in items if inactive or item.status == StudyItem.Status.ACTIVE]


# How many articles of the item's document before its own have its title (0 for most).
_TITLE_RANK = Coalesce(
    Subquery(
        Article.objects.filter(
            document=OuterRef("article__document"),
            title=OuterRef("article__title"),
            position__lt=OuterRef("article__position"),
        )
        .order_by()
        .values("document")
        .annotate(n=Count("pk"))
        .values("n")
    ),
    0,
)


def _title_rank(item: StudyItem) -> int:
    rank = getattr(item, "article_title_rank", None)
    if rank is None:
        article = item.article
        rank = Article.objects.filter(
            document_id=article.document_id, title=article.title, position__lt=article.position
        ).count()
    return rank


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


def _model(item: StudyItem) -> genanki.Model:
    return CLOZE_MODEL if _is_cloze(item) else BASIC_MODEL


def _note_fields(item: StudyItem) -> list[str]:
    """The note's fields as HTML: [Text, Options, Source] for a cloze note, [Front, Options,
    Back, Source] otherwise."""
    options = _options_html(item)
    if _is_cloze(item):
        return [_html(item.cloze), options, _html(item.source)]
    back = "<br>".join(_html(answer) for answer in item.answers)
    return [_html(item.prompt), options, back, _html(item.source)]


def _options_html(item: StudyItem) -> str:
    """The options in display order as a list, the right ones marked; empty without options."""
    if not item.options:
        return ""
    right = set(item.answers)
    return (
        '<ol class="options">'
        + "".join(
            f'<li class="right">{_html(option)}</li>'
            if option in right
            else f"<li>{_html(option)}</li>"
            for option in item.options
        )
        + "</ol>"
    )


def _tags(item: StudyItem) -> list[str]:
    """xueer, its kind, and status-disabled or status-retired when it is not active: Anki keeps
    a card suspended only when imported with "Import any learning progress", and never
    suspends the card of a note it already has, so the tag finds them (Browse: tag:status-*)."""
    tags = ["xueer", f"kind-{item.kind}"]
    if item.status != StudyItem.Status.ACTIVE:
        tags.append(f"status-{item.status}")
    return tags


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
