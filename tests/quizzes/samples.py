"""Texts the generator is tested on, and helpers shared by the test_generation* modules.

The real newspaper page is read from the shared corpus (copyrighted: never copied into the
project); the demo pages come from corpus/demo/; the two short pages below are original
texts written for these tests, in the same newspaper layout (banner, title, ●byline,
sections or key points, closing note). Places, people and figures in them are made up.
"""

from functools import cache

import pytest

from corpus.parsing import Outline, parse
from quizzes.generation import CLOZE, NUMBER, QUOTE, generate
from tests.conftest import FIXTURE_PAGE, REPO, needs_fixture

DEMO_PAGES = sorted((REPO / "corpus" / "demo").glob("page-*.md"))

VILLAGE_PAGE = """## 推进文化遗产保护传承

让传统村落在保护中焕发活力

●程远山

传统村落是农耕文明的活化石,承载着一方水土的历史记忆。近年来,清溪县把传统村落保护列入乡村建设的重点任务,一批古宅、古桥、古井得到修缮,但保护资金不足、专业人才缺乏、利用方式单一等问题仍然突出。

## 摸清家底建立保护名录

保护传统村落,首先要知道有什么、在哪里、是什么状况。只有底数清楚,保护才能有的放矢。

开展全面普查登记。传统村落包括村落整体格局、传统建筑、历史环境要素和非物质文化遗产等多个方面。清溪县组织专业团队走村入户,共登记传统村落46个、历史建筑1280处,并为每个村落建立了一村一档。

实行分级分类保护。分级保护是按照价值高低和保存状况,把传统村落分为重点保护、一般保护和整体风貌控制三个等级的管理办法。对重点保护村落,要严格控制新建项目,守住村落的原真性。

## 推动活态传承融入生活

村落的生命力在于有人居住、有人传承。孟子说:“有恒产者有恒心。”让村民安居乐业,村落才能留得住人、守得住魂。

培育乡村工匠队伍。乡村工匠是掌握传统营造技艺、能够承担古建筑修缮任务的本土技术人才。清溪县每年举办工匠培训班,到2026年计划培养乡村工匠300名,让修缮工作后继有人。

发展乡村文化旅游。文化旅游要突出村落特色,避免千村一面。要把古村游览、民俗体验、农事研学结合起来,让游客在村里住得下、留得住,带动村民增收。

(据《清溪日报》作者为清溪学院历史文化研究所副研究员)
"""

COMMUNITY_PAGE = """## 共建共治共享的社区生活

建好银龄课堂丰富老年生活

●方知微

## 社区观察

随着老年人口增加,老年人的学习需求越来越多样。银龄课堂是依托社区活动场所,为老年人提供文化、健康和数字技能课程的社区学习平台。《论语》中说:“学如不及,犹恐失之。”学习没有年龄的限制。

完善银龄课堂的课程体系。课程设置要从老年人的实际需求出发,开设书法绘画、健康养生、智能手机使用、防范电信诈骗等课程。青禾街道的银龄课堂开课两年来,累计开设课程42门,参与学员达到3600人次,学员满意度超过95%。

壮大银龄课堂的师资力量。社区可以邀请退休教师、医生和社会工作者担任志愿讲师,也可以组织学员中的能人互教互学。志愿讲师是不取报酬、利用业余时间为社区居民授课的热心人。

健全银龄课堂的运行保障。街道要把银龄课堂纳入社区服务清单,提供固定场地和基本设备,建立课程评估、学员反馈和讲师激励三项制度,推动银龄课堂长期稳定运行。

(作者单位:青禾街道社区服务中心)
"""

SAMPLE_PAGES = {"village": VILLAGE_PAGE, "community": COMMUNITY_PAGE}
ONE_BLANK_KINDS = (CLOZE, QUOTE, NUMBER)


@cache
def fixture_text() -> str:
    if not FIXTURE_PAGE.exists():
        pytest.fail(
            f"the shared newspaper page is missing at {FIXTURE_PAGE}; set XUEER_SHARED_CORPUS"
        )
    return FIXTURE_PAGE.read_text(encoding="utf-8")


@cache
def fixture_outline() -> Outline:
    return parse(fixture_text())


@cache
def fixture_items():
    return tuple(generate(fixture_outline()))


@cache
def page_text(name: str) -> str:
    """A test page by name: "fixture", a demo page's file name, or a sample of this module."""
    if name == "fixture":
        return fixture_text()
    if name in SAMPLE_PAGES:
        return SAMPLE_PAGES[name]
    return (REPO / "corpus" / "demo" / name).read_text(encoding="utf-8")


@cache
def page_outline(name: str) -> Outline:
    return parse(page_text(name))


@cache
def page_items(name: str):
    return tuple(generate(page_outline(name)))


def page_names() -> list:
    """Every test page, the fixture marked to skip without the shared corpus."""
    names = [pytest.param("fixture", marks=needs_fixture)]
    return names + [path.name for path in DEMO_PAGES] + list(SAMPLE_PAGES)


def single_choices(items) -> list:
    """The one-blank facts that can be asked as a single choice: those with options."""
    return [item for item in items if item.kind in ONE_BLANK_KINDS and item.options]


def place_text(outline: Outline, item) -> str:
    """The text an item's offsets are in: its paragraph, or its heading, or its article's title."""
    article = outline.articles[item.article]
    section = article.sections[item.section]
    if item.paragraph is not None:
        return section.paragraphs[item.paragraph].text
    return section.heading if section.heading is not None else article.title


@cache
def _reference_jieba():
    """A jieba tokenizer of the tests' own, not the generator's: jieba's dictionary only."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    pos = jieba.posseg.POSTokenizer(tokenizer)
    return dict(tokenizer.FREQ), tokenizer.total, dict(pos.word_tag_tab), pos


def reference_boundaries(outline: Outline) -> dict[str, set[int]]:
    """{text: offsets between tokens} for every title, heading and paragraph, as
    jieba.posseg cuts them with the same dictionary as the generator: jieba's own, terms.txt
    read by jieba.load_userdict, and the document's words replayed with add_word."""
    import jieba

    from quizzes.generation.document import all_texts
    from quizzes.generation.lexicon import TERMS_FILE
    from quizzes.generation.segmentation import document_segmenter
    from quizzes.generation.terms import count_ngrams, document_terms

    freq, total, tags, pos = _reference_jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(freq), total, True
    tokenizer.load_userdict(str(TERMS_FILE))
    texts = all_texts(outline)
    with document_segmenter(document_terms(texts, count_ngrams(texts))) as segmenter:
        added = segmenter.added
    for word, word_freq, tag in added:
        tokenizer.add_word(word, word_freq, tag)
    pos.tokenizer, pos.word_tag_tab = tokenizer, dict(tags)
    boundaries = {}
    for text in texts:
        cuts, position = {0}, 0
        for pair in pos.cut(text):
            position += len(pair.word)
            cuts.add(position)
        boundaries[text] = cuts
    return boundaries
