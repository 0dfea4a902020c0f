import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import genanki
import pytest

from corpus.models import Paragraph, Section
from quizzes import exporting
from quizzes.itemstore import items_generate
from quizzes.models import StudyItem
from tests.corpus.samples import LIBRARY_PAGE, LIBRARY_TITLE, make_document

CLOZE_SOURCE = "推动县级图书馆与乡镇文化站、村级农家书屋互联互通，实现图书通借通还。"
CLOZE_TEXT = "推动县级图书馆与乡镇文化站、村级农家书屋{{c1::互联互通}}，实现图书通借通还。"
TRICKY = 'A<b>\t"引号"\n第二行 & 更多'
CSV_HEADER_LINES = [
    "#separator:tab",
    "#html:true",
    "#notetype column:1",
    "#deck column:2",
    "#guid column:3",
    "#tags column:4",
    "#columns:notetype\tdeck\tguid\ttags\tText/Front\tOptions\tSource/Back\tSource",
]
CHOICE_OPTIONS = '<ol class="options"><li>每周</li><li class="right">每月</li><li>每季度</li></ol>'


def make_item(article, *, key: str, kind: str = "definition", section=None, **fields) -> StudyItem:
    values = {"prompt": f"{key} 的题面", "answers": ["答案"], "source": f"{key} 的原句"} | fields
    return StudyItem.objects.create(article=article, section=section, key=key, kind=kind, **values)


def make_items(document) -> dict[str, StudyItem]:
    """One active item of every kind (the cloze and choice ones spelled out), plus a disabled and a retired one."""
    StudyItem.objects.all().delete()  # whatever the import generated; these tests make their own
    article = document.articles.get()
    lead, network, _quality = Section.objects.filter(article=article)
    items = {
        "cloze": make_item(
            article,
            key="k-cloze",
            kind="cloze",
            section=network,
            prompt="推动县级图书馆与乡镇文化站、村级农家书屋____，实现图书通借通还。",
            answers=["互联互通"],
            cloze=CLOZE_TEXT,
            source=CLOZE_SOURCE,
        ),
        "choice": make_item(
            article,
            key="k-choice",
            kind="choice",
            section=lead,
            prompt="流动图书车多久进村入户一次？",
            answers=["每月"],
            options=["每周", "每月", "每季度"],
            source="每月安排流动图书车进村入户。",
        ),
        "keypoints": make_item(
            article,
            key="k-keypoints",
            kind="keypoints",
            section=network,
            answers=["健全基层阅读服务网络", "推广流动图书服务"],
        ),
        "definition": make_item(
            article, key="k-definition", kind="definition", prompt=TRICKY, answers=[TRICKY]
        ),
        "quote": make_item(article, key="k-quote", kind="quote", cloze="他说：{{c1::书香社会}}。"),
        "number": make_item(article, key="k-number", kind="number", cloze="每{{c1::月}}一次。"),
        "multi": make_item(
            article, key="k-multi", kind="multi", answers=["甲", "丙"], options=["甲", "乙", "丙"]
        ),
        "enumeration": make_item(
            article, key="k-enumeration", kind="enumeration", answers=["一", "二", "三"]
        ),
    }
    make_item(article, key="k-disabled", status=StudyItem.Status.DISABLED)
    make_item(article, key="k-retired", status=StudyItem.Status.RETIRED)
    return items


@pytest.fixture
def items(db) -> dict[str, StudyItem]:
    return make_items(make_document())


def all_items():
    return StudyItem.objects.all()


def csv_rows(text: str) -> list[list[str]]:
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
    return list(csv.reader(io.StringIO(body), delimiter="\t"))


