"""What belongs to a phrase's source and not to a new speech: its specifics.

Names of places, organisations and people; figures with units; ordinals of
meetings; references tied to a time (a pandemic, a plenum, a date, a past
year); words for the speaker's own level (首都, 我县, 全省上下); quoted
campaign names; what an anonymised source left (××, 某某).

Names come from jieba's own dictionary tags for the tokens mining already
segments (``ns`` places, ``nt`` organisations, ``nr``/``nrfg`` people), kept
only where the context makes them names (a place before 省/市/县, a person
before a title); everything else is patterns over the text. Each specific
is ``(text, kind)``; drafting marks them for the writer to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

_HAN = "\u4e00-\u9fff"
_CN_DIGIT = "零〇一二三四五六七八九十百千两"


class Specific(NamedTuple):
    start: int
    end: int
    text: str
    kind: str


# ------------------------------------------------------------------ patterns

_UNITS = (
    "个百分点|百分点|平方公里|平方米|千瓦时|万千瓦|千瓦|公里|千米|万亩|亩|万吨|吨|亿斤|万斤|斤|立方米|"
    "亿元|万亿元|千亿元|万元|元|美元|亿美元|万美元|欧元|人次|万人|亿人|人|名|户|家|个|项|件|栋|所|座|条|台|辆|"
    "套|批|次|倍|场|处|种|类|岁|米|兆瓦|吉瓦|GW|MW|%|％"
)
_NUMBER = r"[0-9]+(?:[.．][0-9]+)?(?:万亿|亿|万|千|百)?"
_CN_BIG = rf"[{_CN_DIGIT}]*[十百千万亿][{_CN_DIGIT}]*"
_FIGURE_RE = re.compile(
    rf"(?:第[0-9]+(?:位|名)"
    rf"|{_NUMBER}(?:多|余)?(?:{_UNITS})"
    rf"|{_CN_BIG}(?:多|余)(?:{_UNITS})"
    rf"|[{_CN_DIGIT}]*[万亿][{_CN_DIGIT}]*(?:{_UNITS}))"
)
# The speech's own counts are no facts: 三点意见, 3点倡议, 两个方面.
_OWN_COUNT_RE = re.compile(rf"(?:[{_CN_DIGIT}]|[0-9])(?:点|个方面|个问题)")

_ORDINAL_RE = re.compile(
    rf"第[{_CN_DIGIT}0-9]+[次届](?:[{_HAN}“”]{{0,14}}?(?:代表大会|大会|会议|会晤|峰会|论坛|年会|集体学习|全会|理事会))?"
    rf"(?:第[{_CN_DIGIT}0-9]+次(?:会议|全体会议))?"
)

_DATED_WORDS = (
    "新冠肺炎疫情|新型冠状病毒肺炎疫情|新冠疫情|新型冠状病毒肺炎|新冠肺炎|新冠病毒|疫情|非典|甲流|奥运会|冬奥会|残奥会|"
    "亚运会|世博会|进博会|国际金融危机|金融危机|汶川地震|抗震救灾|脱贫攻坚战|全面建成小康社会"
)
_DATED_RE = re.compile(
    rf"(?:“?(?:十|十一|十二|十三|十四|十五|十六)五”?(?:规划|时期)?(?=[^{_HAN}]|规划|时期|期间|开局|收官|发展|以来)"
    rf"|[{_CN_DIGIT}]+届[{_CN_DIGIT}]+中全会"
    rf"|党的[{_CN_DIGIT}]+大"
    rf"|(?:[0-9]{{1,2}}|[{_CN_DIGIT}]{{1,3}})月(?:[0-9]{{1,2}}|[{_CN_DIGIT}]{{1,3}})日"
    rf"|[0-9{_CN_DIGIT}]+周年"
    rf"|{_DATED_WORDS})"
)

_YEAR_RE = re.compile(rf"(?<![0-9])(?:(?:1[89]|20)[0-9]{{2}}|20××|二[〇零][{_CN_DIGIT}]{{2}})年")

_LEVEL_RE = re.compile(
    rf"首都|全省上下|全市上下|全县上下|全区上下"
    rf"|(?:我|全|本)(?:省|市|县|区|州|盟|旗|镇|乡|厂|矿|公司|集团|院|校|局|委|行)(?![{_HAN}]{{0}}(?:长|委书记))"
    rf"|(?<![{_HAN}])(?:省|市|县|区|州|自治区)(?:委|政府|人民政府|人大|政协|总工会|工会|纪委)"
    rf"|(?<=[，、。；：和与及在由向对为的])(?:省|市|县|区|州|自治区)(?:委|政府|人民政府|人大|政协|总工会|工会|纪委)"
)

_QUOTE_RE = re.compile(r"“([^“”。！？]{1,24})”")
_PROGRAMME_END = re.compile(
    r"(?:工程|行动|计划|活动|工作法|品牌|班组|项目|模式|体系|示范区|先锋|标兵|竞赛|创建|之家)$"
)
_HAS_NUMBER = re.compile(rf"[0-9{_CN_DIGIT}双]")
# Formulas every speech may use: not a source's own campaign.
NATIONAL_FORMULAS = frozenset(
    "两个确立 两个维护 四个意识 四个自信 五位一体 四个全面 一带一路 放管服 三农 中国梦 两个一百年 六稳 六保 "
    "双碳 八项规定 三严三实 两学一做 不忘初心、牢记使命 不忘初心 牢记使命 两个结合 国之大者 四个特别".split()
)

_REDACTION_RE = re.compile(r"××|XX|ＸＸ|某某|党的精神")

# Names by context: a person before a title; a place before its unit; an
# organisation a place names (郴州市总工会).
_TITLES = "同志|总统|总理|主席|先生|女士|秘书长|总干事|国王|首相|省长|市长|县长|书记|部长|董事长|总裁|大使"
_PERSON_RE = re.compile(rf"(?<![{_HAN}])[{_HAN}]{{2,4}}?(?=(?:{_TITLES}))|[{_HAN}]{{2,3}}(?=(?:{_TITLES}))")
_NOT_PERSON = frozenset(
    """各位 广大 全体 老 女 青年 基层 优秀 年轻 先进 党员 领导 中央 国家 副 省委 市委 县委 同 副总 总 名誉
    执行 工会 支部 党委 委员 常务 这位 那位 两位 一位 诸位 代表 尊敬 亲爱 团 作为 担任 原 前 现任 新任 女士们
    先生们 主席团 秘书 各国 国际 世界 联合国 本 我 你 他 她 为 向 由 和 与 及 请""".split()
)
_STANDING_FORMULA_RE = re.compile(
    r"以习近平同志为核心的党中央|习近平新时代中国特色社会主义思想|习近平总书记|习近平同志"
)

_PLACE_UNIT_RE = re.compile(
    rf"([{_HAN}]{{2,6}}?)(?:省|市|县|区|州|自治区|自治州|镇|乡|村)(?![{_HAN}]{{0}}委)"
)
_ORG_RE = re.compile(
    rf"[{_HAN}]{{2,6}}?(?:省|市|县|区)(?:总工会|工会|委员会|人民政府|政府|人大常委会|政协|委|纪委)"
    rf"|[{_HAN}0-9]{{2,10}}?(?:组织|国集团|国家|银行|论坛|公司|集团|大学|研究院|联合会|协会)(?![{_HAN}]{{0}}们)"
)
# Words jieba's dictionary tags as places or organisations that name nothing
# in particular, and national bodies every speech may cite.
_NOT_PLACE = frozenset(
    """中国 中华 我国 全国 祖国 中华人民共和国 国内 国外 外国 城市 城乡 农村 东西 南北 东北 西北 西南 东南
    东部 西部 中部 南方 北方 平原 爱国 英雄 太阳 朝廷 江南 江湖 天下 地方 各地 当地 本地 外地 内地 沿海 边疆
    山区 老区 湖 河 海 山 新区 城区 社区 园区 景区 开发区 示范区 自贸区 高新区 街道 乡村 乡镇 村镇 县城 省城
    首府 都市 家乡 故乡 中原 神州 大地 天安门 长城 国际 世界 全球 海外 境外 中央 华夏 两岸 特区 特区政府 大陆
    港澳 港澳台""".split()
)
_NOT_ORG = frozenset(
    """党中央 中共中央 中央 国务院 全国人大 全国政协 中央政治局 中国共产党 共产党 党 人民代表大会 人民政府
    人民法院 人民检察院 国家机关 联合会 政府 企业 公司 集团 组织 国家 党组织 基层组织 国际组织 社会组织
    群团组织 工会组织 人民团体 政协 人大 解放军 人民解放军 中国人民解放军 全国人民代表大会 人大常委会 共青团
    妇联 中国政府 中央人民政府 各国 各国家 发展中国家 发达国家 西方国家 主要国家 世界各国 现代化国家
    社会主义国家 强国 大国 国有企业 民营企业 中小企业 外资企业 金融机构 市场主体 商业银行 政策性银行 开发银行
    公司制""".split()
)


def _overlaps(spans: Sequence[Specific], start: int, end: int) -> bool:
    return any(start < s.end and s.start < end for s in spans)


def find_specifics(
    text: str, tokens: Iterable[str] = (), tags: dict[str, str] | None = None
) -> list[Specific]:
    """The specifics of ``text``, in order; ``tokens`` are its segmentation
    (jieba, HMM off) and ``tags`` jieba's dictionary tags for them."""
    found: list[Specific] = []

    def add(start: int, end: int, kind: str) -> None:
        if end > start and not _overlaps(found, start, end):
            found.append(Specific(start, end, text[start:end], kind))

    formulas = [(m.start(), m.end()) for m in _STANDING_FORMULA_RE.finditer(text)]

    def in_formula(start: int, end: int) -> bool:
        return any(start < fe and fs < end for fs, fe in formulas)

    # Most specific first: a year inside an ordinal is the ordinal's, etc.
    for m in _REDACTION_RE.finditer(text):
        add(m.start(), m.end(), "redaction")
    for m in _ORDINAL_RE.finditer(text):
        add(m.start(), m.end(), "ordinal")
    for m in _YEAR_RE.finditer(text):
        add(m.start(), m.end(), "year")
    for m in _DATED_RE.finditer(text):
        add(m.start(), m.end(), "dated")
    for m in _QUOTE_RE.finditer(text):
        inner = m.group(1)
        if inner in NATIONAL_FORMULAS or not (_HAS_NUMBER.search(inner) or _PROGRAMME_END.search(inner)):
            continue
        add(m.start(), m.end(), "campaign")
    for m in _FIGURE_RE.finditer(text):
        if _OWN_COUNT_RE.match(text, m.start()) and not m.group().endswith(("%", "％")):
            continue
        add(m.start(), m.end(), "figure")
    for m in _ORG_RE.finditer(text):
        value = m.group()
        if value in _NOT_ORG or any(value.endswith(w) and len(value) <= len(w) + 1 for w in _NOT_ORG):
            continue
        prefix = re.sub(
            r"(?:省|市|县|区)?(?:总工会|工会|委员会|人民政府|政府|人大常委会|政协|委|纪委)$", "", value
        )
        if not (prefix and (tags or {}).get(prefix) == "ns") and not _named_org(value, tags):
            continue
        add(m.start(), m.end(), "org")
    for m in _LEVEL_RE.finditer(text):
        add(m.start(), m.end(), "level")
    for m in _PERSON_RE.finditer(text):
        name = m.group()
        if name in _NOT_PERSON or any(name.startswith(w) for w in ("各", "全", "副", "本", "我", "该")):
            continue
        if in_formula(m.start(), m.end()) or not _looks_like_name(name, tags):
            continue
        add(m.start(), m.end(), "person")
    _token_names(text, tokens, tags or {}, add, in_formula)
    found.sort()
    return found


