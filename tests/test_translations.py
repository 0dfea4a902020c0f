"""Every UI string is translatable, and translated in both catalogs (zh_Hans and en)."""

import gettext
import re

import polib
import pytest

from tests.conftest import REPO

CATALOGS = {code: REPO / "locale" / code / "LC_MESSAGES" for code in ("zh_Hans", "en")}
# {% translate "…" %} and {% translate '…' %} in templates, and _("…") in Python.
TEMPLATE_STRING = re.compile(r"""{%\s*translate\s+(["'])(.+?)\1""")
PYTHON_STRING = re.compile(r"""\b_\(\s*"([^"]+)"\s*[,)]""")


def source_strings() -> set[str]:
    found = set()
    for path in (REPO / "templates").rglob("*.html"):
        found |= {match[1] for match in TEMPLATE_STRING.findall(path.read_text())}
    for app in ("studyapp", "corpus", "quizzes"):
        for path in (REPO / app).rglob("*.py"):
            if "migrations" not in path.parts:
                found |= set(PYTHON_STRING.findall(path.read_text()))
    return found


@pytest.mark.parametrize("code", CATALOGS)
def test_it_translates_every_entry(code):
    catalog = polib.pofile(str(CATALOGS[code] / "django.po"))
    untranslated = [
        entry.msgid for entry in catalog if not entry.obsolete and not entry.translated()
    ]
    assert untranslated == []


def test_it_keeps_the_chinese_catalog_equal_to_its_sources():
    """Sources are Chinese, so zh_Hans must say exactly the msgid: a kept fuzzy match would not."""
    catalog = polib.pofile(str(CATALOGS["zh_Hans"] / "django.po"))
    changed = [
        (e.msgid, e.msgstr) for e in catalog if not e.msgid_plural and e.msgstr not in ("", e.msgid)
    ]
    changed += [
        (e.msgid, e.msgstr_plural[0])
        for e in catalog
        if e.msgid_plural and e.msgstr_plural[0] != e.msgid
    ]
    assert changed == []


@pytest.mark.parametrize("code", CATALOGS)
def test_it_has_every_source_string_in_the_catalog(code):
    catalog = {entry.msgid for entry in polib.pofile(str(CATALOGS[code] / "django.po"))}
    assert source_strings() - catalog == set(), "run `make messages` and translate the new strings"


@pytest.mark.parametrize("code", CATALOGS)
def test_it_ships_compiled_catalogs_that_match_the_sources(code):
    compiled = gettext.GNUTranslations(open(CATALOGS[code] / "django.mo", "rb"))
    for entry in polib.pofile(str(CATALOGS[code] / "django.po")):
        if entry.obsolete or entry.msgid_plural:
            continue
        found = (
            compiled.pgettext(entry.msgctxt, entry.msgid)
            if entry.msgctxt
            else compiled.gettext(entry.msgid)
        )
        assert found == entry.msgstr, "run `make messages` to recompile"


def test_it_finds_the_strings_it_checks():
    strings = source_strings()
    assert {"书库", "导入文本", "请上传文件或粘贴文本。"} <= strings
