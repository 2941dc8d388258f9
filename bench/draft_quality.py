"""How good a draft is for a new user: borrowed facts, wrong occasions, broken pieces.

    python bench/draft_quality.py [--seeds 6] [--bank DIR ...] [--topics 安全生产,权益,创新,帮扶] [-v]

Default banks: the shipped bank (``phrasebanks/``) and a bank mined from
``../shared/devcorpus`` + ``seeds/``, built afresh into a temporary folder in
/tmp for each run (skipped, with a note, when ``../shared/devcorpus`` is
absent). ``--bank`` replaces the defaults and may be given more than once.

Every template of a bank is drafted with seeds 1..N (``--seeds``, default 6)
and, for topic runs, with each ``--topics`` word and seeds 1..2, for a
fictional user (``USER`` below: 枫林市总工会, year 2026, an event per
template; only the slots the template accepts are given). A draft that
raises ``SpeechkitError`` is reported and counts as a failure everywhere.

Text: the draft's body, i.e. every block but the title. A ``【核：…】``
marker (the draft asking the writer to check a borrowed specific) counts as
its inner text, *marked*; any other ``【…】`` is a placeholder for an unfilled
slot and is never a specific. Spoken characters: the body so read, without
spaces. Sentences end at 。！？ (closing quotes kept).

Metrics, per draft and in total:

* unmarked/1k: specifics ``find_specifics`` finds in the body (paragraph by
  paragraph) that are (a) not inside a ``【核：…】`` marker, (b) not in a
  placeholder, (c) not one of the user's slot values or part of one (``市委``
  of 市委、市政府), (d) not a year equal to the user's, (e) not a level word
  of the user's own level (我市/全市 for 枫林市总工会: issue 12 lets them
  stand, 我县/全省 are counted); per 1,000 spoken
  characters (totals: all such specifics over all characters). Target ≤ 1.
* false years: explicit years in the body (``2019年``, ``2019—2021年`` counts
  each, ``20××年``, ``二〇一九年``) other than the user's year, not inside a
  marker, nor the year before the user's as often as the draft's phrases
  hold ``{last_year}`` (filled from the user's year). Target 0.
* other-occasion sentences: body sentences (the salutation and headings are
  sentences too) holding a cue of an occasion the template is not for; a
  sentence counts once, whatever cues it holds. ``OCCASION_CUES`` below lists
  the cues and the occasions each is at home in (a template is at home where
  its name or one of its tags is listed): festival greetings (a festival word,
  or 慰问…问候, with 祝/问候/快乐/拜年; 庆祝 is no greeting); a commendation's
  meeting, honours and congratulations to the honoured; a congress opening or
  closing (not the national party congress) and the address 各位代表; a
  report's formulas (报告工作, 请予审议, 列席), at home nowhere; a symposium
  speaking of itself (这次座谈会, 座谈会上; a review counting symposia held
  does not count); a meeting opening (隆重召开, 召开之际, 这次会议) in a
  festival greeting, which is no meeting; diplomatic addresses (总统, 各位同事,
  女士们、先生们, 主席先生) and diplomatic content (联合国, 峰会, 博览会);
  开幕式/闭幕式 outside congress; commemorations (纪念大会, 诞辰). Decided:
  commendation cues count in work-meeting too, since the user's work meeting
  commends no one (a phrase congratulating honourees presupposes a ceremony
  the user is not holding). Target 0.
* fragments: paragraphs (and headings) that are broken pieces:
  - mid-list: begins (after the draft's own numbering marker, if it carries
    one) with a marker of a list's second or later item (``二是`` ``其次``
    ``再次`` ``第二，`` ``（二）`` ``2.`` ``2）`` ``②`` ``——``) unless that marker is
    the draft's own at that point (known from the draft's plan) or the
    paragraph before it, within the same point, begins with the item before
    (``一是`` before ``二是``; ``——`` after ``——`` or after a paragraph ending
    in ``：``), "the same point" ending at a heading, at a block with the
    draft's own marker and at a new section; a block with the draft's own
    marker whose text then starts another numbering (``一是二是…``,
    ``一是第一，…``; a dash aside) is one too;
  - unended: a paragraph (not a heading, not the salutation) that does not end
    in 。！？ (quotes and brackets after it allowed), unless it ends in ：
    and the next block is a heading or a numbered item;
  - cut-off: a block whose text (after any list marker) has unbalanced “”
    （） 《》, or begins with punctuation (，、；：。 or a closing quote).
  A paragraph counts once per reason.
  Target 0.
* parallel: the draft's top-level point headings (without their markers; for
  in-paragraph styles, the first sentence after the marker) are parallel when
  there are at least two, all have the same number of clauses (split at
  ，；) and every heading's length is within ±30% of their mean. Share of
  drafts. Target ≥ 60%.
* on topic (topic runs only): share of the draft's top-level points whose
  heading contains the topic word, or whose body (everything under the
  point, children too) has it at least twice; in total, the mean over topic
  runs. Target ≥ 80%. A bank can only give what it holds, so it is also
  measured against that: on-topic points over min(points drafted, points of
  the bank about the topic by the same measure in their full text), over
  the runs whose bank has any (the issue: "when the bank cannot, say how
  many points are on topic" — the draft's note does).
* moves: the moves (``moves_of``) the template's opening and closing should
  make (``MOVES`` below; a set of alternatives is one move), looked for in
  the opening (sections ``opening`` and ``text`` before the points) and the
  closing (``closing`` and ``text`` after them). A draft is ok when every
  move is present; share of drafts, and the moves missing most. Target 100%.

Also shown: the draft's own ``【核：`` markers and placeholders per draft and
the average length. Prints one line per draft, totals per bank and overall,
and a verdict per target. Exit 0 whatever the figures (it is a benchmark).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speechkit.bank.load import load_bank  # noqa: E402
from speechkit.bank.moves import moves_of  # noqa: E402
from speechkit.drafting.assemble import assemble  # noqa: E402
from speechkit.drafting.checks import WHOLE_POINT_NOTE_RE  # noqa: E402
from speechkit.drafting.templates import Template, list_templates  # noqa: E402
from speechkit.errors import SpeechkitError  # noqa: E402
from speechkit.mining.keywords import dictionary_tags, segment  # noqa: E402
from speechkit.mining.specifics import find_specifics  # noqa: E402
from speechkit.reading.numbering import marker  # noqa: E402

CORPUS = ROOT.parent / "shared" / "devcorpus"
SHIPPED = ROOT / "phrasebanks"
DEFAULT_TOPICS = ("安全生产", "权益", "创新", "帮扶")  # each occurs in both default banks' points
TOPIC_SEEDS = 2

# ---------------------------------------------------------------- the user

USER = {
    "org": "枫林市总工会",
    "place": "枫林市",
    "speaker": "市委、市政府",
    "audience": "全市广大职工",
    "year": "2026",
}
EVENTS = {
    "congress": "枫林市总工会第五次代表大会",
    "work-meeting": "全市工会工作会议",
    "commendation": "全市劳动模范表彰大会",
    "symposium": "青年职工座谈会",
    "festival": "春节",  # the template's title adds 慰问活动
}
YEAR_WORDS = {"2026", "二〇二六", "二零二六"}


def occasion_of(template: Template) -> str:
    """The template's occasion: the first of its tags (or its name) we know."""
    for word in [*template.tags, template.name]:
        if word in EVENTS:
            return word
    return template.name


