"""corpus_texts: the library's other paragraphs, a second source of distractors and a list
of things no distractor may make the stem say."""

import pytest

from corpus.parsing import parse
from quizzes.generation import CLOZE, NUMBER, generate
from tests.quizzes.samples import COMMUNITY_PAGE, VILLAGE_PAGE, single_choices

SHORT_PAGE = """## 学习园地

办好社区书屋

●吕清言

社区书屋是设在居民楼院里、由居民自主管理的小型图书室。

办好社区书屋要依靠居民。书屋的管理员从热心居民中推选,借阅规则由大家商量决定。

(作者单位:某某街道)
"""
LIBRARY = [
    "推动全民阅读,建设书香社会,是公共文化服务的重要内容。",
    "农家书屋和“流动书车”让终身学习走进乡村。",
    # Kin of the page's 社区书屋, listed beside it: a wrong option must be the same kind of
    # thing, and what the library lists with it is.
    "推动社区书屋、职工书屋、校园书屋、农家书屋共建共享。",
    "社区书屋、职工书屋、校园书屋、农家书屋统一借还图书。",
]


def options_of(items):
    return {option for item in single_choices(items) for option in item.options}


def choices(items, base):
    return [item for item in single_choices(items) if item.kind == base]


@pytest.mark.parametrize("base", [CLOZE, NUMBER])
def test_it_drops_a_distractor_that_the_library_says_is_true(base):
    items = generate(parse(VILLAGE_PAGE))
    choice = next(item for item in choices(items, base) if item.source.endswith("。"))
    wrong = next(option for option in choice.options if option != choice.answers[0])
    library = [choice.source.replace(choice.answers[0], wrong, 1)]
    again = next(
        item
        for item in generate(parse(VILLAGE_PAGE), corpus_texts=library)
        if item.key == choice.key
    )
    assert wrong not in again.options and len(again.options) == 4


def test_it_takes_distractors_from_the_library_after_the_article():
    outline = parse(SHORT_PAGE)
    alone = options_of(generate(outline))
    with_library = options_of(generate(outline, corpus_texts=LIBRARY))
    from_library = {"农家书屋", "职工书屋", "校园书屋"}
    assert with_library & from_library
    assert not alone & from_library
    # Terms of the library of another kind (a campaign, not a reading room) are not offered.
    assert not with_library & {"全民阅读", "书香社会", "终身学习"}


def test_it_gives_the_same_items_for_the_same_library():
    first = generate(parse(COMMUNITY_PAGE), corpus_texts=LIBRARY)
    assert generate(parse(COMMUNITY_PAGE), corpus_texts=list(LIBRARY)) == first


def test_it_indexes_the_same_library_once_for_many_articles():
    from quizzes.generation.library import library_of

    first = library_of(list(LIBRARY))
    assert library_of(iter(LIBRARY)) is first
    assert library_of(LIBRARY + ["另一段文字。"]) is not first
