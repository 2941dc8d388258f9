"""The occasion of a speech and the level of its speaker, from its own words.

Cues are weighed by where they stand: the title says most, then the
salutation and the first paragraphs, then the rest. The best-scoring occasion
wins; its confidence is its share of all the evidence. A user can state or
correct both per file or folder (``speechkit.yaml``, see ``corpus_config``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from speechkit.bank.vocabulary import OCCASIONS
from speechkit.bank.vocabulary import SPEAKER_LEVELS as LEVELS
from speechkit.reading.outline import Speech

_CUES: dict[str, re.Pattern[str]] = {
    "report": re.compile(r"政府工作报告|工作报告|报告工作|请予审议|向大会报告|作(?:政府)?工作报告"),
    "congress": re.compile(
        r"代表大会(?:开幕|闭幕|隆重召开|胜利召开)|代表大会上的(?:讲话|致辞)|会员代表大会|职工代表大会"
    ),
    "commendation": re.compile(r"表彰大会|表彰会|表彰奖励|受到表彰|先进集体|先进个人|劳动模范|劳模|颁奖"),
    "symposium": re.compile(r"座谈会|研讨会|研讨班|座谈|务虚会"),
    "festival": re.compile(
        r"新年贺词|春节|新春|元旦|中秋|国庆|妇女节|劳动节|“三八”|“五一”|节日|慰问|团拜会|佳节|新年"
    ),
    "ceremony": re.compile(
        r"开幕式|闭幕式|论坛|峰会|博览会|会晤|主旨演讲|揭牌|开工|启动仪式|典礼|联合国|理事会|"
        r"尊敬的[^，：]{1,12}(?:总统|国王|总理|主席先生)|女士们，先生们|主席先生"
    ),
    "commemoration": re.compile(r"纪念大会|纪念|周年|庆祝大会|诞辰"),
    "internal-talk": re.compile(r"汇报会|办公会|例会|评审|纪要|晚餐会|集体学习|汇报上|座谈纪要|务虚"),
    "work-meeting": re.compile(
        r"工作会议|工作会|部署会|推进会|动员大会|总结大会|年会|总裁会议|现场会|电视电话会议|专题会议|"
        r"安排部署|部署[^。！？]{0,8}工作|会议研究"
    ),
}
# How much a cue counts by where it stands.
_WEIGHTS = (("title", 4.0), ("salutation", 2.0), ("head", 2.0), ("body", 0.25))

# A meeting the speech names ("今天召开的全市工会工作会议") says more than any word about it.
_NAMED_MEETING_RE = re.compile(
    r"(?:召开|举行|今天的|这次|本次|此次)[^。！？；]{0,24}?"
    r"(?P<noun>工作会议|工作会|座谈会|研讨会|表彰大会|表彰会|代表大会|纪念大会|庆祝大会|团拜会|汇报会|办公会|论坛|峰会)"
)
_MEETING_OCCASION = {
    "工作会议": "work-meeting", "工作会": "work-meeting", "座谈会": "symposium", "研讨会": "symposium",
    "表彰大会": "commendation", "表彰会": "commendation", "代表大会": "congress", "纪念大会": "commemoration",
    "庆祝大会": "commemoration", "团拜会": "festival", "汇报会": "internal-talk", "办公会": "internal-talk",
    "论坛": "ceremony", "峰会": "ceremony",
}  # fmt: skip
_NAMED_MEETING_WEIGHT = 3.0

_LEVEL_CUES: dict[str, re.Pattern[str]] = {
    "national": re.compile(
        r"国家主席|总书记|国务院总理|中央政治局|中华人民共和国主席|党中央|全国人民|我国|中方|中国愿|中国将"
    ),
    "province": re.compile(
        r"省长|省委|省人民政府|省政府|自治区(?:人民政府|政府|党委|主席)|全省|我省|全区各族|直辖市"
    ),
    "city": re.compile(r"市长|市委|市人民政府|市政府|全市|我市"),
    "county": re.compile(r"县长|县委|县人民政府|县政府|全县|我县"),
    "enterprise": re.compile(r"公司|集团|董事长|总裁|员工|客户|产品线|代表处|地区部"),
    "union": re.compile(r"总工会|工会主席|工会工作|工会组织|职工代表大会|工会干部|广大职工"),
    "department": re.compile(r"厅长|局长|部长|本部门|我局|我厅|系统各单位"),
}


@dataclass(frozen=True)
class Occasion:
    occasion: str
    confidence: float
    level: str | None


def _fields(speech: Speech) -> dict[str, str]:
    head = [p.text for p in speech.opening[:2]]
    body = [p.text for p in speech.opening[2:]]
    body += [n.heading for n in speech.all_points()]
    body += [p.text for p in speech.closing]
    return {
        "title": speech.header or speech.title or "",
        "salutation": speech.salutation.text if speech.salutation else "",
        "head": "\n".join(head)[:600],
        "body": "\n".join(body)[:4000],
    }


def classify(speech: Speech) -> Occasion:
    """The speech's occasion with a confidence in [0, 1], and its speaker's level."""
    fields = _fields(speech)
    scores = dict.fromkeys(_CUES, 0.0)
    for occasion, pattern in _CUES.items():
        for name, weight in _WEIGHTS:
            scores[occasion] += weight * min(3, len(pattern.findall(fields[name])))
    for m in _NAMED_MEETING_RE.finditer(fields["title"] + "\n" + fields["head"]):
        scores[_MEETING_OCCASION[m.group("noun")]] += _NAMED_MEETING_WEIGHT
    # A report to a congress is no congress address, though it says 各位代表.
    if scores["report"] >= 4:
        scores["congress"] = 0.0
    if "代表" in fields["salutation"] and scores["report"] < 4:
        scores["congress"] += 1.0
    best = max(scores, key=lambda k: (scores[k], -OCCASIONS.index(k)))
    total = sum(scores.values())
    level = speaker_level(fields, speech.plain_text()[:_LEVEL_SPAN])
    if scores[best] < 1.0:
        return Occasion("other", 0.0, level)
    return Occasion(best, round(scores[best] / total, 2), level)


_LEVEL_SPAN = 20_000  # characters of a speech read for its speaker's level


def speaker_level(fields: dict[str, str], text: str) -> str | None:
    counts = {level: len(p.findall(text)) for level, p in _LEVEL_CUES.items()}
    # the speaker's own body is named in the title or the first paragraphs
    for level, pattern in _LEVEL_CUES.items():
        counts[level] += 3 * len(pattern.findall(fields["title"] + fields["head"]))
    best = max(counts, key=lambda k: (counts[k], -LEVELS.index(k)))
    return best if counts[best] >= 2 else None
