"""The patterns and limits every pass of the parser reads the shape of a line with."""

import re

# The Chinese patterns are written for this package from the layouts of Chinese
# newspaper theory pages and government work reports; each comment says what it is for.

# CJK ideographs: the basic block, extension A and the compatibility block.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_ONLY = re.compile(f"[{HAN}]+")
# Chinese numerals as used in heading and list numbering (一、 （二） 三是 第四，).
NUMERALS = "一二三四五六七八九十"

# A paragraph ending in anything else was cut by a PDF column or page break.
PARAGRAPH_CLOSERS = frozenset("。！？；…”’」』）)!?;.")
# Marks that end a sentence, full-width and half-width (not ".", which is also a decimal point).
SENTENCE_END = re.compile(r"[。！？；!?;]")
# Marks a title or a heading never contains in its middle.
INNER_STOP = re.compile(r"[。；;]")
# A line ending like this is the start of something longer, not a title.
OPEN_ENDINGS = "，,、：:"
# Stripped from the end of a heading: "（一）着力稳定粮食生产。" -> "着力稳定粮食生产".
HEADING_TRAILER = "。.；;：: "

# Markdown left by the PDF converter or an author: ATX headings ("## 标题", also
# without the space), rules, images, comments, quote and list markers.
MD_HEADING = re.compile(r"(#{1,6})\s*(.*?)[\s#]*")
MD_NOISE = re.compile(r"!\[[^\]]*\]\([^)]*\)|(?:[-*_]\s*){3,}|<!--.*-->")
MD_LINE_PREFIX = re.compile(r"^(?:>\s?)+|^[-*+]\s+")
MD_EMPHASIS = ("**", "__")
# Markdown hard line breaks: two trailing spaces or a trailing backslash.
HARD_BREAK = re.compile(r"(?: {2,}|\\)$", re.MULTILINE)

# Page furniture, never part of an article: editor lines ("本版责编：……"), the paper's
# date line ("《 人民日报 》（ 2024年03月04日 09 版）"), captions ("图为……") and lone
# page numbers ("9", "第9版", "- 9 -"). Photo credits are lines ending in 摄 (see _is_furniture).
FURNITURE = re.compile(
    r"(?:本版)?(?:责编|责任编辑|编辑|美编|版式设计|制图|校对)\s*[:：\s].*"
    r"|《\s*[^》]{1,20}》\s*[（(]?\s*\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?"
    r"\s*(?:第?\s*\d{1,3}\s*版)?\s*[）)]?"
    r"|图为.*"
    r"|(?:第\s*)?\d{1,3}\s*[版页]?"
    r"|[-—–]\s*\d{1,3}\s*[-—–]"
)
FURNITURE_MAX_CHARS = 300  # a longer line is a paragraph, whatever it starts with

# Bylines: a mark before the names ("●王一鸣") or a reporter's role ("本报记者 李四 王五").
BYLINE_MARKS = "●○◎■□◆◇▲△★☆▪"
BYLINE_ROLE = re.compile(r"(?:本报|新华社)?(?:特约)?(?:记者|通讯员|评论员|撰稿人)")
BYLINE_MAX_CHARS = 60
# Names on a byline: two to four ideographs, or a transliterated name with a middle dot.
PERSON_NAME = re.compile(f"[{HAN}]{{2,4}}|[{HAN}]{{1,8}}[·•・][{HAN}]{{1,10}}")
NAME_SEPARATORS = re.compile(r"[\s、，,；;]+")
# Common surnames, to tell an unmarked author line ("张三") from the second line of a
# title ("内在要求") in a report's title block. Not exhaustive on purpose: an author
# with a rarer surname only loses the author line to the body.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
)
COMPOUND_SURNAMES = frozenset(
    ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "公孙", "夏侯")
)
AUTHOR_LINE_MAX_CHARS = 40

# Closing notes after an article: "（作者为……）", "（作者单位：……）", "（据《人民日报》……）".
CLOSING_NOTE = re.compile(r"[（(]\s*((?:据|原载|摘自|来源|本文|作者).*?)\s*[）)]")
NOTE_SOURCE = re.compile(
    r"(?:据|原载|摘自|来源)\s*[:：]?\s*《\s*([^》]+?)\s*》\s*[，,、；;：:]?\s*"
)
NOTE_MAX_CHARS = 200

# A report's title block: a subtitle ("——在……上的报告") and a date line
# ("（2024年3月5日）", "2024年3月5日", "二〇二四年三月五日").
SUBTITLE = re.compile(r"(?:——|--|－－|—|─)\s*([^。；;！？!?]{2,60})")
DATE_DIGIT = r"[\d〇零一二三四五六七八九十]"
DATE_LINE = re.compile(
    rf"[（(]?\s*(?P<date>{DATE_DIGIT}{{2,4}}\s*年\s*{DATE_DIGIT}{{1,2}}\s*月(?:\s*{DATE_DIGIT}{{1,3}}\s*日)?)\s*[）)]?"
)
TITLE_MAX_CHARS = 60
TITLE_MAX_LINES = 3
TITLE_MIN_HAN_SHARE = 0.5  # a title is Chinese text; English-only input has no article
# A column label ("青橙观察", "【学习笔记】"): a few ideographs on a line of their own.
COLUMN_LABEL = re.compile(f"[【\\[]?([{HAN}]{{2,6}})[】\\]]?")

# Heading numbers: "一、" opens a part (level 1), "（一）" and "1．" a sub-part (level 2).
# "1." must not be followed by a digit, so "1.5万人次" stays body text, and "一、" not by
# another numeral and 、, so "一、二年级" does too.
HEADING_NUMBER = re.compile(
    rf"(?:(?P<part>[{NUMERALS}]{{1,3}}、)(?![{NUMERALS}]、)|[（(][{NUMERALS}]{{1,3}}[）)]|\d{{1,2}}[．.、](?!\d))\s*"
)
HEADING_MAX_CHARS = 40

# Enumerated points: "一是……" and "第一，……" at the start or after a punctuation mark,
# "——……" and "（1）……" at the start of a paragraph. The numbering is not part of the point.
POINT_MARKER = re.compile(
    rf"(?:^|(?<=[。；;！？!?：:，,]))\s*(?:[{NUMERALS}]{{1,2}}是|第[{NUMERALS}]{{1,2}}[，,、：:])\s*"
    r"|^(?:——|[（(]\d{1,2}[）)])\s*"
)
ENUM_POINT_MAX_CHARS = 40  # a longer enumerated item is cut at its first comma
PAUSE = re.compile(r"[，,]")
# A key point as a paragraph's lead sentence: a short verb-object slogan
# ("加强原创性、颠覆性科技创新。") followed by the paragraph that explains it.
LEAD_POINT_MAX_CHARS = 30
POINT_MIN_CHARS = 4
# A pause, a quotation or a bracket makes the lead sentence a statement, not a slogan.
LEAD_POINT_BREAKERS = re.compile(r"[，,：:“”\"‘’「」（）()]")
# The copula 是 makes a definition ("科技创新是……的核心要素"), not a task; 但是/于是/
# 可是/或是/若是/只是/凡是/倒是 and 是否/是非 are not the copula.
COPULA = re.compile(r"(?<![但于可或若只凡倒])是(?![否非])")
# A lead sentence opening with a pronoun, a time phrase or a figure narrates.
NARRATIVE_OPENER = re.compile(
    r"这|那|我|他|她|它|其|此|今年|去年|明年|近年|近期|当前|目前|过去|如今|\d"
)
