"""Enumerations joined by 、: 统筹推进传统产业升级、新兴产业壮大、未来产业培育.

Only the members between two 、 marks are delimited by the text itself. The first and the
last member are taken to be as long as those middle ones (parallel members are about the
same length), growing from the 、 outwards one token at a time; with two members only, the
first one is the run of nominal tokens before the 、 and the last one as long as it. A
member after 和/及 at the end (A、B和C) is one more member. A list whose members have a
shared head (原创性、颠覆性科技创新) so gives the distinct parts: 原创性, 颠覆性.

The members are then checked against each other's shapes: the first takes in a verb only
when the middle ones are verb phrases (解决|教育、就业、收入分配), or when all are one short
slogan beat (听党话、感党恩、跟党走); no member ends on a word that leans on what follows
(国家有关|规定, 查处结果及时|向社会公开); the last member ends where the others do (销地|批发
市场 beside 产地、集散地; 首届消博会 beside 广交会); and a head the members share only inside
the last one's word (二中、三中、四中全会) leaves no whole member to ask.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quizzes.generation.lexicon import FORMULAIC_VERBS, STOPWORDS
from quizzes.generation.segmentation import Token

LIST_MARK = "、"
# A last member after one of these joins the list (个人诚信、公共服务诚信和社会治理诚信).
CONJUNCTIONS = frozenset({"和", "及", "以及", "与", "或", "或者"})
# Verbs that introduce a list rather than start its first member.
LIST_OPENERS = frozenset({"包括", "包含", "涵盖", "覆盖", "涉及", "如", "例如", "比如", "有", "是"})
# Tags that a first member may end its leftward growth on without a length to reach: nouns,
# verb-nouns, adjectives used as attributes, distinguishing words (县级), times, places,
# abbreviations, set phrases, idioms, Latin words.
NOMINAL_TAGS = frozenset({"vn", "a", "an", "b", "t", "s", "f", "j", "l", "i", "eng", "k", "g"})
# Tags of words that lean on what follows them, so that no member ends on one: conjunctions
# (及时 is one to jieba), prepositions, particles; and adverbs, when the phrase goes on.
ADVERB_TAGS = frozenset({"d"})
DANGLING_TAGS = frozenset({"c", "p", "u", "uj", "ul", "uz", "ug", "uv", "ud"})
# Attributes that need a head noun (国家有关规定, 相关部门): a member does not end on one.
DANGLING_ENDINGS = ("有关", "相关", "相应")
QUALITY_TAGS = frozenset({"a", "ad", "an"})  # adjectives: they say how, not what
# Words after the last member that end the list (A、B、C等D): D is what they are.
LIST_CLOSERS = frozenset({"等", "等等"})
MAX_FREE_TOKENS = 3  # a first member grown without a target length
# Members read as a slogan's beats (稳就业、保民生、听党话): three characters, or up to four
# with a character in common.
SLOGAN_BEAT_CHARS, MAX_BEAT_CHARS = 3, 4
MIN_MEMBERS, MAX_MEMBERS = 2, 8
MIN_MEMBER_CHARS, MAX_MEMBER_CHARS = 2, 12
MAX_LENGTH_RATIO = 3  # longest member to shortest
LAST_MEMBER_SLACK = (
    1.5  # how much longer than the others the last member may run to its phrase's end
)


@dataclass(frozen=True, slots=True)
class Member:
    start: int
    end: int
    text: str
    tag: str  # tag of its last token, the head: what kind of thing it names


@dataclass(frozen=True, slots=True)
class Enumeration:
    members: tuple[Member, ...]
    start: int  # from the first member's start to the last member's end
    end: int
    opener: Token | None  # the token right before the list (包括 in X包括A、B和C)
    # The last member was cut short of its phrase (颠覆性 of 颠覆性科技创新): right when the
    # rest is the members' shared head, a guess when it is not (首届中国|国际消费品博览会).
    cut: bool = False


def is_punctuation(token: Token) -> bool:
    return token.tag == "x" and not token.word.isalnum()


def find_enumerations(tokens: Sequence[Token]) -> list[Enumeration]:
    found = []
    for run in _runs(tokens):
        if any(token.word == LIST_MARK for token in run):
            enumeration = _enumeration(run, tokens)
            if enumeration:
                found.append(enumeration)
    return found


def _runs(tokens: Sequence[Token]) -> list[list[Token]]:
    """Stretches of tokens between punctuation other than 、."""
    runs, current = [], []
    for token in tokens:
        if is_punctuation(token) and token.word != LIST_MARK:
            if current:
                runs.append(current)
            current = []
        elif not token.word.isspace():
            current.append(token)
    if current:
        runs.append(current)
    return runs


def _enumeration(run: list[Token], tokens: Sequence[Token]) -> Enumeration | None:
    pieces: list[list[Token]] = [[]]
    for token in run:
        if token.word == LIST_MARK:
            pieces.append([])
        else:
            pieces[-1].append(token)
    middles = pieces[1:-1]
    if any(not piece for piece in middles):
        return None
    tail = pieces[-1]
    first, target = _first_member(pieces[0], middles, tail)
    if not first:
        return None
    # A, B和C: 和 joins one more member, if what comes before it is a member's length
    # (not 前景好的战略性科学计划和科学工程, where 和 is inside the last member's tail).
    joint = next(
        (index for index, token in enumerate(tail) if index and token.word in CONJUNCTIONS), None
    )
    if joint is not None:
        before = tail[:joint]
        if _chars(before) <= 2 * (target or _chars(first)) and not any(
            _stops(token) for token in before
        ):
            middles.append(before)
            tail = tail[joint + 1 :]
            first, target = _first_member(pieces[0], middles, tail)
    found = _last_member(tail, target or _chars(first), [first, *middles])
    if not found:
        return None
    last, cut = found
    groups = [first, *middles, last]
    if any(_stops(token) for group in groups for token in group):
        return None
    if not _parallel(groups):
        return None
    members = tuple(_member(group) for group in groups)
    if not _acceptable(members):
        return None
    opener_index = tokens.index(first[0]) - 1
    opener = tokens[opener_index] if opener_index >= 0 else None
    return Enumeration(members, members[0].start, members[-1].end, opener, cut)


def _first_member(tokens: list[Token], middles: list[list[Token]], tail: list[Token]):
    """(first member, the length members have) from what precedes the first 、."""
    # As long as a typical middle member: the median, not the longest (繁荣|新闻出版 beside
    # 广播影视、文学艺术 and the longer 哲学社会科学).
    lengths = sorted(_chars(piece) for piece in middles)
    target = lengths[len(lengths) // 2] if lengths else None
    # The members are verb phrases when a middle one opens with a verb that governs the rest
    # of it (优化|经济结构); a middle member that is one verb (就业 beside 教育、收入分配) says
    # nothing of the kind, so 解决 stays out of 教育.
    verbal = any(len(piece) > 1 and _is_verb(piece[0]) for piece in middles)
    beat = _beat(middles, tail)
    if middles:
        head_verbal = any(_is_verb(piece[-1]) for piece in middles)
    else:
        # Two members with the same head (经济建设、政治建设).
        head_verbal = bool(tokens) and tokens[-1].word in {token.word for token in tail}
    grown = _grow_left(tokens, target, verbal=verbal, head_verbal=head_verbal, beat=beat)
    return grown, target


def _beat(middles: list[list[Token]], tail: list[Token]) -> int | None:
    """The length of a slogan's beats, when the list is one: middle members all three
    characters long (抓经济 for 促生产、拓需求), or all of one short length with a character in
    the same place as the next member's (来自人民 for 植根人民、服务人民; 听党话 for 感党恩、
    跟党走). The first member then has that length too, its verb included."""
    texts = ["".join(token.word for token in piece) for piece in middles]
    lengths = {len(text) for text in texts}
    if len(lengths) != 1 or not MIN_MEMBER_CHARS <= (size := lengths.pop()) <= MAX_BEAT_CHARS:
        return None
    following = "".join(token.word for token in tail)[:size]
    shared = len(following) == size and any(
        all(text[at] == following[at] for text in texts) for at in range(size)
    )
    return size if size == SLOGAN_BEAT_CHARS or shared else None


def _chars(tokens: Sequence[Token]) -> int:
    return sum(len(token.word) for token in tokens)


def _stops(token: Token) -> bool:
    return is_punctuation(token) or token.word in STOPWORDS or token.word in CONJUNCTIONS


def _grow_left(
    tokens: list[Token],
    target: int | None,
    *,
    verbal: bool,
    head_verbal: bool,
    beat: int | None = None,
) -> list[Token]:
    """The first member, grown leftwards from the 、 towards the middle members' length. It
    takes in a verb only when the middle members start with one too (转变发展方式 like
    优化经济结构, not 聚焦新能源 beside 新材料); with no middle member, only nominal words,
    so that a slogan verb (加强原创性) stays outside."""
    grown: list[Token] = []
    for token in reversed(tokens):
        # The head of the member may be a verb when the middle members end in one too
        # (经济建设 like 政治建设, 文化建设).
        verb_allowed = verbal or (not grown and head_verbal)
        if _stops(token) or token.word in LIST_OPENERS:
            break
        if _is_verb(token) and not verb_allowed:
            if beat and _chars(grown) + len(token.word) == beat:
                grown.insert(0, token)
            break
        if target is None:
            if (
                len(grown) == MAX_FREE_TOKENS
                or not _nominal(token)
                or token.word in FORMULAIC_VERBS
            ):
                break
        elif _chars(grown) >= target or (
            _chars(grown) + len(token.word) > target and not _nominal(token)
        ):
            break
        grown.insert(0, token)
    # Verb phrases (保护农民利益、支持农业发展): the first member is one as well, its verb taken in
    # even past the others' length (适应世贸组织规则, not 世贸组织规则 after a stray 适应); not
    # a slogan's beats, whose length is their shape (一体推进|不敢腐、不能腐).
    if verbal and not beat and grown and not _is_verb(grown[0]) and len(grown) < len(tokens):
        before = tokens[len(tokens) - len(grown) - 1]
        if _is_verb(before) and not _stops(before) and before.word not in LIST_OPENERS:
            grown.insert(0, before)
    return grown


def _grow_right(tokens: list[Token], target: int) -> tuple[list[Token], list[Token], Token | None]:
    """The last member, grown rightwards from the 、 to the middle members' length, and
    through to the end of its phrase when that is only a little longer (整体风貌控制 beside
    一般保护, but 颠覆性 and not 颠覆性科技创新 beside 原创性); with its whole phrase and the
    token that ended the phrase."""
    phrase: list[Token] = []
    stopper = None
    for token in tokens:
        # A figure after the last member starts a phrase of its own (……服务点三个层级); a
        # one-character localizer closes the list (在A、B、C上).
        if _stops(token) or (phrase and (token.tag == "m" or _closes(token))):
            stopper = token
            break
        phrase.append(token)
    grown: list[Token] = []
    for token in phrase:
        grown.append(token)
        if _chars(grown) >= target:
            break
    # ……、功能性蛋白等食品: 等 closes the list, so its phrase is the last member whole; what
    # the members are comes after 等, not inside the last one.
    closed = stopper is not None and stopper.word in LIST_CLOSERS
    if closed or _chars(phrase) <= LAST_MEMBER_SLACK * target:
        return phrase, phrase, stopper
    return grown, phrase, stopper


def _last_member(
    tail: list[Token], target: int, others: list[list[Token]]
) -> tuple[list[Token], bool] | None:
    """(last member, whether it is cut short of its phrase), None when it is no whole
    member. What is left of the phrase after the member: one word is the members' shared
    head (原创性、颠覆性|科技创新, 文化、健康和数字技能|课程); more is a phrase cut in two
    (首届中国|国际消费品博览会)."""
    last, phrase, stopper = _grow_right(tail, target)
    if not last:
        return None
    texts = ["".join(token.word for token in group) for group in others]
    # The character the other members all end on: their kind (……会, ……法, ……优势).
    ending = _common_ending(texts)[-1:] if len(texts) > 1 else ""
    if ending and len(last) < len(phrase):
        # The whole phrase ends as the other members do (广交会、服贸会及首届消博会):
        # what is left is its own head, not one the members share.
        if _text(phrase).endswith(ending) and not _text(last).endswith(ending):
            last = phrase
    if ending and not _text(last).endswith(ending):
        # The member runs on past the end the others have, into the head they share
        # (产地、集散地、销地|批发市场): it ends there too.
        at = max((at for at in range(1, len(last)) if _text(last[:at]).endswith(ending)), default=0)
        if at:
            last = last[:at]
    if _dangles(last[-1], phrase_goes_on=len(last) < len(phrase)):
        # A member ends on a word that needs what follows (国家有关|规定, 基层立法|联系点): the
        # phrase is the member when it names a thing, or there is none (查处结果及时|向社会公开,
        # 更为|充分).
        last = phrase
        if _dangles(last[-1], phrase_goes_on=False) or not _names_a_thing(last[-1]):
            return None
    if ending and _head_inside_word(last, texts, ending):
        return None
    cut = len(phrase) - len(last) > 1
    # A phrase that an adverb ends shorter than the other members is a predicate cut before
    # its verb (敷衍塞责、出工|不出力; not 担保法、合同法|就是).
    lengths = sorted(len(text) for text in texts)
    typical = lengths[(len(lengths) - 1) // 2]
    if stopper is not None and stopper.tag in ADVERB_TAGS and _chars(last) < typical:
        cut = True
    return last, cut


def _head_inside_word(last: list[Token], texts: list[str], ending: str) -> bool:
    """Whether the last member carries, inside one of its words, the head the other members
    leave to it (二中、三中、四中全会: 四中|全会 is one word, so no member can be cut out of it
    and the list is not asked)."""
    size = len(texts[0])
    text = _text(last)
    if any(len(other) != size for other in texts) or len(text) <= size:
        return False
    if not text[:size].endswith(ending) or text.endswith(ending):
        return False
    boundaries = set()
    at = 0
    for token in last:
        at += len(token.word)
        boundaries.add(at)
    return size not in boundaries


def _common_ending(texts: list[str]) -> str:
    ending = texts[0]
    for text in texts[1:]:
        while ending and not text.endswith(ending):
            ending = ending[1:]
    return ending


def _dangles(token: Token, *, phrase_goes_on: bool) -> bool:
    """Whether a member's last word modifies what comes after it: a conjunction, a
    preposition, a particle, an attribute that needs a head (国家有关, 相关), or an adverb
    with more of the phrase after it (更为|充分; not 东部率先 or 行动自觉, which jieba also
    reads as adverbs)."""
    if token.tag in ADVERB_TAGS:
        return phrase_goes_on
    return token.tag in DANGLING_TAGS or token.word.endswith(DANGLING_ENDINGS)


def _text(tokens: Sequence[Token]) -> str:
    return "".join(token.word for token in tokens)


def _closes(token: Token) -> bool:
    return token.tag == "f" and len(token.word) == 1


def _parallel(groups: list[list[Token]]) -> bool:
    """Whether the members read alike: no member but the first has a slogan verb in its
    middle (高质量党内监督、国家监察促进国家制度 ran past the list's end; 新兴产业壮大 ends
    with one), and members open with slogan verbs all or mostly not."""
    if any(token.word in FORMULAIC_VERBS for group in groups[1:] for token in group[1:-1]):
        return False
    # Members that open with a slogan verb (保障国家粮食安全、促进经济社会发展) do not end
    # with one that does not (国家长治久安奠定 ran past the list's end).
    opening = [group[0].word in FORMULAIC_VERBS for group in groups]
    if sum(opening) >= 2 and not all(opening):
        return False
    # Nor does one member alone carry a verb (政府部门、公用企事业单位和服务机构不得索要证明:
    # the last one ran on into the sentence's predicate; 实施粮食、能源资源: the first one took
    # in the list's verb). A member that is one verb word is a noun's kind (就业 beside 教育、
    # 收入分配), and members of one length are a slogan's beats (听党话、感党恩、跟党走).
    verbs = [len(group) > 1 and any(token.tag == "v" for token in group) for group in groups]
    uniform = len({_chars(group) for group in groups}) == 1
    return uniform or not (sum(verbs) == 1 and len(groups) > 2)


def _is_verb(token: Token) -> bool:
    return token.tag == "v" or token.word in FORMULAIC_VERBS


def _nominal(token: Token) -> bool:
    return token.tag.startswith("n") or token.tag in NOMINAL_TAGS


def _names_a_thing(token: Token) -> bool:
    return _nominal(token) and token.tag not in QUALITY_TAGS


def _member(tokens: list[Token]) -> Member:
    return Member(
        tokens[0].start, tokens[-1].end, "".join(token.word for token in tokens), tokens[-1].tag
    )


def _acceptable(members: tuple[Member, ...]) -> bool:
    """Two to eight distinct members of a sensible length, about as long as each other: a
    list whose members differ a lot in length was cut in the wrong places (a list nested in
    another: 完善高端人才、专业人才来华工作、科研、交流机制)."""
    if not MIN_MEMBERS <= len(members) <= MAX_MEMBERS:
        return False
    texts = [member.text for member in members]
    if len(set(texts)) != len(texts):
        return False
    if not all(
        MIN_MEMBER_CHARS <= len(text) <= MAX_MEMBER_CHARS and text not in FORMULAIC_VERBS
        for text in texts
    ):
        return False
    lengths = sorted(len(text) for text in texts)
    median = lengths[len(lengths) // 2]
    return (
        lengths[-1] <= MAX_LENGTH_RATIO * lengths[0]
        and lengths[-1] <= 2 * median
        and 2 * lengths[0] >= median
    )


# Where a member of a 、 list ends, read on the raw text (no segmentation): the next mark, a
# conjunction, 等 or 的 (……、养老等领域, ……、养老的).
MEMBER_ENDS = frozenset("、，,。；;：:！？!?“”‘’（）()《》\n等的和及与或")


def listed_beside(text: str, word: str) -> dict[str, int]:
    """{member: times} of what stands with `word` in a 、 list of `text`: the other pieces of
    each run of 、 it is in. Read on the raw text, so it works on a library nobody
    segmented; the run's first piece, which may carry the list's lead-in verb (推动户籍、社保),
    is taken only when it is `word` itself, and the last may run on (……农家书屋共建共享):
    what is taken is filtered by the caller."""
    found: dict[str, int] = {}
    size = len(word)
    at = text.find(word)
    while at >= 0:
        end = at + size
        before_mark = at > 0 and text[at - 1] == LIST_MARK
        after_mark = text.startswith(LIST_MARK, end)
        if before_mark or after_mark:
            pieces, first = _run_around(text, at, end)
            for index, piece in enumerate(pieces):
                if piece != word and (index or first):
                    _count(found, piece)
        at = text.find(word, at + 1)
    return found


def _run_around(text: str, start: int, end: int) -> tuple[list[str], bool]:
    """The pieces of the 、 run around text[start:end], and whether its first piece is whole
    (the run starts where the word does)."""
    begin = start
    while (
        begin > 0
        and text[begin - 1] not in MEMBER_ENDS
        or (begin > 0 and text[begin - 1] == LIST_MARK)
    ):
        begin -= 1
    stop = end
    while stop < len(text) and (text[stop] not in MEMBER_ENDS or text[stop] == LIST_MARK):
        stop += 1
    return text[begin:stop].split(LIST_MARK), begin == start


def _count(found: dict[str, int], member: str) -> None:
    if MIN_MEMBER_CHARS <= len(member) <= MAX_MEMBER_CHARS and member not in STOPWORDS:
        found[member] = found.get(member, 0) + 1
