"""Assemble a draft: template + bank + slot values + topic + seed → Draft.

Assembly has two steps, so that a saved draft renders again exactly:

1. ``plan``: choose phrases (topic and occasion first, seeded randomness
   for the rest, no phrase twice, nothing near-identical) and how many
   sentences of each body to take so the length lands on target;
2. ``build``: turn a plan into a Draft: slots filled literally, numbering
   rendered consecutively in the template's styles, ``{count}`` in the
   transition set to the number of points drawn.

``speechkit export`` runs step 2 on a plan read back from a draft file.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from speechkit.bank.model import Bank, Phrase, dedup_key, ratio_bound
from speechkit.bank.moves import moves_of
from speechkit.bank.slots import derived_values, fill
from speechkit.chars import describe, first_not_one_line
from speechkit.drafting import checks as checking
from speechkit.drafting import pins
from speechkit.drafting.fit import (
    draft_level,
    fits_occasion,
    level_of_word,
    of_occasion,
    on_topic,
    other_level_words,
    own_acts,
    said_of,
    seat_fits,
    statecraft,
    without_foreign_address,
)
from speechkit.drafting.templates import Level, Section, Template
from speechkit.errors import DraftError
from speechkit.lazyre import compile_later
from speechkit.reading.numbering import BLOCK_STYLES, chinese, marker, max_items

DEFAULT_RATE = 220  # characters a minute, a calm speaking pace
DEFAULT_MINUTES = 8.0  # the aim of a template that gives no minutes
MAX_POINTS = 30
_TOLERANCE = 0.10

# --------------------------------------------------------------------- model


@dataclass
class Item:
    """One chosen phrase (or fixed text) and how much of its body to use."""

    id: str | None = None
    text: str | None = None  # fixed text instead of a phrase
    sentences: int | None = None  # None: the whole body
    children: list[Item] = field(default_factory=list)
    pinned: bool = False  # kept from a saved draft (generate --pin, swap): never chosen again nor cut


@dataclass
class Part:
    """One section of the plan, in template order."""

    kind: str
    items: list[Item] = field(default_factory=list)
    level: Level | None = None  # points: count and styles per level


class Block(NamedTuple):  # never changed once built: no dataclass to compile at import
    kind: str  # title | salutation | paragraph | heading
    text: str
    level: int = 0  # headings: 1 for the top level
    section: str = ""


@dataclass
class Draft:
    template: str
    title: str
    blocks: list[Block]
    parts: list[Part]
    slots: dict[str, str]
    topic: list[str]
    seed: int
    rate: int = DEFAULT_RATE
    minutes: float | None = None  # the target, when one was set
    notes: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)  # labels of slots left unfilled
    checks: list[str] = field(default_factory=list)  # borrowed specifics marked 【核：…】, in order
    strict: bool = False  # drawn only from phrases with nothing to check
    rejected: list[str] = field(default_factory=list)  # ids the writer swapped out: never drawn again

    @property
    def chars(self) -> int:
        """Spoken length: every character of the body but spaces (the title is not read out)."""
        return _spoken_chars(self.blocks)

    @property
    def spoken_minutes(self) -> float:
        return self.chars / self.rate


def _spoken_chars(blocks: Iterable[Block]) -> int:
    """Characters read out: not spaces, nor the 【核：…】 around a specific to check,
    nor a note on a point borrowed whole."""
    marks = len(checking.CHECK_OPEN) + len(checking.CHECK_CLOSE)
    said = [checking.without_notes(b.text) for b in blocks if b.kind != "title"]
    return sum(len(t) - t.count(" ") - marks * t.count(checking.CHECK_OPEN) for t in said)


# ----------------------------------------------------------------- sentences

_SENTENCE_RE = compile_later(r"[^。！？]*[。！？]+[”’）]*|[^。！？]+$")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``; a quotation of several sentences (指出：“…。…。”)
    stays inside the one that quotes it, so a body cut after n sentences never
    ends inside a quotation."""
    out: list[str] = []
    open_quotes = 0
    for piece in (m.group().strip() for m in _SENTENCE_RE.finditer(text)):
        if not piece:
            continue
        if open_quotes > 0 and out:
            out[-1] += piece
        else:
            out.append(piece)
        open_quotes += piece.count("“") - piece.count("”")
    return out


def _take(paragraphs: Sequence[str], count: int | None) -> list[str]:
    """The first ``count`` sentences of a body, paragraph breaks kept."""
    if count is None:
        return [p for p in paragraphs if p]
    out: list[str] = []
    left = count
    for para in paragraphs:
        if left <= 0:
            break
        parts = sentences(para)
        out.append("".join(parts[:left]))
        left -= len(parts)
    return [p for p in out if p]


_LIST_ITEM_RE = compile_later(r"^(?:[0-9]{1,2}[）)．.、]|[（(][0-9]{1,2}[）)]|[①-⑳])")


def _lead_end(heading: str, body: Sequence[str]) -> str:
    """How an inline heading (一是…) ends: as it does, with a colon before a
    list that follows, else with a full stop."""
    if heading.endswith(("！", "？")):
        return ""
    return "：" if body and _LIST_ITEM_RE.match(body[0]) else "。"


# A line that only addresses its audience (公司各部门：, 各位代表：) opens a notice or a
# passage said to the source's own listeners.
_ADDRESS_LINE_RE = compile_later(
    r"[^\s，。！？、：]{0,12}(?:部门|单位|同志|代表|同事|朋友|员工|职工|干部)们?[：:]"
)


def _caption(paragraph: str) -> bool:
    """A line that never makes a sentence (《华为官网的除名模块》): a quoted
    article's title or a caption, not something said; or an address line."""
    if _ADDRESS_LINE_RE.fullmatch(paragraph):
        return True
    return len(paragraph) <= 40 and not re.search("[。！？；，：!?;,:]", paragraph)


# A sentence that reports an honour won (剑门蜀道荣获…范例奖, 被评为全国文明城市) is
# its speaker's record, and one that submits a document to its congress (提请本次大会审查)
# its procedure: no other speech can say either, and marked they would only be deleted.
_HONOUR_RE = compile_later(
    r"荣获|获评|被评为|被授予|被命名为|入选[^。！？]{0,30}名录|(?:提请|提交)[^。！？]{0,20}(?:审议|审查)|请予(?:审议|审查)"
)


def _without_honours(paragraph: str) -> str:
    if not _HONOUR_RE.search(paragraph):
        return paragraph
    return "".join(s for s in sentences(paragraph) if not _HONOUR_RE.search(s))


def _without_dangling_lead(paragraphs: list[str]) -> list[str]:
    """A body whose last sentence leads into a list (要注意两点：) that the
    draft does not carry ends before that sentence."""
    while paragraphs and paragraphs[-1].endswith(("：", ":")):
        kept = "".join(sentences(paragraphs[-1])[:-1])
        paragraphs = [*paragraphs[:-1], kept] if kept else paragraphs[:-1]
    return paragraphs


# ------------------------------------------------------------------ choosing


def _topic_hits(phrase: Phrase, topic: Sequence[str]) -> int:
    if not topic:
        return 0
    text = phrase.all_text()
    return sum(
        3 if word in phrase.keywords else 1 for word in topic if word in text or word in phrase.keywords
    )


