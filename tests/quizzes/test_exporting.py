import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import genanki
import pytest

from corpus.models import Section
from quizzes import exporting
from quizzes.models import StudyItem
from tests.corpus.samples import LIBRARY_TITLE, make_document

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
    "#columns:notetype\tdeck\tguid\ttags\tText/Front\tSource/Back\tSource",
]


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
    for fmt in exporting.FORMATS:
        with django_assert_num_queries(1):
            exporting.export(all_items(), fmt, deck_name="学而")


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
        "学而 填空",
        deck,
        exporting.item_guid(items["cloze"]),
        "xueer kind-cloze",
        CLOZE_TEXT,
        CLOZE_SOURCE,
        "",
    ]
    choice = rows[exporting.item_guid(items["choice"])]
    assert choice == [
        "学而 问答",
        deck,
        exporting.item_guid(items["choice"]),
        "xueer kind-choice",
        "流动图书车多久进村入户一次？<ol><li>每周</li><li>每月</li><li>每季度</li></ol>",
        "每月",
        "每月安排流动图书车进村入户。",
    ]
    enumeration = rows[exporting.item_guid(items["enumeration"])]
    assert enumeration[4:6] == ["k-enumeration 的题面", "一<br>二<br>三"]
    blank_kinds = {row[3] for row in rows.values() if row[0] == "学而 填空"}
    assert blank_kinds == {"xueer kind-cloze", "xueer kind-quote", "xueer kind-number"}


def test_it_keeps_a_field_with_a_tab_a_newline_or_html_in_one_escaped_field(items):
    rows = csv_rows(exporting.items_to_csv(all_items()))

    assert {len(row) for row in rows} == {len(exporting.CSV_COLUMNS)}
    [row] = [row for row in rows if row[3] == "xueer kind-definition"]
    escaped = 'A&lt;b&gt;\t"引号"<br>第二行 &amp; 更多'
    assert row[4] == escaped and row[5] == escaped


def test_it_writes_only_the_headers_when_there_are_no_items(db):
    assert exporting.items_to_csv([]).splitlines() == CSV_HEADER_LINES


def test_it_gives_each_note_in_the_text_file_the_guid_of_its_package_note(items, tmp_path):
    package = exporting.items_to_apkg(all_items(), deck_name="学而")
    with open_collection(package, tmp_path) as collection:
        package_guids = {row[0] for row in collection.execute("SELECT guid FROM notes")}

    csv_guids = {row[2] for row in csv_rows(exporting.items_to_csv(all_items()))}
    assert csv_guids == package_guids


# Anki package


def test_it_packages_one_note_per_item_with_stable_guids_and_fixed_note_types(items, tmp_path):
    package = exporting.items_to_apkg(all_items(), deck_name="学而::测试")

    with open_collection(package, tmp_path) as collection:
        notes = {
            guid: (mid, fields.split("\x1f"), tags.split())
            for guid, mid, fields, tags in collection.execute(
                "SELECT guid, mid, flds, tags FROM notes"
            )
        }
        card_count = collection.execute("SELECT count(*) FROM cards").fetchone()[0]
        models = json.loads(collection.execute("SELECT models FROM col").fetchone()[0])
        decks = json.loads(collection.execute("SELECT decks FROM col").fetchone()[0])

    assert set(notes) == {exporting.item_guid(item) for item in items.values()}
    assert card_count == len(items)  # every cloze has one c1, so one card each
    assert {int(model_id) for model_id in models} >= {
        exporting.CLOZE_MODEL_ID,
        exporting.BASIC_MODEL_ID,
    }
    assert models[str(exporting.CLOZE_MODEL_ID)]["type"] == genanki.Model.CLOZE
    assert [field["name"] for field in models[str(exporting.CLOZE_MODEL_ID)]["flds"]] == [
        "Text",
        "Source",
    ]
    assert [field["name"] for field in models[str(exporting.BASIC_MODEL_ID)]["flds"]] == [
        "Front",
        "Back",
        "Source",
    ]
    assert decks[str(exporting.deck_id("学而::测试"))]["name"] == "学而::测试"

    mid, fields, tags = notes[exporting.item_guid(items["cloze"])]
    assert mid == exporting.CLOZE_MODEL_ID
    assert fields == [CLOZE_TEXT, CLOZE_SOURCE]
    assert tags == ["xueer", "kind-cloze"]
    mid, fields, _tags = notes[exporting.item_guid(items["multi"])]
    assert mid == exporting.BASIC_MODEL_ID
    assert fields == [
        "k-multi 的题面<ol><li>甲</li><li>乙</li><li>丙</li></ol>",
        "甲<br>丙",
        "k-multi 的原句",
    ]


def test_it_makes_one_card_per_cloze_number(items, tmp_path):
    StudyItem.objects.exclude(pk=items["cloze"].pk).delete()
    StudyItem.objects.filter(pk=items["cloze"].pk).update(
        cloze="{{c1::甲}}、{{c2::乙}}和{{c1::丙}}"
    )

    with open_collection(
        exporting.items_to_apkg(all_items(), deck_name="学而"), tmp_path
    ) as collection:
        assert collection.execute("SELECT count(*) FROM notes").fetchone()[0] == 1
        assert collection.execute("SELECT count(*) FROM cards").fetchone()[0] == 2


def test_it_gives_the_same_guids_and_deck_id_on_every_export(items, tmp_path):
    guids = []
    for attempt in ("first", "second"):
        package = exporting.items_to_apkg(all_items(), deck_name="学而")
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


def test_it_packages_an_empty_deck_with_both_note_types(db, tmp_path):
    with open_collection(exporting.items_to_apkg([], deck_name="学而"), tmp_path) as collection:
        assert collection.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
        models = json.loads(collection.execute("SELECT models FROM col").fetchone()[0])
    assert {exporting.CLOZE_MODEL_ID, exporting.BASIC_MODEL_ID} <= {
        int(model_id) for model_id in models
    }


# export()


def test_it_returns_content_type_and_extension_for_each_format(items):
    json_content, json_type, json_extension = exporting.export(
        all_items(), "json", deck_name="学而"
    )
    csv_content, csv_type, csv_extension = exporting.export(all_items(), "csv", deck_name="学而")
    apkg_content, apkg_type, apkg_extension = exporting.export(
        all_items(), "apkg", deck_name="学而"
    )

    assert (json_type, json_extension) == ("application/json", "json")
    assert json.loads(json_content.decode("utf-8"))
    assert (csv_type, csv_extension) == ("text/tab-separated-values; charset=utf-8", "tsv")
    assert csv_content.startswith(b"#separator:tab\n")
    assert (apkg_type, apkg_extension) == ("application/octet-stream", "apkg")
    assert zipfile.is_zipfile(io.BytesIO(apkg_content))


def test_it_refuses_an_unknown_format(db):
    with pytest.raises(ValueError, match="json, csv, apkg"):
        exporting.export([], "xlsx", deck_name="学而")
