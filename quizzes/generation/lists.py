"""Enumerations joined by 、: 统筹推进传统产业升级、新兴产业壮大、未来产业培育.

Only the members between two 、 marks are delimited by the text itself. The first and the
last member are taken to be as long as those middle ones (parallel members are about the
same length), growing from the 、 outwards one token at a time; with two members only, the
first one is the run of nominal tokens before the 、 and the last one as long as it. A
member after 和/及 at the end (A、B和C) is one more member. A list whose members have a
shared head (原创性、颠覆性科技创新) so gives the distinct parts: 原创性, 颠覆性.
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
MAX_FREE_TOKENS = 3  # a first member grown without a target length
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
    last, rest = _grow_right(tail, target or _chars(first))
    if not last:
        return None
    # What is left of the last member's phrase: one word is the members' shared head
    # (原创性、颠覆性|科技创新, 文化、健康和数字技能|课程); more is a phrase cut in two
    # (首届中国|国际消费品博览会).
    cut = rest > 1
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
    verbal = any(_is_verb(piece[0]) for piece in middles)
    if middles:
        head_verbal = any(_is_verb(piece[-1]) for piece in middles)
    else:
        # Two members with the same head (经济建设、政治建设).
        head_verbal = bool(tokens) and tokens[-1].word in {token.word for token in tail}
    return _grow_left(tokens, target, verbal=verbal, head_verbal=head_verbal), target


def _chars(tokens: Sequence[Token]) -> int:
    return sum(len(token.word) for token in tokens)


def _stops(token: Token) -> bool:
    return is_punctuation(token) or token.word in STOPWORDS or token.word in CONJUNCTIONS


def _grow_left(
    tokens: list[Token], target: int | None, *, verbal: bool, head_verbal: bool
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
        if _stops(token) or token.word in LIST_OPENERS or (_is_verb(token) and not verb_allowed):
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
    return grown


def _grow_right(tokens: list[Token], target: int) -> tuple[list[Token], int]:
    """The last member, grown rightwards from the 、 to the middle members' length, and
    through to the end of its phrase when that is only a little longer (整体风貌控制 beside
    一般保护, but 颠覆性 and not 颠覆性科技创新 beside 原创性); with the number of the
    phrase's tokens left out."""
    phrase: list[Token] = []
    for token in tokens:
        # A figure after the last member starts a phrase of its own (……服务点三个层级); a
        # one-character localizer closes the list (在A、B、C上).
        if _stops(token) or (phrase and (token.tag == "m" or _closes(token))):
            break
        phrase.append(token)
    grown: list[Token] = []
    for token in phrase:
        grown.append(token)
        if _chars(grown) >= target:
            break
    if _chars(phrase) <= LAST_MEMBER_SLACK * target:
        return phrase, 0
    return grown, len(phrase) - len(grown)


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
    # the last one ran on into the sentence's predicate).
    verbs = [any(token.tag == "v" for token in group) for group in groups]
    return not (sum(verbs) == 1 and len(groups) > 2)


def _is_verb(token: Token) -> bool:
    return token.tag == "v" or token.word in FORMULAIC_VERBS


def _nominal(token: Token) -> bool:
    return token.tag.startswith("n") or token.tag in NOMINAL_TAGS


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