# A kind with up to SAMPLE + TOPIC phrases is considered whole. A larger one (a
# bank of 100,000 phrases) offers SAMPLE phrases drawn with the seed plus up to
# TOPIC that match the topic, so a draft reads a few hundred phrases, not all.
# No whole kind is larger than such a pool: choosing costs time in proportion to
# the pool, and a whole kind of 2,000 points took 4x as long as a sampled one
# (bench/RESULTS.md, issue 15), so no bank size may be slower to draft from.
# Openings, transitions and closings each make one move of a template: a
# smaller pool offers enough of them (draft quality the same; the 1,000-phrase
# bank drafts ~5 ms sooner).
POOL_SAMPLE = 300
POOL_TOPIC = 150
SPOKEN_SAMPLE = 120
SPOKEN_TOPIC = 60


class _Chooser:
    def __init__(
        self,
        bank: Bank,
        template: Template,
        topic: Sequence[str],
        rng: random.Random,
        seed: int,
        values: Mapping[str, str] | None = None,
        strict: bool = False,
    ) -> None:
        self.bank = bank
        self.template = template
        self.topic = list(topic)
        self.rng = rng
        self.pool_rng = random.Random(f"pool-{seed}")
        self.pools: dict[str, list[Phrase]] = {}
        self.other_seat: dict[str, bool] = {}  # by phrase id: the draft's level is fixed
        self.used_ids: set[str] = set()
        self.used_keys: list[str] = []  # only ever grows, so a phrase known unlike the first n
        self.unlike: dict[str, int] = {}  # (id → n; -1: near one) need not meet them again
        self.keys: dict[str, str] = {}  # id → dedup key, worked out once a draft
        self.topic_matched = False
        self.weights: dict[str, float] = {}
        self.parents: dict[str, list[str]] = {}
        self.values = dict(values or {})
        self.level = draft_level(self.values, template.level)
        self.strict = strict
        self.topical: set[str] | None = None
        self.fitting_points: list[Phrase] | None = None
        self.seats: dict[tuple[str, int], str | None] | None = None
        self.subject_words: frozenset[str] | None = None

    def subject(self) -> frozenset[str]:
        """The words of the user's organisation and event that points of the pool
        are known by (工会 of 枫林市总工会, 劳动模范 of 全市劳动模范表彰大会): the
        draft's matter, where no topic names it."""
        if self.subject_words is None:
            texts = [_subject_text(p) for p in self.pool("point")]
            self.subject_words = frozenset(
                word for word in self._subject_candidates() if any(word in text for text in texts)
            )
        return self.subject_words

    def _subject_candidates(self) -> list[str]:
        """Every stretch of two to four characters of the user's organisation and
        event, without their place and the words that name no matter."""
        named = " ".join(self.values.get(name, "") for name in ("org", "event"))
        if self.values.get("place"):
            named = named.replace(self.values["place"], " ")
        found = {
            named[i : i + size]
            for size in (2, 3, 4)
            for i in range(len(named) - size + 1)
            if " " not in named[i : i + size]
        }
        return sorted(found - _NOT_SUBJECT)

    def parents_of(self, point_id: str) -> list[str]:
        if point_id not in self.parents:  # asked for the whole pool at once: one query, not one a point
            wanted = [p.id for p in self.pool("point") if p.id not in self.parents]
            wanted += [] if point_id in wanted else [point_id]
            found = self.bank.parents_many(wanted)
            self.parents.update({i: found.get(i, []) for i in wanted})
        return self.parents[point_id]

    def pool(self, kind: str) -> list[Phrase]:
        """The phrases of ``kind`` this draft considers, in bank order."""
        if kind not in self.pools:
            n = self.bank.count(kind)
            sample, on_topic = (POOL_SAMPLE, POOL_TOPIC) if kind == "point" else (SPOKEN_SAMPLE, SPOKEN_TOPIC)
            if n <= sample + on_topic:
                chosen = self.bank.of_kind(kind)
            else:
                chosen = self.bank.at(kind, self.pool_rng.sample(range(n), min(sample, n)))
                seen = {p.id for p in chosen}
                # the topic's phrases join the sample; without a topic, points on the user's matter
                about = self.topic or (self._subject_candidates() if kind == "point" else [])
                chosen += [p for p in self.bank.topic_matches(kind, about, on_topic) if p.id not in seen]
            if self.strict:
                chosen = [
                    p for p in chosen if not self.checks_of(p) and not checking.borrowed_from(p, self.values)
                ]
            self.pools[kind] = chosen
        return self.pools[kind]

    def voice(self, kind: str) -> list[Phrase]:
        """Phrases of ``kind`` that may speak for this draft's occasion: of it, or
        saying nothing of another; a sentence of some length said at another
        occasion (a forum's greeting to its members, a meeting's purpose) speaks
        of it even without its words, so only short formulas cross over."""
        occasions = self.template.occasions
        spoken = kind in ("opening", "closing")  # a transition loses its subject; a salutation is one
        return [
            p
            for p in self.pool(kind)
            if fits_occasion(p, occasions)
            and (
                not spoken
                or not occasions
                or of_occasion(p, occasions)
                or p.occasion in (None, "other")
                or len(p.text) <= _FORMULA_MAX
            )
            # nor what only its own speaker could say: their past acts, their speech's plan,
            # their seat (a head of state's or a company's opening)
            and not (spoken and (own_acts(p.text) or _ANNOUNCES_POINTS_RE.search(p.text)))
            and not (spoken and self.of_another_seat(p))
        ]

    def points(self) -> list[Phrase]:
        """Points this draft may carry: of any occasion, but not a state's foreign policy."""
        if self.fitting_points is None:
            occasions = self.template.occasions
            self.fitting_points = [
                p
                for p in self.pool("point")
                if not statecraft(p, occasions)
                and not _part_title(p.text)
                and not own_acts(p.all_text())
                and not _reports_figures(p)
                and not (self.strict and self._runs_on_checks(p))
            ]
        return self.fitting_points

    def _runs_on_checks(self, point: Phrase) -> bool:
        """A point whose sub-points, run on in its body where it stands at the top, have
        something to check."""
        if not point.children or not folds_at(_top_level(self.template), self.template):
            return False
        return any(
            self.checks_of(source) for _, source in folded_body(point, self.bank, True)[len(point.body) :]
        )

    def seat_of(self, phrase: Phrase) -> str | None:
        """The level the phrase's source speech speaks from (a factory union's
        speech says 我厂 and 全厂; its points speak from the factory even where
        a sentence names none), judged from what the draft's pools hold of it."""
        if self.seats is None:
            words: dict[tuple[str, int], Counter[str]] = {}
            for kind in ("point", "opening", "closing"):
                for p in self.pool(kind):
                    for specific in p.specifics:
                        level = level_of_word(specific.text) if specific.kind == "level" else None
                        if level and p.sources:
                            key = (p.sources[0].file, p.sources[0].speech)
                            words.setdefault(key, Counter())[level] += 1
            self.seats = {key: _dominant(counts) for key, counts in words.items()}
        if not phrase.sources:
            return None
        seat = self.seats.get((phrase.sources[0].file, phrase.sources[0].speech))
        # a company's talk that names no level word still speaks from the company
        return seat or (phrase.speaker_level if phrase.speaker_level in _SEATS_BY_SPEAKER else None)

    def of_another_seat(self, phrase: Phrase) -> bool:
        """From a speech of another seat, and saying something of it: a short
        formula (谢谢大家！, 预祝大会圆满成功！) fits any speaker."""
        known = self.other_seat.get(phrase.id)
        if known is None:
            known = self.other_seat[phrase.id] = self._of_another_seat(phrase)
        return known

    def _of_another_seat(self, phrase: Phrase) -> bool:
        formula = phrase.kind != "point" and len(phrase.text) <= _FORMULA_MAX  # a point's text is its heading
        if formula and not other_level_words(phrase, self.level):
            return False
        return not seat_fits(self.seat_of(phrase), self.level)

    def checks_of(self, phrase: Phrase) -> list[tuple[str, str]]:
        return checking.to_check(phrase, self.values, self.level)

    def weight(self, phrase: Phrase) -> float:
        cached = self.weights.get(phrase.id)
        if cached is None:
            cached = self.weights[phrase.id] = self._weight(phrase)
        return cached

    def _weight(self, phrase: Phrase) -> float:
        hits = _topic_hits(phrase, self.topic)
        if hits:
            self.topic_matched = True
        tags = 1.5 if set(phrase.tags) & set(self.template.tags) else 0.0
        own = 1.0 if of_occasion(phrase, self.template.occasions) else 0.0
        placeholder = -0.5 if "××" in phrase.all_text() else 0.0
        # every specific to check costs the writer time; a phrase of another level misleads
        to_check = -0.4 * checking.count_to_check(phrase, self.values, self.level, 5)
        to_check -= 1.0 * other_level_words(phrase, self.level)
        to_check -= 2.0 if self.of_another_seat(phrase) else 0.0
        reuse = 0.5 * (phrase.reuse if phrase.reuse is not None else 0.5)
        # a point on the user's own matter (a union's: 工会, 职工) before a province's industry
        subject = 0.0
        if phrase.kind == "point":
            text = _subject_text(phrase)
            subject = 1.5 * min(2, sum(word in text for word in self.subject()))
        count = 0.1 * min(phrase.count, 5)
        return 1.0 + 2.0 * hits + tags + own + placeholder + to_check + reuse + subject + count

    def is_new(self, phrase: Phrase) -> bool:
        if phrase.id in self.used_ids or phrase.stale:
            return False
        checked = self.unlike.get(phrase.id, 0)
        if checked < 0:
            return False
        key = self.key_of(phrase)
        if any(_near(key, other) for other in self.used_keys[checked:]):
            self.unlike[phrase.id] = -1
            return False
        self.unlike[phrase.id] = len(self.used_keys)
        return True

    def use(self, phrase: Phrase) -> None:
        self.used_ids.add(phrase.id)
        self.used_keys.append(self.key_of(phrase))

    def key_of(self, phrase: Phrase) -> str:
        key = self.keys.get(phrase.id)
        if key is None:
            key = self.keys[phrase.id] = dedup_key(phrase.all_text())
        return key

    def ranked(
        self, candidates: Iterable[Phrase], bonus: Callable[[Phrase], float] | None = None
    ) -> list[Phrase]:
        """Candidates ordered by weight with seeded jitter: the draw itself."""
        scored = []
        for phrase in candidates:
            weight = self.weight(phrase) + (bonus(phrase) if bonus else 0.0)
            scored.append((-(max(weight, 0.1) * (0.5 + self.rng.random())), phrase.id, phrase))
        scored.sort(key=lambda t: (t[0], t[1]))
        return [p for _, _, p in scored]

    def pick(
        self,
        candidates: Iterable[Phrase],
        n: int,
        bonus: Callable[[Phrase], float] | None = None,
        fits: Callable[[Phrase], bool] | None = None,
    ) -> list[Phrase]:
        """The ``n`` best by weight with jitter that are new to the draft and ``fits``
        (tried in that order: the test costs only for those that come first)."""
        chosen: list[Phrase] = []
        for phrase in self.ranked(candidates, bonus):
            if len(chosen) >= n:
                break
            if self.is_new(phrase) and (fits is None or fits(phrase)):
                self.use(phrase)
                chosen.append(phrase)
        return chosen