def user_slots(template: Template) -> dict[str, str]:
    accepted = template.fillable() if hasattr(template, "fillable") else list(template.slots)
    values = dict(USER)
    values["event"] = EVENTS.get(occasion_of(template), "全市工会工作会议")
    return {k: v for k, v in values.items() if k in accepted}


# ------------------------------------------------------------ the metrics

# Occasion cues: (name, the occasions where the cue is at home, pattern, and a
# second pattern the sentence must also hold, if any).
_FESTIVAL = r"节日|新春|春节|新年|元旦|中秋|国庆|“三八”|“五一”|妇女节|劳动节|佳节|团拜|慰问[^。！？]*问候"
OCCASION_CUES: tuple[tuple[str, frozenset[str], re.Pattern[str], re.Pattern[str] | None], ...] = (
    # festival greetings: a festival word (or 慰问…问候) with a greeting
    ("festival", frozenset({"festival"}), re.compile(_FESTIVAL), re.compile(r"(?<!庆)祝|问候|快乐|拜年")),
    # the commendation ceremony itself: its meeting, its honours, congratulating the honoured
    (
        "commendation",
        frozenset({"commendation"}),
        re.compile(
            r"表彰大会|表彰会|受到表彰|受表彰|获得表彰|颁奖|获奖|荣获|授予[^。！？]{0,30}称号|荣誉称号|"
            r"光荣称号|先进集体和先进个人|先进集体、先进个人|"
            r"向[^。！？]{0,40}(?:劳动模范|劳模|先进集体|先进个人|先进典型)[^。！？]{0,30}(?:祝贺|敬意|致敬)"
        ),
        None,
    ),
    # a congress opening or closing, and its addresses (not the national party congress)
    (
        "congress",
        frozenset({"congress"}),
        re.compile(
            r"(?<!全国)代表大会[^。！？，]{0,6}(?:隆重|胜利)(?:召开|开幕|闭幕)|"
            r"(?<!全国)代表大会[^。！？，]{0,4}(?:开幕|闭幕)|各位代表|代表们|全体代表|大会代表"
        ),
        None,
    ),
    # a report's formulas: at home nowhere among the templates
    (
        "report",
        frozenset({"report"}),
        re.compile(r"报告工作|向大会报告|请予审议|提请[^。！？]{0,12}审议|请[^。！？]{0,12}审议|列席"),
        None,
    ),
    # a symposium speaking of itself (a review that counts symposia held is no symposium)
    (
        "symposium",
        frozenset({"symposium"}),
        re.compile(
            r"(?:今天|这次|本次|此次|这个|今天的)[^。！？]{0,16}(?:座谈会|座谈|研讨会|研讨班|务虚会)|"
            r"座谈会上|研讨会上|参加(?:这次|今天的|本次)?(?:座谈|研讨)"
        ),
        None,
    ),
    # a meeting opening: a festival greeting or visit is no meeting
    (
        "meeting",
        frozenset({"work-meeting", "congress", "commendation", "symposium"}),
        re.compile(
            r"(?:隆重|胜利)(?:召开|开幕)|召开之际|(?:大会|会议)的召开|(?:这次|本次|此次|今天的)(?:会议|大会)"
        ),
        None,
    ),
    # diplomatic addresses and the venues of ceremonies (开幕式: a congress has one)
    (
        "ceremony",
        frozenset({"ceremony"}),
        re.compile(
            r"总统|国王|首相|阁下|陛下|各位同事|女士们|先生们|主席先生|尊敬的[^。！？，]{0,12}大使|"
            r"峰会|博览会|揭牌|开工仪式|签约仪式|典礼|联合国"
        ),
        None,
    ),
    ("ceremony", frozenset({"ceremony", "congress"}), re.compile(r"开幕式|闭幕式"), None),
    (
        "commemoration",
        frozenset({"commemoration"}),
        re.compile(r"纪念大会|诞辰|周年纪念|纪念[^。！？]{0,12}周年"),
        None,
    ),
)

