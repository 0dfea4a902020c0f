"""Definitions: 新质生产力是……的先进生产力质态。 / 社会诚信包括……。

The term is everything from the start of the sentence to the copula, and must read as a
term: 2-12 characters, a noun phrase (ends in a nominal word, does not open with a verb,
an adverb or a pronoun), no punctuation but quotation marks around it. The definition runs
to the end of the first clause that names what the term is (……的先进生产力质态), not
through the sentence's later clauses (……,要聚焦……).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from quizzes.generation.blanks import fit_source
from quizzes.generation.context import Context
from quizzes.generation.document import Place
from quizzes.generation.drafts import Blank, Draft, leaks
from quizzes.generation.items import CLOZE, DEFINITION, ENUMERATION
from quizzes.generation.lexicon import GENERIC_WORDS, STOPWORDS
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
# 是指: the definition proper follows.
MEANS = "指"


def definition_drafts(
    place: Place, sentence: tuple[int, int], tokens: Sequence[Token], context: Context
) -> Iterator[Draft]:
    """The definition card, its term as a cloze, or for X包括A、B和C the members to recall."""
    copula = next((t for t in tokens if t.word in (COPULA, INCLUDES)), None)
    if copula is None:
        return
    term_tokens = [t for t in tokens if t.end <= copula.start]
    term = _term(place.text, sentence[0], copula, term_tokens, context)
    if term is None:
        return
    term_start, term_end, word = term
    includes = copula.word == INCLUDES
    if includes:
        listed = next((e for e in find_enumerations(tokens) if e.opener == copula), None)
        if listed is not None:
            yield from _included_members(place, sentence, word, listed)
            return
    definition = _definition(place.text, copula.end, sentence[1], tokens)
    if definition is None or word in definition:
        return
    prompt = (WHAT_IT_INCLUDES if includes else WHAT_IS).format(term=word)
    start, end = sentence
    yield Draft(DEFINITION, place, start, end, (definition,), prompt=prompt, extra={"term": word})
    blank = Blank(term_start, term_end, word, _head_tag(term_tokens, term_start, term_end, context))
    fitted = fit_source(place.text, sentence, [(term_start, term_end)], [word])
    if fitted:
        yield Draft(
            CLOZE,
            place,
            *fitted,
            (word,),
            (blank,),
            ((term_start, term_end),),
            extra={"from": "definition", "term": word},
        )


def _term(text: str, start: int, copula: Token, tokens: list[Token], context: Context):
    """(start, end, term) of the term before the copula, inside any quotation marks."""
    inner = [t for t in tokens if t.word not in QUOTES]
    if not inner or any(is_punctuation(t) or t.word.isspace() for t in inner):
        return None
    # 也是, 仍是, 不仅仅是: an adverb before the copula makes it a comment, not a definition.
    if inner[-1].tag == "d":
        return None
    word = "".join(t.word for t in inner)
    if not MIN_TERM_CHARS <= len(word) <= MAX_TERM_CHARS or tokens[0].start != start:
        return None
    if text[inner[-1].end : copula.start].strip(QUOTES):
        return None
    if any(t.word in STOPWORDS for t in inner) or (
        len(inner) == 1 and inner[0].word in GENERIC_WORDS
    ):
        return None
    if not context.is_term(word):
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


def _definition(text: str, start: int, end: int, tokens: Sequence[Token]) -> str | None:
    """From after the copula to the end of the clause that names the genus."""
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
    return definition


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
