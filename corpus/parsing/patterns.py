"""The patterns and limits every pass of the parser reads the shape of a line with."""

import re

# The Chinese patterns are written for this package from the layouts of Chinese
# newspaper theory pages, government work reports, party and state documents, plans and
# regulations; each comment says what it is for. The front matter ones are in front_patterns.py.

# CJK ideographs: the basic block, extension A and the compatibility block.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_ONLY = re.compile(f"[{HAN}]+")
# Chinese numerals as used in heading and list numbering (一、 （二） 三是 第四，).
NUMERALS = "一二三四五六七八九十"
# ... and in chapter and article numbers (第七十二条, 第一百零五条).
BIG_NUMERALS = NUMERALS + "百千零〇两"

# A paragraph ending in anything else was cut by a PDF column or page break.
PARAGRAPH_CLOSERS = frozenset("。！？；…”’」』）)!?;.")
# Marks that end a sentence, full-width and half-width (not ".", which is also a decimal point).
SENTENCE_END = re.compile(r"[。！？；!?;]")
SENTENCE_ENDS = frozenset("。！？!?")
# Where a run-in heading's clause ends: "（一）加强……。其余正文".
CLAUSE_END = re.compile(r"[。！？!?]")
# Marks a title or a heading never contains in its middle.
INNER_STOP = re.compile(r"[。；;]")
# A line ending like this is the start of something longer, not a title.
OPEN_ENDINGS = "，,、：:"
# Stripped from the end of a heading: "（一）着力稳定粮食生产。" -> "着力稳定粮食生产".
HEADING_TRAILER = "。.；;：:！!  \u3000\xa0"
# Spacing inside a line: ideographic and no-break spaces as well as ASCII ones.
SPACES = re.compile(r"[\s\u3000\xa0]+")

# Markdown left by the PDF converter or an author: ATX headings ("## 标题", also
# without the space), rules, images, comments, quote and list markers.
MD_HEADING = re.compile(r"(#{1,6})\s*(.*?)[\s#]*")
MD_NOISE = re.compile(r"!\[[^\]]*\]\([^)]*\)|(?:[-*_]\s*){3,}|<!--.*-->")
MD_LINE_PREFIX = re.compile(r"^(?:>\s?)+|^[-*+]\s+")
MD_EMPHASIS = ("**", "__")
# Markdown hard line breaks: two trailing spaces or a trailing backslash.
HARD_BREAK = re.compile(r"(?: {2,}|\\)$", re.MULTILINE)

# Page furniture, never part of an article: editor lines ("本版责编：……", "一版责编：……",
# an editor's note signed "——编者"), the paper's date line ("《 人民日报 》（ 2024年03月04日
# 09 版）"), captions ("图为……"), the page's mailbox and call for contributions ("本版邮箱：
# ……", "欢迎广大读者来稿。……"), lone page numbers ("9", "第9版", "- 9 -", "— 3 —",
# "第 3 页", "3/12") and cross-references to another page ("（相关报道见第四版）"). Photo
# credits are lines ending in 摄 (see _is_furniture).
FURNITURE = re.compile(
    rf"(?:本版|[{NUMERALS}\d]{{1,3}}版)?(?:责编|责任编辑|编辑|美编|版式设计|制图|校对)\s*[:：\s].*"
    r"|[—-]{1,2}\s*编\s*者"
    r"|图为.*"
    r"|(?:本版|本刊|本栏目?)?(?:投稿)?邮箱\s*[:：].*"
    r"|欢迎(?:广大)?(?:读者|作者)[^。！!]{0,12}(?:来稿|投稿|赐稿)[。！!]?.*"
    r"|(?:第\s*)?\d{1,3}\s*[版页]?"
    r"|[-—–－]+\s*\d{1,3}\s*[-—–－]+"
    r"|\d{1,3}\s*/\s*\d{1,3}"
    rf"|[（(]\s*(?:相关|详细)?(?:报道|评论|图片|全文)?[^（）()]{{0,6}}见第?[\d{NUMERALS}]{{1,3}}\s*版\s*[）)]"
)
FURNITURE_MAX_CHARS = 300  # a longer line is a paragraph, whatever it starts with
# A text's layout (layout.py) is read from its long lines: when a large share of them have
# one width (give or take a few half-width digits) and end in mid-sentence, the text was
# hard-wrapped at that width.
LAYOUT_MIN_LINES = 5
LONG_LINE_CHARS = 20
PROSE_LINE_CHARS = 40  # a line this long is a paragraph's, not a heading's
WRAP_SLACK = 1
WRAP_MIN_LINES = 10
WRAP_MIN_SHARE = 0.4
WRAP_MIN_CUT_SHARE = 0.5  # a wrapped line mostly ends in mid-sentence
# The paper's date line ("《人民日报》（2025年10月20日 第 01 版）"): under a title (a web or
# crawled copy of the page) it gives the article its date and paper; elsewhere it is furniture.
PAPER_DATE = re.compile(
    r"《\s*(?P<paper>[^》]{1,20}?)\s*》\s*[（(]?\s*"
    r"(?P<date>\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?)"
    r"\s*(?:第?\s*\d{1,3}\s*版)?\s*[）)]?"
)
# A photo credit ("新华社记者  卢汉欣摄", "（张三 摄）"): the photographer, and the agency.
CREDIT = re.compile(
    r"[（(]?\s*(?:(?P<agency>本报|新华社|[^\s（）()]{2,6}?社)?(?:特约)?(?:记者|通讯员))?\s*"
    r"(?P<names>[^（）()，。,]{2,30}?)\s*摄影?\s*[）)]?"
    r"(?:\s*[（(](?P<sent_by>[^（）()]{2,8}?)发[）)])?"
)