_FORMULA_MAX = 30
# An opening that announces the speech's points (讲3个问题) says what the transition says.
_ANNOUNCES_POINTS_RE = compile_later(r"[讲谈提][^。！？，]{0,6}(?:个问题|点意见|点看法|点希望|点要求|个方面)")
_SEATS_BY_SPEAKER = frozenset({"enterprise", "national"})
# Words of an organisation's or event's name that say nothing of its matter.
_NOT_SUBJECT = frozenset(
    "会议 大会 工作 代表 代表大会 开幕式 闭幕式 座谈会 表彰 表彰大会 全市 全县 全省 全区 召开 举行".split()
)
# A report's part title (2026年重点工作, 2025年和“十四五”时期工作回顾, “十五五”时期主要目标
# 与重点任务, 关于《…规划纲要》的说明): it heads its own year's matters, no point a new
# speech can make. What is left of it without its times and agenda words is nothing.
_PART_TIMES_RE = compile_later(
    r"\{(?:year|last_year)\}年?|(?:19|20)[0-9]{2}年|今年|明年|去年|过去五年|五年来|一年来"
    r"|“?十[一二三四五六]?五”?(?:时期|期间)?"
)
_PART_AGENDA_RE = compile_later(
    r"关于|主要|重点|重大|经济社会|工作|发展|任务|目标|回顾|安排|部署|考虑|思路|总体要求|预期|指标|与|和|及|的|、"
)
_EXPLANATION_RE = compile_later(r"^关于《[^《》]+》的说明$")


def _reports_figures(point: Phrase) -> bool:
    """A heading that counts what was done (资助残疾人大学生…合计6300名) is a line of
    its source's report, not a point a new speech can make."""
    heading = point.heading or point.text
    return any(s.kind == "figure" and s.text in heading for s in point.specifics)


def _part_title(heading: str) -> bool:
    rest, times = _PART_TIMES_RE.subn("", heading)
    return bool(times and not _PART_AGENDA_RE.sub("", rest).strip()) or bool(_EXPLANATION_RE.match(heading))


def _subject_text(phrase: Phrase) -> str:
    return "\n".join(said_of(phrase))


def _dominant(counts: Counter[str]) -> str | None:
    """The level most words speak from, if it has a clear majority (two words at least)."""
    (level, n), *rest = counts.most_common()
    return level if n >= 2 and n > sum(m for _, m in rest) else None


_NEAR_PREFIX = 200  # phrases that agree this far are the same phrase for a draft


def _near(a: str, b: str) -> bool:
    """Nearly the same text (difflib ratio ≥ 0.85 over their openings)."""
    if a == b:
        return True
    if min(len(a), len(b)) * 1.25 < max(len(a), len(b)):
        return False
    (a, sa), (b, sb) = _opening_chars(a), _opening_chars(b)
    # An exact bound first, with a set operation in C: a character of one text that the
    # other lacks is matched by nothing, so it caps the ratio as difflib counts it.
    if ratio_bound(a, sa, b, sb) < 0.85:
        return False
    from difflib import SequenceMatcher  # rarely reached: most pairs fail the bound

    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85


@lru_cache(maxsize=4096)  # keyed by the whole key: a draft compares the same keys again and again
def _opening_chars(key: str) -> tuple[str, frozenset[str]]:
    opening = key[:_NEAR_PREFIX]
    return opening, frozenset(opening)