# The moves an opening and a closing should make; a set is one move with alternatives.
MOVES: dict[str, dict[str, tuple[frozenset[str], ...]]] = {
    "commendation": {
        "opening": (frozenset({"congratulate"}), frozenset({"thanks"}), frozenset({"significance"})),
        "closing": (frozenset({"call"}),),
    },
    "congress": {
        "opening": (frozenset({"congratulate"}), frozenset({"review"})),
        "closing": (frozenset({"requirements", "call"}), frozenset({"wishes"})),
    },
    "festival": {
        "opening": (frozenset({"congratulate", "wishes"}), frozenset({"thanks"})),
        "closing": (frozenset({"requirements"}), frozenset({"wishes"})),
    },
    "work-meeting": {
        "opening": (frozenset({"purpose"}), frozenset({"review"})),
        "closing": (frozenset({"requirements", "call"}),),
    },
    "symposium": {
        "opening": (frozenset({"purpose"}), frozenset({"thanks"})),
        "closing": (frozenset({"requirements"}),),
    },
}

_MARKED_RE = re.compile(r"【核：([^【】]*)】")
_PLACEHOLDER_RE = re.compile(r"【(?!核：)[^【】]*】")
_BRACKET_RE = re.compile(r"【(核：)?([^【】]*)】")
_SENTENCE_RE = re.compile(r"[^。！？]*[。！？]+[”’」』）)]*|[^。！？]+$")
_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2}|20[×Xx]{2}|二[〇零][〇零一二三四五六七八九]{2})"
_YEAR_RE = re.compile(rf"(?<![0-9]){_YEAR}(?=年(?!代)|\s*[-—–~至到]\s*{_YEAR}年)")
_ENDED_RE = re.compile(r"[。！？!?…][”’」』）)》]*$")
_LIST_START_RE = re.compile(
    r"^(?:(?P<shi>[一二三四五六七八九十]+)是|(?P<di>第[一二三四五六七八九十]+)(?:[，,、：]|点|条|个方面)|"
    r"(?P<ft>首先|其次|再次)|（(?P<paren>[一二三四五六七八九十]+)）|(?P<arabic>[1-9][0-9]?)[.、．）)]|"
    r"(?P<circled>[①-⑳])|(?P<dash>——|—))"
)
_BLOCK_MARKER_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+[.．]|（[0-9]+）|[①-⑳])"
)
_CN = "一二三四五六七八九十"
_OPENERS = {"“": "”", "（": "）", "《": "》"}