def _named_org(value: str, tags: dict[str, str] | None) -> bool:
    """An organisation with a proper name: its first word is a name in jieba's dictionary."""
    tags = tags or {}
    for size in (4, 3, 2):
        if tags.get(value[:size]) in ("ns", "nt", "nz", "nr", "nrfg"):
            return True
    return value in tags and tags[value] == "nt"


def _looks_like_name(name: str, tags: dict[str, str] | None) -> bool:
    tags = tags or {}
    if tags.get(name) in ("nr", "nrfg", "nrt"):
        return True
    # a word of the dictionary that is not a name (e.g. 国家主席 → 国家) is no person
    return not any(tags.get(name[:k]) not in (None, "nr", "nrfg", "nrt") for k in range(2, len(name) + 1))


def _token_names(
    text: str, tokens: Iterable[str], tags: dict[str, str], add: object, in_formula: object
) -> None:
    """Places and organisations by jieba's dictionary tags, token by token."""
    pos = 0
    for token in tokens:
        start = text.find(token, pos)
        if start < 0:
            continue
        end = start + len(token)
        pos = end
        if len(token) < 2:
            continue
        tag = tags.get(token)
        if tag == "ns" and token not in _NOT_PLACE:
            add(start, end, "place")  # type: ignore[operator]
        elif tag == "nt" and token not in _NOT_ORG:
            add(start, end, "org")  # type: ignore[operator]
        elif tag == "nrfg" and not in_formula(start, end):  # type: ignore[operator]
            add(start, end, "person")  # type: ignore[operator]
