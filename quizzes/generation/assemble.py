"""From an outline to items: collect each article's drafts, then give them keys and options.

Drafts are collected for a whole article before any options are made, because the article
is where distractors are looked for first.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import replace

from corpus.parsing import Article, Outline
from quizzes.generation.blanks import answerable, fit_source
from quizzes.generation.context import Context
from quizzes.generation.definitions import COPULA, INCLUDES, definition_drafts
from quizzes.generation.distractors import Distractors
from quizzes.generation.document import (
    Place,
    article_texts,
    heading_of,
    paragraph_places,
    title_place,
)
from quizzes.generation.drafts import TERM, Blank, Draft, leaks
from quizzes.generation.hints import hint_for
from quizzes.generation.items import (
    CHOICE,
    CLOZE,
    ENUMERATION,
    MULTI,
    NUMBER,
    QUOTE,
    Item,
    item_key,
)
from quizzes.generation.lexicon import DOMAIN_TERMS, EVALUATIVE_WORDS, is_generic
from quizzes.generation.lists import LIST_MARK, Enumeration
from quizzes.generation.numbers import HAS_FIGURE, number_drafts
from quizzes.generation.outline_items import keypoint_drafts, outline_cloze
from quizzes.generation.quotes import quote_drafts
from quizzes.generation.segmentation import Token
from quizzes.generation.text import sentence_spans
from quizzes.generation.weights import weighed

OPTIONS = 4  # a single choice: the key and three distractors
# A multiple choice shows the members and a few non-members: two when there are few
# members (two members make four options), three when there are more.
MULTI_DISTRACTORS_FEW, MULTI_DISTRACTORS_MANY, MANY_MEMBERS = 2, 3, 4
# Lists in the body of a paragraph must be longer than a pair to be worth a question; the
# first such list of a sentence is taken.
BODY_LIST_MIN_MEMBERS = 3
SINGLE_BLANK_KINDS = (CLOZE, QUOTE, NUMBER)
# Sentences of rhetoric, whose lists are not asked: calls to the audience and thanks.
EXHORTATION_OPENERS = ("让我们", "我们要", "同志们")
EXCLAMATIONS = ("！", "!")
CLOSERS = "”’」』）) "
# jieba's tags of people's names, and of idioms and set phrases.
PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
SET_PHRASE_TAGS = frozenset({"i", "l"})
DIGIT = re.compile(r"\d")
END_MARKS = "。！？；!?;"


def build_items(
    outline: Outline, context: Context, unpicked: Mapping[str, Collection[str]] | None = None
) -> Iterator[Item]:
    """The items of each article in turn. `unpicked` maps an item's key to wrong options no
    one picks: each is replaced by the next candidate (the key stays; only options change)."""
    distractors = Distractors(context)
    unpicked = unpicked or {}
    for index, article in enumerate(outline.articles):
        context.article_texts[index] = article_texts(article)
        drafts = list(article_drafts(article, index, context))
        context.article_answers[index] = [
            (draft.place.section, blank.answer, blank.tag)
            for draft in drafts
            if draft.kind in (CLOZE, QUOTE)
            for blank in draft.blanks
            if blank.sort == TERM
        ]
        listed: set[frozenset[str]] = set()
        made: dict[str, Item] = {}
        for draft in drafts:
            if draft.kind == MULTI:
                # A list repeated in an article (a key point restated in its paragraph) is asked once.
                members = frozenset(draft.answers)
                if members in listed:
                    continue
                listed.add(members)
            for item in finish(draft, distractors, unpicked):
                # The same sentence twice in an article makes the same item twice: the first.
                made.setdefault(item.key, item)
        yield from weighed(list(made.values()), "\n".join(context.article_texts[index]))


def article_drafts(article: Article, index: int, context: Context) -> Iterator[Draft]:
    """Drafts in reading order: the title, then per section its heading and key points,
    then the paragraphs."""
    if title := title_place(article, index):
        yield from line_drafts(title, 0, len(title.text), context)
    for section_index, section in enumerate(article.sections):
        if section.heading and (heading := heading_of(article, index, section_index)):
            yield from line_drafts(heading, 0, len(heading.text), context)
        if section.points and (name := heading_of(article, index, section_index)):
            for draft in keypoint_drafts(name, section):
                yield replace(draft, outline=True)
    for place, points in paragraph_places(article, index):
        yield from paragraph_drafts(place, points, context)


def line_drafts(place: Place, start: int, end: int, context: Context) -> Iterator[Draft]:
    """A title, heading or key point: a cloze on it and a multiple choice on its lists (not
    on the list the cloze already blanks: 扎实做好____、____各项工作)."""
    cloze = outline_cloze(place, start, end, context)
    if cloze:
        yield replace(cloze, outline=True)
    tokens = context.tokens(place, start, end)
    for enumeration in context.enumerations(place, tokens):
        members = tuple(member.text for member in enumeration.members)
        if cloze is None or cloze.answers != members:
            for draft in list_draft(place, (start, end), enumeration, tokens):
                yield replace(draft, outline=True)


def paragraph_drafts(place: Place, points: list[str], context: Context) -> Iterator[Draft]:
    """Clozes on the key points, then quotations, then per sentence its definition, figures
    and first long list. Only sentences that may hold one of these are segmented."""
    text = place.text
    point_spans = []
    for point in points:
        at = text.find(point)
        if at >= 0:
            point_spans.append((at, at + len(point)))
            if not _defines(point):  # a point that defines a term is asked as its definition
                yield from line_drafts(place, at, at + len(point), context)
    yield from quote_drafts(place, context)
    for sentence in sentence_spans(text):
        body = text[sentence[0] : sentence[1]]
        is_point = any(
            start == sentence[0] and body.rstrip(END_MARKS) == text[start:end]
            for start, end in point_spans
        )
        wants_lists = LIST_MARK in body and not is_point and not _exhorts(body)
        wants_definition = _defines(body)
        wants_figures = HAS_FIGURE.search(body) is not None
        if not (wants_lists or wants_definition or wants_figures):
            continue
        tokens = context.tokens(place, *sentence)
        if wants_definition:
            yield from definition_drafts(place, sentence, tokens, context)
        if wants_figures:
            yield from number_drafts(place, sentence, tokens)
        if wants_lists:
            for enumeration in context.enumerations(place, tokens):
                if len(enumeration.members) >= BODY_LIST_MIN_MEMBERS:
                    yield from list_draft(place, sentence, enumeration, tokens)
                    break


def list_draft(
    place: Place, sentence: tuple[int, int], enumeration: Enumeration, tokens: Sequence[Token]
) -> Iterator[Draft]:
    """The draft of a multiple choice on a list's members, options still to come. Not on a
    list of people, mostly (who attended is not what a text teaches: jieba reads some names
    as words, 汪洋)."""
    members = enumeration.members
    if 2 * sum(member.tag in PERSON_TAGS for member in members) >= len(members):
        return
    # Nor on a list of praise (高屋建瓴、统揽全局、思想深邃), nor one with a word that names
    # nothing among its members (考核、考试、类似).
    if not any(member.text in DOMAIN_TERMS for member in members) and 2 * sum(
        member.tag in SET_PHRASE_TAGS or _is_set_phrase(member.text) for member in members
    ) >= len(members):
        return
    if any(is_generic(member.text) for member in members):
        return
    # Nor on a list of figures (分别增加6.5公斤、16.6公斤……): a table in words.
    if any(DIGIT.search(member.text) for member in members):
        return
    answers = tuple(member.text for member in enumeration.members)
    hidden = ((enumeration.start, enumeration.end),)
    fitted = fit_source(place.text, sentence, hidden, answers)
    # What stays visible must say what the list is of: not a verb alone (加强____。).
    if fitted is None or not answerable(tokens, place.text, *fitted, hidden):
        return
    blanks = tuple(Blank(m.start, m.end, m.text, m.tag) for m in enumeration.members)
    draft = Draft(MULTI, place, *fitted, answers, blanks, hidden, extra={"ordered": False})
    if not leaks(draft.stem, answers):
        yield draft


def finish(
    draft: Draft, distractors: Distractors, unpicked: Mapping[str, Collection[str]] | None = None
) -> Iterator[Item]:
    unpicked = unpicked or {}
    if draft.kind == MULTI:
        # A list with no plausible wrong members to offer is recalled instead.
        yield _multi(draft, distractors, unpicked) or to_item(replace(draft, kind=ENUMERATION))
        return
    # One item per fact: a one-blank fact carries its options, so that it can be typed or,
    # where the mode asks for it, chosen (quizzes.asking). No single choice of its own.
    if draft.kind in SINGLE_BLANK_KINDS and len(draft.blanks) == 1:
        yield _with_options(draft, distractors, unpicked)
        return
    yield to_item(draft)


def to_item(
    draft: Draft, kind: str | None = None, options=None, answers=None, base: str | None = None
) -> Item:
    """The item of a draft, or of another kind built on it (a choice on a cloze, with `base`
    naming the draft's kind)."""
    kind = kind or draft.kind
    answers = list(answers if answers is not None else draft.answers)
    extra = dict(draft.extra)
    if draft.blanks:
        extra["blanks"] = draft.blank_offsets()
    if base:
        extra["base"] = base
    key = item_key(kind, draft.source, answers)
    extra["hint"] = hint_for(kind, answers, options, key, base or "")
    return Item(
        key=key,
        kind=kind,
        article=draft.place.article,
        section=draft.place.section,
        paragraph=draft.place.paragraph,
        start=draft.start,
        end=draft.end,
        source=draft.source,
        prompt=draft.stem,
        answers=answers,
        options=options,
        cloze=draft.cloze if kind in (CLOZE, QUOTE, NUMBER, CHOICE) else None,
        extra=extra,
        outline=draft.outline,
    )


def _with_options(
    draft: Draft, distractors: Distractors, unpicked: Mapping[str, Collection[str]]
) -> Item:
    """The item of a one-blank fact, with the options of asking it as a single choice when
    there are plausible wrong ones (and the hint of that way of asking), None otherwise."""
    item = to_item(draft)
    blank = draft.blanks[0]
    wrong = distractors.for_blank(draft, blank, OPTIONS - 1, avoid=unpicked.get(item.key, ()))
    if wrong is None:
        return item
    # The key's position comes from the item key: balanced over many items, stable per item.
    position = int(item.key, 16) % OPTIONS
    options = wrong[:position] + [blank.answer] + wrong[position:]
    extra = item.extra | {"choice_hint": hint_for(CHOICE, item.answers, options, item.key)}
    return replace(item, options=options, extra=extra)


def _multi(
    draft: Draft, distractors: Distractors, unpicked: Mapping[str, Collection[str]]
) -> Item | None:
    members = list(draft.answers)
    wanted = MULTI_DISTRACTORS_FEW if len(members) < MANY_MEMBERS else MULTI_DISTRACTORS_MANY
    key = item_key(MULTI, draft.source, members)
    wrong = distractors.for_list(draft, wanted, avoid=unpicked.get(key, ()))
    if wrong is None:
        return None
    options = sorted(
        members + wrong, key=lambda option: hashlib.sha1(f"{key}\x1f{option}".encode()).hexdigest()
    )
    return to_item(draft, MULTI, options, members)


def _is_set_phrase(text: str) -> bool:
    """Four characters of praise or manner as one phrase (思想深邃, 内涵丰富): a noun and an
    evaluative word."""
    return len(text) == 4 and (text[2:] in EVALUATIVE_WORDS or text[:2] in EVALUATIVE_WORDS)


def _exhorts(sentence: str) -> bool:
    """A call or a thanks (让我们……, ……表示诚挚感谢！): rhetoric, whose lists teach nothing."""
    return sentence.startswith(EXHORTATION_OPENERS) or sentence.rstrip(CLOSERS).endswith(
        EXCLAMATIONS
    )


def _defines(text: str) -> bool:
    """Whether a sentence may define a term (X是……, X包括……): definition drafts look closer."""
    return COPULA in text or INCLUDES in text
