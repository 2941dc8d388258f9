"""What belongs to a phrase's source and not to a new speech: its specifics.

Names of places, organisations and people; figures with units; ordinals of
meetings; references tied to a time (a pandemic, a plenum, a date, a past
year); words for the speaker's own level (首都, 我县, 全省上下); quoted
campaign names and titles of documents; what an anonymised source left
(××, 某某).

Places come from jieba's own dictionary tags for the tokens mining already
segments, kept where the dictionary also knows the name with its unit
(郴州 → 郴州市), and from ``gazetteer`` for the world and its regions;
people from a surname or a title beside the name; the rest from patterns.
Each specific is ``(start, end, text, kind)``; drafting marks them for the
writer to check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, compress
from typing import NamedTuple

from speechkit.mining.gazetteer import (
    COUNTRY_SIDES,
    FOREIGN_AND_REGIONS,
    INTERNATIONAL_BODIES,
    NATIONAL_BODIES,
    NATIONAL_FORMULAS,
    PLACE_HOMOGRAPHS,
    SURNAMES,
)
from speechkit.reading.patterns import Gated, Skipping, any_word

_HAN = "\u4e00-\u9fff"
_CN_DIGIT = "零〇一二三四五六七八九十百千两"


class Specific(NamedTuple):
    start: int
    end: int
    text: str
    kind: str


# ------------------------------------------------------------------ patterns

_REDACTION_RE = re.compile(r"××|XX|ＸＸ|某某|党的精神|党的报告")

# Titles of documents and quoted names of programmes.
_BOOK_RE = re.compile(r"《[^《》]{2,50}》")
# A national law by its title (《中华人民共和国工会法》, 《劳动合同法》), not a body's own rules
# (《华为公司委员会管理法》).
_NATIONAL_LAW_RE = re.compile(
    r"^《(?:中华人民共和国)?(?:(?!公司|集团|委员会|办法)[\u4e00-\u9fff]){1,10}法》$"
)
_QUOTE_RE = re.compile(r"“([^“”。！？]{1,30})”")
_PROGRAMME_END_RE = re.compile(
    r"(?:工程|行动|计划|活动|工作法|品牌|班组|项目|模式|体系|示范区|先锋|标兵|竞赛|创建|之家|精神|方式|号|单位|服务圈)$"
)
_HAS_NUMBER_RE = re.compile(rf"[0-9{_CN_DIGIT}双]")

_ORDINAL_RE = Skipping(
    re.compile(
        rf"第[{_CN_DIGIT}0-9]+[次届期个](?:[{_HAN}“”]{{0,14}}?"
        r"(?:代表大会|大会|会议|会晤|峰会|论坛|年会|集体学习|全会|理事会|缔约方大会|对标会))?"
        rf"(?:第[{_CN_DIGIT}0-9]+次(?:会议|全体会议))?"
        rf"|[{_CN_DIGIT}]+届[{_CN_DIGIT}]+次(?:、[{_CN_DIGIT}]+次)?全会"
        # 十四届六次主席团（扩大）会议: a body's term and session, without 第
        rf"|[{_CN_DIGIT}]+届[{_CN_DIGIT}]+次(?:[{_HAN}（）]{{0,10}}?(?:会议|常委会|主席团))?"
    )
)
# The speech's own ordinals of speaking are no facts: 第一次, 第二个问题.
_NOT_ORDINAL_RE = re.compile(rf"第[{_CN_DIGIT}0-9]+(?:次|个)$")

# Formulas of an earlier period: said as current in 2026, they date the speech.
STALE_FORMULAS = (
    "科学发展观|又好又快|又快又好|更快更好发展|加强和创新社会管理|社会管理创新|创新社会管理|保增长|"
    "转变经济发展方式|转变经济增长方式|党的群众路线教育实践活动|“三严三实”|“两学一做”|"
    "社会主义荣辱观|资源节约型和环境友好型社会|两型社会|新一届中央领导集体|“四个多样化”|四个多样化|"
    "共担风险、共迎挑战|复工复产|疫情防控|全面建设小康社会|全面建成小康社会|全面建设小康|全面建成小康|"
    "先进性教育活动|加快转型发展|持续健康快速发展|社会主义新型和谐劳动关系|社会主义新型劳动关系|"
    "劳动力市场供大于求|下岗失业人员|下岗职工|"
    # the workforce as it was described before 知识型、技能型、创新型 (2017), and a dated name
    "知识型、科技型、创新型|进城务工人员|参与社会管理"
)
_DATED_WORDS = (
    "新冠肺炎疫情|新型冠状病毒肺炎疫情|新冠疫情|新型冠状病毒肺炎|新冠肺炎|新冠病毒|世纪疫情|非典疫情|疫情|非典|甲流|"
    "奥运会|冬奥会|残奥会|亚运会|奥运|世博会|进博会|国际金融危机|金融危机|欧债危机|债务危机|次贷危机|"
    "汶川地震|抗震救灾|世界反法西斯战争|第二次世界大战|大流感|" + STALE_FORMULAS
)


def _first_wins(words: list[str]) -> list[str]:
    """The words an alternation in this order can match: not one after a word
    that begins it (疫情 before 疫情防控), which a trie of the rest, longest
    first, matches as the alternation does."""
    return [w for i, w in enumerate(words) if not any(w.startswith(v) for v in words[:i])]


_DATE = (
    rf"(?:[0-9]{{1,2}}|[{_CN_DIGIT}]{{1,3}})月(?:[0-9]{{1,2}}(?:[-—－][0-9]{{1,2}})?|[{_CN_DIGIT}]{{1,3}})日"
)
# References tied to a time, each run only over a text that holds what it
# cannot do without (a plain ``in``, or a pattern that skips quickly, is far
# cheaper than a pattern trying every position).
_DATED_PATTERNS: tuple[Gated, ...] = (
    Gated(re.compile("十[一二三四五六]?五"), re.compile(
        r"“(?:十|十一|十二|十三|十四|十五|十六)五”(?:时期|期间)?|"  # quoted, it is whole whatever follows
        rf"(?:十|十一|十二|十三|十四|十五|十六)五(?:时期|期间)?(?=[^{_HAN}]|规划|时期|期间|开局|收官|发展|以来|末|初)"
    )),
    Gated(re.compile("届(?:[^届]*?中全会|历次全会)"), re.compile(
        rf"[{_CN_DIGIT}]+届[{_CN_DIGIT}]+中全会|[{_CN_DIGIT}]+届历次全会"
    )),
    Gated("党的", re.compile(rf"党的[{_CN_DIGIT}]+大")),
    Gated(re.compile(f"月[0-9{_CN_DIGIT}]"), Skipping(re.compile(rf"(?:今年|去年|明年)?{_DATE}"))),
    Gated("周年", Skipping(re.compile(rf"(?:成立|建党|诞辰)?[0-9{_CN_DIGIT}]+周年"))),
    Gated(re.compile("[0-9]多?年|[子丑寅卯辰巳午未申酉戌亥鼠牛虎兔龙蛇马羊猴鸡狗猪]年"), Skipping(re.compile(
        r"[0-9]+多?年前|(?<!连续)(?<![0-9])[0-9]{1,3}多?年多?(?![多前来内以级度份底末初])"
        r"|[子丑寅卯辰巳午未申酉戌亥鼠牛虎兔龙蛇马羊猴鸡狗猪]年(?=[，。、])"
    ))),
    Gated(None, Skipping(re.compile(
        rf"正月初[一二三四五六七八九十]|大?年初[一二三四五六七八九十](?![季个月])|春节前夕|“三八”妇女节|“五一”劳动节"
        # a named day or week of its year: “国际茶日”
        rf"|“[{_HAN}]{{2,8}}(?:日|周)”|{any_word(_first_wins(_DATED_WORDS.split('|')))}"
    ))),
)  # fmt: skip

# Named events: the noun first (cheap to find), then the name before it, back to
# a word that cannot be part of one (为举办这次峰会 is no name).
_EVENT_NOUN_RE = re.compile(r"峰会|博览会|运动会|交易会|农业周|文化节|艺术节|旅游节")
_GAMES_RE = re.compile("冬奥会|奥运会|残奥会|亚运会|世博会|大运会")
_NOT_IN_EVENT_NAME = frozenset("举办召开这本此为的和与在次届好，。、；：！？“”")  # 好 of 办好
_EVENT_NAME_MAX = 10


def _event_start(text: str, noun_start: int) -> int:
    start = noun_start
    while start > 0 and noun_start - start < _EVENT_NAME_MAX:
        ch = text[start - 1]
        if ch in _NOT_IN_EVENT_NAME or not "\u4e00" <= ch <= "\u9fff":
            break
        start -= 1
    return start


_YEAR_RE = Skipping(
    re.compile(
        rf"(?<![0-9])(?:(?:1[89]|20)[0-9]{{2}}[—－~-])?(?:(?:1[89]|20)[0-9]{{2}}|20××|二[〇零][{_CN_DIGIT}]{{2}})年(?!代)"
    )
)

# Where two units start alike the longer one is the unit (个百分点, not 个), so a trie
# finds the same ones as the list tried in order.
_UNITS = any_word(
    """个百分点 百分点 平方公里 平方米 千瓦时 万千瓦 千瓦 公里 千米 万亩 亩 万吨 吨 亿斤 万斤 斤 立方米
    亿美元 万美元 美元 美金 欧元 万亿元 千亿元 亿元 万元 元 人次 万人 亿人 人 名 户次 户 家 个 项 件 栋 所
    座 条 台 辆 套 批 次 倍 场 处 种 类 岁 米 颗 份 张 部 级 位 兆瓦 吉瓦 GW MW P % ％""".split()
)
_NUMBER = r"[0-9]+(?:[.．][0-9]+)?(?:[-—－~][0-9]+)?"
_FIGURE_RE = Skipping(
    re.compile(
        rf"第[0-9]+(?:位|名)|首位"
        rf"|{_NUMBER}(?:万亿|亿|万|千|百)?(?:多|余)?(?:{_UNITS}|年)"
        rf"|{_NUMBER}(?:万亿|亿|万)(?:多)?"
        rf"|(?:几|[{_CN_DIGIT}]+)[十百千万亿]+(?:多|余)?(?:{_UNITS}|年)"
        rf"|[{_CN_DIGIT}]+[多余](?:{_UNITS}|年)"
        rf"|[一二三四五六七八九]成(?![为功果就绩立长])"
    )
)
_SPAN_AFTER_RE = re.compile("多?(?:来|以来|内|里|间)")
_BRACKET_AFTER_RE = re.compile("(?:及)?(?:以下|以上)")
# The speech's own counts and plain spans of time are no facts.
_NOT_FIGURE_RE = re.compile(
    rf"^(?:[{_CN_DIGIT}]|[0-9])(?:点|个方面|个问题)|^[{_CN_DIGIT}]{{1,2}}年$|^[0-9]{{1,2}}年(?=来|内)"
)

_LEVEL_RE = Skipping(
    re.compile(
        r"首都|中央企业|央企|(?:全省|全市|全县|全区|全州)上下|整省|省内"
        r"|(?:我|全|本)(?:省|市|县|区|州|盟|旗|镇|乡|厂|矿|公司|集团|院|校)(?!长|委书记|份)"
        r"|我们(?:公司|厂|单位|集团|县|市|省)"
        r"|厂党政|(?:市|县|区)总(?![工结体体则量])"
        r"|(?:自治区|省|市|县|区|州)(?:党委|委员会|委|人民政府|政府|人大常委会|人大|政协|总工会|工会|纪委)"
        r"|自治区(?![党人政总工纪])"
        r"|各乡镇"  # a county addressing its townships
    )
)
_PLACE_BEFORE_RE = re.compile(rf"[{_HAN}]{{1,4}}$")
_PLACE_BEFORE_REACH = 5  # a match of it starts at most this far back (four characters and a line break)
# Characters that make 区/市/县/省/州 part of an ordinary word: 园区, 城市, 神州, 壮族自治区,
# 开发区, 工业区, 试验区, 示范区.
_JOINS_UNIT = frozenset("园社辖城景地山小片新郊街牧库矿营校厂灾特都超上股楼夜郡节神族发业验范贸税济游")

_STANDING_FORMULA_RE = Gated(
    "习近平",
    re.compile(r"以习近平同志为核心的党中央|习近平新时代中国特色社会主义思想|习近平总书记|习近平同志"),
)
_TITLES = (
    "同志|总统|总理|主席|先生|女士|秘书长|总干事|国王|首相|省长|市长|县长|书记|部长|董事长|总裁|大使|"
    "院士|教授|老师|师傅|委员长|总"
)
_TITLE_RE = re.compile(rf"(?:{_TITLES})")
# After 尊敬的 a name runs up to the title that ends each address.
_ADDRESSED_RE = Gated(
    "尊敬的",
    re.compile(
        rf"(?<=尊敬的)(?:[{_HAN}]{{0,10}}?(?:委员会主席|秘书长|总干事|主席|总统|总理))?(?P<name>[{_HAN}·]{{2,6}}?)"
        r"(?:总统|总理|先生|女士|国王|阁下|陛下|主席|秘书长)(?=[，、：])"
    ),
)


def _addressed(text: str) -> Iterator[re.Match[str]]:
    """The people a greeting addresses by name (尊敬的马克龙总统), not 各位…."""
    for m in _ADDRESSED_RE.finditer(text):
        name = m.group("name")
        if not (set(name) & _FUNCTION_CHARS) and not name.startswith("各"):
            yield m


_FUNCTION_CHARS = set("的和与及是为在要对向从把被让使将已能可有于这那其各每该们也都就才更很最会议")


Tags = dict[str, str]


def find_specifics(
    text: str, tokens: Iterable[str] = (), tags: Tags | None = None, learned: Iterable[tuple[str, str]] = ()
) -> list[Specific]:
    """The specifics of ``text``, in order; ``tokens`` are its segmentation
    (jieba, HMM off), ``tags`` jieba's dictionary tags of name-like words and
    ``learned`` the names its speech introduced elsewhere (``learn_names``)."""
    tags = tags or {}
    found: list[Specific] = []
    taken = bytearray(len(text))  # characters already part of a specific

    def add(start: int, end: int, kind: str) -> None:
        if end > start and not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            found.append(Specific(start, end, text[start:end], kind))

    formulas = [(m.start(), m.end()) for m in _STANDING_FORMULA_RE.finditer(text)]
    tokens = tokens if isinstance(tokens, list) else list(tokens)
    spans = _named_tokens(text, tokens, tags)

    # Most specific first: a year inside a title is the title's, etc.
    for m in _BOOK_RE.finditer(text) if "《" in text else ():
        if not _NATIONAL_LAW_RE.match(m.group()):  # 《社会保险法》 is every speaker's law
            add(m.start(), m.end(), "campaign")  # 《2030年可持续发展议程》: the year is the title's
    for m in _YEAR_RE.finditer(text):
        add(m.start(), m.end(), "year")  # 20××年 is a year, not only a redaction
    for m in _REDACTION_RE.finditer(text):
        add(m.start(), m.end(), "redaction")
    # a quoted dictionary word (“三位一体”, “两院”) names no programme
    campaigns = _campaigns(text, frozenset(tokens)) if "“" in text else set()
    for m in _QUOTE_RE.finditer(text) if campaigns else ():
        if m.group() in campaigns:  # named as a programme once, it is one each time
            add(m.start(), m.end(), "campaign")
    for m in _ORDINAL_RE.finditer(text) if ("第" in text or "届" in text) else ():
        if not _NOT_ORDINAL_RE.match(m.group()):
            add(m.start(), m.end(), "ordinal")
    for m in _TASK_FORCE_RE.finditer(text):
        add(m.start(), m.end(), "org")  # before the time it names: 中央应对疫情工作领导小组
    for m in _GAMES_RE.finditer(text) if "会" in text else ():
        host = text[max(0, m.start() - 2) : m.start()]
        if _is_place_word(host, tags):
            add(m.start() - 2, m.end(), "dated")  # 北京奥运会: the games of one place and year
    for pattern in _DATED_PATTERNS:
        for m in pattern.finditer(text):
            add(m.start(), m.end(), "dated")
    for m in _EVENT_NOUN_RE.finditer(text):
        start = _event_start(text, m.start())
        if m.start() - start >= 2:
            add(start, m.end(), "dated")
    for m in _FIGURE_RE.finditer(text):
        if (
            _NOT_FIGURE_RE.search(m.group())
            or (m.group().endswith("年") and _SPAN_AFTER_RE.match(text, m.end()))
            or (m.group().endswith("岁") and _BRACKET_AFTER_RE.match(text, m.end()))
        ):
            continue  # 三点意见; 4年多来, 75年来: a span of time; 3岁以下: a bracket, no count
        add(m.start(), m.end(), "figure")
    _organisations(text, spans, tags, add)
    levels = list(_LEVEL_RE.finditer(text))
    starts = _word_starts(tokens, len(text)) if levels else None
    for m in levels:
        if starts is not None and m.start() not in starts:
            continue  # 本市 of 资本市场
        before = _PLACE_BEFORE_RE.search(text, max(0, m.start() - _PLACE_BEFORE_REACH), m.start())
        if before and (_is_place_word(before.group()[-2:], tags) or before.group()[-1] in _JOINS_UNIT):
            continue  # 河北省委: a named body; 园区, 城市: the unit is part of another word
        add(m.start(), m.end(), "level")
    _people(text, spans, tags, formulas, add)
    _places(text, spans, tags, add)
    for name, kind in learned:  # last: a longer name found here holds (华为大学 before 华为)
        at = text.find(name)
        while at >= 0:
            add(at, at + len(name), kind)
            at = text.find(name, at + len(name))
    found.sort()
    return found


def _word_starts(tokens: list[str], length: int) -> set[int] | None:
    """Where the segmentation starts a word, or None without one that covers the text."""
    ends = list(accumulate(map(len, tokens), initial=0))
    return set(ends) if ends[-1] == length and tokens else None


def _around(text: str, m: re.Match[str]) -> tuple[str, str]:
    """What stands just before and after a quotation: what it is run as (实施“…”计划)."""
    return text[max(0, m.start() - 4) : m.start()], text[m.end() : m.end() + 5]


def _named_as_run(before: str, after: str) -> bool:
    return bool(_RUNS_PROGRAMME_RE.search(before) or _NAMES_PROGRAMME_RE.match(after))


def _quoted_campaign(text: str, m: re.Match[str], words: frozenset[str] = frozenset()) -> bool:
    return _is_campaign(m.group(1), *_around(text, m), words)


def _campaigns(text: str, words: frozenset[str]) -> set[str]:
    """The quotations of ``text`` that name programmes; quotations listed together
    (“…”、“…”等重大项目) are of one kind, named so by any of them."""
    found: set[str] = set()
    run: list[re.Match[str]] = []
    for m in [*_QUOTE_RE.finditer(text), None]:
        if m and run and text[run[-1].end() : m.start()] in ("", "、"):
            run.append(m)
            continue
        if any(_quoted_campaign(text, q, words) for q in run):
            named = (q for q in run if len(q.group(1)) > 1 and q.group(1) not in NATIONAL_FORMULAS)
            found.update(q.group() for q in named)
        run = [m] if m else []
    return found


def _quoted_run(text: str, m: re.Match[str]) -> bool:
    """A quoted name the text runs as a programme (实施“…”计划)."""
    inner = m.group(1)
    return len(inner) >= 2 and inner not in NATIONAL_FORMULAS and _named_as_run(*_around(text, m))


def learn_names(texts: Iterable[str], tags: Tags) -> list[tuple[str, str]]:
    """The names one speech introduces, to be known wherever it repeats them:
    a company named with its suffix once (华为公司) and bare after (华为), a
    person it addresses (尊敬的穆希丁总理 … 感谢穆希丁总理), a quoted programme
    it names as run (实施“明日之星”计划 … “明日之星”). Longest first."""
    learned: dict[str, str] = {}
    for text in texts:
        for m in _COMPANY_RE.finditer(text) if ("公司" in text or "集团" in text) else ():
            bare = _company_name(m.group(1), m.group(2), tags)
            if bare:
                learned.setdefault(bare, "org")
        for m in _addressed(text):
            learned.setdefault(m.group("name"), "person")
        for m in _QUOTE_RE.finditer(text) if "“" in text else ():
            if _quoted_run(text, m):
                learned.setdefault(m.group(), "campaign")
    return sorted(learned.items(), key=lambda item: -len(item[0]))


_COMPANY_RE = re.compile(rf"([{_HAN}]{{2,4}})(公司|集团)")
# Company words jieba's dictionary knows that name a kind of company, not one.
_NOT_COMPANY_NAMES = frozenset(
    "上市 外贸 经贸 公交 创投 安装 广播 海运 化工 石化 钢铁 武装 统治 反党".split()
)
_PROPER_NAME_TAGS = frozenset(("nr", "nrt", "nz"))


def _company_name(before: str, suffix: str, tags: Tags) -> str | None:
    """The bare name of a company the dictionary knows with its suffix (华为 of
    华为公司), where the bare name is a proper name too; else None."""
    for size in range(len(before), 1, -1):
        bare = before[-size:]
        if tags.get(bare + suffix) == "nt" and tags.get(bare) in _PROPER_NAME_TAGS:
            return None if bare in _NOT_COMPANY_NAMES else bare
    return None


_PLAN_PERIOD_RE = re.compile(r"^十[一二三四五六]?五$")


_RUNS_PROGRAMME_RE = re.compile(
    r"(?:实施|开展|推进|推行|打造|启动|创建|建设|举办|深化|实行|推广|叫响|擦亮|争创|评选)好?$"
)
_NAMES_PROGRAMME_RE = re.compile(
    r"^(?:等(?:重大|重点)?)?(?:行动|工程|计划|活动|品牌|项目|模式|专项|试点|机制|体系|工作法|系列|评选|创建)"
)


def _is_campaign(inner: str, before: str, after: str, words: frozenset[str] = frozenset()) -> bool:
    """A quoted name of a programme, campaign or slogan: it has a number or lists
    its parts, or is named as something run (实施“…”行动), not a word in quotes
    (``words``: the text's tokens; one of them in quotes is a dictionary word)."""
    if (
        len(inner) < 2
        or inner in NATIONAL_FORMULAS
        or inner in ("三八", "五一")
        or _NAMED_DAY_RE.match(inner)
    ):
        return False  # a named day (“国际茶日”) is dated, not a programme
    if _PLAN_PERIOD_RE.match(inner):
        return False
    parts = re.split("[、，+＋]", inner)
    listed = len(parts) > 1 and len(inner) <= 20 and all(len(p) <= 6 for p in parts) and "我们" not in inner
    run = _named_as_run(before, after)
    numbered = bool(_HAS_NUMBER_RE.search(inner)) and not (inner in words and _ALL_HAN_RE.match(inner))
    return bool(numbered or _PROGRAMME_END_RE.search(inner) or listed or run)


_ALL_HAN_RE = re.compile(rf"^[{_HAN}]+$")
_NAMED_DAY_RE = re.compile(rf"^[{_HAN}]{{2,8}}(?:日|周)$")


def _named_tokens(text: str, tokens: Iterable[str], tags: Tags) -> Spans:
    """(start, end, token, the token after it) of the tokens that may be names:
    those jieba's dictionary tags as one (most tokens are not, and are skipped)."""
    words = list(tokens)
    names = _name_words(tags)
    hits = list(compress(range(len(words)), map(names.__contains__, words)))  # few: found in C
    if not hits:
        return []
    words.append("")  # the token after the last
    ends = list(accumulate(map(len, words)))
    if ends[-1] == len(text):  # jieba keeps every character, spaces too
        return [(ends[k] - len(words[k]), ends[k], words[k], words[k + 1]) for k in hits]
    out: Spans = []
    pos = 0
    for k, token in enumerate(words[:-1]):
        start = text.find(token, pos)
        if start < 0:
            continue
        pos = start + len(token)
        if token in names:
            out.append((start, pos, token, words[k + 1]))
    return out


_NAME_WORDS: list[tuple[Tags, frozenset[str]]] = []  # (tags, its words and the gazetteer's)


def _name_words(tags: Tags) -> frozenset[str]:
    if not _NAME_WORDS or _NAME_WORDS[0][0] is not tags:
        _NAME_WORDS[:] = [(tags, frozenset(tags) | FOREIGN_AND_REGIONS)]
    return _NAME_WORDS[0][1]


Spans = list[tuple[int, int, str, str]]


# Words that end like a place name but name none, and the country's own names.
_NOT_PLACE_WORDS = frozenset(
    """中国 中华 我国 全国 祖国 国内 华夏 神州 城市 大都市 都市 上市 超市 城区 社区
    园区 山区 地区 景区 郊区 市区 小区 新区 各省 外省 本省 省区 地市 县市 州市
    全省 全市 全县 全区 辖区 片区 街区 牧区 库区 矿区 校区 厂区 灾区 特区 老区
    开发区""".split()
)


_PLACE_WORD_CACHE: dict[str, bool] = {}


def _is_place_word(word: str, tags: Tags) -> bool:
    """A place by jieba's dictionary: tagged so and known with its unit (郴州 → 郴州市)."""
    known = _PLACE_WORD_CACHE.get(word)
    if known is None:
        known = _PLACE_WORD_CACHE[word] = _place_word(word, tags)
    return known


def _place_word(word: str, tags: Tags) -> bool:
    if word in PLACE_HOMOGRAPHS or word in _NOT_PLACE_WORDS or len(word) < 2:
        return False
    if word in FOREIGN_AND_REGIONS:
        return True
    if tags.get(word) not in ("ns", "nr", "nz", "nt"):
        return False
    if tags[word] == "ns" and word[-1] in "省市县区州":
        return True
    return any(word + unit in tags for unit in "市省县州")


Add = Callable[[int, int, str], None]


def _places(text: str, spans: Spans, tags: Tags, add: Add) -> None:
    for m in _REGIONS_RE.finditer(text):
        add(m.start(), m.end(), "place")  # names of several words: 长江经济带, 粤港澳大湾区
    for m in _COUNTRY_SIDE_RE.finditer(text):
        add(m.start(), m.end(), "place")  # 法方, 俄方: that country's side
    for start, end, token, nxt in spans:
        named = tags.get(token) == "ns" and token not in _NOT_PLACE_WORDS and token not in PLACE_HOMOGRAPHS
        with_unit = named and nxt in _PLACE_UNITS
        zone = _ZONE_AFTER_RE.match(text, end) if named else None  # 临港新片区, 虹桥国际开放枢纽
        if zone and (set(zone.group()) & _NOT_IN_ORG_NAME or _COUNTRY_NAME_RE.search(zone.group())):
            zone = None  # 美丽中国省域先行区 is a programme of the country, no named place
        if not (with_unit or zone or _is_place_word(token, tags)):
            continue
        if token == "来宾" and text[max(0, start - 3) : start].endswith(("各位", "尊敬的", "的")):
            continue
        stop = zone.end() if zone else end + (len(nxt) if nxt in _PLACE_UNITS else 0)
        add(start, stop, "place")
    for m in _LATIN_ZONE_RE.finditer(text) if "区" in text else ():
        add(m.start(), m.end(), "place")  # RCEP国际教育合作区


_ZONES = "新片区|自由贸易试验区|自贸试验区|试验区|示范区|引领区|先行区|合作区|开放枢纽|经济带|都市圈"
_ZONE_AFTER_RE = re.compile(rf"[{_HAN}]{{0,6}}?(?:{_ZONES})")
_LATIN_ZONE_RE = re.compile(rf"(?<![A-Za-z])[A-Z]{{2,6}}[{_HAN}]{{0,6}}?(?:{_ZONES})")
_COUNTRY_NAME_RE = re.compile("中国|我国|全国|国家")
_PLACE_UNITS = frozenset(("省", "市", "县", "区", "州", "地区", "自治区", "自治州", "新区", "片区"))
_REGIONS_RE = re.compile(any_word(FOREIGN_AND_REGIONS))
_COUNTRY_SIDE_RE = Gated(
    "方", re.compile(rf"[{''.join(sorted(COUNTRY_SIDES))}]方(?![面式法向案针位圆便能言])")
)


# What follows the name of a named body: 云南(大学), 广西(国控集团), 赣南(实验室).
_ORG_TAIL_RE = re.compile(
    rf"[{_HAN}A-Za-z0-9]{{0,10}}?(?:大学|学院|研究院|研究生院|实验室|集团|公司|银行|组织|联盟|委员会|代表处|"
    rf"控制中心|中心|领导小组|指导组|办事处|研究所|医院)"
)
_NOT_IN_ORG_NAME = set("的和与及是把要将为在对向提筹建等并或也都就")
# Name-like words that start ordinary phrases (公立医院, 国际经贸, 中国提议…).
_GENERIC_HEADS = frozenset("中国 中华 国际 国家 公立 新兴 高水平 中医药 全国 我国".split())


# A list of names before 等企业/等单位 (中国石化、中铝公司、中盐集团等企业): each
# item is a body's name, whatever the dictionary knows of it.
_NAMED_LIST_RE = re.compile(
    rf"(?P<items>(?:[{_HAN}]{{2,6}}、)+[{_HAN}]{{2,6}})等(?:中央企业|央企|国企|企业|单位|公司|集团|高校|院校|医院)"
)
_NOT_IN_LISTED_NAME = frozenset("的和与及是为在要对把被让使将了着过")
_BODY_NAME_RE = re.compile(r"^中国|(?:公司|集团|银行|大学|学院|医院|厂|矿)$")
_NOT_A_NAME_RE = re.compile(
    r"^(?:各|本|该|我|全|有关|相关|重点|基层|国有|民营|非公|中小|大型|骨干|龙头|规模)"
)


def _named_list(text: str, add: Add) -> None:
    for m in _NAMED_LIST_RE.finditer(text) if "等" in text else ():
        start = m.start("items")
        items = m.group("items").split("、")
        if any(_NOT_A_NAME_RE.match(item) or set(item) & _NOT_IN_LISTED_NAME for item in items):
            continue
        if not any(_BODY_NAME_RE.search(item) for item in items):
            continue  # 加强学习、改进作风等单位: nothing in it names a body
        for item in items:
            add(start, start + len(item), "org")
            start += len(item) + 1


def _organisations(text: str, spans: Spans, tags: Tags, add: Add) -> None:
    for m in _BODIES_RE.finditer(text):
        add(m.start(), m.end(), "org")
    _named_list(text, add)
    for start, end, token, _ in spans:
        if start > 0 and text[start - 1] in _CN_DIGIT:
            continue  # inside a number: 二十国集团 is not 十国集团
        tag = tags.get(token)
        if tag == "nt" and token.endswith(("公司", "集团")) and _company_name(token[:-2], token[-2:], tags):
            add(start, end, "org")  # 华为公司: a company the dictionary knows by its proper name
            continue
        if tag == "nt" and len(token) >= 4 and any(_is_place_word(token[:k], tags) for k in (2, 3)):
            add(start, end, "org")  # 云南大学: a place's own body, one word in the dictionary
            continue
        place_head = _is_place_word(token, tags) or (tag == "ns" and token not in PLACE_HOMOGRAPHS)
        if not (place_head or tag in ("nr", "nrfg")) or token in NATIONAL_BODIES or token in _GENERIC_HEADS:
            continue
        tail = _ORG_TAIL_RE.match(text, end) if place_head else _COMPANY_TAIL_RE.match(text, end)
        if (
            tail
            and not (set(tail.group()) & _NOT_IN_ORG_NAME)
            and text[start : tail.end()] not in NATIONAL_BODIES
        ):
            add(start, tail.end(), "org")


# A body set up for a task of its time: 中央应对疫情工作领导小组, 国务院联防联控机制.
_TASK_FORCE_RE = Gated(
    re.compile("领导小组|指导组|联防联控机制|工作组"),
    re.compile(rf"(?:中央|国务院)[{_HAN}]{{0,14}}?(?:领导小组|指导组|联防联控机制|工作组)|前方指导组"),
)


# A proper name (华为) makes a body only with one of these right after it.
_COMPANY_TAIL_RE = re.compile(r"(?:公司|集团|大学|研究院)")


_BODIES_RE = re.compile(any_word(INTERNATIONAL_BODIES))


def _people(text: str, spans: Spans, tags: Tags, formulas: list[tuple[int, int]], add: Add) -> None:
    def in_formula(start: int, end: int) -> bool:
        return any(start < fe and fs < end for fs, fe in formulas)

    for m in _addressed(text):
        add(m.start("name"), m.end("name"), "person")
    for start, end, token, _ in spans:
        if tags.get(token) == "nrfg" and not in_formula(start, end):
            add(start, end, "person")
    # a Chinese name before a title: 梁伟同志, 王某某省长
    for m in _TITLE_RE.finditer(text):
        for size in (3, 2):
            start = m.start() - size
            if start < 0:
                continue
            name = text[start : m.start()]
            known_word = tags.get(name) not in (None, "nr", "nrfg")
            if name[0] in SURNAMES and not (set(name) & _FUNCTION_CHARS) and not known_word:
                if not in_formula(start, m.start()):
                    add(start, m.start(), "person")
                break
