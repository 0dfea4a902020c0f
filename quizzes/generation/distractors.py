"""Wrong options that look right and are wrong: the same kind of thing as the key.

A term's distractors share its word class (jieba's tag, finer for names: a place for a
place), its length band and its form, which is what shows they are the same kind of thing:
what the texts list beside the key (医疗 beside 教育), a compound with the key's head (源头治理,
系统治理 for 社会治理; ……产业 with ……产业), a figure of speech for a figure of speech (压舱石
for 生命线). They come first from the same document (its lists, what its other sections'
clozes blank, its terms), then from the rest of the library. Never from jieba's dictionary
at large (长江大桥, 天安门), and never a term that only shares the key's class: a key with
no such kin gets no choice item.

A figure's distractors are its neighbours, made from the key: the same unit, the same
magnitude and shape (5% -> 4%, 5.5%, 6%; a year -> the years around it; 1186 -> 1286, 1086).
A figure found elsewhere in the text is another fact, usually of another size.

Every option must differ from the others once normalised, must not contain another, must
not be readable in the stem already, and must not be right as well: put into the stem it
must not make a sentence or clause the outline or the library says, the words beside the
blank must not be found around it anywhere in them (全面推进____ and 全面推进新型城镇化), and
it must not be the key in other words (老人 for 老年人, 安排专项资金 for 资金安排).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

from quizzes.generation.context import Context
from quizzes.generation.drafts import COUNT, FIGURE, TERM, Blank, Draft
from quizzes.generation.forms import (
    FORM_SUFFIXES,
    LONG_KEY_CHARS,
    LOOSE_TAGS,
    MIN_HEADED_CHARS,
    common_form,
    has_form,
    head,
    suffix,
    verbal,
    within,
    word_class,
)
from quizzes.generation.lexicon import FIGURATIVE_WORDS, HAN_WORD, is_generic
from quizzes.generation.lists import listed_beside
from quizzes.generation.neighbours import made_counts, made_figures
from quizzes.generation.text import clause_spans, normalize

# Characters of context either side of a blank that, found around a candidate anywhere in the
# outline or the library, show the candidate is right in that slot too.
SLOT_CHARS, MIN_SLOT_CHARS = 4, 3
# What stands between the members of a list in its sentence.
MEMBER_JOINT = "(?:、|和|及|与|以及|或)"
# Words up to this long that share a character and are never listed together are taken to
# name one thing (稻谷, 水稻).
SYNONYM_CHARS = 3
# How often a word must stand beside a list's members in raw text to count as listed with them.
MIN_TIMES_BESIDE = 2
# A multiple choice needs at least this many wrong options (fewer when it wants fewer).
MIN_MULTI_DISTRACTORS = 2


def digest(*parts) -> int:
    """A stable pseudo-random order for candidates (not hash(), which changes per process)."""
    return zlib.crc32("\x1f".join(map(str, parts)).encode("utf-8"))


class Distractors:
    def __init__(self, context: Context):
        self.context = context
        self._pools: dict[int, list[tuple[str, str, int]]] = {}
        self._windows: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._beside_cache: dict[str, dict[str, int]] = {}
        self._piece_cache: dict[str, frozenset[str]] = {}
        self._library_words: frozenset[str] | None = None

    # ------------------------------------------------------------------ single blank

    def for_blank(
        self, draft: Draft, blank: Blank, wanted: int, *, avoid: Collection[str] = ()
    ) -> list[str] | None:
        """Up to `wanted` wrong options for the blank; those in `avoid` (options no one
        picked) only when there are not enough others."""
        if blank.sort == FIGURE:
            candidates = made_figures(blank.answer, blank.unit or "")
            check = self._checker(draft, [blank], loose=True)
        elif blank.sort == COUNT:
            candidates = made_counts(blank.answer)
            check = self._checker(draft, [blank], loose=True)
        else:
            keys = [blank.answer]
            members = self._list_of(draft, blank) or keys
            candidates = _chain(
                self._beside(draft, members, keys, blank.tag),
                self._figures_of_speech(draft, blank),
                self._term_candidates(draft, keys, blank.tag, self._answer_pool(draft)),
                self._kin_in_library(draft, blank),
            )
            check = self._checker(draft, [blank], loose=False)
        return _take(
            candidates,
            check,
            [blank.answer],
            wanted,
            wanted,
            figures=blank.sort != TERM,
            avoid=avoid,
        )

    # ------------------------------------------------------------------ lists (multi)

    def for_list(
        self, draft: Draft, wanted: int, *, avoid: Collection[str] = ()
    ) -> list[str] | None:
        """Wrong members for a list: what the article lists beside its members elsewhere,
        then members of its other lists and terms that share the form all the members have
        (……性 with ……性: 普惠性、基础性); none when its members have nothing in common.
        Those in `avoid` only when there are not enough others."""
        members = [blank.answer for blank in draft.blanks]
        tag = draft.blanks[-1].tag
        candidates = self._beside(draft, members, members, tag)
        if (form := common_form(members)) is not None:
            others = [
                (member.text, member.tag, 1, 0)
                for listed in self.context.article_lists.get(draft.place.article, ())
                for member in listed
            ]
            pool = others + self._answer_pool(draft)
            candidates = _chain(
                candidates,
                self._term_candidates(
                    draft, members, tag, pool, formed=False, members=members, form=form
                ),
            )
        check = self._checker(draft, list(draft.blanks), loose=False)
        enough = min(wanted, MIN_MULTI_DISTRACTORS)
        return _take(candidates, check, members, wanted, enough, avoid=avoid)

    # ------------------------------------------------------------------ sources

    def _beside(self, draft: Draft, members: list[str], keys: list[str], tag: str):
        """What the texts list beside one of these members elsewhere (医疗 beside 教育): the
        same kind of thing, the article's lists first, most often beside them first."""
        article = draft.place.article
        together: dict[str, int] = {}
        tags: dict[str, str] = {}
        for listed in self.context.article_lists.get(article, ()):
            texts = {member.text for member in listed}
            shared = len(texts & set(members))
            if shared and not texts <= set(members):
                for member in listed:
                    if member.text not in members:
                        together[member.text] = together.get(member.text, 0) + shared
                        tags[member.text] = member.tag
        pool = [
            (word, tags[word], 0, 0)
            for word in sorted(together, key=lambda word: (-together[word], digest(article, word)))
        ]
        elsewhere: dict[str, int] = {}
        for member in members:
            for word, times in self._listed_beside(member).items():
                if word not in together and word not in members:
                    elsewhere[word] = elsewhere.get(word, 0) + times
        # Read on raw text, a list's edges are guesses: a word must stand beside the members
        # twice, and be one word (not 有能力) or end in the word a member ends in (职工书屋).
        ends = {self.context.segmenter.segment(member)[-1].word for member in members if member}
        for word in sorted(elsewhere, key=lambda word: (-elsewhere[word], digest(article, word))):
            if elsewhere[word] < MIN_TIMES_BESIDE:
                continue
            tokens = self.context.segmenter.segment(word)
            if tokens and (len(tokens) == 1 or tokens[-1].word in ends):
                pool.append((word, tokens[-1].tag, 1, 0))
        return self._term_candidates(draft, keys, tag, pool, formed=False, members=members)

    def _term_candidates(
        self,
        draft: Draft,
        keys: list[str],
        tag: str,
        pool: Sequence[tuple[str, str, int, int]],
        *,
        formed: bool = True,
        members: Sequence[str] = (),
        form: tuple[str, str] | None = None,
    ) -> Iterator[str]:
        """Candidates of the keys' class, band and form from (word, tag, source, section)
        entries: those with the keys' own head first (传统产业 for 新兴产业), then by source,
        nearest first, then the nearest sections, then by length."""
        kind = self.context.kind_tag
        classes = {word_class(key, kind(key, tag)) for key in keys}
        group = list(members) or keys
        shortest, longest = min(map(len, group)), max(map(len, group))
        slack = 2 if longest >= LONG_KEY_CHARS else 1
        length = sum(map(len, group)) / len(group)
        suffixes = {suffix(key) for key in group}
        key_heads = {head(key) for key in keys}
        # A head the keys share is their form.
        shared = next(iter(key_heads)) if len(key_heads) == 1 else None
        section = draft.place.section
        # A term the text defines is a term of the text.
        key_is_term = all(
            self.context.is_term(key) or key == draft.extra.get("term") for key in keys
        )
        library_terms = self._library_terms()
        lasts = {key[-1] for key in keys}

        def fits(word: str, word_tag: str) -> bool:
            if word in keys or word in members or is_generic(word):
                return False
            if not shortest - slack <= len(word) <= longest + slack:
                return False
            if word_class(word, kind(word, word_tag)) not in classes:
                return False
            # A set phrase (先立后破/l) beside a noun is another kind of thing.
            if word_tag in LOOSE_TAGS and tag not in LOOSE_TAGS:
                return False
            if suffix(word) not in suffixes:
                return False
            # Not a key with its last character changed (新质生产线 for 新质生产力): a misprint.
            if any(len(word) == len(key) > 2 and word[:-1] == key[:-1] for key in keys):
                return False
            if form is not None and not has_form(word, form):
                return False
            # 老人 beside 老年人, 安排专项资金 beside 资金安排: the same thing in other
            # words, a second right answer.
            if any(within(word, key) or within(key, word) for key in group):
                return False
            if any(len(self._pieces(word) & self._pieces(key)) >= 2 for key in group):
                return False
            # Short words sharing a character are kin (小麦, 大麦) when the texts list them
            # side by side, and one thing in two words (稻谷, 水稻) when they never do.
            if any(self._synonym(word, key) for key in group):
                return False
            # Kin with the keys' shared head have a modifier of their modifiers' class.
            if shared and not self._modified_alike(word, keys, shared):
                return False
            if not formed:
                return True
            # The same kind of thing shows in the form: a compound with the keys' head
            # (源头治理 for 社会治理), a short term with the key's last character (金融业 for
            # 服务业; not a bound suffix alone: 河长制 is no kind of 所有制). Without that,
            # even a term of the same text is another kind of thing (营商环境, 一带一路
            # beside 生态环境), and a plain noun any noun at all (贫困人口 for 营养状况).
            word_head = head(word)
            if shared:
                return word_head == shared
            if longest >= MIN_HEADED_CHARS or word[-1] not in lasts or word[-1] in FORM_SUFFIXES:
                return False
            return key_is_term and (self.context.is_term(word) or word in library_terms)

        ranked = sorted(
            (
                shared is not None and head(word) != shared,
                source,
                word[-1] not in lasts,
                abs(word_section - section),
                abs(len(word) - length),
                rank,
            )
            for rank, (word, word_tag, source, word_section) in enumerate(pool)
            if fits(word, word_tag)
        )
        yield from (pool[entry[-1]][0] for entry in ranked)

    def _modified_alike(self, word: str, keys: list[str], shared: str) -> bool:
        """Whether word's modifier before the shared head is of the keys' modifiers' class
        (要素市场 for 粮食市场; not 有效市场, a quality, nor 多边合作 for 经贸合作)."""
        tag = self.context.segmenter.tag
        mine = _modifier_kind(tag(word[: -len(shared)]))
        theirs = {_modifier_kind(tag(key[: -len(shared)])) for key in keys} - {None}
        return mine is None or not theirs or mine in theirs

    def _listed_beside(self, word: str) -> dict[str, int]:
        """What the outline and the library list beside the word, read on their raw text."""
        if word not in self._beside_cache:
            found = dict(listed_beside(self.context.document_text, word))
            for other, times in self.context.library.beside(word).items():
                found[other] = found.get(other, 0) + times
            self._beside_cache[word] = found
        return self._beside_cache[word]

    def _kin_in_library(self, draft: Draft, blank: Blank) -> Iterator[str]:
        """Words of the library with the key's head (人居环境, 外部环境 for 营商环境): a word
        of the dictionary before the head, as long as the key's, that makes a known word."""
        tail = head(blank.answer)
        if tail is None:
            return iter(())
        size = len(blank.answer) - len(tail)
        found = self.context.library.ending_with(tail)
        terms = self._library_terms()
        tag = self.context.segmenter.tag
        kind = _modifier_kind(tag(blank.answer[:size]))
        words = [
            prefix + tail
            for prefix in sorted(found, key=lambda p: (-found[p], digest(blank.answer, p)))
            if len(prefix) == size
            and self.context.segmenter.frequency(prefix)
            and not is_generic(prefix)
            # A modifier the document never uses names a kind of another field (田间管理 for
            # 监督管理 in a regulation): wrong, but not a mistake a reader of it would make.
            and self.context.occurrences(prefix)
            # A kind is told by a modifier of the key's own class: a noun for a noun (要素市场
            # for 粮食市场), not a quality (有效市场) or a pronoun (多边合作).
            and (kind is None or _modifier_kind(tag(prefix)) == kind)
            # A verb before the head makes a phrase, not a kind of it (保护环境, 污染环境).
            and not verbal(self.context.segmenter.tag(prefix))
            # A run of characters is not a word (收集|反映, 社会|主义制度): the kin must be
            # one the dictionary or the library's terms know.
            and (self.context.segmenter.frequency(prefix + tail) or prefix + tail in terms)
        ]
        pool = [(word, tag(word) or blank.tag, 4, 0) for word in words]
        return self._term_candidates(draft, [blank.answer], blank.tag, pool)

    def _figures_of_speech(self, draft: Draft, blank: Blank) -> Iterator[str]:
        """A figure of speech (生命线, 活化石) is asked beside other figures: the wording is
        the question, so 压舱石 is plausible and wrong where the text says 活化石."""
        if blank.answer not in FIGURATIVE_WORDS:
            return iter(())
        words = sorted(FIGURATIVE_WORDS, key=lambda word: digest(blank.answer, word))
        pool = [(word, blank.tag, 0, 0) for word in words]
        return self._term_candidates(draft, [blank.answer], blank.tag, pool, formed=False)

    def _synonym(self, word: str, key: str) -> bool:
        if len(word) > SYNONYM_CHARS or len(key) > SYNONYM_CHARS or not set(word) & set(key):
            return False
        return word not in self._listed_beside(key) and key not in self._listed_beside(word)

    def _library_terms(self) -> frozenset[str]:
        if self._library_words is None:
            self._library_words = frozenset(word for word, _ in self.context.library.terms())
        return self._library_words

    def _pieces(self, word: str) -> frozenset[str]:
        """The words of two characters or more a term is made of (资金安排: 资金, 安排)."""
        if word not in self._piece_cache:
            tokens = self.context.segmenter.segment(word)
            self._piece_cache[word] = frozenset(t.word for t in tokens if len(t.word) >= 2)
        return self._piece_cache[word]

    def _list_of(self, draft: Draft, blank: Blank) -> list[str] | None:
        """The members of the list the blank is a member of, if it is one (碳达峰、____)."""
        source = draft.source
        for members in self.context.article_lists.get(draft.place.article, ()):
            texts = [member.text for member in members]
            if blank.answer in texts:
                joined = MEMBER_JOINT.join(re.escape(text) for text in texts)
                if re.search(joined, source):
                    return texts
        return None

    def _answer_pool(self, draft: Draft) -> list[tuple[str, str, int, int]]:
        """(word, tag, source, section) for an article, nearest source first: 0 what its
        clozes blank (the terms of sibling sections), 1 what else its titles, headings and
        key points could blank, 2 its other terms, 3 the library's terms. Within a source, a
        stable shuffle."""
        article = draft.place.article
        if article not in self._pools:
            context = self.context
            seen: set[str] = set()
            pool: list[tuple[str, str, int, int]] = []

            def add(entries: Iterable[tuple[str, str, int]], source: int) -> None:
                fresh = []
                for word, word_tag, section in entries:
                    if word not in seen and len(word) >= 2 and _is_word(word, word_tag):
                        seen.add(word)
                        fresh.append((word, word_tag, source, section))
                fresh.sort(key=lambda entry: digest(article, entry[0]))
                pool.extend(fresh)

            answers = context.article_answers.get(article, ())
            add(((word, tag, section) for section, word, tag in answers), 0)
            outline = context.outline_words.get(article, ())
            add(((word, tag, section) for section, word, tag in outline), 1)
            sections = {
                word: section for section, word, _ in context.article_answers.get(article, ())
            }
            words = context.article_words.get(article, {})
            far = len(sections) + 1
            add(
                (
                    (word, tag, sections.get(word, far))
                    for word, tag in words
                    if context.is_term(word)
                ),
                2,
            )
            add(((word, tag, far) for word, tag in context.library.terms()), 3)
            self._pools[article] = pool
        return self._pools[article]

    # ------------------------------------------------------------------ checks

    def _checker(self, draft: Draft, blanks: list[Blank], *, loose: bool) -> Callable[[str], bool]:
        """Whether a candidate may be shown beside the keys in this draft's stem."""
        text = draft.place.text
        stem = draft.stem
        source_text = text[draft.start : draft.end]
        first, last = blanks[0], blanks[-1]
        clause = next(
            ((s, e) for s, e in clause_spans(text, draft.start, draft.end) if s <= first.start < e),
            (draft.start, draft.end),
        )
        span = Blank(first.start, last.end, first.answer, first.tag)
        before = _slot(text[max(clause[0], first.start - SLOT_CHARS) : first.start], left=True)
        after = _slot(text[last.end : min(clause[1], last.end + SLOT_CHARS)], left=False)

        def check(candidate: str) -> bool:
            if not loose and (candidate in stem or candidate in source_text):
                return False
            filled = _fill_span(text, (draft.start, draft.end), span, candidate)
            filled_clause = _fill_span(text, clause, span, candidate)
            if self.context.says(filled) or self.context.says(filled_clause):
                return False
            return loose or not self._fits_slot_elsewhere(candidate, before, after)

        return check

    def _fits_slot_elsewhere(self, candidate: str, before: str, after: str) -> bool:
        """Whether the outline or the library has the candidate where the blank is: after the
        words before it or before the words after it."""
        if not (before or after):
            return False
        lefts, rights = self._windows_of(candidate)
        return (before and before in lefts) or (after and after in rights) or False

    def _windows_of(self, word: str) -> tuple[frozenset[str], frozenset[str]]:
        """The three and four characters before and after each occurrence of the word in the
        outline and the library."""
        if word not in self._windows:
            lefts, rights = windows_around(self.context.document_text, word)
            library_lefts, library_rights = self.context.library.windows(word)
            self._windows[word] = (lefts | library_lefts, rights | library_rights)
        return self._windows[word]