@contextmanager
def open_collection(package: bytes | Path, tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """The package's SQLite collection, unpacked into tmp_path."""
    with zipfile.ZipFile(io.BytesIO(package) if isinstance(package, bytes) else package) as archive:
        archive.extract("collection.anki2", tmp_path)
    with closing(sqlite3.connect(tmp_path / "collection.anki2")) as collection:
        yield collection


# JSON


def test_it_exports_a_cloze_and_a_choice_item_as_json_objects(items):
    exported = {entry["id"]: entry for entry in json.loads(exporting.items_to_json(all_items()))}

    assert exported["k-cloze"] == {
        "id": "k-cloze",
        "kind": "cloze",
        "article": LIBRARY_TITLE,
        "section": "完善服务网络",
        "prompt": "推动县级图书馆与乡镇文化站、村级农家书屋____，实现图书通借通还。",
        "answers": ["互联互通"],
        "options": None,
        "cloze": CLOZE_TEXT,
        "source": CLOZE_SOURCE,
    }
    assert exported["k-choice"] == {
        "id": "k-choice",
        "kind": "choice",
        "article": LIBRARY_TITLE,
        "section": None,  # the lead has no heading
        "prompt": "流动图书车多久进村入户一次？",
        "answers": ["每月"],
        "options": ["每周", "每月", "每季度"],
        "cloze": None,
        "source": "每月安排流动图书车进村入户。",
    }


def test_it_exports_every_kind_and_leaves_out_disabled_and_retired_items(items):
    exported = json.loads(exporting.items_to_json(all_items()))

    assert [entry["id"] for entry in exported] == [
        item.key for item in items.values()
    ]  # creation order
    assert sorted(entry["kind"] for entry in exported) == sorted(StudyItem.Kind.values)
    assert all(entry["section"] is None for entry in exported if entry["kind"] == "definition")


def test_it_writes_chinese_unescaped_in_json(items):
    assert "互联互通" in exporting.items_to_json(all_items())


def test_it_exports_an_empty_json_list(db):
    assert json.loads(exporting.items_to_json(StudyItem.objects.none())) == []


def test_it_exports_in_one_query_in_every_format(items, django_assert_num_queries):
    for fmt in ("json", "csv"):
        with django_assert_num_queries(1):
            exporting.export(all_items(), fmt)
    # The package also reads the other versions of the same facts, for their stamps.
    with django_assert_num_queries(2):
        exporting.export(all_items(), "apkg")


# Anki text file


def test_it_starts_the_text_file_with_the_headers_anki_reads(items):
    text = exporting.items_to_csv(all_items())

    assert text.splitlines()[: len(CSV_HEADER_LINES)] == CSV_HEADER_LINES
    assert not text.startswith("\ufeff")


def test_it_writes_one_row_per_active_item_with_note_type_deck_guid_and_tags(items):
    rows = {row[2]: row for row in csv_rows(exporting.items_to_csv(all_items()))}

    assert len(rows) == len(items)
    deck = f"学而::{items['cloze'].article.document.title}::{LIBRARY_TITLE}"
    cloze = rows[exporting.item_guid(items["cloze"])]
    assert cloze == [
        "学而 填空 v2",
        deck,
        exporting.item_guid(items["cloze"]),
        "xueer kind-cloze",
        CLOZE_TEXT,
        "",  # no options
        CLOZE_SOURCE,
        "",
    ]
    choice = rows[exporting.item_guid(items["choice"])]
    assert choice == [
        "学而 问答 v2",
        deck,
        exporting.item_guid(items["choice"]),
        "xueer kind-choice",
        "流动图书车多久进村入户一次？",
        CHOICE_OPTIONS,
        "每月",
        "每月安排流动图书车进村入户。",
    ]
    enumeration = rows[exporting.item_guid(items["enumeration"])]
    assert enumeration[4:7] == ["k-enumeration 的题面", "", "一<br>二<br>三"]
    blank_kinds = {row[3] for row in rows.values() if row[0] == "学而 填空 v2"}
    assert blank_kinds == {"xueer kind-cloze", "xueer kind-quote", "xueer kind-number"}


def test_it_keeps_a_field_with_a_tab_a_newline_or_html_in_one_escaped_field(items):
    rows = csv_rows(exporting.items_to_csv(all_items()))

    assert {len(row) for row in rows} == {len(exporting.CSV_COLUMNS)}
    [row] = [row for row in rows if row[3] == "xueer kind-definition"]
    escaped = 'A&lt;b&gt;\t"引号"<br>第二行 &amp; 更多'
    assert row[4] == escaped and row[6] == escaped


def test_it_writes_only_the_headers_when_there_are_no_items(db):
    assert exporting.items_to_csv([]).splitlines() == CSV_HEADER_LINES


def test_it_gives_each_note_in_the_text_file_the_guid_of_its_package_note(items, tmp_path):
    package = exporting.items_to_apkg(all_items())
    with open_collection(package, tmp_path) as collection:
        package_guids = {row[0] for row in collection.execute("SELECT guid FROM notes")}

    csv_guids = {row[2] for row in csv_rows(exporting.items_to_csv(all_items()))}
    assert csv_guids == {exporting.item_guid(item) for item in items.values()}
    # The package also brings the disabled and retired items (suspended); the text file cannot.
    inactive = StudyItem.objects.exclude(status=StudyItem.Status.ACTIVE)
    assert package_guids == csv_guids | {exporting.item_guid(item) for item in inactive}


# Anki package


def package_notes(package: bytes, tmp_path: Path) -> dict[str, dict]:
    """Every note of a package by GUID: note type, fields, tags, stamp, deck and card queues."""
    with open_collection(package, tmp_path) as collection:
        decks = json.loads(collection.execute("SELECT decks FROM col").fetchone()[0])
        notes = {}
        for guid, mid, fields, tags, mod, note_id in collection.execute(
            "SELECT guid, mid, flds, tags, mod, id FROM notes"
        ):
            cards = collection.execute(
                "SELECT did, queue FROM cards WHERE nid = ? ORDER BY ord", (note_id,)
            ).fetchall()
            notes[guid] = {
                "mid": mid,
                "fields": fields.split("\x1f"),
                "tags": tags.split(),
                "mod": mod,
                "decks": {decks[str(did)]["name"] for did, _queue in cards},
                "queues": [queue for _did, queue in cards],
            }
    return notes


def test_it_packages_one_note_per_item_with_stable_guids_and_fixed_note_types(items, tmp_path):
    package = exporting.items_to_apkg(all_items())

    with open_collection(package, tmp_path) as collection:
        card_count = collection.execute("SELECT count(*) FROM cards").fetchone()[0]
        models = json.loads(collection.execute("SELECT models FROM col").fetchone()[0])
        decks = json.loads(collection.execute("SELECT decks FROM col").fetchone()[0])
    notes = package_notes(package, tmp_path)

    every_item = StudyItem.objects.all()
    assert set(notes) == {exporting.item_guid(item) for item in every_item}
    assert card_count == every_item.count()  # every cloze has one c1, so one card each
    assert {int(model_id) for model_id in models} >= {
        exporting.CLOZE_MODEL_ID,
        exporting.BASIC_MODEL_ID,
    }
    assert models[str(exporting.CLOZE_MODEL_ID)]["type"] == genanki.Model.CLOZE
    assert models[str(exporting.CLOZE_MODEL_ID)]["name"] == "学而 填空 v2"
    assert [field["name"] for field in models[str(exporting.CLOZE_MODEL_ID)]["flds"]] == [
        "Text",
        "Options",
        "Source",
    ]
    assert models[str(exporting.BASIC_MODEL_ID)]["name"] == "学而 问答 v2"
    assert [field["name"] for field in models[str(exporting.BASIC_MODEL_ID)]["flds"]] == [
        "Front",
        "Options",
        "Back",
        "Source",
    ]
    deck = f"学而::{items['cloze'].article.document.title}::{LIBRARY_TITLE}"
    assert {decks[str(exporting.deck_id(name))]["name"] for name in decks_above(deck)} == set(
        decks_above(deck)
    )

    cloze = notes[exporting.item_guid(items["cloze"])]
    assert cloze["mid"] == exporting.CLOZE_MODEL_ID
    assert cloze["fields"] == [CLOZE_TEXT, "", CLOZE_SOURCE]
    assert cloze["tags"] == ["xueer", "kind-cloze"]
    assert cloze["decks"] == {deck}
    multi = notes[exporting.item_guid(items["multi"])]
    assert multi["mid"] == exporting.BASIC_MODEL_ID
    assert multi["fields"] == [
        "k-multi 的题面",
        '<ol class="options"><li class="right">甲</li><li>乙</li><li class="right">丙</li></ol>',
        "甲<br>丙",
        "k-multi 的原句",
    ]


def decks_above(name: str) -> list[str]:
    parts = name.split("::")
    return ["::".join(parts[:depth]) for depth in range(1, len(parts) + 1)]


def test_it_gives_a_blank_with_options_its_options_field_whatever_its_kind(items, tmp_path):
    StudyItem.objects.filter(pk=items["cloze"].pk).update(
        options=["互联互通", "共建共享", "一体发展"]
    )

    [cloze] = [
        note
        for note in package_notes(exporting.items_to_apkg(all_items()), tmp_path).values()
        if note["tags"] == ["xueer", "kind-cloze"]
    ]

    assert cloze["mid"] == exporting.CLOZE_MODEL_ID
    assert cloze["fields"] == [
        CLOZE_TEXT,
        '<ol class="options"><li class="right">互联互通</li><li>共建共享</li><li>一体发展</li></ol>',
        CLOZE_SOURCE,
    ]
    [cloze_row] = [
        row for row in csv_rows(exporting.items_to_csv(all_items())) if row[3] == "xueer kind-cloze"
    ]
    assert cloze_row[4:8] == cloze["fields"] + [""]


def test_it_marks_the_right_option_only_on_the_answer_side(db):
    front = exporting.BASIC_MODEL.templates[0]["qfmt"]
    back = exporting.BASIC_MODEL.templates[0]["afmt"]

    assert "{{Options}}" in front and "answer-side" not in front
    assert '<div class="answer-side">{{Options}}</div>' in back
    assert ".answer-side .options .right" in exporting.BASIC_MODEL.css
    for template in exporting.CLOZE_MODEL.templates:
        assert "{{Options}}" in template["qfmt"] and "answer-side" not in template["qfmt"]
        assert '<div class="answer-side">{{Options}}</div>' in template["afmt"]


def test_it_suspends_the_cards_of_disabled_and_retired_items(items, tmp_path):
    notes = package_notes(exporting.items_to_apkg(all_items()), tmp_path)

    queues = {
        item.key: notes[exporting.item_guid(item)]["queues"] for item in StudyItem.objects.all()
    }
    assert queues["k-disabled"] == queues["k-retired"] == [-1]
    assert all(queues[item.key] == [0] for item in items.values())  # new cards


def test_it_stamps_each_note_with_when_its_item_last_changed(items, tmp_path):
    long_ago = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    StudyItem.objects.update(updated_at=long_ago)
    choice = StudyItem.objects.get(pk=items["choice"].pk)

    (tmp_path / "before").mkdir()
    before = package_notes(exporting.items_to_apkg(all_items()), tmp_path / "before")
    choice.prompt = "流动图书车多久进村一次？"
    choice.save()
    (tmp_path / "after").mkdir()
    after = package_notes(exporting.items_to_apkg(all_items()), tmp_path / "after")

    guid = exporting.item_guid(choice)
    assert {note["mod"] for note in before.values()} == {int(long_ago.timestamp())}
    assert after[guid]["mod"] > before[guid]["mod"]
    assert after[guid]["mod"] == int(StudyItem.objects.get(pk=choice.pk).updated_at.timestamp())
    assert {g: n for g, n in after.items() if g != guid} == {
        g: n for g, n in before.items() if g != guid
    }


def test_it_restamps_only_the_notes_a_regeneration_changes(db, tmp_path):
    document = make_document()
    items_generate(document)
    long_ago = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    StudyItem.objects.update(updated_at=long_ago)
    items_generate(document)  # the same text: nothing changes
    (tmp_path / "before").mkdir()
    before = package_notes(exporting.items_to_apkg(all_items()), tmp_path / "before")

    paragraph = Paragraph.objects.get(text__startswith="推广流动图书服务")
    paragraph.text = paragraph.text.replace("流动", "移动")
    paragraph.save()
    paragraph.points.update(text="推广移动图书服务")
    items_generate(document)
    (tmp_path / "after").mkdir()
    after = package_notes(exporting.items_to_apkg(all_items()), tmp_path / "after")

    assert {note["mod"] for note in before.values()} == {int(long_ago.timestamp())}
    retired = {
        exporting.item_guid(item)
        for item in StudyItem.objects.filter(status=StudyItem.Status.RETIRED)
    }
    assert retired and all(
        after[guid]["mod"] > before[guid]["mod"] and "status-retired" in after[guid]["tags"]
        for guid in retired
    )
    # A note's stamp moves exactly when it reads differently.
    both = before.keys() & after.keys()
    for guid in both:
        changed = (after[guid]["fields"], after[guid]["tags"]) != (
            before[guid]["fields"],
            before[guid]["tags"],
        )
        assert (after[guid]["mod"] > before[guid]["mod"]) == changed, after[guid]
    assert any(after[guid] == before[guid] for guid in both)


def test_it_stamps_the_note_types_and_decks_with_no_export_time(items, tmp_path):
    stamps = []
    for attempt in ("first", "second"):
        (tmp_path / attempt).mkdir()
        with open_collection(exporting.items_to_apkg(all_items()), tmp_path / attempt) as col:
            models = json.loads(col.execute("SELECT models FROM col").fetchone()[0])
            decks = json.loads(col.execute("SELECT decks FROM col").fetchone()[0])
            card_stamps = {row[0] for row in col.execute("SELECT mod FROM cards")}
            note_stamps = {row[0] for row in col.execute("SELECT mod FROM notes")}
        stamps.append(
            (
                {model["mod"] for model in models.values()},
                {deck["mod"] for deck in decks.values()},
                card_stamps,
            )
        )
        assert card_stamps == note_stamps

    assert stamps[0] == stamps[1]
    assert stamps[0][0] == {exporting.NOTE_TYPE_STAMP}


def test_it_makes_one_card_per_cloze_number(items, tmp_path):
    StudyItem.objects.exclude(pk=items["cloze"].pk).delete()
    StudyItem.objects.filter(pk=items["cloze"].pk).update(
        cloze="{{c1::甲}}、{{c2::乙}}和{{c1::丙}}"
    )

    with open_collection(exporting.items_to_apkg(all_items()), tmp_path) as collection:
        assert collection.execute("SELECT count(*) FROM notes").fetchone()[0] == 1
        assert collection.execute("SELECT count(*) FROM cards").fetchone()[0] == 2


def test_it_gives_the_same_guids_and_deck_id_on_every_export(items, tmp_path):
    guids = []
    for attempt in ("first", "second"):
        package = exporting.items_to_apkg(all_items())
        (tmp_path / attempt).mkdir()
        with open_collection(package, tmp_path / attempt) as collection:
            guids.append(sorted(row[0] for row in collection.execute("SELECT guid FROM notes")))

    assert guids[0] == guids[1]
    assert exporting.deck_id("学而") == exporting.deck_id("学而") != exporting.deck_id("学而::其他")


def test_it_gives_the_same_key_in_two_articles_two_guids(items):
    article = items["cloze"].article
    other = article.document.articles.create(position=article.position + 1, title="另一篇")
    twin = make_item(other, key="k-cloze", kind="cloze", cloze=CLOZE_TEXT)

    assert exporting.item_guid(twin) != exporting.item_guid(items["cloze"])


def test_it_tells_two_articles_of_one_title_apart(items, tmp_path):
    article = items["cloze"].article
    namesake = article.document.articles.create(position=article.position + 1, title=article.title)
    twin = make_item(namesake, key="k-cloze", kind="cloze", cloze=CLOZE_TEXT)

    notes = package_notes(exporting.items_to_apkg(all_items()), tmp_path)

    assert exporting.item_guid(twin) != exporting.item_guid(items["cloze"])
    assert {exporting.item_guid(twin), exporting.item_guid(items["cloze"])} <= set(notes)
    # The same GUID whether the export read it from a QuerySet or from the item alone.
    assert exporting.item_guid(StudyItem.objects.get(pk=twin.pk)) == exporting.item_guid(twin)


def test_it_keeps_the_guids_of_unchanged_facts_in_a_revised_text(db):
    """A revised text is a new document with a new digest: its unchanged facts keep their
    GUIDs (Anki updates those notes) and only the changed sentence makes new ones."""
    first = make_document()
    revised = make_document(
        text=LIBRARY_PAGE.replace("群众的获得感", "群众的幸福感"), filename="v2.md"
    )
    assert first.sha256 != revised.sha256
    items_generate(first)
    items_generate(revised)

    def guids(document) -> dict[str, str]:
        items = StudyItem.objects.of_document(document).select_related("article__document")
        return {item.key: exporting.item_guid(item) for item in items}

    old, new = guids(first), guids(revised)
    kept = old.keys() & new.keys()
    assert kept and all(old[key] == new[key] for key in kept)
    changed = {
        item.key for item in StudyItem.objects.of_document(revised) if "幸福感" in item.source
    }
    assert changed and not changed & old.keys()
    assert not {new[key] for key in changed} & set(old.values())


def test_it_packages_an_empty_deck_with_both_note_types(db, tmp_path):
    with open_collection(exporting.items_to_apkg([]), tmp_path) as collection:
        assert collection.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
        models = json.loads(collection.execute("SELECT models FROM col").fetchone()[0])
    assert {exporting.CLOZE_MODEL_ID, exporting.BASIC_MODEL_ID} <= {
        int(model_id) for model_id in models
    }


# export()


def test_it_returns_content_type_and_extension_for_each_format(items):
    json_content, json_type, json_extension = exporting.export(all_items(), "json")
    csv_content, csv_type, csv_extension = exporting.export(all_items(), "csv")
    apkg_content, apkg_type, apkg_extension = exporting.export(all_items(), "apkg")

    assert (json_type, json_extension) == ("application/json", "json")
    assert json.loads(json_content.decode("utf-8"))
    assert (csv_type, csv_extension) == ("text/tab-separated-values; charset=utf-8", "tsv")
    assert csv_content.startswith(b"#separator:tab\n")
    assert (apkg_type, apkg_extension) == ("application/octet-stream", "apkg")
    assert zipfile.is_zipfile(io.BytesIO(apkg_content))


def test_it_refuses_an_unknown_format(db):
    with pytest.raises(ValueError, match="json, csv, apkg"):
        exporting.export([], "xlsx")


def test_it_keeps_the_stamp_of_a_fact_that_reads_as_in_an_earlier_version_of_its_text(db, tmp_path):
    """A revised text is a new document, all its items new rows: a fact that reads as it did
    in the earlier document keeps the earlier stamp (Anki has it: nothing to update); one that
    reads differently is stamped when it changed."""
    first = make_items(make_document())
    first_pks = [item.pk for item in first.values()]
    revised = make_document(text=LIBRARY_PAGE + "\n补充的一段话。\n", filename="v2.md")
    StudyItem.objects.filter(article__document=revised).delete()
    article = revised.articles.get()
    same = make_item(
        article, key="k-definition", kind="definition", prompt=TRICKY, answers=[TRICKY]
    )
    changed = make_item(article, key="k-multi", kind="multi", answers=["甲"], options=["甲", "乙"])
    earlier, later = datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 9, 1, tzinfo=UTC)
    StudyItem.objects.filter(pk__in=first_pks).update(updated_at=earlier)
    StudyItem.objects.filter(pk__in=[same.pk, changed.pk]).update(updated_at=later)
    assert exporting.item_guid(same) == exporting.item_guid(first["definition"])

    notes = package_notes(
        exporting.items_to_apkg(StudyItem.objects.filter(article=article)), tmp_path
    )

    assert notes[exporting.item_guid(same)]["mod"] == int(earlier.timestamp())
    assert notes[exporting.item_guid(changed)]["mod"] == int(later.timestamp())