# Bylines: a mark before the names ("●王一鸣") or a reporter's role ("本报记者 李四 王五").
BYLINE_MARKS = "●○◎■□◆◇▲△★☆▪"
BYLINE_ROLE = re.compile(
    rf"(?:本报|[{HAN}]{{1,4}}(?:社|网|台))?(?:特约)?(?:记者|通讯员|评论员|撰稿人)"
)
BYLINE_AGENCY = re.compile(r"(本报|新华社)(?:特约)?(?:记者|通讯员|评论员|撰稿人)")
BYLINE_MAX_CHARS = 60
# Names on a byline: two to four ideographs, or a transliterated name with a middle dot.
PERSON_NAME = re.compile(f"[{HAN}]{{2,4}}|[{HAN}]{{1,8}}[·•・][{HAN}]{{1,10}}")
NAME_SEPARATORS = re.compile(r"[\s\u3000\xa0、，,；;]+")
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
CLOSING_NOTE = re.compile(
    r"[（(]\s*((?:据|原载|摘自|摘编自|转载自|选自|来源|本文|作者).*?)\s*[）)]"
)
NOTE_SOURCE = re.compile(
    r"(?:据|原载|摘自|摘编自|转载自|选自|来源)\s*[:：]?\s*《\s*([^》]+?)\s*》\s*[，,、；;：:]?\s*"
)
NOTE_MAX_CHARS = 200
# A wire dateline, closing an article in parentheses ("（新华社北京5月29日电）") or opening
# its lead ("新华社北京5月25日电  受……委托，"): the agency, the places, the day; and the
# reporters after it ("（新华社北京10月19日电  记者赵超、安蓓）", "……电  （记者刘晓宇）").
DATELINE = re.compile(
    rf"(?P<agency>本报|[{HAN}]{{1,4}}(?:社|网|台))(?:[{HAN}、]{{1,60}}?)?\s*"
    r"(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日\s*(?:电|讯)"
)
REPORTERS = re.compile(
    rf"\s*[（(]?\s*(?:本报|[{HAN}]{{1,4}}(?:社|网|台))?(?:特约)?记者\s*(?P<names>[{HAN}·、，,\s]{{2,120}})[）)]?"
)
# A letter's signature at its end: the writer's place and name ("河南鄢陵县  邢先生").
SIGNATURE = re.compile(
    rf"[{HAN}]{{2,12}}(?:省|市|县|区|州|旗|镇|乡|村)[\s\u3000\xa0]+(?P<name>[{HAN}·]{{2,8}})"
)
# "本报" is the paper the page comes from: the one its date line names, else 人民日报, whose
# pages users bring (docs/gold-outlines.md).
HOME_PAPER = "人民日报"

# A report's title block: a subtitle ("——在……上的报告") and a date line
# ("（2024年3月5日）", "2024年3月5日", "二〇二四年三月五日").
SUBTITLE = re.compile(r"(?:[—─]{1,2}|[-－]{2,4})\s*([^。；;！？!?]{2,80})")
DATE_DIGIT = r"[\d〇零一二三四五六七八九十]"
DATE = rf"{DATE_DIGIT}{{2,4}}\s*年\s*{DATE_DIGIT}{{1,2}}\s*月(?:\s*{DATE_DIGIT}{{1,3}}\s*日)?"
DATE_LINE = re.compile(rf"[（(]?\s*(?P<date>{DATE})\s*[）)]?")
# A line that opens with a date and goes on in a few words: "2025年2月 听取……工作汇报".
DATED_LINE = re.compile(rf"{DATE}[\s\u3000\xa0]+(?P<rest>[^。；;！？!?，,]{{2,40}})")
# An author that is an institution: "中共中央党史和文献研究院".
ORGANISATION = re.compile(
    rf"[{HAN}]{{3,20}}(?:院|会|部|社|局|委|所|中心|办公室|研究室|小组|课题组|编辑部)"
)
TITLE_MAX_CHARS = 60
TITLE_MAX_LINES = 3
TITLE_MIN_HAN_SHARE = 0.5  # a title is Chinese text; English-only input has no article
# A column label ("青橙观察", "【学习笔记】"): a few ideographs on a line of their own.
COLUMN_LABEL = re.compile(f"[【\\[]?([{HAN}]{{2,6}})[】\\]]?")

