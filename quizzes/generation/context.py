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


@dataclass
class Context:
    segmenter: Segmenter
    ngrams: NgramCounts
    document_text: str  # every text of the outline, joined: counts of words longer than the n-grams
    sentence_count: int
    outline_index: SentenceIndex  # sentences and clauses of the outline
    library: Library  # the other documents: corpus_texts
    # Words met in each article's segmented sentences, (word, tag) -> occurrences: the first
    # place distractors come from.
    article_words: dict[int, Counter] = field(default_factory=dict)
    # Members of the lists found in each article: a list's nearest plausible non-members.
    article_members: dict[int, list[Member]] = field(default_factory=dict)
    # Each article's texts, where a figure's same-unit distractors are looked for first.
    article_texts: dict[int, list[str]] = field(default_factory=dict)
    _long_counts: dict[str, int] = field(default_factory=dict)

    def tokens(self, place: Place, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
        """Tokens of place.text[start:end], offsets in place.text; remembered for the article's pool."""
        end = len(place.text) if end is None else end
        tokens = self.segmenter.segment(place.text[start:end], start)
        pool = self.article_words.setdefault(place.article, Counter())
        pool.update((token.word, token.tag) for token in tokens)
        return tokens

    def enumerations(self, place: Place, tokens: tuple[Token, ...]) -> list[Enumeration]:
        """The 、 lists in these tokens, remembered for the article's distractors."""
        found = find_enumerations(tokens)
        members = self.article_members.setdefault(place.article, [])
        for enumeration in found:
            members.extend(enumeration.members)
        return found

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

    def rarity(self, word: str) -> float:
        """Inverse document frequency over sentences, in half steps so that a small edit
        elsewhere in the document rarely changes which word is blanked."""
        value = math.log2(1 + self.sentence_count / max(self.occurrences(word), 1))
        return round(value * 2) / 2