def windows_around(text: str, word: str) -> tuple[frozenset[str], frozenset[str]]:
    """The SLOT_CHARS-wide and shorter contexts either side of each occurrence of the word."""
    lefts, rights = set(), set()
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        for size in range(MIN_SLOT_CHARS, SLOT_CHARS + 1):
            lefts.add(text[max(0, at - size) : at])
            rights.add(text[end : end + size])
        at = text.find(word, at + 1)
    return frozenset(lefts), frozenset(rights)


def _modifier_kind(tag: str | None) -> str | None:
    """The class of a compound's modifier, from its jieba tag: nominal (n…, vn, j), a quality
    (a…), or the tag's own letter; None when the word is unknown."""
    if not tag:
        return None
    if tag.startswith("n") or tag in {"vn", "j"}:
        return "nominal"
    return tag[0]


def _chain(*iterables: Iterable[str]) -> Iterator[str]:
    for iterable in iterables:
        yield from iterable


def _is_word(word: str, tag: str) -> bool:
    return HAN_WORD.fullmatch(word) is not None or tag == "eng"


def _slot(context: str, *, left: bool) -> str:
    """The ideographs right beside a blank, when there are enough of them to tell a slot."""
    run = re.findall(r"[\u4e00-\u9fff]+", context)
    if not run:
        return ""
    piece = run[-1] if left else run[0]
    return piece if len(piece) >= MIN_SLOT_CHARS else ""