def _making(said: Sequence[str], move: str) -> int:
    """How many of a phrase's first sentences it takes to make ``move`` (1 at least)."""
    for k in range(1, len(said) + 1):
        if move in moves_of("".join(said[:k])):
            return k
    return 1


def _opening_rank(phrase: Phrase) -> int:
    text = phrase.text
    if re.search(r"之际|值此|今天|隆重|欢聚|金秋|新春|召开", text[:40]):
        return 0
    if text.startswith(("刚才", "首先")):
        return 1
    return 2


def _closing_rank(phrase: Phrase) -> int:
    text = phrase.text
    if text.startswith(("谢谢", "再次感谢")):
        return 3
    if text.startswith(("最后", "预祝", "祝")) or "预祝" in text[:10]:
        return 2
    if "祝愿" in text or "之际" in text:
        return 1
    return 0


# ------------------------------------------------------------------ planning


class _Unit(NamedTuple):
    """A body whose length can grow sentence by sentence (its item says how far)."""

    item: Item
    sentences: list[str]
    floor: int  # sentences always taken

    @property
    def taken_chars(self) -> int:
        n = self.item.sentences if self.item.sentences is not None else len(self.sentences)
        return sum(len(s) for s in self.sentences[:n])


MAX_MINUTES = 120  # as for a template's minutes


def check_numbers(minutes: float | None, points: int | None, rate: int) -> None:
    if minutes is not None and not 0.1 <= minutes <= MAX_MINUTES:  # nan and inf fail too
        raise DraftError(f"--minutes must be from 0.1 to {MAX_MINUTES}, not {minutes:g}")
    if points is not None and not 1 <= points <= MAX_POINTS:
        raise DraftError(f"--points must be from 1 to {MAX_POINTS}, not {points}")
    if not rate > 0:
        raise DraftError(f"--rate must be more than 0 characters a minute, not {rate}")


_YEAR_VALUE_RE = compile_later(r"[0-9]{4}|[〇零一二三四五六七八九]{4}")


def check_slots(template: Template, values: Mapping[str, str]) -> None:
    for name, value in values.items():
        if name == "count":
            raise DraftError("slot 'count' is filled by speechkit (the number of points); leave it out")
        if name == "last_year":
            raise DraftError(
                "slot 'last_year' is filled by speechkit (the year before --slot year); leave it out"
            )
        if name not in template.fillable():
            raise DraftError(f"unknown slot {name!r}; the slots are: {', '.join(template.fillable())}")
        if name == "year" and value and not _YEAR_VALUE_RE.fullmatch(value):
            # phrases and templates write {year}年: 2026年 would read 2026年年, 明年 明年年
            year = value.removesuffix("年")
            hint = f"give {year}" if _YEAR_VALUE_RE.fullmatch(year) else "give it as 2026"
            raise DraftError(
                f"slot year must be a year alone, not {value!r}: {hint} (the draft writes 年 after it)"
            )
        bad = first_not_one_line(value)
        if bad is not None:
            raise DraftError(
                f"slot {name}: character {bad + 1} of the value is {describe(value[bad])}; "
                "give it on one line as plain text"
            )


def missing_required(template: Template, values: Mapping[str, str]) -> list[str]:
    return [name for name, spec in template.slots.items() if spec.required and not values.get(name)]


def resolve_slots(template: Template, values: Mapping[str, str]) -> dict[str, str]:
    """Given values over the template's defaults (``year: current`` → this year)."""
    check_slots(template, values)
    missing = missing_required(template, values)
    if missing:
        labels = "、".join(f"{name}（{template.label(name)}）" for name in missing)
        hint = " ".join(f"--slot {name}=…" for name in missing)
        raise DraftError(f"missing required slots: {labels}; give them with {hint}")
    resolved = {}
    for name, spec in template.slots.items():
        default = spec.default_value()
        if default is not None:
            resolved[name] = default
    resolved.update({k: v for k, v in values.items() if v != ""})
    return resolved


def plan(
    bank: Bank,
    template: Template,
    values: Mapping[str, str],
    *,
    topic: Sequence[str] = (),
    seed: int = 0,
    minutes: float | None = None,
    points: int | None = None,
    rate: int = DEFAULT_RATE,
    strict: bool = False,
    pinned: Mapping[tuple[int, int], Item] | None = None,
    exclude: Iterable[str] = (),
) -> tuple[list[Part], list[str]]:
    """Choose the phrases of a draft; returns the plan and notes for the user.

    ``pinned``: items kept from a saved draft, by (section, position); the rest
    is chosen around them. ``exclude``: ids never to draw."""
    check_numbers(minutes, points, rate)
    rng = random.Random(seed)
    chooser = _Chooser(bank, template, topic, rng, seed, values, strict)
    _reserve(chooser, pinned or {}, exclude)
    notes: list[str] = []
    aim = minutes if minutes is not None else template.minutes
    target = (aim if aim is not None else DEFAULT_MINUTES) * rate
    parts: list[Part] = []
    units: list[_Unit] = []
    points_part: Part | None = None
    for section in template.sections:
        part = _plan_section(section, chooser, points, units, notes)
        parts.append(part)
        if part.kind == "points":
            points_part = part
    _place_pinned(parts, pinned or {}, units, points)
    if points is not None and points_part is not None and len(points_part.items) < points:
        level = points_part.level
        limit = max_items(level.style) if level is not None else points
        notes.append(
            f"{points} points asked; the numbering {level.style if level else ''} counts at most {limit}"
            if limit < points
            else f"{points} points asked; the bank has {len(points_part.items)} that go together "
            "(extract more speeches for more)"
        )
    if topic and not chooser.topic_matched:
        notes.append(f"no phrase in the bank matches the topic {'、'.join(topic)}; drew from the whole bank")

    def measure() -> int:
        return _spoken_chars(build(parts, bank, template, values, topic)[1])

    # Without --minutes the template's minutes are the target (points are added
    # as for --minutes); a template without minutes keeps its number of points.
    # Only a length asked for with --minutes is reported when missed.
    fixed = points is not None or aim is None
    _fit_length(parts, units, points_part, chooser, target, fixed, notes, measure)
    pins.settle(parts, pinned or {})
    if minutes is None:
        notes[:] = [n for n in notes if not n.startswith(("the draft is", "the bank has material"))]
    if points_part is not None and points_part.items and template.occasions:
        drawn = [bank.get(i.id or "") for i in points_part.items]
        borrowed = sum(1 for p in drawn if p is not None and not of_occasion(p, template.occasions))
        if borrowed and borrowed == len(drawn):
            notes.append(
                f"no {'/'.join(template.occasions)} points in the bank fit; the points are from speeches "
                "of other occasions: check they suit this one"
            )
        elif borrowed:
            notes.append(
                f"{borrowed} of {len(drawn)} points are from speeches of other occasions than "
                f"{'/'.join(template.occasions)}: check they suit this one"
            )
    if topic and points_part is not None and points_part.items:
        about = [p for p in (bank.get(i.id or "") for i in points_part.items) if p and on_topic(p, topic)]
        if len(about) < len(points_part.items):
            notes.append(
                f"{len(about)} of {len(points_part.items)} points are about {'、'.join(topic)}; "
                "the bank has no more that fit (extract speeches on it for more)"
            )
    return parts, notes


