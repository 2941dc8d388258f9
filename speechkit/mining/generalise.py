"""Generalise specifics into ``{slot}``s when mining.

Conservative on purpose: a wrong slot inside a fixed expression ruins a
phrase, a missed slot only costs the user an edit. Each rule fires only in a
context that makes the meaning plain ("在…隆重召开之际", "我代表…，向…"), and
no slot may overlap a protected fixed expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from speechkit.bank.slots import escape_braces
from speechkit.reading.patterns import Finder, Gated, Skipping, any_word

_HAN = "\u4e00-\u9fff"
_EVENT_SUFFIX = (
    "职工代表大会|会员代表大会|代表大会|工作会议|工作会|座谈会|表彰大会|表彰会|动员大会|推进会|"
    "总结大会|庆祝大会|联欢会|茶话会|年会|开幕式|闭幕式|交流会|培训班|研讨会|论坛|典礼"
)
_ORG_END = (
    "委|政府|人大|政协|党政|党委|中央|工会|总工会|公司|集团|团|部|局|厅|院|会|处|科|室|中心|组|支部|班子"
)
_NOT_PLACE_WORDS = "根据|按照|通过|作为|经过|由于|全国|各地|加强|推动|支持|依托|发挥|要求|组织|参加|联合|召开"
_FUNCTION_CHARS = set("在年的和与是了为对向从全各我本该其这那个")
_NOT_PLACE = "全|我|本|各|该|每|两|外|他|此|省|市|县|区|州|地|城|郊|老|新|首|中|大|小"
# How every event's name ends (the last characters of _EVENT_SUFFIX) and what follows it.
_EVENT_END_RE = re.compile("[会议式班坛礼](?:隆重|胜利|召开|开幕|举行|之际|上|，|。|！|,)")

# Each rule is run only over a text that holds what it cannot match without
# (``Gated``): most texts hold no ``我代表``, no ``同志``, no date.
_RULES: tuple[tuple[str, Finder], ...] = (
    # 在北京市工会第十二次代表大会隆重召开之际 / 今天的全市工会工作会议 / 这里召开…座谈会
    (
        "event",
        Gated(
            ("在", "今天的", "本次", "这次", "这里召开", "今天召开的"),
            Gated(
                _EVENT_END_RE,
                re.compile(
                    rf"(?:(?<=在)|(?<=今天的)|(?<=本次)|(?<=这次)|(?<=这里召开)|(?<=今天召开的))"
                    rf"(?P<v>(?!这里)(?:(?!召开|举行)[{_HAN}“”]){{2,24}}?(?:第[一二三四五六七八九十百]+[次届])?(?:{_EVENT_SUFFIX}))"
                    rf"(?=隆重|胜利|召开|开幕|举行|之际|上|，|。|！|,)"
                ),
            ),
        ),
    ),
    # 我代表市委、市人大、市政府、市政协，向…
    (
        "speaker",
        Gated(
            "我代表",
            re.compile(
                rf"(?<=我代表)(?P<v>(?:[{_HAN}]{{1,12}}?(?:{_ORG_END}))(?:、[{_HAN}]{{1,12}}?(?:{_ORG_END})){{0,6}})"
                rf"(?=，|,|向|对|祝|衷心|热烈|表示|来|到)"
            ),
        ),
    ),
    # 郴州市总工会, 湖南省委员会: a place name (checked against _NOT_PLACE) and an organ
    (
        "org",
        Gated(
            re.compile("[省市县](?:总工会|工会|委员会|人民政府)"),
            re.compile(
                rf"(?<![{_HAN}])(?P<v>(?!{_NOT_PLACE_WORDS})[{_HAN}]{{2,3}}(?:省|市|县)"
                rf"(?:总工会|工会|委员会|人民政府))"
            ),
        ),
    ),
    # 回顾20××年的工作 / 过去的2025年里 in a speech of 2026: the year before the speech's
    (
        "last_year",
        Gated(
            ("回顾", "总结", "过去"),
            re.compile(r"(?:(?<=回顾)|(?<=总结)|(?<=过去的)|(?<=过去))(?P<v>(?:19|20)(?:[0-9]{2}|××))(?=年)"),
        ),
    ),
    # 2023年 / 20××年 as this year; not a year looked back on ("过去的20××年里",
    # "回顾总结20××年…", "在20××年的基础上"), nor a target or a span (到2035年, 2021—2025年,
    # 2035年远景目标), which this year's value would falsify. A written year must
    # also be the speech's own (see ``SpeechContext``).
    (
        "year",
        Skipping(
            re.compile(
                r"(?<!过去的)(?<!过去)(?<!回顾)(?<!总结)(?<!去年)(?<!上一)(?<![0-9到至从截止—－~-])(?<!截至)(?<!以前)"
                r"(?P<v>(?:19|20)(?:[0-9]{2}|××))(?=年)"
                r"(?!年里|年的基础上|年以来|年来|年度工会工作模范|年底|年末|年前|年远景|年可持续|年议程|年目标|年[—－~-]|年至|年到)"
            )
        ),
    ),
    ("date", Gated("月", Skipping(re.compile(r"(?<![0-9])(?P<v>[0-9]{1,2}月[0-9]{1,2}日)")))),
    # 刚才，梁伟同志作了工作报告
    (
        "name",
        Gated(
            "同志",
            re.compile(
                rf"(?:(?<=^)|(?<=[，。！：、]))(?P<v>[{_HAN}]{{2,3}})(?=同志(?:作了|已经|的|讲|所作|代表|在))"
            ),
        ),
    ),
)

_NOT_A_NAME = {
    "与会",
    "各位",
    "广大",
    "全体",
    "党员",
    "领导",
    "中央",
    "工会",
    "青年",
    "基层",
    "优秀",
    "年轻",
    "先进",
    "劳模",
    "这些",
    "有关",
    "其他",
    "女",
    "老",
    "部分",
    "各级",
    "领导班子",
    "央领导",
}

# Fixed expressions a slot must never cut.
PROTECTED = (
    "隆重召开",
    "胜利召开",
    "热烈祝贺",
    "围绕中心，服务大局",
    "围绕中心、服务大局",
    "中国特色社会主义",
    "全心全意",
    "工人阶级",
    "人民群众",
    "职工群众",
    "代表大会制度",
    "职工代表大会制度",
)
_PROTECTED_RE = re.compile(any_word(PROTECTED))

# In transitions, "讲三点意见" counts the points that follow.
_COUNT_RE = re.compile(
    r"(?<=讲|谈|提|说|出)(?:以下|这么|这样|如下)?(?P<v>[一二两三四五六七八九十]{1,2}|[0-9]{1,2})"
    r"(?=点|个方面|个问题|方面|条)"
)


@dataclass(frozen=True)
class SpeechContext:
    """What a speech says of itself: the year it was given (None: unknown) and
    the names of its own organisation, place and event, as its title gives them
    (each becomes its slot wherever the speech repeats it)."""

    year: int | None = None
    own: tuple[tuple[str, str], ...] = field(default=())  # (text, slot), longest first


_QUOTED_RE = re.compile(r"“[^“”]{1,30}”|《[^《》]{1,40}》")
# A place's name that goes on into the name of something else.
_NAME_GOES_ON_RE = re.compile(
    rf"[{_HAN}]{{0,6}}?(?:集团|公司|试验区|自由贸易港|自贸港|实验室|大学|银行|一号|[新高]区|开发区|港|控股"
    r"|中心|研究院|研究所|峰会|博览会|运动会|交易会)"
    # or that hosted something once: 在天津举办2025年上海合作组织峰会 is no sentence of the user's
    r"|(?:成功)?(?:举办|承办|主办)"
)
_NAME_JOINS = ("—", "－", "-", "·")  # 中国—上海合作组织数字经济产业论坛: one name of two
_WRITTEN_YEAR_BEFORE_RE = re.compile(r"(?:19|20)(?:[0-9]{2}|××)年$")
_WRITTEN_YEAR_REACH = 6  # a match of it starts at most this far back (five characters and a line break)


def _occurrences(value: str, text: str) -> Iterator[int]:
    """Where ``value`` starts in ``text``, left to right, never overlapping (as ``re.finditer``)."""
    start = text.find(value)
    while start >= 0 and value:
        yield start
        start = text.find(value, start + len(value))


# A year whose clause tells what it achieved is looked back on (20××年中央企业工会
# 工作取得显著成绩, 2025年工作回顾): this year's value would make a false claim.
_ACHIEVED_RE = re.compile(r"取得|成绩|成效|成就|回顾|总结|实现了|完成了|圆满完成")
_CLAUSE_END_RE = re.compile(r"[，。；！？：]")


def _looked_back(text: str, year_end: int) -> bool:
    m = _CLAUSE_END_RE.search(text, year_end)
    return bool(_ACHIEVED_RE.search(text, year_end, m.start() if m else len(text)))


# A year in a sentence about a task of its own time (将2018年作为脱贫攻坚作风建设年)
# is that time's: made the user's year, it would claim the task for now.
_PAST_TASK_RE = re.compile(r"脱贫攻坚|全面小康|全面建成小康|疫情|复工复产|十三五|十二五")
_SENTENCE_END_RE = re.compile(r"[。！？]")


def _of_a_past_task(text: str, year_end: int) -> bool:
    start = max((m.end() for m in _SENTENCE_END_RE.finditer(text, 0, year_end)), default=0)
    end = _SENTENCE_END_RE.search(text, year_end)
    return bool(_PAST_TASK_RE.search(text, start, end.start() if end else len(text)))


def _is_year_before(value: str, context: SpeechContext | None) -> bool:
    year = context.year if context is not None else None
    return value.isdigit() and year is not None and int(value) == year - 1


def _is_own_year(value: str, context: SpeechContext | None) -> bool:
    """A written year is this year only in a speech of that year; a placeholder
    (20××) stands for the year of whatever speech it is in."""
    if value.endswith("××"):
        return True
    return context is not None and context.year is not None and int(value) == context.year


def slot_spans(
    text: str, *, transition: bool = False, context: SpeechContext | None = None
) -> list[tuple[int, int, str]]:
    """(start, end, slot) of every stretch of ``text`` that becomes a slot, in order."""
    protected = [(m.start(), m.end()) for m in _PROTECTED_RE.finditer(text)]
    spans: list[tuple[int, int, str]] = []
    rules = _RULES + ((("count", _COUNT_RE),) if transition else ())
    own = context.own if context else ()
    quoted = [(m.start(), m.end()) for m in _QUOTED_RE.finditer(text)] if own else []
    for value, name in own:
        for start in _occurrences(value, text):
            end = start + len(value)
            if (
                any(start < qe and qs < end for qs, qe in quoted)
                or _NAME_GOES_ON_RE.match(text, end)
                or text[start - 1 : start] in _NAME_JOINS
            ):
                continue  # part of another name: “吉林一号”, 海南自由贸易港, 广西国控集团, 中国—东盟
            if not any(start < pe and ps < end for ps, pe in protected) and not any(
                start < se and ss < end for ss, se, _ in spans
            ):
                spans.append((start, end, name))
    for rule, pattern in rules:
        for m in pattern.finditer(text):
            name = rule
            start, end = m.span("v")
            value = m.group("v")
            if name == "name" and value in _NOT_A_NAME:
                continue
            if name in ("year", "last_year") and _of_a_past_task(text, end):
                continue
            if name == "last_year" and not (value.endswith("××") or _is_year_before(value, context)):
                continue
            if name == "year" and _is_year_before(value, context):
                name = "last_year"  # 2025年工作回顾 in a speech of 2026: the user's year before theirs
            elif name == "year" and (not _is_own_year(value, context) or _looked_back(text, end)):
                continue
            if (
                name == "date"
                and _WRITTEN_YEAR_BEFORE_RE.search(text, max(0, start - _WRITTEN_YEAR_REACH), start)
                and not any(n == "year" and e + 1 == start for _, e, n in spans)
            ):
                continue  # the day of a year that is not this one
            if name == "org" and (value[0] in _NOT_PLACE or _FUNCTION_CHARS & set(value[:3])):
                continue
            if any(start < pe and ps < end for ps, pe in protected):
                continue
            if any(start < se and ss < end for ss, se, _ in spans):
                continue  # an earlier, more specific rule already took this text
            spans.append((start, end, name))
    return sorted(spans)


def generalise(
    text: str, *, transition: bool = False, context: SpeechContext | None = None
) -> tuple[str, list[str]]:
    """Replace specifics in ``text`` (already normalised) with slots.

    Returns the generalised text (literal braces escaped) and the slot names
    used, in order of first use.
    """
    spans = slot_spans(text, transition=transition, context=context)
    if not spans:
        return escape_braces(text), []
    out = []
    used: list[str] = []
    last = 0
    for start, end, name in spans:
        out.append(escape_braces(text[last:start]))
        out.append("{" + name + "}")
        if name not in used:
            used.append(name)
        last = end
    out.append(escape_braces(text[last:]))
    return "".join(out), used