def cn_value(numeral: str) -> int:
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _CN.index(numeral[1]) + 1
    return _CN.index(numeral[0]) + 1 if len(numeral) == 1 else 0


def list_item(text: str) -> tuple[str, int] | None:
    """(family, number) of the list marker ``text`` begins with, if any."""
    m = _LIST_START_RE.match(text)
    if not m:
        return None
    kind = m.lastgroup or ""
    value = m.group(kind)
    if kind in ("shi", "paren"):
        return kind, cn_value(value)
    if kind == "di":
        return kind, cn_value(value[1:])
    if kind == "ft":
        return kind, ("首先", "其次", "再次").index(value) + 1
    if kind == "arabic":
        return kind, int(value)
    if kind == "circled":
        return kind, ord(value) - ord("①") + 1
    return "dash", 2


def read(text: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The text as read (markers as their inner text) with the spans marked and the placeholders."""
    out: list[str] = []
    marked: list[tuple[int, int]] = []
    holes: list[tuple[int, int]] = []
    pos = 0
    size = 0
    for m in _BRACKET_RE.finditer(text):
        out.append(text[pos : m.start()])
        size += m.start() - pos
        if m.group(1):
            inner = m.group(2)
            out.append(inner)
            marked.append((size, size + len(inner)))
            size += len(inner)
        else:
            filler = "＿" * len(m.group())  # no specific is made of it
            out.append(filler)
            holes.append((size, size + len(filler)))
            size += len(filler)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), marked, holes


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


def sentences(text: str) -> list[str]:
    return [s for s in (m.group().strip() for m in _SENTENCE_RE.finditer(text)) if s]


def sentence_at(text: str, pos: int) -> str:
    for m in _SENTENCE_RE.finditer(text):
        if m.start() <= pos < m.end():
            return m.group().strip()
    return text


# -------------------------------------------------------------- one draft


@dataclass
class Line:
    """A block of the draft as read, with what the plan says of it."""

    kind: str
    section: str
    raw: str
    text: str
    marked: list[tuple[int, int]]
    holes: list[tuple[int, int]]
    own_marker: str = ""  # the draft's own numbering marker it begins with
    depth: int = 0  # of that marker: 1 for a top-level point
    after_points: bool = False


@dataclass
class Result:
    bank: str
    template: str
    seed: int
    topic: str = ""
    error: str = ""
    chars: int = 0
    marked: int = 0
    placeholders: int = 0
    unmarked: list[tuple[str, str, str]] = field(default_factory=list)  # kind, text, sentence
    false_years: list[tuple[str, str]] = field(default_factory=list)
    occasions: list[tuple[str, str]] = field(default_factory=list)  # cues, sentence
    fragments: list[tuple[str, str]] = field(default_factory=list)  # why, paragraph
    headings: list[str] = field(default_factory=list)
    parallel: bool = False
    on_topic: float | None = None
    # on-topic points over those the bank could give (min(points, on-topic points in the bank))
    reachable: float | None = None
    missing_moves: list[str] = field(default_factory=list)
    moves_checked: bool = True

    @property
    def per_k(self) -> float:
        return len(self.unmarked) * 1000 / self.chars if self.chars else 0.0

    @property
    def moves_ok(self) -> bool:
        return not self.error and not self.missing_moves


def own_markers(draft: Any, bank: Any) -> list[tuple[int, str, str]]:
    """(depth, marker, first characters of the heading) of every numbered point
    of the plan, in reading order: the draft's own numbering."""
    out: list[tuple[int, str, str]] = []

    def walk(items: list[Any], level: Any, depth: int) -> None:
        if level is None:
            return
        for n, item in enumerate(items, start=1):
            phrase = bank.get(getattr(item, "id", None) or "")
            heading = (phrase.heading or phrase.text) if phrase is not None else ""
            start = "" if heading[:1] in "{【" else heading[:2]
            out.append((depth, marker(level.style, n, len(items)), start))
            walk(getattr(item, "children", []), getattr(level, "children", None), depth + 1)

    for part in getattr(draft, "parts", []):
        if getattr(part, "kind", "") == "points":
            walk(part.items, getattr(part, "level", None), 1)
    return out


def lines_of(draft: Any, bank: Any) -> list[Line]:
    expected = own_markers(draft, bank)
    planned = bool(expected)  # without a plan to read, top-level headings are the draft's numbering
    lines: list[Line] = []
    seen_points = False
    for block in draft.blocks:
        if block.kind == "title":
            continue
        text, marked, holes = read(block.text)
        line = Line(block.kind, block.section, block.text, text, marked, holes)
        if block.section == "points":
            seen_points = True
            if expected and text.startswith(expected[0][1] + expected[0][2]):
                line.depth, line.own_marker, _ = expected.pop(0)
            elif not planned and block.kind == "heading" and getattr(block, "level", 0) == 1:
                found = _BLOCK_MARKER_RE.match(text)
                line.depth, line.own_marker = 1, found.group() if found else ""
        else:
            line.after_points = seen_points
        lines.append(line)
    return lines


def notes_of(line: Line) -> list[str]:
    """The inner text of the line's notes on a point borrowed whole: about the
    heading, not part of it, and not read out."""
    return [note.group(1) for note in WHOLE_POINT_NOTE_RE.finditer(line.raw)]


def without_note(line: Line) -> str:
    """The line's text after its own marker, without the note on a point borrowed whole."""
    rest = line.text[len(line.own_marker) :]
    for note in notes_of(line):  # the text reads a mark as its inner text
        rest = rest.replace(note, "", 1)
    return rest


def heading_of(line: Line) -> str:
    rest = without_note(line)
    if line.kind == "heading":
        return rest.strip()
    first = sentences(rest)
    return first[0].rstrip("。！？") if first else rest


def is_parallel(headings: list[str]) -> bool:
    if len(headings) < 2:
        return False
    clauses = {len([c for c in re.split(r"[，,；]", h) if c]) for h in headings}
    mean = sum(map(len, headings)) / len(headings)
    return len(clauses) == 1 and all(abs(len(h) - mean) <= 0.3 * mean for h in headings)


def _own_level(word: str, values: list[str]) -> bool:
    """A level word the user says of themself: 我市/全市 when their org or place is a 市."""
    unit = word[:1] if word[:1] in "省市县区" else word[-1:]  # 市人大, 全市
    own = (unit, f"{unit}总工会", f"{unit}委")
    return unit in "省市县区" and any(v.endswith(own) or own[2] in v for v in values)


def last_year_slots(draft: Any, bank: Any) -> int:
    """How many ``{last_year}`` the draft's phrases hold: the year before the user's,
    filled from their year, is theirs that many times (any more is a source's)."""
    count = 0

    def walk(items: list[Any]) -> None:
        nonlocal count
        for item in items:
            phrase = bank.get(getattr(item, "id", None) or "")
            count += (phrase.all_text() if phrase is not None else item.text or "").count("{last_year}")
            walk(getattr(item, "children", []))

    for part in getattr(draft, "parts", []):
        walk(part.items)
    return count


# Five-year plans and their years (十五: 2001–2005 … 十六五: 2031–2035).
PLAN_YEARS = {
    name: range(first, first + 5)
    for name, first in (("十五", 2001), ("十一五", 2006), ("十二五", 2011), ("十三五", 2016),
                        ("十四五", 2021), ("十五五", 2026), ("十六五", 2031))
}  # fmt: skip


def _plan_name(text: str) -> str:
    return re.sub("(?:时期|期间)$", "", text.replace("“", "").replace("”", ""))


def check_specifics(
    res: Result, lines: list[Line], slots: dict[str, str], tags: dict[str, str], last_years: int = 0
) -> None:
    values = [v for v in slots.values() if v]
    year = slots.get("year", "")
    before = str(int(year) - 1) if year.isdigit() else ""
    for line in lines:
        text = line.text
        found = find_specifics(text, segment(text), tags)
        for spec in found:
            if _overlaps(spec.start, spec.end, line.marked) or _overlaps(spec.start, spec.end, line.holes):
                continue
            if any(spec.text in v for v in values):
                continue
            if spec.kind == "year" and year and spec.text.startswith(year):
                continue
            if spec.kind == "year" and before and spec.text.startswith(before) and last_years:
                continue  # counted (and used up) with the false years below
            if spec.kind == "level" and _own_level(spec.text, values):
                continue
            plan = PLAN_YEARS.get(_plan_name(spec.text), ())
            if spec.kind == "dated" and year.isdigit() and int(year) in plan:
                continue  # the five-year plan the user's year falls in is theirs, as the year is
            res.unmarked.append((spec.kind, spec.text, sentence_at(text, spec.start)))
        for m in _YEAR_RE.finditer(text):
            if m.group() in YEAR_WORDS or m.group() == year:
                continue
            if _overlaps(m.start(), m.end(), line.marked):
                continue
            if any(m.group() in v for v in values):
                continue
            if m.group() == before and last_years > 0:
                last_years -= 1
                continue
            res.false_years.append((m.group() + "年", sentence_at(text, m.start())))


def check_occasions(res: Result, lines: list[Line], home: set[str]) -> None:
    for line in lines:
        for sentence in sentences(line.text):
            cues = []
            for name, at_home, pattern, also in OCCASION_CUES:
                if at_home & home or name in cues:
                    continue
                m = pattern.search(sentence)
                if m and (also is None or also.search(sentence)):
                    cues.append(f"{name}:{m.group()}")
            if cues:
                res.occasions.append((" ".join(cues), sentence))


def _follows(prev: tuple[str, int] | None, item: tuple[str, int], prev_text: str) -> bool:
    if item[0] == "dash":
        return (prev is not None and prev[0] == "dash") or prev_text.endswith("：")
    if item[0] == "arabic" and re.search(rf"[：:。；]{item[1] - 1}[）)]", prev_text):
        return True  # the item before began inside the paragraph before (…其中：1）…)
    return prev is not None and prev[0] == item[0] and prev[1] == item[1] - 1


def check_fragments(res: Result, lines: list[Line]) -> None:
    prev_item: tuple[str, int] | None = None
    prev_text = ""
    for k, line in enumerate(lines):
        text = line.text
        if line.own_marker or line.kind == "heading" or (k and lines[k - 1].section != line.section):
            prev_item, prev_text = None, ""  # a new unit: a list in it starts afresh
        rest = text[len(line.own_marker) :]
        item = list_item(rest)
        if line.own_marker:
            if item and item[0] != "dash":
                res.fragments.append(("numbered twice", text))
        elif item and item[1] >= 2 and not _follows(prev_item, item, prev_text) and line.kind != "salutation":
            res.fragments.append(("mid-list", text))
        if line.kind == "paragraph" and not _ENDED_RE.search(text):
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            introduces = (
                text.endswith("：")
                and nxt is not None
                and (nxt.kind == "heading" or nxt.own_marker or list_item(nxt.text))
            )
            if not introduces:
                res.fragments.append(("unended", text))
        numbered = _LIST_START_RE.match(rest)
        body = rest[numbered.end() :] if numbered else rest
        # a half-bracket list marker (1）地区部…) opens nothing
        plain = re.sub(r"(?:^|(?<=[：:。；]))[0-9]{1,2}）", "", body)
        unbalanced = any(plain.count(a) != plain.count(b) for a, b in _OPENERS.items())
        if unbalanced or body[:1] in "，、；：。”’）》,;:":
            res.fragments.append(("cut-off", text))
        prev_item, prev_text = (item if not line.own_marker else None), text


def topic_points(bank: Any, topic: str) -> int:
    """Points of the bank (any level) about ``topic`` by the same measure, in their full text."""
    return sum(
        1
        for p in bank.of_kind("point")
        if topic in (p.heading or p.text) or "\n".join(p.body).count(topic) >= 2
    )


def check_topic(res: Result, lines: list[Line], topic: str, available: int) -> None:
    points: list[tuple[str, str]] = []  # heading, body
    for line in lines:
        if line.section != "points":
            continue
        if line.depth == 1:
            heading = heading_of(line)
            points.append((heading, without_note(line)[len(heading) :]))
        elif points:
            points[-1] = (points[-1][0], points[-1][1] + "\n" + line.text)
    if points:
        hits = sum(1 for h, body in points if topic in h or body.count(topic) >= 2)
        res.on_topic = hits / len(points)
        could = min(len(points), available)
        res.reachable = min(1.0, hits / could) if could else None
    else:
        res.on_topic = 0.0


def check_moves(res: Result, lines: list[Line], occasion: str) -> None:
    wanted = MOVES.get(occasion)
    if wanted is None:
        res.moves_checked = False
        return
    parts = {
        "opening": [
            ln for ln in lines if ln.section == "opening" or (ln.section == "text" and not ln.after_points)
        ],
        "closing": [
            ln for ln in lines if ln.section == "closing" or (ln.section == "text" and ln.after_points)
        ],
    }
    for part, moves in wanted.items():
        made = {move for ln in parts[part] for move in moves_of(ln.text)}
        for alternatives in moves:
            if not alternatives & made:
                res.missing_moves.append(f"{part}:{'/'.join(sorted(alternatives))}")


def score(bank: Any, name: str, template: Template, seed: int, topic: str, tags: dict[str, str]) -> Result:
    res = Result(name, template.name, seed, topic)
    slots = user_slots(template)
    try:
        draft = assemble(bank, template, slots=slots, topic=[topic] if topic else [], seed=seed)
    except SpeechkitError as error:
        res.error = str(error).splitlines()[0]
        res.on_topic = 0.0 if topic else None
        return res
    values = {**slots, **{k: str(v) for k, v in getattr(draft, "slots", {}).items()}}
    lines = lines_of(draft, bank)
    said = []
    for line in lines:
        text = line.text
        for note in notes_of(line):  # the writer's, not read out
            text = text.replace(note, "", 1)
        said.append(text)
    res.chars = sum(len(text) - text.count(" ") for text in said)
    res.marked = sum(len(_MARKED_RE.findall(ln.raw)) for ln in lines)
    res.placeholders = sum(len(_PLACEHOLDER_RE.findall(ln.raw)) for ln in lines)
    occasion = occasion_of(template)
    check_specifics(res, lines, values, tags, last_year_slots(draft, bank))
    check_occasions(res, lines, {occasion, template.name, *template.tags})
    check_fragments(res, lines)
    res.headings = [heading_of(ln) for ln in lines if ln.depth == 1]
    res.parallel = is_parallel(res.headings)
    if topic:
        check_topic(res, lines, topic, topic_points(bank, topic))
    check_moves(res, lines, occasion)
    return res


# ---------------------------------------------------------------- reports


def pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` columns, a Chinese character taking two."""
    return text + " " * max(0, width - sum(2 if ord(ch) > 0x2E80 else 1 for ch in text))


def draft_line(r: Result) -> str:
    head = f"{r.bank:<10} {r.template:<13} s{r.seed:<2} {pad(r.topic or '-', 8)}"
    if r.error:
        return f"{head} ERROR {r.error}"
    topic = f"{r.on_topic:4.0%}" if r.on_topic is not None else "   -"
    moves = ("y" if r.moves_ok else "n") if r.moves_checked else "-"
    return (
        f"{head} {r.chars:5d}ch  unm {r.per_k:5.1f}/1k  fy {len(r.false_years):2d}"
        f"  occ {len(r.occasions):2d}  frag {len(r.fragments):2d}  par {'y' if r.parallel else 'n'}"
        f"  topic {topic}  moves {moves}  chk {r.marked:2d}  ph {r.placeholders}"
    )


def details(r: Result) -> Iterator[str]:
    def short(text: str, n: int = 90) -> str:
        return text if len(text) <= n else text[:n] + "…"

    for kind, text, sentence in r.unmarked:
        yield f"    unmarked {kind} {text}: {short(sentence)}"
    for year, sentence in r.false_years:
        yield f"    false year {year}: {short(sentence)}"
    for cues, sentence in r.occasions:
        yield f"    occasion {cues}: {short(sentence)}"
    for why, text in r.fragments:
        yield f"    fragment {why}: {short(text, 60)}"
    if r.headings:
        yield f"    headings ({'parallel' if r.parallel else 'not parallel'}): {' | '.join(r.headings)}"
    if r.missing_moves:
        yield f"    missing moves: {', '.join(r.missing_moves)}"


def _share(n: int, total: int) -> float:
    return n / total if total else 0.0


@dataclass
class Totals:
    results: list[Result]

    def figures(self) -> dict[str, float]:
        rs = self.results
        ok = [r for r in rs if not r.error]
        chars = sum(r.chars for r in ok)
        topic = [r.on_topic for r in rs if r.on_topic is not None]
        reachable = [r.reachable for r in rs if r.reachable is not None]
        checked = [r for r in rs if r.moves_checked]
        return {
            "drafts": len(rs),
            "errors": len(rs) - len(ok),
            "chars": chars / len(ok) if ok else 0.0,
            "unmarked": sum(len(r.unmarked) for r in ok) * 1000 / chars if chars else 0.0,
            "false_years": sum(len(r.false_years) for r in ok),
            "occasions": sum(len(r.occasions) for r in ok),
            "fragments": sum(len(r.fragments) for r in ok),
            "parallel": _share(sum(r.parallel for r in rs), len(rs)),
            "on_topic": sum(topic) / len(topic) if topic else 0.0,
            "topic_runs": len(topic),
            "reachable": sum(reachable) / len(reachable) if reachable else 0.0,
            "reachable_runs": len(reachable),
            "moves": _share(sum(r.moves_ok for r in checked), len(checked)),
            "marked": _share(sum(r.marked for r in ok), len(ok)),
            "placeholders": _share(sum(r.placeholders for r in ok), len(ok)),
        }

    def report(self, name: str) -> list[str]:
        f = self.figures()
        ok = [r for r in self.results if not r.error]
        kinds = Counter(k for r in ok for k, _, _ in r.unmarked)
        cues = Counter(c.split(":")[0] for r in ok for cs, _ in r.occasions for c in cs.split())
        whys = Counter(w for r in ok for w, _ in r.fragments)
        missing = Counter(m for r in ok for m in r.missing_moves)
        return [
            f"[{name}] {f['drafts']:.0f} drafts ({f['errors']:.0f} errors),"
            f" average {f['chars']:.0f} characters,"
            f" 【核：】 {f['marked']:.1f} and placeholders {f['placeholders']:.1f} per draft",
            f"    unmarked specifics {f['unmarked']:.2f}/1k ({_counts(kinds)})",
            f"    false years {f['false_years']:.0f}; other-occasion sentences {f['occasions']:.0f}"
            f" ({_counts(cues)}); fragments {f['fragments']:.0f} ({_counts(whys)})",
            f"    parallel {f['parallel']:.0%}; on topic {f['on_topic']:.0%} over {f['topic_runs']:.0f}"
            f" topic runs, {f['reachable']:.0%} of what the bank holds over {f['reachable_runs']:.0f}"
            f" (runs whose bank has points on the topic); every move {f['moves']:.0%}"
            f" (missing: {_counts(missing)})",
        ]


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{k} {n}" for k, n in counter.most_common()) or "none"


TARGETS = (
    ("no drafting errors", "errors", lambda v: v == 0, "{:.0f}"),
    ("false years = 0", "false_years", lambda v: v == 0, "{:.0f}"),
    ("unmarked specifics ≤ 1/1k", "unmarked", lambda v: v <= 1, "{:.2f}/1k"),
    ("other-occasion sentences = 0", "occasions", lambda v: v == 0, "{:.0f}"),
    ("fragments = 0", "fragments", lambda v: v == 0, "{:.0f}"),
    ("parallel ≥ 60%", "parallel", lambda v: v >= 0.6, "{:.0%}"),
    ("on topic ≥ 80%", "on_topic", lambda v: v >= 0.8, "{:.0%}"),
    ("on topic, of what the bank holds ≥ 80%", "reachable", lambda v: v >= 0.8, "{:.0%}"),
    ("every move present", "moves", lambda v: v >= 1, "{:.0%}"),
)


# ------------------------------------------------------------------- main


def build_devbank(folder: Path) -> bool:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "speechkit",
            "extract",
            str(CORPUS),
            str(ROOT / "seeds"),
            "-o",
            str(folder),
            "-q",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        print(f"could not build the devcorpus bank: {run.stderr.strip()}")
    return run.returncode == 0


def bench_bank(
    name: str, folder: Path, seeds: int, topics: list[str], tags: dict[str, str], verbose: bool
) -> list[Result]:
    results: list[Result] = []
    try:
        bank = load_bank(folder)
        templates = list_templates(folder)
    except SpeechkitError as error:
        print(f"{name:<10} ERROR {error}")
        return [Result(name, "-", 0, error=str(error))]
    runs = [(s, "") for s in range(1, seeds + 1)]
    runs += [(s, t) for t in topics for s in range(1, min(seeds, TOPIC_SEEDS) + 1)]
    for template in templates:
        for seed, topic in runs:
            r = score(bank, name, template, seed, topic, tags)
            results.append(r)
            print(draft_line(r))
            if verbose:
                for line in details(r):
                    print(line)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=6, help="seeds 1..N per template (default 6)")
    parser.add_argument("--bank", type=Path, action="append", help="a bank folder (repeatable)")
    parser.add_argument("--topics", default=",".join(DEFAULT_TOPICS), help="comma-separated topic words")
    parser.add_argument("-v", "--verbose", action="store_true", help="print what each draft does wrong")
    args = parser.parse_args()
    topics = [t.strip() for t in args.topics.split(",") if t.strip()]
    tags = dictionary_tags()
    everything: list[Result] = []
    per_bank: list[tuple[str, list[Result]]] = []
    with tempfile.TemporaryDirectory(prefix="speechkit-draft-quality-") as tmp:
        banks: list[tuple[str, Path]] = []
        if args.bank:
            banks = [(p.name or str(p), p) for p in args.bank]
        else:
            banks.append(("shipped", SHIPPED))
            if not CORPUS.is_dir():
                print(f"skipped the devcorpus bank: no corpus at {CORPUS} (it lives in ../shared/devcorpus)")
            elif build_devbank(Path(tmp) / "devbank"):
                banks.append(("devcorpus", Path(tmp) / "devbank"))
        for name, folder in banks:
            results = bench_bank(name, folder, args.seeds, topics, tags, args.verbose)
            per_bank.append((name, results))
            everything += results
    print()
    for name, results in per_bank:
        print("\n".join(Totals(results).report(name)))
    if len(per_bank) > 1:
        print("\n".join(Totals(everything).report("all")))
    print()
    figures = Totals(everything).figures()
    for label, key, met, fmt in TARGETS:
        value = round(figures[key], 9)  # 0.8 is 0.8, not 0.7999…
        print(f"{label:<30} {fmt.format(value):>9}  {'met' if met(value) else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