def _plan_section(
    section: Section, chooser: _Chooser, points: int | None, units: list[_Unit], notes: list[str]
) -> Part:
    part = Part(section.kind)
    if section.text is not None:
        part.items.append(Item(text=section.text))
        return part
    if section.kind == "salutation":
        prefer = set(section.prefer)

        def occasion(p: Phrase) -> float:
            return (10.0 if p.text in prefer else 0.0) + (
                4.0 if of_occasion(p, chooser.template.occasions) else 0.0
            )

        chosen = chooser.pick(chooser.voice("salutation"), 1, occasion)
        part.items.append(
            Item(id=chosen[0].id)
            if chosen
            else Item(text=section.prefer[0] if section.prefer else "同志们：")
        )
    elif section.kind in ("opening", "closing") and section.moves:
        made: set[str] = set()  # moves a phrase drawn for an earlier one makes too
        for k, move in enumerate(section.moves):
            if move in made:
                continue
            item = _move_item(section, move, chooser, notes)
            part.items.append(item)
            if item.id is not None:
                phrase = chooser.bank.get(item.id)
                assert phrase is not None
                later = set(phrase.moves) & set(section.moves[k + 1 :])
                made |= later
                said = sentences(phrase.text)
                # a phrase standing for two moves is kept whole, or the second may be cut;
                # else as far as the sentence that makes its move
                floor = len(said) if later else _making(said, move)
                units.append(_Unit(item, said, floor=floor))
    elif section.kind == "opening":
        openings = chooser.voice("opening")
        # A speech opens on the occasion ("在…之际", "今天…召开") once; the rest of
        # the opening reviews and sets the scene.
        chosen = chooser.pick([p for p in openings if _opening_rank(p) == 0], min(1, section.pick))
        chosen += chooser.pick([p for p in openings if _opening_rank(p) != 0], section.pick - len(chosen))
        chosen += chooser.pick(openings, section.pick - len(chosen))
        chosen.sort(key=_opening_rank)
        for phrase in chosen:
            item = Item(id=phrase.id)
            part.items.append(item)
            units.append(_Unit(item, sentences(phrase.text), floor=1))
    elif section.kind == "transition":

        def counts(p: Phrase) -> float:
            # One that counts the points drawn, and is short: fewer borrowed specifics.
            return (2.0 if "count" in p.slots else 0.0) + (1.0 if len(p.text) <= 24 else 0.0)

        chosen = chooser.pick(chooser.voice("transition"), 1, counts)
        part.items.append(Item(id=chosen[0].id) if chosen else Item(text="下面，我讲{count}点意见："))
    elif section.kind == "points" and section.points is not None:
        level = section.points
        count = points if points is not None else level.count
        count = min(count, max_items(level.style))
        part.level = level
        _choose_points(part, chooser, units, count)
    elif section.kind == "closing":
        part.items.extend(Item(id=p.id) for p in _pick_closings(chooser, section.pick))
    return part


def _move_item(section: Section, move: str, chooser: _Chooser, notes: list[str]) -> Item:
    """One phrase that makes ``move``, of the draft's occasion (else of none),
    or the template's own wording when the bank has none."""
    wanted = set(section.moves)

    def fits(p: Phrase) -> float:
        own = 2.0 if of_occasion(p, chooser.template.occasions) else 0.0
        stray = len(set(p.moves) - wanted)  # a closing's wishes in an opening, say
        return own - 1.5 * stray + (1.0 if p.moves == [move] else 0.0)

    candidates = [p for p in chooser.voice(section.kind) if move in p.moves]
    # the speaker's own voice: a phrase of another seat's speech (为我厂改革发展…) never
    # speaks for them here; the template's wording does instead
    candidates = [p for p in candidates if not chooser.of_another_seat(p)]
    chosen = chooser.pick(candidates, 1, fits)
    if chosen:
        return Item(id=chosen[0].id)
    occasion = "/".join(chooser.template.occasions) or "fitting"
    notes.append(
        f"no {occasion} {section.kind} in the bank that makes the move '{move}'; used the template's wording"
    )
    return Item(text=chooser.template.wording[move])


def _choose_points(part: Part, chooser: _Chooser, units: list[_Unit], count: int) -> None:
    """The top-level points, chosen together: the best-fitting run of siblings
    from one source speech (their headings already parallel, their matters
    distinct), completed from other speeches by headings of the same form.
    With a topic, points about it come first: a sibling off the topic is
    taken only where the bank has too few on it."""
    candidates = _with_body([p for p in chooser.points() if (p.level or 1) == 1], part.level)
    topical = _topical(chooser)
    off_topic_room = count - min(count, len(topical)) if chooser.topic else count
    groups: dict[tuple[str, int], list[Phrase]] = {}
    for phrase in candidates:
        if phrase.sources and chooser.is_new(phrase):
            source = phrase.sources[0]
            groups.setdefault((source.file, source.speech), []).append(phrase)

    headlined = _headlined(chooser)

    def fit(p: Phrase) -> float:
        return chooser.weight(p) + (3.0 if p.id in topical else 0.0) + (2.0 if p.id in headlined else 0.0)

    # a speech given from the user's seat, not a factory's or the capital's; then, of
    # those, points said at this occasion (a greeting's hopes, not a work meeting's tasks)
    enough = min(count, 2)
    # (with no run of siblings of the user's seat, points of it are drawn one by one below)
    own_seat = {k: g for k, g in groups.items() if not chooser.of_another_seat(g[0])}
    if own_seat:
        groups = own_seat
    own_occasion = {k: g for k, g in groups.items() if of_occasion(g[0], chooser.template.occasions)}
    if any(len(g) >= enough for g in own_occasion.values()):
        groups = own_occasion
    best: tuple[float, list[Phrase]] | None = None
    for key in sorted(groups):
        ranked = sorted(groups[key], key=fit, reverse=True)
        on = [p for p in ranked if p.id in topical]
        off = [p for p in ranked if p.id not in topical][:off_topic_room]
        members = sorted(on + off, key=fit, reverse=True)[:count]
        if len(members) < min(count, 2):
            continue
        score = sum(fit(p) for p in members) / count + 3.0 * _parallel(members) + len(members) / count
        score += (
            4.0 * sum(p.id in topical for p in members) + 3.0 * sum(p.id in headlined for p in members)
        ) / count
        score *= 0.8 + 0.4 * chooser.rng.random()  # seeded: another seed, another speech
        if best is None or score > best[0]:
            best = (score, members)
    if best is not None:
        order = {p.id: k for k, p in enumerate(chooser.pool("point"))}
        for phrase in sorted(best[1], key=lambda p: order[p.id]):  # as they stood in their speech
            if (
                len(part.items) < count
                and _family_free(phrase, chooser, chooser.bank)
                and chooser.is_new(phrase)
            ):
                chooser.use(phrase)
                assert part.level is not None
                folds = folds_at(part.level, chooser.template)  # as the draft is built and explained
                part.items.append(_point_item(phrase, part.level.children, chooser, units, folds=folds))
    while len(part.items) < count:
        if not _add_point(part, chooser, units):
            break


def _narrowed(
    points: list[Phrase],
    test: Callable[[Phrase], bool],
    fits: Callable[[Phrase], bool] = lambda p: True,
    always: bool = False,
) -> list[Phrase]:
    """Those of ``points`` that pass ``test``, if any that ``fits`` does (or
    ``always``); else all of them (those that fail ``fits`` are left for the
    draw to pass over: it is dear, so it is worked out only where it decides)."""
    if always or any(test(p) and fits(p) for p in points):
        return [p for p in points if test(p)]
    return points