# Heading numbers, one named group per numbering style. Their levels are not fixed: a
# document's styles rank in the order they first appear (see headings.py). "1." must not
# be followed by a digit, so "1.5万人次" stays body text, and "一、" not by another numeral
# (but 十, which opens names like 十三五), so the range "一、二年级" does too. 第X条 numbers
# a regulation's articles, units of body.
HEADING_NUMBER = re.compile(
    rf"(?:(?P<pian>第[{BIG_NUMERALS}]{{1,4}}篇)|(?P<zhang>第[{BIG_NUMERALS}]{{1,4}}章)"
    rf"|(?P<jie>第[{BIG_NUMERALS}]{{1,4}}节)|(?P<tiao>第[{BIG_NUMERALS}]{{1,6}}条)"
    rf"|(?P<ordinal>第[{NUMERALS}]{{1,2}}[，,])"
    rf"|(?P<part>[{NUMERALS}]{{1,3}}、)(?![一二三四五六七八九])"
    rf"|(?P<paren>[（(][{NUMERALS}]{{1,3}}[）)])"
    r"|(?P<digit>\d{1,2}[．.、](?!\d))"
    r"|(?P<paren_digit>[（(]\d{1,2}[）)])"
    r"|(?P<circled>[①-⑳])"
    r"|(?P<bullet>[●■◆▲★◎]))[\s\u3000\xa0]*"
)
# Styles whose headings stand on a line of their own: a chapter is never run in.
OWN_LINE_STYLES = frozenset(("pian", "zhang", "jie"))
# The order in which Chinese official documents nest their numbering, outermost first (the
# 篇/章/节 of plans and laws above the 一、（一）1.（1） of GB/T 9704's 公文 layout, then ①):
# where a document uses two of these styles, the earlier one is the outer. The other styles
# (第一， and bullets) rank where they first appear.
NESTING_ORDER = ("pian", "zhang", "jie", "part", "paren", "digit", "paren_digit", "circled")
HEADING_MAX_CHARS = 60
# An unnumbered heading ("前言", "结束语", "2019年主要工作") is a short line without any
# punctuation but quotation and book-title marks.
# It may have a pause or a question inside when it is a little longer than a clause: a
# news subhead ("企业信贷需求满足了吗？装备制造业……维持高景气度").
UNNUMBERED_HEADING_MAX_CHARS = 40
UNNUMBERED_PAUSED_MAX_CHARS = 40
QUESTION_DECK_MAX_CHARS = 20
UNNUMBERED_BREAKERS = re.compile(r"[。；;：:（）()…]")
UNNUMBERED_PAUSES = re.compile(r"[，,！!？?—]")
# The line that opens a table of contents, once its spreading spaces are gone.
CONTENTS_LABELS = frozenset(("目录",))
# The line that opens an abstract ("内容提要"): the paragraph under it is no body.
ABSTRACT_LABELS = frozenset(("内容提要", "提要", "摘要", "内容摘要", "核心提示", "导读"))
# A table of contents: a run of heading lines that mostly come back as headings later.
CONTENTS_MIN_ENTRIES = 3
CONTENTS_MIN_SHARE = 0.6

