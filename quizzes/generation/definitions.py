"""Definitions: 新质生产力是……的先进生产力质态。 / 社会诚信包括……。 / X是指……。

The term is everything from the start of the sentence to the copula, and must read as a
term: 2-12 characters, a noun phrase (ends in a nominal word, does not open with a verb,
an adverb or a pronoun), no punctuation but quotation marks around it. The definition runs
to the end of the first clause that names what the term is (……的先进生产力质态), not
through the sentence's later clauses (……,要聚焦……).

Only a sentence that defines makes a definition card: X是指……, or X是D的G where G names a
kind of thing and D is a clause that sets X apart within it. The same shape with a short D,
an evaluation or a metaphor (营商环境是县域发展的生命线, 发展是党执政兴国的第一要务) is a
formulation: it becomes a cloze on what it calls X (营商环境是县域发展的____).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from quizzes.generation.blanks import answerable, fit_source, is_frame_label, ranked_candidates
from quizzes.generation.context import Context
from quizzes.generation.document import Place
from quizzes.generation.drafts import Blank, Draft, leaks
from quizzes.generation.items import CLOZE, DEFINITION, ENUMERATION
from quizzes.generation.lexicon import (
    EVALUATIVE_WORDS,
    FIGURATIVE_WORDS,
    GENERIC_WORDS,
    HAN_RUN,
    STOPWORDS,
    is_generic,
)
from quizzes.generation.lists import find_enumerations, is_punctuation
from quizzes.generation.segmentation import Token
from quizzes.generation.text import CLAUSE_MARKS, clause_spans

COPULA = "是"
INCLUDES = "包括"
# Prompts, Chinese like the texts.
WHAT_IS = "什么是{term}？"
WHAT_IT_INCLUDES = "{term}包括什么？"
MIN_TERM_CHARS, MAX_TERM_CHARS = 2, 12
MIN_DEFINITION_CHARS, MAX_DEFINITION_CHARS = 4, 90
# A term opening with one of these tags is a clause, not a name: a verb (发展新质生产力是),
# an adverb, a pronoun (这是), a preposition, a conjunction, a particle, a figure.
NON_TERM_OPENERS = frozenset({"v", "d", "r", "p", "c", "u", "uj", "ul", "m", "q", "f", "t"})
# A term ends in one of these: what it names is a thing.
TERM_HEADS = frozenset({"vn", "j", "l", "i", "eng", "k"})
QUOTES = "“”‘’\"'"
# A definition's clause that only says how (以……, 通过……) does not end it.
ADVERBIAL_OPENERS = ("以", "通过", "在", "由", "从", "对", "为", "按照", "依托", "借助", "围绕")
# A clause opening with one of these says something else about the term (……,这决定了……;
# ……,要聚焦……): the definition ended before it.
NEW_PREDICATE_OPENERS = (
    "这",
    "那",
    "此",
    "要",
    "需要",
    "必须",
    "应",
    "也",
    "还",
    "但",
    "而",
    "并",
    "从而",
    "因此",
    "所以",
    "我们",
)
# 是指: the definition proper follows; the term may then stand after 所称 (本条例所称X，是指),
# with a comma before 是指.
MEANS = "指"
CALLED = frozenset({"所称", "所说"})
MEANS_GAP = "，, "
# X是D的G: the genus G follows the last 的; D must be a clause of its own to define X.
GENUS_MARK = "的"
MIN_DIFFERENTIA_CHARS = 6
# ... or, without a verb jieba tags as one, a long one (以县城为中心、乡镇为纽带的区域经济).
MIN_VERBLESS_DIFFERENTIA_CHARS = 10
# Degree adverbs: a definition does not grade what it defines (最本质的特征).
DEGREE_WORDS = frozenset({"最", "更", "极", "极其", "十分", "非常", "尤为", "特别"})


def definition_drafts(
    place: Place, sentence: tuple[int, int], tokens: Sequence[Token], context: Context
) -> Iterator[Draft]:
    """The term of a sentence that defines, as a cloze (the definition card where no cloze fits); for X包括A、B
    和C the members to recall; for a formulation (营商环境是县域发展的生命线) a cloze on what
    it calls the term."""
    copula = next((t for t in tokens if t.word in (COPULA, INCLUDES)), None)
    if copula is None:
        return
    means = copula.word == COPULA and _next_word(tokens, copula) == MEANS
    term_tokens = [t for t in tokens if t.end <= copula.start]
    if means:
        term_tokens = _named_before_means(term_tokens)
    term = _term(place.text, sentence[0], copula, term_tokens, context, means=means)
    if term is None:
        return
    term_start, term_end, word = term
    # A label for what follows (总体要求是：……, 主要任务是) is defined by nothing it says.
    if is_frame_label(word):
        return
    includes = copula.word == INCLUDES
    if includes:
        listed = next((e for e in find_enumerations(tokens) if e.opener == copula), None)
        if listed is not None:
            yield from _included_members(place, sentence, word, listed)
            return
    span = _definition(place.text, copula.end, sentence[1], tokens)
    if span is None:
        return
    definition = place.text[span[0] : span[1]]
    if word in definition:
        return
    blank = Blank(term_start, term_end, word, _head_tag(term_tokens, term_start, term_end, context))
    if not (includes or means or _defines(tokens, span)):
        yield from _formulation(place, sentence, tokens, span, blank, context)
        return
    # One fact, asked once: the term blanked in its defining sentence (typed, or chosen among
    # other terms) says what the card 什么是X？ would ask in reverse. The card only where the
    # sentence leaves no cloze.
    clozes = list(_term_cloze(place, sentence, blank, "definition", definition))
    if clozes:
        yield from clozes
        return
    prompt = (WHAT_IT_INCLUDES if includes else WHAT_IS).format(term=word)
    start, end = sentence
    yield Draft(DEFINITION, place, start, end, (definition,), prompt=prompt, extra={"term": word})


def _term_cloze(
    place: Place, sentence: tuple[int, int], blank: Blank, origin: str, definition: str = ""
):
    fitted = fit_source(place.text, sentence, [(blank.start, blank.end)], [blank.answer])
    if fitted:
        extra = {"from": origin, "term": blank.answer}
        if definition:
            extra["definition"] = definition
        yield Draft(
            CLOZE,
            place,
            *fitted,
            (blank.answer,),
            (blank,),
            ((blank.start, blank.end),),
            extra=extra,
        )


def _next_word(tokens: Sequence[Token], token: Token) -> str | None:
    following = next((t for t in tokens if t.start >= token.end), None)
    return following.word if following else None


def _named_before_means(tokens: list[Token]) -> list[Token]:
    """本条例所称营商环境，是指……: the term is what comes after 所称, before the comma."""
    while tokens and (is_punctuation(tokens[-1]) or tokens[-1].word.isspace()):
        tokens = tokens[:-1]
    words = [t.word for t in tokens]
    for index in range(len(words)):
        if words[index] in CALLED:
            return tokens[index + 1 :]
        if index + 1 < len(words) and words[index] + words[index + 1] in CALLED:
            return tokens[index + 2 :]
    return tokens


def _defines(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    """Whether X是D的G says what X is: G, the genus, names a kind of thing, and D, what sets X
    apart from the rest of that kind, is a clause of its own (a verb and some length, or more
    length: 依托社区活动场所,为老年人提供……的社区学习平台). A short D without a verb (县域发展的生命线),
    a genus that is a metaphor (必由之路) or evaluates (重要保障), and a degree adverb
    anywhere (最本质的特征) make a formulation, to be learnt by heart, not a definition."""
    inside = [
        t for t in tokens if span[0] <= t.start and t.end <= span[1] and not is_punctuation(t)
    ]
    marks = [index for index, t in enumerate(inside) if t.word == GENUS_MARK]
    if not marks or marks[-1] == len(inside) - 1:
        return False
    differentia, genus = inside[: marks[-1]], inside[marks[-1] + 1 :]
    if any(t.word in DEGREE_WORDS for t in inside) or any(
        t.word in EVALUATIVE_WORDS for t in genus
    ):
        return False
    if genus[-1].word in FIGURATIVE_WORDS or "".join(t.word for t in genus) in FIGURATIVE_WORDS:
        return False
    chars = sum(len(t.word) for t in differentia if HAN_RUN.fullmatch(t.word))
    has_verb = any(t.tag.startswith("v") and t.tag != "vn" for t in differentia)
    return chars >= (MIN_DIFFERENTIA_CHARS if has_verb else MIN_VERBLESS_DIFFERENTIA_CHARS)


def _formulation(
    place: Place,
    sentence: tuple[int, int],
    tokens: Sequence[Token],
    span: tuple[int, int],
    term: Blank,
    context: Context,
) -> Iterator[Draft]:
    """营商环境是县域发展的____: a formulation is learnt as it is worded, so the blank is what
    it calls the term (a word after its last 的); when none is worth it (基础和关键), the term."""
    text = place.text
    genus_start = max(
        (t.end for t in tokens if span[0] <= t.start < span[1] and t.word == GENUS_MARK),
        default=span[0],
    )
    for token in ranked_candidates(
        tokens, context, text, genus_start, span[1], context.topic(place)
    ):
        hidden = [(token.start, token.end)]
        if not answerable(tokens, text, *sentence, hidden):
            continue
        fitted = fit_source(text, sentence, hidden, [token.word])
        if fitted:
            blank = Blank(token.start, token.end, token.word, token.tag)
            yield Draft(
                CLOZE,
                place,
                *fitted,
                (token.word,),
                (blank,),
                tuple(hidden),
                extra={"from": "formulation", "term": term.answer},
            )
            return
    # The term itself, unless it is what the article is about (its title says so).
    if not is_generic(term.answer) and term.answer not in context.topic(place):
        yield from _term_cloze(place, sentence, term, "formulation")


def _term(
    text: str,
    start: int,
    copula: Token,
    tokens: list[Token],
    context: Context,
    *,
    means: bool = False,
):
    """(start, end, term) of the term before the copula, inside any quotation marks. Before
    是指 the term may stand after 所称 and before a comma (本条例所称营商环境，是指)."""
    inner = [t for t in tokens if t.word not in QUOTES]
    if not inner or any(is_punctuation(t) or t.word.isspace() for t in inner):
        return None
    # 也是, 仍是, 不仅仅是: an adverb before the copula makes it a comment, not a definition.
    if inner[-1].tag == "d":
        return None
    word = "".join(t.word for t in inner)
    if not MIN_TERM_CHARS <= len(word) <= MAX_TERM_CHARS:
        return None
    if tokens[0].start != start and not means:
        return None
    if text[inner[-1].end : copula.start].strip(QUOTES + (MEANS_GAP if means else "")):
        return None
    if any(t.word in STOPWORDS for t in inner) or (
        len(inner) == 1 and inner[0].word in GENERIC_WORDS
    ):
        return None
    # Before 是指 what stands is named a term by the sentence itself (帮办代办是指……).
    if not context.is_term(word) and not means:
        if (
            inner[0].tag in NON_TERM_OPENERS
            or inner[0].tag.startswith("v")
            and inner[0].tag != "vn"
        ):
            return None
        head = inner[-1]
        if not (head.tag.startswith("n") or head.tag in TERM_HEADS or context.is_term(head.word)):
            # A noun + verb compound names a thing too (科技创新, 原创性创新).
            if not (len(inner) >= 2 and head.tag == "v" and inner[-2].tag.startswith("n")):
                return None
    return inner[0].start, inner[-1].end, word


def _head_tag(tokens: list[Token], start: int, end: int, context: Context) -> str:
    inner = [t for t in tokens if start <= t.start and t.end <= end]
    return inner[-1].tag if len(inner) == 1 else "n"


def _definition(text: str, start: int, end: int, tokens: Sequence[Token]) -> tuple[int, int] | None:
    """(start, end) of the definition: from after the copula to the end of the clause that
    names the genus."""
    if text.startswith(MEANS, start):
        start += len(MEANS)
    clauses = clause_spans(text, start, end)
    stop = end
    for index, (clause_start, clause_end) in enumerate(clauses):
        clause = text[clause_start:clause_end].rstrip("".join(CLAUSE_MARKS) + "。；;！？!?")
        if index and clause.startswith(NEW_PREDICATE_OPENERS):
            stop = clause_start
            break
        names_genus = "的" in clause and _ends_nominal(tokens, clause_start, clause_end)
        if names_genus and not clause.startswith(ADVERBIAL_OPENERS):
            stop = clause_end
            break
    definition = text[start:stop].rstrip("".join(CLAUSE_MARKS) + "。；;！？!? ")
    if not MIN_DEFINITION_CHARS <= len(definition) <= MAX_DEFINITION_CHARS:
        return None
    return start, start + len(definition)


def _ends_nominal(tokens: Sequence[Token], start: int, end: int) -> bool:
    words = [t for t in tokens if start <= t.start and t.end <= end and not is_punctuation(t)]
    return bool(words) and (words[-1].tag.startswith("n") or words[-1].tag in TERM_HEADS)


def _included_members(
    place: Place, sentence: tuple[int, int], term: str, listed
) -> Iterator[Draft]:
    """X包括A、B和C: recall the members, in any order."""
    answers = tuple(member.text for member in listed.members)
    hidden = ((listed.start, listed.end),)
    fitted = fit_source(place.text, sentence, hidden, answers)
    if fitted is None:
        return
    blanks = tuple(Blank(m.start, m.end, m.text, m.tag) for m in listed.members)
    draft = Draft(
        ENUMERATION, place, *fitted, answers, blanks, hidden, extra={"ordered": False, "term": term}
    )
    if not leaks(draft.stem, answers):
        yield draft
