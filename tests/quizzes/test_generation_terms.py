"""A document's own terms: quoted terms and repeated n-grams added to the segmenter."""

from quizzes.generation.document import all_texts
from quizzes.generation.lexicon import EDGE_STOP_CHARS
from quizzes.generation.segmentation import document_segmenter
from quizzes.generation.terms import count_ngrams, document_terms, quoted_terms, repeated_terms
from tests.quizzes.samples import fixture_outline, needs_fixture, page_outline


def terms_of(outline):
    texts = all_texts(outline)
    return document_terms(texts, count_ngrams(texts))


def test_it_adds_short_quoted_terms():
    texts = ["以“人工智能+”行动打造数字产业集群,形成“沿途下蛋”的机制,破解“卡脖子”难题。"]
    assert quoted_terms(texts) == ["人工智能+", "沿途下蛋", "卡脖子"]


def test_it_leaves_a_quoted_count_in_two_words_so_its_numeral_can_be_blanked():
    assert quoted_terms(["实施好“六大工程”,完成“六大任务”。"]) == []


def test_it_does_not_take_a_quoted_saying_for_a_term():
    assert quoted_terms(["孔子说:“工欲善其事,必先利其器。”"]) == []


def test_it_adds_an_unknown_word_the_document_keeps_repeating():
    assert "银龄课堂" in terms_of(page_outline("community"))


def test_it_cuts_a_documents_word_as_one_token_only_while_generating_it():
    with document_segmenter(["银龄课堂"]) as segmenter:
        assert "银龄课堂" in [token.word for token in segmenter.segment("建好银龄课堂丰富老年生活")]
    with document_segmenter([]) as segmenter:
        assert "银龄课堂" not in [
            token.word for token in segmenter.segment("建好银龄课堂丰富老年生活")
        ]


def test_it_ignores_repeats_that_are_phrases_or_pieces_of_words():
    texts = [
        "发展新质生产力,培育新质生产力,壮大新质生产力,布局新质生产线,科技创新是关键,依靠科技创新,推动科技创新。"
    ] * 2
    found = repeated_terms(count_ngrams(texts))
    for phrase in ("发展新质生产力", "新质生产", "科技创新", "质生产"):
        assert phrase not in found


@needs_fixture
def test_it_finds_words_on_the_fixture_page_without_function_word_edges():
    assert {"人工智能+", "惊险一跃", "沿途下蛋", "友岸外包"} <= set(terms_of(fixture_outline()))
    # What the author put in quotation marks is taken as written (“从0到1”); repeats are filtered.
    for term in repeated_terms(count_ngrams(all_texts(fixture_outline()))):
        assert term[0] not in EDGE_STOP_CHARS and term[-1] not in EDGE_STOP_CHARS
