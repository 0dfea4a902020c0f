"""The patterns of a document's front matter: title block, promulgation, wire lead, salutation.

Written for this package from the title blocks of government work reports, party and state
documents, regulations and newspaper articles (each comment names the form it reads).
"""

import re

from corpus.parsing.patterns import BIG_NUMERALS, DATE, DATE_DIGIT, HAN, NUMERALS

# A trailing "（……）" on a title is a column tag ("（社论）", "（评论员观察）") unless it
# names an edition of the text, which stays in the title, or the title brackets words of its
# own ("……EFQM（欧洲质量管理基金会）全球奖（七钻）").
COLUMN_TAG = re.compile(
    rf"(?P<title>[^（()）]+?)\s*[（(](?P<column>[{HAN}·・“”‘’《》]{{2,60}})[）)]"
)
EDITION_MARKERS = frozenset(
    (
        "全文",
        "摘登",
        "摘要",
        "节选",
        "草案",
        "试行",
        "修订",
        "修订稿",
        "征求意见稿",
        "送审稿",
        "要点",
    )
)
# A kicker (引题) announcing the document below it: "中共中央国务院印发".
ISSUING_KICKER = re.compile(rf"[{HAN}\s]{{2,30}}(?:印发|发布|公布|颁布|出台|印发了|发布了)")

# Offices a speaker holds ("国务院总理", "北京市市长"), by their last characters.
OFFICE = r"(?:总理|主席|委员长|院长|检察长|市长|省长|区长|县长|州长|书记|主任|部长|局长|厅长|署长|行长|会长|校长|馆长)"
SPEAKER_NAME = rf"[{HAN}]{{2,4}}"
# A speaker named in running text: office then name ("委员长栗战书5月25日向……作",
# "国务院总理李克强22日在作……时说", "北京市市长 殷勇同志作政府工作报告"), or name then
# office ("龚正市长在……"), or a title led by the name ("李克强作的政府工作报告").
SPEAKER_IN_TEXT = re.compile(
    rf"{OFFICE}\s*(?P<name>{SPEAKER_NAME}?)(?:同志)?\s*(?:\d{{1,2}}\s*月\s*)?(?:\d{{1,2}}\s*日\s*)?"
    r"(?:上午|下午|晚)?\s*(?:在|向|作|代表)"
    rf"|(?P<name_first>{SPEAKER_NAME}?){OFFICE}\s*(?:在|向|作|代表)"
)
# Running text names a speaker only with the report given: "……作政府工作报告".
REPORT_GIVEN = re.compile(r"作[^；！？]{0,40}?(?:报告|讲话|说明)")
SPEAKER_TITLE = re.compile(rf"(?P<name>{SPEAKER_NAME}?)(?:同志)?(?:作的|在[^，。]*?上的)")
# A subtitle, or a line of its own, that says when and where the report was given:
# "2025年1月14日在北京市……会议上北京市市长 殷勇同志作政府工作报告。" -> date, subtitle, speaker.
# The date takes all its digits ("——2025年3月8日" alone is a date, not "2025年3月" and "8日").
DATED_SUBTITLE = re.compile(rf"(?P<date>{DATE})(?!\s*(?:{DATE_DIGIT}|日))\s*(?P<rest>.*?)\s*[。.]?")
MEETING_THEN_SPEAKER = re.compile(r"(?P<meeting>在.+?上)(?P<speaker>[^在]*?(?:同志)?作[^，。]*)")
# A date after the subtitle: "——在……上的工作报告（2019年1月11日）".
TRAILING_DATE = re.compile(rf"(?P<rest>.*?)\s*[（(]\s*(?P<date>{DATE})\s*[）)]")
# An adoption line under a communiqué's title: "（2020年1月15日……全体会议通过）".
ADOPTION_LINE = re.compile(
    rf"[（(]\s*(?P<date>{DATE})[^（）()]{{0,60}}(?:通过|批准|发布|印发)\s*[）)]"
)
# "来源：北京日报", "来源 : 南方日报".
SOURCE_LINE = re.compile(rf"来\s*源\s*[:：]\s*(?P<source>[{HAN}A-Za-z·]{{2,20}})")

# A promulgation block above a regulation: "中华人民共和国国务院令" / "第722号" / the
# announcement / the signer ("总理 李克强") / the date.
ORDER_LINE = re.compile(rf"[{HAN}]{{2,20}}令")
ORDER_NUMBER = re.compile(rf"第\s*[\d{BIG_NUMERALS}]{{1,6}}\s*号")
PROMULGATION_MAX_LINES = 8
SIGNER_MAX_CHARS = 20

# A wire story's lead paragraph opens with its dateline; a line introducing the text that
# follows ("《……》全文如下。", "报告摘要如下：") belongs to it.
INTRODUCES_TEXT = re.compile(r".{0,60}(?:全文|摘要|原文|内容)?如下\s*[。：:]")

# A salutation opening a speech: "各位代表：", "同志们：", "女士们、先生们：".
SALUTATION = re.compile(
    rf"(?P<salutation>(?:各位|尊敬的|亲爱的)[{HAN}]{{1,10}}(?:、[{HAN}]{{1,10}})*"
    rf"|[{HAN}]{{1,8}}们(?:、[{HAN}]{{1,8}}们)*)\s*[：:]"
)
SALUTATION_MAX_CHARS = 24

# An attachment after a report ("附件1" over its title, "附件2 名词解释"): an article of its
# own. A glossary's numbered entries ("2.分线管理：……") are notes, not headings.
ATTACHMENT = re.compile(
    rf"附\s*件\s*[\d{NUMERALS}]{{0,3}}\s*[：:]?\s*(?P<title>[^，。；！？]{{0,40}})"
)
GLOSSARY_TITLES = frozenset(
    ("名词解释", "名词注释", "注释", "注解", "名词说明", "词语解释", "术语解释")
)
