"""The word lists in quizzes/generation/data and the tokenizer that loads them."""

import jieba

from quizzes.generation import generate
from quizzes.generation.lexicon import (
    DOMAIN_TERMS,
    FORMULAIC_VERBS,
    STOPWORDS,
    TERMS_FILE,
    UNITS,
    read_word_list,
)
from quizzes.generation.segmentation import document_segmenter, is_known, pos_tokenizer
from tests.quizzes.samples import page_outline

# The function words and slogan verbs the specification names.
NAMED_STOPWORDS = "的 了 和 与 及 在 是 对 把 被 为 等".split()
NAMED_FORMULAIC_VERBS = "坚持 推进 加强 推动 加快 促进 深化 完善 提升 实现 发展 建设".split()
NAMED_TERMS = "新质生产力 高质量发展 全要素生产率 卡脖子 科技自立自强 产业链 供应链 营商环境 政务诚信 人工智能".split()


def test_it_ships_a_few_hundred_domain_terms_in_jieba_userdict_format():
    assert len(DOMAIN_TERMS) >= 300
    assert set(NAMED_TERMS) <= set(DOMAIN_TERMS)
    for line in TERMS_FILE.read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split(" ")
        assert word and int(freq) > 0 and tag.isalpha()


def test_it_keeps_every_domain_term_one_token():
    with document_segmenter([]) as segmenter:
        split = [
            term for term in DOMAIN_TERMS if [t.word for t in segmenter.segment(term)] != [term]
        ]
    assert split == []


def test_it_keeps_domain_terms_whole_inside_sentences():
    with document_segmenter([]) as segmenter:
        words = [
            token.word
            for token in segmenter.segment(
                "要以科技创新加快培育和发展新质生产力,加快实现高水平科技自立自强。"
            )
        ]
    assert "新质生产力" in words and "高水平科技自立自强" in words


def test_it_lists_the_named_function_words_and_slogan_verbs():
    assert set(NAMED_STOPWORDS) <= STOPWORDS
    assert set(NAMED_FORMULAIC_VERBS) <= FORMULAIC_VERBS


def test_it_matches_the_longest_unit_first():
    assert UNITS.index("亿千瓦") < UNITS.index("千瓦")
    assert UNITS.index("万册次") < UNITS.index("万册")
    assert "%" in UNITS and "年" in UNITS


def test_it_skips_comments_and_blank_lines_in_word_lists():
    assert not any(word.startswith("#") for word in read_word_list("stopwords.txt"))


def test_it_leaves_the_process_wide_jieba_dictionary_alone():
    generate(page_outline("community"))
    assert pos_tokenizer().tokenizer is not jieba.dt
    assert not jieba.dt.FREQ.get("新质生产力")


def test_it_forgets_a_documents_own_words_after_generating():
    tokenizer = pos_tokenizer().tokenizer
    total = tokenizer.total
    generate(page_outline("community"))
    assert not is_known("银龄课堂")
    assert tokenizer.total == total
