"""Item identity and determinism: keys are digests of what an item asks, the same text gives
the same items in any process, and an edit reaches only the items of the edited paragraph."""

import hashlib
import json
import os
import subprocess
import sys
from collections import defaultdict

import pytest

from corpus.parsing import parse
from quizzes.generation import ENUMERATION, generate, item_key
from tests.conftest import REPO
from tests.quizzes.samples import (
    COMMUNITY_PAGE,
    VILLAGE_PAGE,
    fixture_text,
    needs_fixture,
    page_items,
    page_outline,
)

FIGURE_EDIT = ("可再生能源装机规模突破15亿千瓦", "可再生能源装机规模突破16亿千瓦")
WORDING_EDIT = ("乡村工匠是掌握传统营造技艺", "乡村工匠是熟练掌握传统营造技艺")


def keys_by_place(items):
    places = defaultdict(set)
    for item in items:
        places[(item.article, item.section, item.paragraph)].add(item.key)
    return places


def edited_place(outline, new_text):
    for a, article in enumerate(outline.articles):
        for s, section in enumerate(article.sections):
            for p, paragraph in enumerate(section.paragraphs):
                if new_text in paragraph.text:
                    return (a, s, p)
    raise AssertionError(new_text)


def assert_only_that_paragraph_changed(text, old, new):
    assert old in text
    edited = parse(text.replace(old, new))
    before = keys_by_place(generate(parse(text)))
    after = keys_by_place(generate(edited))
    place = edited_place(edited, new)
    assert before[place] != after[place]
    assert {k: v for k, v in before.items() if k != place} == {
        k: v for k, v in after.items() if k != place
    }


def test_it_keys_an_item_by_a_sha1_of_kind_source_and_answers():
    for item in page_items("village"):
        assert item.key == item_key(item.kind, item.source, item.answers)
        assert (
            item.key
            == hashlib.sha1(
                "\x1f".join([item.kind, item.source, *item.answers]).encode()
            ).hexdigest()
        )
    keypoints = next(item for item in page_items("village") if item.kind == ENUMERATION)
    assert keypoints.source == "摸清家底建立保护名录"


def test_it_gives_every_item_of_a_document_its_own_key():
    for name in ("village", "community", "page-2-rural-revitalization.md"):
        keys = [item.key for item in page_items(name)]
        assert len(keys) == len(set(keys))


def test_it_gives_the_same_items_when_the_same_text_is_generated_again():
    assert generate(parse(VILLAGE_PAGE)) == generate(parse(VILLAGE_PAGE))


def test_it_gives_the_same_items_whatever_was_generated_before():
    first = generate(parse(COMMUNITY_PAGE))
    generate(parse(VILLAGE_PAGE))
    generate(page_outline("page-3-ecology-digital.md"))
    assert generate(parse(COMMUNITY_PAGE)) == first


@pytest.mark.parametrize("seed", ["1", "2024"])
def test_it_gives_the_same_items_in_another_process(seed):
    code = (
        "import json, sys\n"
        "from corpus.parsing import parse\n"
        "from quizzes.generation import generate\n"
        "items = generate(parse(sys.stdin.read()))\n"
        "print(json.dumps([[i.key, i.prompt, i.options, i.answers] for i in items], ensure_ascii=False))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=VILLAGE_PAGE,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    here = [[i.key, i.prompt, i.options, i.answers] for i in generate(parse(VILLAGE_PAGE))]
    assert json.loads(result.stdout) == here


@needs_fixture
def test_it_changes_only_the_keys_of_a_paragraph_whose_figure_changed():
    assert_only_that_paragraph_changed(fixture_text(), *FIGURE_EDIT)


def test_it_changes_only_the_keys_of_a_paragraph_whose_wording_changed():
    assert_only_that_paragraph_changed(VILLAGE_PAGE, *WORDING_EDIT)


def test_it_keeps_the_keys_of_other_paragraphs_when_one_is_added():
    note = "(据《清溪日报》"
    added = VILLAGE_PAGE.replace(note, "同时,古村的故事需要有人讲述,也需要有人倾听。\n\n" + note, 1)
    before = {item.key for item in generate(parse(VILLAGE_PAGE))}
    after = {item.key for item in generate(parse(added))}
    assert before <= after