def _with_body(
    points: list[Phrase], level: Level | None, fits: Callable[[Phrase], bool] = lambda p: True
) -> list[Phrase]:
    """Where the numbering has no level below, a point whose substance is all in
    its sub-points would stand as a bare heading: those with a body of their own,
    if there are any (that ``fits``)."""
    if level is not None and level.children is None:
        return _narrowed(points, lambda p: bool(p.body), fits)
    return points


def _headlined(chooser: _Chooser) -> set[str]:
    """Ids of the points whose heading names the topic: about it however short the body is cut."""
    return {
        p.id
        for p in chooser.points()
        if p.id in _topical(chooser) and _names(p.heading or p.text, chooser.topic)
    }


def _names(text: str, topic: Sequence[str]) -> bool:
    return any(word in text for word in topic)


def _topical(chooser: _Chooser) -> set[str]:
    """Ids of the points of the pool that are about the draft's topic."""
    if not chooser.topic:
        return set()
    if chooser.topical is None:
        chooser.topical = {p.id for p in chooser.points() if on_topic(p, chooser.topic)}
    return chooser.topical


_CLAUSE_BREAK_RE = compile_later("[，；,;]")


@lru_cache(maxsize=4096)  # each candidate's form is compared with every heading drawn
def _shape(heading: str) -> tuple[int, int]:
    """Clauses (an enumeration with 、 is one clause) and length."""
    return len([c for c in _CLAUSE_BREAK_RE.split(heading) if c]), len(heading)


def _parallel(points: Sequence[Phrase]) -> float:
    """1.0 when all headings share a form (as many clauses, each length within
    30 % of their mean), less otherwise."""
    shapes = [_shape(p.heading or p.text) for p in points]
    if len(shapes) < 2:
        return 0.0
    clauses = {c for c, _ in shapes}
    lengths = [n for _, n in shapes]
    mean = sum(lengths) / len(lengths)
    even = all(abs(n - mean) <= 0.3 * mean for n in lengths)
    return (0.5 if len(clauses) == 1 else 0.0) + (0.5 if even else 0.0)


def _same_matter(a: Phrase, b: Phrase) -> bool:
    """Two points on one matter: most of their keywords shared, or headings that
    say much the same (要切实维护职工的合法权益 / 要切实维护好广大职工群众的合法权益)."""
    ka, kb = set(a.keywords[:4]), set(b.keywords[:4])
    if ka and kb and len(ka & kb) >= 3:
        return True
    ha, hb = _bigram_set(a.heading or a.text), _bigram_set(b.heading or b.text)
    return bool(ha and hb) and 2 * len(ha & hb) / (len(ha) + len(hb)) >= 0.5


@lru_cache(maxsize=4096)  # a candidate meets every point drawn, again at each place
def _bigram_set(text: str) -> frozenset[str]:
    han = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    return frozenset(han[i : i + 2] for i in range(len(han) - 1))


def _add_point(part: Part, chooser: _Chooser, units: list[_Unit], *, in_form_only: bool = False) -> bool:
    """Draw one more top-level point (with its own children) into ``part``: of the
    same form as those drawn, on another matter (``in_form_only``: none other)."""
    bank = chooser.bank
    level = part.level
    assert level is not None
    drawn = [p for p in (bank.get(i.id or "") for i in part.items) if p is not None]
    shapes = [_shape(p.heading or p.text) for p in drawn]

    def alike(p: Phrase) -> float:
        top = 1.5 if (p.level or 1) == 1 else 0.0
        if not shapes:
            return top
        clauses, length = _shape(p.heading or p.text)
        form = sum(1.0 for c, n in shapes if c == clauses and abs(n - length) <= 0.3 * max(n, length))
        return top + 2.0 * form / len(shapes)

    fit: dict[str, bool] = {}

    def fits(p: Phrase) -> bool:  # dearest of the tests: worked out only where it decides
        known = fit.get(p.id)
        if known is None:
            known = fit[p.id] = (
                chooser.is_new(p)
                and _family_free(p, chooser, bank)
                and not any(_same_matter(p, other) for other in drawn)
            )
        return known

    candidates = _with_body([p for p in chooser.points() if p.id not in chooser.used_ids], level, fits)
    # a point on the topic before any other, one that names it in its heading first;
    # then, among those, one whose heading has the form of every heading drawn (排比)
    for about in (_headlined(chooser), _topical(chooser)):
        if any(p.id in about and fits(p) for p in candidates):
            candidates = [p for p in candidates if p.id in about]
            break
    candidates = _narrowed(candidates, lambda p: not chooser.of_another_seat(p), fits)
    if shapes:
        candidates = _narrowed(candidates, lambda p: _parallel([*drawn, p]) == 1.0, fits, always=in_form_only)
    chosen = chooser.pick(candidates, 1, alike, fits=fits)
    if not chosen:
        return False
    item = _point_item(chosen[0], level.children, chooser, units, folds=folds_at(level, chooser.template))
    part.items.append(item)
    return True


def _family_free(phrase: Phrase, chooser: _Chooser, bank: Bank) -> bool:
    """A point whose children (or parent) are already in the draft would repeat them."""
    if any(child in chooser.used_ids for child in phrase.children):
        return False
    return not any(parent in chooser.used_ids for parent in chooser.parents_of(phrase.id))


def folded_body(phrase: Phrase, bank: Bank, folds: bool) -> list[tuple[str, Phrase]]:
    """A point's body paragraphs, each with the phrase it is from; where the
    numbering has no level below (一是, 第一), its sub-points follow as paragraphs
    of it (加强领导班子建设。各级工会要…), as a writer runs them on, instead of
    standing as more points."""
    out = [(paragraph, phrase) for paragraph in phrase.body]
    if not folds:
        return out
    for child_id in phrase.children:
        child = bank.get(child_id)
        if child is None or child.stale:
            continue
        heading = child.heading or child.text
        lead = heading if heading.endswith(("。", "！", "？", "：")) else heading + "。"
        out.append((lead + "".join(child.body), child))
    return out


def _top_level(template: Template) -> Level | None:
    section = template.points_section()
    return section.points if section is not None else None


def folds_at(level: Level | None, template: Template) -> bool:
    """Whether points numbered at ``level`` carry their sub-points in their body:
    the template's top level, with none below it."""
    top = _top_level(template)
    # by style: a draft's level counts the points it drew, the template's those it asks
    return level is not None and top is not None and top.children is None and level.style == top.style


def _point_item(
    phrase: Phrase, child_level: Level | None, chooser: _Chooser, units: list[_Unit], *, folds: bool = False
) -> Item:
    item = Item(id=phrase.id)
    body = folded_body(phrase, chooser.bank, folds)
    for _, source in body[len(phrase.body) :]:
        chooser.use(source)  # a sub-point run on is drawn: it stands nowhere else
    units.append(_Unit(item, [s for p, _ in body for s in sentences(p)], floor=1 if body else 0))
    if child_level is not None:
        limit = min(child_level.count, max_items(child_level.style))
        for child_id in phrase.children:
            if len(item.children) >= limit:
                break
            child = chooser.bank.get(child_id)
            if child is None or not chooser.is_new(child) or (chooser.strict and chooser.checks_of(child)):
                continue
            chooser.use(child)
            item.children.append(_point_item(child, child_level.children, chooser, units))
    return item


