"""Figures with units: 突破15亿千瓦, 突破15%, 2024年, 4个领域, 六大工程.

The blank is the figure; the unit stays visible after it. A figure in digits is followed by
a unit of units.txt (longest match, so 亿千瓦 rather than 千瓦; 多 or 余 in between stays
visible too: 2300多名). A count in Chinese numerals such as 六大工程 is one word in
jieba's dictionary, 六大, so the blank is that word (answer 六大) and the "unit" is the
noun it counts (工程): the blank must start and end on a token boundary, and 六 alone does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from quizzes.generation.blanks import fit_source
from quizzes.generation.document import Place
from quizzes.generation.drafts import COUNT, FIGURE, Blank, Draft
from quizzes.generation.items import NUMBER
from quizzes.generation.lexicon import COUNT_WORD, figures
from quizzes.generation.segmentation import Token
from quizzes.generation.weights import TARGET_MARKS

# A sentence worth segmenting for figures: a digit, or the 大 of a count (六大).
HAS_FIGURE = re.compile(r"\d|大")
# The day of a date (1月13日, 13日至15日) is a detail, not a figure to learn; so is the year of
# a full date (2020年1月13日). A number of days (不少于30日) is a figure.
DAY = "日"
DATE_BEFORE = re.compile(r"(?:月|\d日至)$")
DATE_AFTER = re.compile(r"年\d+月")
# A figure beside another across 、 (……24.7公斤、46.8公斤……) is one of a list of figures;
# the end of a range (10—15天) is told by its start.
LISTED_BEFORE = re.compile(r"\d[^、，。；\d]{0,6}[、和及]$|\d[—\-－～~至到]$")
LISTED_AFTER = re.compile(r"、\d")
# The base of a comparison, right after 比/较 or after the date it is of (较1978年末的____亿人).
COMPARED = re.compile(r"(?:比|较|同比)(?:(?:19|20)\d\d年[末底初]?的?)?$")
OWN_PARTS = re.compile(r"(?:上述|以上|以下|下列|前述)$")
YEAR = re.compile(r"(?:19|20)\d\d")
# A figure inside a title in 《》 (《……2035年远景目标纲要》) is part of a name, not a fact.
TITLE_OPEN, TITLE_CLOSE = "《", "》"
FULL_STOPS = "。！？!?\n"
FRAMED_FIGURES = 2
# A sentence of four figures or more is a table in words; so is one of three (2018年和2019年
# ……达6000余万吨) unless it sets targets (预期目标……左右, 力争……以上): they are the goals.
STATISTICS_FIGURES = 4
UNTARGETED_STATISTICS_FIGURES = 3
PEOPLE_UNITS = frozenset({"人", "名", "位"})
ATTENDANCE = ("出席", "列席")
YEAR_FRAME = ("年，", "年,")
YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?=年)")


def number_drafts(
    place: Place, sentence: tuple[int, int], tokens: Sequence[Token]
) -> Iterator[Draft]:
    starts = {token.start for token in tokens}
    ends = {token.end for token in tokens}
    blanks = []
    for match in figures(place.text, *sentence):
        if match.start("figure") in starts and match.end("figure") in ends:
            start, end = match.span("figure")
            blanks.append(Blank(start, end, match["figure"], "m", FIGURE, match["unit"]))
    for token, following in pairwise(tokens):
        if COUNT_WORD.fullmatch(token.word) and (
            following.tag.startswith("n") or following.tag == "vn"
        ):
            blanks.append(Blank(token.start, token.end, token.word, "m", COUNT, following.word))
    for blank in sorted(blanks, key=lambda b: b.start):
        if not worth_asking(place.text, sentence, blank):
            continue
        fitted = fit_source(place.text, sentence, [(blank.start, blank.end)], [blank.answer])
        if fitted:
            hidden = ((blank.start, blank.end),)
            yield Draft(
                NUMBER,
                place,
                *fitted,
                (blank.answer,),
                (blank,),
                hidden,
                extra={"unit": blank.unit},
            )


def worth_asking(text: str, sentence: tuple[int, int], blank: Blank) -> bool:
    """Whether a figure is a fact to learn rather than a detail: not the attendance of a
    meeting, not one of a sentence of statistics (three figures or more, unless it sets
    targets), not the day of a date (13日, 2020年1月), not one figure of a list of them
    (分别为24.7公斤、46.8公斤) or the end of a range (10—15天), not the base of a comparison
    (比1996年, 较1978年末的) or a count of the text's own parts (上述8个方面), not a figure of
    a title in 《》 (……2035年远景目标纲要), and not a year the sentence gives away with the
    next or last one (回顾____年工作，部署2020年任务) or that only frames it."""
    start, end = sentence
    before, after = text[start : blank.start], text[blank.end : end]
    # A sentence of statistics is a table in words: its figures are not asked one by one, nor
    # its counts (稻谷和小麦____口粮品种合计占比不足6%). Without targets, counted over the
    # whole sentence to its 。, as such a table runs on through ；(……万吨；进口总量中大豆____
    # 万吨；……); a sentence of targets lists one per clause (增长6%以上；……5.5%左右；……).
    whole = _whole_sentence(text, start, end)
    targeted = any(mark in text[slice(*whole)] for mark in TARGET_MARKS)
    count = sum(1 for _ in figures(text, *(sentence if targeted else whole)))
    if count >= STATISTICS_FIGURES or (not targeted and count >= UNTARGETED_STATISTICS_FIGURES):
        return False
    if blank.sort != FIGURE:
        return True
    if before.count(TITLE_OPEN) > before.count(TITLE_CLOSE):
        return False
    # Who attended the meeting the text reports (出席这次全会的有……133人) is not its content.
    if blank.unit in PEOPLE_UNITS and any(word in text[start:end] for word in ATTENDANCE):
        return False
    if (blank.unit == DAY and DATE_BEFORE.search(before)) or DATE_AFTER.match(after):
        return False
    if LISTED_BEFORE.search(before) or LISTED_AFTER.match(after[len(blank.unit or "") :]):
        return False
    # The base of a comparison (比1996年的5亿吨) and a count of the text's own parts (除上述8个
    # 方面工作之外) are not what the sentence teaches.
    if COMPARED.search(before) or OWN_PARTS.search(before):
        return False
    if blank.unit == "年" and YEAR.fullmatch(blank.answer):
        others = {int(year) for year in YEARS.findall(text, start, end)} - {int(blank.answer)}
        if any(abs(year - int(blank.answer)) == 1 for year in others):
            return False
        # The year of a sentence of statistics is its frame, not its fact (2018年，谷物产量
        # 6.1亿吨，占……90%以上); a deadline beside one target is (到2020年确保建成8亿亩).
        figures_beside = sum(1 for _ in figures(text, start, end)) - 1
        if figures_beside >= FRAMED_FIGURES:
            return False
        # Nor is the year a sentence opens with (全会指出，2019年，……取得新的重大成就).
        if after.startswith(YEAR_FRAME):
            return False
    return True


def _whole_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] from full stop to full stop, across ；."""
    begin = max(text.rfind(mark, 0, start) for mark in FULL_STOPS) + 1
    stops = [at for mark in FULL_STOPS if (at := text.find(mark, max(end - 1, start))) >= 0]
    return begin, min(stops, default=len(text))