# Lists inside a paragraph: "一是……二是……", "第一，……第二，……", "（1）……（2）……",
# "①……②……", at the start or after a punctuation mark. The numbering is not part of an item.
LIST_MARKER = re.compile(
    rf"(?:^|(?<=[。；;！？!?：:，,]))\s*(?P<number>(?P<cn>[{NUMERALS}]{{1,2}})是"
    rf"|第(?P<ordinal>[{NUMERALS}]{{1,2}})[，,、：:]"
    rf"|[（(](?P<paren>[{NUMERALS}]{{1,2}}|\d{{1,2}})[）)]|(?P<circled>[①-⑳]))\s*"
)
LIST_HINT = re.compile(rf"[{NUMERALS}]是|第[{NUMERALS}]|[（(][{NUMERALS}\d]|[①-⑳]")
LIST_ITEM_MAX_CHARS = 40  # a longer item is cut at its first comma
# A paragraph that ends like this announces the items on the lines below it.
ITEMS_LEAD_ENDINGS = "：:"
PAUSE = re.compile(r"[，,]")
# A dash point: a paragraph opening with "——": its text up to the first 。, ； or ！.
DASH = re.compile(r"^(?:——|--|－－)\s*")
DASH_POINT_END = re.compile(r"[。；;！!？?]")
# A key point as a paragraph's lead sentence: a short thesis or task ("加强原创性、颠覆性
# 科技创新。", "物权是民事主体依法享有的重要财产权。") followed by the paragraph that explains it.
LEAD_POINT_MAX_CHARS = 30
LEAD_POINT_MIN_CHARS = 2
# A pause, a colon, a quotation, a book title or a bracket makes the lead sentence a
# statement, not a thesis (the enumeration comma 、 does not).
LEAD_POINT_BREAKERS = re.compile(r"[，,：:“”\"‘’'「」『』《》〈〉（）()]")
# A lead sentence opening with a pronoun, a self-reference (本条例, 本规划), the meeting
# reporting on itself (全会, 大会, 会议: the 我们 of a communiqué), a time phrase or a figure
# narrates.
NARRATIVE_OPENER = re.compile(
    r"这|那|我|他|她|它|其|此|本|全会|大会|会议|今年|去年|明年|前年|今明|近年|近期|近来|当前|目前|过去|如今|现在"
    rf"|[{NUMERALS}两几多]+(?:年|个月|天)(?:来|以来|间|中)|\d"
    # ... and so does one that brings in someone or something of a story: "还有一幕场景……",
    # "有一位老人……" (有 with 一 and a measure word introduces what the story is about), or
    # one that goes on from the paragraph before ("更令人动容的是……", "更重要的是……").
    r"|[还也又]?有(?:这样|这么)?一[位个名次天幕回件段则]|更[^，,。；;]{1,8}的是"
)
# ... and so does a sentence the writer tells in the first person ("梧州是我的第二故乡"; 自我
# is no person), one that ends in the particle 了, telling what happened ("日军的队伍近了"),
# or one dated anywhere in it by a year or by the edition of a recurring event ("转机出现在
# 2023年", "第三届茶文化节将于下月开幕", "首批认证是第二期的一部分"): like a time phrase
# leading it, the date places it in a story. So does one that compares with what came
# before ("店主对阅读有着同样的执着": the same as whom the paragraph before told of).
NARRATION = re.compile(rf"(?<!自)我|了$|\d{{4}}\s*年|第[{BIG_NUMERALS}\d]+[届批期]|同样的")
# In a story (a newspaper's article that is no speech or report), a lead sentence about a
# province, region or city by name ("青海玉树。", "吉林建龙钢铁有限责任公司是……", "……到上海
# 演出"), about someone's family and home ("家乡的变化一天一个样", "达曦与丈夫……") or about
# someone called by a familiar name ("……给了小程前行的底气") tells where and to whom the story
# happens: no thesis. The places are the 34 provincial-level divisions by the short names a
# story uses; in a report or an official document the same sentence is a task or a finding
# for that place ("香港、澳门发展同内地发展紧密相连") and stays a point.
PROVINCES = re.compile(
    "北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北"
    "|湖南|广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾"
)
HOME_AND_FAMILY = re.compile(
    "家乡|老家|故乡|丈夫|妻子|爱人|父亲|母亲|爸爸|妈妈|儿子|女儿|爷爷|奶奶|外公|外婆"
)
# ... but a lead that opens with the verb of a task ("弘扬……精神", "建设健康上海") sets a task
# whatever it names, in a story as anywhere: the verbs official texts set tasks with.
TASK_OPENER = re.compile(
    "坚持|坚定|坚决|加快|加强|加大|推进|推动|深化|深入|完善|健全|建立|构建|提升|提高|扩大|促进"
    "|实施|落实|强化|优化|全面|大力|积极|着力|持续|切实|进一步|统筹|建设|打造|培育|培养|弘扬|保障"
    "|保护|维护|做好|抓好|筑牢|守牢|巩固|增强|支持|鼓励|引导|确保|严格|规范|发挥|营造|防范|牢固"
    "|畅通|补齐|激发|夯实|拓展|拓宽|改善|开展|组织"
)
# A familiar form of address: 小 or 老 and a surname ("小程", "老王") ...
FAMILIAR_NAME = re.compile(f"[小老][{''.join(sorted(SURNAMES))}]")
# ... unless it begins a common word that reads the same: the frequent words of that shape
# in jieba's dictionary (dict.txt) that are no names, and longer ones they begin.
FAMILIAR_LOOKALIKES = tuple(
    "小时 小麦 小于 小康 小孔 小路 小米 小牛 小车 小农 小包 小费 小叶 小曲 小钱 小毛 小童 "
    "小房 小宗 小苗 小石 小熊 小景 小项 小金 小解 小龙 小马 小白 小黄 小程序 "
    "老牛 老成 老农 老庄 老路 老房 老翁 老马 老黄 老白 老石 老金".split()
)
