"""What every item builder needs for one document: the segmenter, word counts, the pools."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from quizzes.generation.document import Place
from quizzes.generation.lexicon import DOMAIN_TERMS
from quizzes.generation.library import Library
from quizzes.generation.lists import Enumeration, Member, find_enumerations
from quizzes.generation.segmentation import Segmenter, Token
from quizzes.generation.terms import NGRAM_MAX, NgramCounts
from quizzes.generation.text import SentenceIndex

# Bits of general-Chinese rarity beyond which a word counts as rare as any (see information()).
INFORMATION_CAP = 20.0


@dataclass
class Context:
    segmenter: Segmenter
    ngrams: NgramCounts
    document_text: str  # every text of the outline, joined: counts of words longer than the n-grams
    outline_index: SentenceIndex  # sentences and clauses of the outline
    library: Library  # the other documents: corpus_texts
    # Words met in each article's segmented sentences, (word, tag) -> occurrences: the first
    # place distractors come from.
    article_words: dict[int, Counter] = field(default_factory=dict)
    # The lists found in each article, each its members: what is listed beside a member
    # elsewhere is the most plausible wrong member of its list.
    article_lists: dict[int, list[tuple[Member, ...]]] = field(default_factory=dict)
    # Each article's texts, its title first: what the learner knows the text is about.
    article_texts: dict[int, list[str]] = field(default_factory=dict)
    # What each article's clozes blank, (section, word, tag) in reading order: the terms of
    # sibling sections, the most plausible wrong answers of one another.
    article_answers: dict[int, list[tuple[int, str, str]]] = field(default_factory=dict)
    # What else each article's titles, headings and key points could blank, the same way.
    outline_words: dict[int, list[tuple[int, str, str]]] = field(default_factory=dict)
    _long_counts: dict[str, int] = field(default_factory=dict)

    def tokens(self, place: Place, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
        """Tokens of place.text[start:end], offsets in place.text; remembered for the article's pool."""
        end = len(place.text) if end is None else end
        tokens = self.segmenter.segment(place.text[start:end], start)
        pool = self.article_words.setdefault(place.article, Counter())
        pool.update((token.word, token.tag) for token in tokens)
        return tokens

    def enumerations(self, place: Place, tokens: tuple[Token, ...]) -> list[Enumeration]:
        """The 、 lists in these tokens whose members are sure, remembered for the article's
        distractors."""
        # A list whose end is a guess (Enumeration.cut) is neither asked nor used.
        found = [enumeration for enumeration in find_enumerations(tokens) if not enumeration.cut]
        lists = self.article_lists.setdefault(place.article, [])
        lists.extend(enumeration.members for enumeration in found)
        return found

    def topic(self, place: Place) -> str:
        """The title of the place's article: what the learner knows the text is about."""
        texts = self.article_texts.get(place.article)
        return texts[0] if texts else ""

    def kind_tag(self, word: str, tag: str) -> str:
        """The tag that says what kind of thing a word names. A document's own word is tagged
        nz whatever it is (营商环境, 先立后破): its kind is that of its longest known ending
        (环境/n, 破/v)."""
        if word not in self.segmenter.document_words:
            return tag
        for start in range(1, len(word)):
            if found := self.segmenter.tag(word[start:]):
                return found
        return tag

    def says(self, text: str) -> bool:
        """Whether the outline or the library has this sentence or clause."""
        return text in self.outline_index or text in self.library.index

    def is_term(self, word: str) -> bool:
        return word in DOMAIN_TERMS or word in self.segmenter.document_words

    def occurrences(self, word: str) -> int:
        if len(word) <= NGRAM_MAX and word.isalpha():
            found = self.ngrams.count(word)
            if found:
                return found
        if word not in self._long_counts:
            self._long_counts[word] = self.document_text.count(word)
        return self._long_counts[word]

    def information(self, word: str) -> float:
        """How rare the word is in general Chinese, in bits: -log2 of its share of jieba's
        dictionary (with terms.txt and the document's words). Capped, because jieba gives
        thousands of compounds the same token count of 3 (市场潜力, 新进展): below the cap,
        rarity says little more. A word the dictionary lacks is a guess of jieba's HMM
        (稳中, 提质): no information."""
        frequency = self.segmenter.frequency(word)
        if not frequency:
            return 0.0
        return min(math.log2(self.segmenter.total / frequency), INFORMATION_CAP)

    def salience(self, word: str) -> float:
        """How much the document is about the word: log2 of 1 + its occurrences, in half
        steps so that a small edit elsewhere rarely changes which word is blanked."""
        return round(math.log2(1 + self.occurrences(word)) * 2) / 2