def _fill_span(text: str, span: tuple[int, int], blank: Blank, candidate: str) -> str:
    start, end = span
    return text[start : blank.start] + candidate + text[blank.end : end]


def _take(
    candidates: Iterable[str],
    check: Callable[[str], bool],
    keys: Sequence[str],
    wanted: int,
    enough: int,
    *,
    figures: bool = False,
    avoid: Collection[str] = (),
) -> list[str] | None:
    """Up to `wanted` candidates, at least `enough`, that are distinct from the keys and each
    other (once normalised, and for words neither inside the other: 7 and 17 are two figures,
    创新 and 科技创新 one idea) and pass the check. A candidate in `avoid` is set aside and
    taken, in order, only when the others run out: the next candidate replaces it, and an
    item keeps its options when there is none."""
    taken: list[str] = []
    forms = [normalize(key) for key in keys]

    def distinct(form: str) -> bool:
        return bool(form) and not any(
            form == other if figures else (form in other or other in form) for other in forms
        )

    set_aside: list[str] = []
    for candidate in candidates:
        if not distinct(normalize(candidate)) or not check(candidate):
            continue
        if candidate in avoid:
            set_aside.append(candidate)
            continue
        taken.append(candidate)
        forms.append(normalize(candidate))
        if len(taken) == wanted:
            return taken
    for candidate in set_aside:
        if len(taken) == wanted:
            break
        if distinct(normalize(candidate)):
            taken.append(candidate)
            forms.append(normalize(candidate))
    return taken if len(taken) >= enough else None