def _pick_closings(chooser: _Chooser, n: int) -> list[Phrase]:
    """Closings that end a speech well: the best-fitting one first, thanks kept
    for the very end, no two of a kind while others remain; in the order
    rallying call → good wishes → thanks."""
    voice = chooser.voice("closing")
    ranked = chooser.ranked([p for p in voice if not chooser.of_another_seat(p)] or voice)
    chosen: list[Phrase] = []

    def take(phrase: Phrase) -> None:
        if phrase not in chosen and chooser.is_new(phrase):
            chooser.use(phrase)
            chosen.append(phrase)

    for phrase in ranked:  # the best-fitting one
        take(phrase)
        if chosen:
            break
    if n >= 2 and not any(_closing_rank(p) == 3 for p in chosen):
        for phrase in ranked:  # thanks, to end on
            if _closing_rank(phrase) == 3 and len(chosen) < n:
                take(phrase)
                if _closing_rank(chosen[-1]) == 3:
                    break
    for phrase in ranked:  # then one of each other kind
        if len(chosen) >= n:
            break
        if _closing_rank(phrase) not in {_closing_rank(c) for c in chosen}:
            take(phrase)
    for phrase in ranked:  # then anything
        if len(chosen) >= n:
            break
        take(phrase)
    chosen.sort(key=_closing_rank)
    return chosen


def _fit_length(
    parts: list[Part],
    units: list[_Unit],
    points_part: Part | None,
    chooser: _Chooser,
    target: float,
    points_fixed: bool,
    notes: list[str],
    measure: Callable[[], int],
) -> None:
    """Choose how many sentences of each body to take so the draft lands
    within ±10 % of ``target`` characters, adding points if the bank allows.

    ``measure`` builds the draft as it stands and counts it, so the figure
    is exact (markers, filled slots and all), not an estimate.
    """
    low, high = target * (1 - _TOLERANCE), target * (1 + _TOLERANCE)
    for unit in units:
        unit.item.sentences = min(unit.floor, len(unit.sentences))

    def drop(gone: Item) -> None:
        units[:] = [u for u in units if not (u.item is gone or _inside(u.item, gone))]

    # Too long even at the minimum: give up children, then openings beyond the first, then points.
    current = measure()
    if current > high and points_part is not None:
        for item in (i for i in points_part.items if not i.pinned):
            for child in item.children:
                drop(child)
            item.children = []
        current = measure()
    if current > high:
        for part in parts:
            if part.kind == "opening":
                for gone in part.items[1:]:
                    drop(gone)
                part.items[1:] = [i for i in part.items[1:] if i.pinned]
        current = measure()
    if points_part is not None and not points_fixed:
        while current > high and len(points_part.items) > 1:
            free = [n for n, i in enumerate(points_part.items) if not i.pinned]
            if not free:
                break
            drop(points_part.items.pop(free[-1]))
            current = measure()

    def grow(current: int) -> int:
        """Add sentences, shortest body first, while they keep the draft under the ceiling;
        returns the draft's length, measured.

        Counting a sentence's own length is exact but for slots filled
        inside it, so the draft is measured again after each round."""
        while current < target:
            added = False
            while current < target:
                for unit in sorted(units, key=lambda u: u.taken_chars):
                    n = unit.item.sentences or 0
                    if n < len(unit.sentences) and current + len(unit.sentences[n]) <= high:
                        unit.item.sentences = n + 1
                        current += len(unit.sentences[n])
                        added = True
                        break
                else:
                    break
            if not added:
                return current
            current = measure()
        return current

    bank_exhausted = points_part is None or points_fixed
    while True:
        current = grow(current)
        # near enough: within half the tolerance (a draft at its floor reads short)
        near = current >= target * (1 - _TOLERANCE / 2)
        if near or points_part is None or points_fixed or len(points_part.items) >= MAX_POINTS:
            break
        before = len(units)
        # within the tolerance already: a point that breaks the headings' form is not worth it
        in_form_only = current >= low
        if not _add_point(points_part, chooser, units, in_form_only=in_form_only):
            bank_exhausted = not in_form_only
            break
        for unit in units[before:]:
            unit.item.sentences = min(unit.floor, len(unit.sentences))
        current = measure()
        if current > high:  # the new point overshoots: take it back out
            drop(points_part.items.pop())
            current = measure()
            break
    # Still short: one more sentence may overshoot a little yet land nearer the target.
    while current < low:
        best: tuple[float, _Unit] | None = None
        for unit in units:
            n = unit.item.sentences or 0
            if n < len(unit.sentences):
                distance = abs(current + len(unit.sentences[n]) - target)
                if best is None or distance < best[0]:
                    best = (distance, unit)
        if best is None or best[0] >= abs(current - target):
            break
        best[1].item.sentences = (best[1].item.sentences or 0) + 1
        current = measure()
    for unit in units:
        if unit.item.sentences is not None and unit.item.sentences >= len(unit.sentences):
            unit.item.sentences = None  # the whole body: survives edits to the bank's text
    exhausted = bank_exhausted and all(u.item.sentences is None for u in units)
    if current < low and exhausted:
        notes.append(
            f"the bank has material for {current} characters, {current / target * 100:.0f}% of the "
            f"{target:.0f} asked; extract more speeches for longer drafts"
        )
    elif current < low or current > high:
        notes.append(
            f"the draft is {current} characters, {current / target * 100:.0f}% of the {target:.0f} asked: "
            "its sentences do not divide finer; try other --points"
        )


def _inside(item: Item, root: Item) -> bool:
    return any(item is c or _inside(item, c) for c in root.children)


def _reserve(chooser: _Chooser, pinned: Mapping[tuple[int, int], Item], exclude: Iterable[str]) -> None:
    """Pinned and excluded phrases count as drawn before anything is chosen (``drafting.pins``)."""
    for phrase_id in pins.held(pinned, exclude):
        phrase = chooser.bank.get(phrase_id)
        if phrase is not None and phrase.id not in chooser.used_ids:
            chooser.use(phrase)


def _place_pinned(
    parts: list[Part], pinned: Mapping[tuple[int, int], Item], units: list[_Unit], points: int | None
) -> None:
    """Pinned items in their places (``drafting.pins``); what was chosen there no longer grows."""
    gone = pins.place(parts, pinned, points)
    units[:] = [u for u in units if not any(u.item is g or _inside(u.item, g) for g in gone)]


# ------------------------------------------------------------------ building


# A transition that announces its own subject ("下面，我就进一步推进开发区工会组建讲三点
# 意见") promises what the drawn points may not deliver: the subject is the topic's,
# or none.
_TRANSITION_SUBJECT_RE = compile_later(
    r"^(?P<lead>下面|接下来|在此|这里|为此)，(?:我)?(?:再)?(?:就|围绕|结合|对)(?P<subject>.+?)"
    r"(?:，(?:我)?)?(?P<verb>讲|谈|提|强调)"
    r"(?P<rest>(?:以下|这么|如下)?(?:\{count\}|[一二两三四五六七八九十几]{1,2}|[0-9]{1,2})"
    r"(?:点|个方面|个问题)[^，。！？]*[：。！]?)$"
)


def transition_text(raw: str, topic: Sequence[str]) -> str:
    m = _TRANSITION_SUBJECT_RE.match(raw)
    if not m:
        return raw
    about = f"就{'、'.join(topic)}" if topic else ""
    return f"{m.group('lead')}，我{about}{m.group('verb')}{m.group('rest')}"


def build(
    parts: list[Part],
    bank: Bank,
    template: Template,
    values: Mapping[str, str],
    topic: Sequence[str] = (),
) -> tuple[str, list[Block], list[str], list[str]]:
    """Render a plan into blocks: slots filled, numbering consecutive, every
    borrowed specific marked ``【核：…】``. Returns the title, the blocks, the
    labels of unfilled slots and the marked specifics."""
    placeholders: list[str] = []
    marked: list[str] = []
    level = draft_level(values, template.level)

    def missing(name: str) -> str:
        label = template.label(name)
        if label not in placeholders:
            placeholders.append(label)
        return f"【{label}】"

    filled = {**values, **derived_values(values)}  # derived at filling, never saved
    checks: dict[str, list[tuple[str, str]]] = {}  # by phrase id: a point's every paragraph asks

    def text_of(raw: str, count: int | None = None, source: Phrase | None = None) -> str:
        slot_values = dict(filled)
        if count is not None:
            slot_values["count"] = "两" if count == 2 else chinese(count)  # 两点意见, not 二点
        if source is not None:
            if source.id not in checks:
                checks[source.id] = checking.to_check(source, values, level)
            raw, found = checking.mark(raw, checks[source.id])
            marked.extend(found)
            raw, names = checking.mark_own_names(raw, source, level, given=slot_values)
            marked.extend(fill(name, slot_values, missing) for name in names)
        return checking.finish(fill(raw, slot_values, missing).strip())

    def borrowed(point: Phrase) -> str:
        note = checking.borrowed_from(point, values)
        if note is None:
            return ""
        marked.append(note)
        return checking.CHECK_OPEN + note + checking.CHECK_CLOSE

    def phrase(item: Item) -> Phrase:
        found = bank.get(item.id or "")
        if found is None:
            raise DraftError(f"phrase {item.id!r} is not in the bank {bank.folder}; edit the draft's ids")
        return found

    n_points = sum(len(p.items) for p in parts if p.kind == "points")
    blocks: list[Block] = []
    title = _said_once(text_of(template.title), filled) if template.title else ""
    if title:
        blocks.append(Block("title", title))
    for part in parts:
        if part.kind == "points":
            assert part.level is not None or not part.items
            _build_points(
                part.items,
                part.level,
                1,
                blocks,
                phrase,
                text_of,
                template.occasions,
                bank,
                template,
                borrowed,
            )
            continue
        for item in part.items:
            source = phrase(item) if item.text is None else None
            raw = item.text if source is None else source.text
            assert raw is not None
            if source is not None and item.sentences is not None:
                raw = "".join(sentences(raw)[: item.sentences])
            if part.kind == "transition":
                raw = transition_text(raw, topic)
            text = text_of(raw, n_points, source)
            kind = "salutation" if part.kind == "salutation" else "paragraph"
            blocks.append(Block(kind, text, section=part.kind))
    return title, blocks, placeholders, marked


def _said_once(title: str, values: Mapping[str, str]) -> str:
    """A title whose event names its year or organisation too (在2026年2026年“五一”…,
    枫林市总工会枫林市总工会第五次代表大会) says each once."""
    for said in (f"{values.get('year', '')}年", values.get("org", ""), values.get("place", "")):
        if len(said) > 1:
            while said + said in title:
                title = title.replace(said + said, said)
    return title


def _build_points(
    items: list[Item],
    level: Level | None,
    depth: int,
    blocks: list[Block],
    phrase: Callable[[Item], Phrase],
    text_of: Callable[..., str],
    occasions: Sequence[str],
    bank: Bank,
    template: Template,
    borrowed: Callable[[Phrase], str],
) -> None:
    if level is None:
        return
    folds = folds_at(level, template)
    total = len(items)
    for n, item in enumerate(items, start=1):
        point = phrase(item)
        mark = marker(level.style, n, total)
        heading = text_of(point.heading or point.text, source=point).rstrip("。；，")
        if depth == 1:  # a top-level point borrowed whole is marked once, with its sub-points
            heading += borrowed(point)
        folded = folded_body(point, bank, folds)
        paragraphs = _take([p for p, _ in folded], item.sentences)
        if not item.children:
            paragraphs = _without_dangling_lead(paragraphs)
        # both only cut from the end: the first paragraphs keep their sources
        sourced = zip(paragraphs, (source for _, source in folded), strict=False)
        body = [
            text_of(t, source=source)
            for t, source in (
                (_without_honours(without_foreign_address(p, occasions)), src) for p, src in sourced
            )
            if t and not _caption(t)
        ]
        if level.style in BLOCK_STYLES:
            blocks.append(Block("heading", mark + heading, level=depth, section="points"))
            blocks.extend(Block("paragraph", p, section="points") for p in body)
        else:
            lead = mark + heading + _lead_end(heading, body)
            first = lead + (body[0] if body else "")
            blocks.append(Block("paragraph", first, section="points"))
            blocks.extend(Block("paragraph", p, section="points") for p in body[1:])
        _build_points(
            item.children,
            level.children,
            depth + 1,
            blocks,
            phrase,
            text_of,
            occasions,
            bank,
            template,
            borrowed,
        )


def assemble(
    bank: Bank,
    template: Template,
    *,
    slots: Mapping[str, str] | None = None,
    topic: Sequence[str] = (),
    seed: int = 0,
    minutes: float | None = None,
    points: int | None = None,
    rate: int = DEFAULT_RATE,
    strict: bool = False,
    pinned: Mapping[tuple[int, int], Item] | None = None,
    rejected: Sequence[str] = (),
) -> Draft:
    """A draft for ``template`` from ``bank``; the same arguments give the same draft.

    ``strict``: only phrases with nothing to check (the template's own wording
    where the bank has none). ``pinned``: items kept from a saved draft by
    (section, position); ``rejected``: ids never to draw (both: ``drafting.swap``)."""
    values = resolve_slots(template, slots or {})
    topic = [t.strip() for t in topic if t.strip()]
    if not len(bank):
        raise DraftError(
            f"{bank.folder}: the bank is empty; fill it with 'speechkit extract SPEECHES -o {bank.folder}'"
        )
    parts, notes = plan(
        bank,
        template,
        values,
        topic=topic,
        seed=seed,
        minutes=minutes,
        points=points,
        rate=rate,
        strict=strict,
        pinned=pinned,
        exclude=rejected,
    )
    if any(part.kind == "points" and not part.items for part in parts):
        raise DraftError(
            f"{bank.folder}: the bank has no points to draw (numbered parts of speeches, none stale"
            f"{', none with anything to check' if strict else ''}); "
            f"extract speeches with numbered points into it: 'speechkit extract SPEECHES -o {bank.folder}'"
        )
    title, blocks, placeholders, marked = build(parts, bank, template, values, topic)
    return Draft(
        template=template.name,
        title=title,
        blocks=blocks,
        parts=parts,
        slots=values,
        topic=list(topic),
        seed=seed,
        rate=rate,
        minutes=minutes,
        notes=notes,
        placeholders=placeholders,
        checks=marked,
        strict=strict,
        rejected=list(rejected),
    )
