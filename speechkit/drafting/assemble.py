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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from speechkit.bank.model import Bank, Phrase, dedup_key
from speechkit.bank.slots import SLOT_NAMES, fill
from speechkit.chars import describe, first_not_one_line
from speechkit.drafting.templates import Level, Section, Template
from speechkit.errors import DraftError
from speechkit.reading.numbering import BLOCK_STYLES, chinese, marker, max_items

DEFAULT_RATE = 220  # characters a minute, a calm speaking pace
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


@dataclass
class Part:
    """One section of the plan, in template order."""

    kind: str
    items: list[Item] = field(default_factory=list)
    level: Level | None = None  # points: count and styles per level


@dataclass
class Block:
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

    @property
    def chars(self) -> int:
        """Spoken length: every character of the body but spaces (the title is not read out)."""
        return _spoken_chars(self.blocks)

    @property
    def spoken_minutes(self) -> float:
        return self.chars / self.rate


def _spoken_chars(blocks: Iterable[Block]) -> int:
    return sum(len(b.text) - b.text.count(" ") for b in blocks if b.kind != "title")


# ----------------------------------------------------------------- sentences

_SENTENCE_RE = re.compile(r"[^。！？]*[。！？]+[”’）]*|[^。！？]+$")


def sentences(text: str) -> list[str]:
    return [s for s in (m.group().strip() for m in _SENTENCE_RE.finditer(text)) if s]


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


# ------------------------------------------------------------------ choosing


def _topic_hits(phrase: Phrase, topic: Sequence[str]) -> int:
    if not topic:
        return 0
    text = phrase.all_text()
    return sum(
        3 if word in phrase.keywords else 1 for word in topic if word in text or word in phrase.keywords
    )


# A kind with up to POOL_ALL phrases is considered whole. A larger one (a bank
# of 100,000 phrases) offers POOL_SAMPLE phrases drawn with the seed plus up to
# POOL_TOPIC that match the topic, so a draft reads a few hundred phrases, not all.
POOL_ALL = 2000
POOL_SAMPLE = 300
POOL_TOPIC = 150


class _Chooser:
    def __init__(
        self, bank: Bank, template: Template, topic: Sequence[str], rng: random.Random, seed: int
    ) -> None:
        self.bank = bank
        self.template = template
        self.topic = list(topic)
        self.rng = rng
        self.pool_rng = random.Random(f"pool-{seed}")
        self.pools: dict[str, list[Phrase]] = {}
        self.used_ids: set[str] = set()
        self.used_keys: list[str] = []
        self.topic_matched = False
        self.weights: dict[str, float] = {}
        self.parents: dict[str, list[str]] = {}

    def parents_of(self, point_id: str) -> list[str]:
        if point_id not in self.parents:
            self.parents[point_id] = self.bank.parents(point_id)
        return self.parents[point_id]

    def pool(self, kind: str) -> list[Phrase]:
        """The phrases of ``kind`` this draft considers, in bank order."""
        if kind not in self.pools:
            n = self.bank.count(kind)
            if n <= POOL_ALL:
                self.pools[kind] = self.bank.of_kind(kind)
            else:
                chosen = self.bank.at(kind, self.pool_rng.sample(range(n), min(POOL_SAMPLE, n)))
                seen = {p.id for p in chosen}
                chosen += [
                    p for p in self.bank.topic_matches(kind, self.topic, POOL_TOPIC) if p.id not in seen
                ]
                self.pools[kind] = chosen
        return self.pools[kind]

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
        placeholder = -0.5 if "××" in phrase.all_text() else 0.0
        return 1.0 + 2.0 * hits + tags + placeholder + 0.1 * min(phrase.count, 5)

    def is_new(self, phrase: Phrase) -> bool:
        if phrase.id in self.used_ids or phrase.stale:
            return False
        key = dedup_key(phrase.all_text())
        return not any(_near(key, other) for other in self.used_keys)

    def use(self, phrase: Phrase) -> None:
        self.used_ids.add(phrase.id)
        self.used_keys.append(dedup_key(phrase.all_text()))

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
        self, candidates: Iterable[Phrase], n: int, bonus: Callable[[Phrase], float] | None = None
    ) -> list[Phrase]:
        chosen: list[Phrase] = []
        for phrase in self.ranked(candidates, bonus):
            if len(chosen) >= n:
                break
            if self.is_new(phrase):
                self.use(phrase)
                chosen.append(phrase)
        return chosen


_NEAR_PREFIX = 200  # phrases that agree this far are the same phrase for a draft


def _near(a: str, b: str) -> bool:
    """Nearly the same text (difflib ratio ≥ 0.85 over their openings)."""
    if a == b:
        return True
    if min(len(a), len(b)) * 1.25 < max(len(a), len(b)):
        return False
    matcher = SequenceMatcher(None, a[:_NEAR_PREFIX], b[:_NEAR_PREFIX], autojunk=False)
    return matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85


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


@dataclass
class _Unit:
    """A body whose length can grow sentence by sentence."""

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


def check_slots(template: Template, values: Mapping[str, str]) -> None:
    for name, value in values.items():
        if name == "count":
            raise DraftError("slot 'count' is filled by speechkit (the number of points); leave it out")
        if name not in template.slots:
            declared = ", ".join(template.slots) or "none"
            extra = "" if name in SLOT_NAMES else f" ({name!r} is not a slot name)"
            raise DraftError(
                f"template {template.name!r} has no slot {name!r}{extra}; its slots are: {declared}"
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
) -> tuple[list[Part], list[str]]:
    """Choose the phrases of a draft; returns the plan and notes for the user."""
    check_numbers(minutes, points, rate)
    rng = random.Random(seed)
    chooser = _Chooser(bank, template, topic, rng, seed)
    notes: list[str] = []
    target = (minutes if minutes is not None else template.minutes) * rate
    parts: list[Part] = []
    units: list[_Unit] = []
    points_part: Part | None = None
    for section in template.sections:
        part = _plan_section(section, chooser, points, units)
        parts.append(part)
        if part.kind == "points":
            points_part = part
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
        _, blocks, _ = build(parts, bank, template, values)
        return _spoken_chars(blocks)

    # Without --minutes the template's length is a soft aim: keep its number
    # of points and say nothing about length.
    soft = minutes is None
    _fit_length(parts, units, points_part, chooser, target, points is not None or soft, notes, measure)
    if soft:
        notes[:] = [n for n in notes if not n.startswith(("the draft is", "the bank has material"))]
    return parts, notes


def _plan_section(section: Section, chooser: _Chooser, points: int | None, units: list[_Unit]) -> Part:
    part = Part(section.kind)
    if section.text is not None:
        part.items.append(Item(text=section.text))
        return part
    if section.kind == "salutation":
        prefer = set(section.prefer)

        def occasion(p: Phrase) -> float:
            fits = (10.0 if p.text in prefer else 0.0) + (
                4.0 if set(p.tags) & set(chooser.template.tags) else 0.0
            )
            # "各位代表" addresses the delegates of a congress, and only there
            delegates = "代表" in p.text and "congress" not in chooser.template.tags
            return fits - (6.0 if delegates else 0.0)

        chosen = chooser.pick(chooser.pool("salutation"), 1, occasion)
        part.items.append(Item(id=chosen[0].id) if chosen else Item(text="同志们："))
    elif section.kind == "opening":
        openings = chooser.pool("opening")
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

        chosen = chooser.pick(chooser.pool("transition"), 1, counts)
        part.items.append(Item(id=chosen[0].id) if chosen else Item(text="下面，我讲{count}点意见："))
    elif section.kind == "points" and section.points is not None:
        level = section.points
        count = points if points is not None else level.count
        count = min(count, max_items(level.style))
        part.level = level
        for _ in range(count):
            if not _add_point(part, chooser, units):
                break
    elif section.kind == "closing":
        part.items.extend(Item(id=p.id) for p in _pick_closings(chooser, section.pick))
    return part


def _add_point(part: Part, chooser: _Chooser, units: list[_Unit]) -> bool:
    """Draw one more top-level point (with its own children) into ``part``."""
    bank = chooser.bank
    level = part.level
    assert level is not None

    def top_first(p: Phrase) -> float:
        return 1.5 if (p.level or 1) == 1 else 0.0

    candidates = [
        p for p in chooser.pool("point") if p.id not in chooser.used_ids and _family_free(p, chooser, bank)
    ]
    chosen = chooser.pick(candidates, 1, top_first)
    if not chosen:
        return False
    item = _point_item(chosen[0], level.children, chooser, units)
    part.items.append(item)
    return True


def _family_free(phrase: Phrase, chooser: _Chooser, bank: Bank) -> bool:
    """A point whose children (or parent) are already in the draft would repeat them."""
    if any(child in chooser.used_ids for child in phrase.children):
        return False
    return not any(parent in chooser.used_ids for parent in chooser.parents_of(phrase.id))


def _point_item(phrase: Phrase, child_level: Level | None, chooser: _Chooser, units: list[_Unit]) -> Item:
    item = Item(id=phrase.id)
    units.append(_Unit(item, [s for p in phrase.body for s in sentences(p)], floor=1 if phrase.body else 0))
    if child_level is not None:
        limit = min(child_level.count, max_items(child_level.style))
        for child_id in phrase.children:
            if len(item.children) >= limit:
                break
            child = chooser.bank.get(child_id)
            if child is None or not chooser.is_new(child):
                continue
            chooser.use(child)
            item.children.append(_point_item(child, child_level.children, chooser, units))
    return item


def _pick_closings(chooser: _Chooser, n: int) -> list[Phrase]:
    """Closings that end a speech well: the best-fitting one first, thanks kept
    for the very end, no two of a kind while others remain; in the order
    rallying call → good wishes → thanks."""
    ranked = chooser.ranked(chooser.pool("closing"))
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
        for item in points_part.items:
            for child in item.children:
                drop(child)
            item.children = []
        current = measure()
    if current > high:
        for part in parts:
            if part.kind == "opening":
                for gone in part.items[1:]:
                    drop(gone)
                del part.items[1:]
        current = measure()
    if points_part is not None and not points_fixed:
        while current > high and len(points_part.items) > 1:
            drop(points_part.items.pop())
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
        if current >= low or points_part is None or points_fixed or len(points_part.items) >= MAX_POINTS:
            break
        before = len(units)
        if not _add_point(points_part, chooser, units):
            bank_exhausted = True
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


# ------------------------------------------------------------------ building


def build(
    parts: list[Part], bank: Bank, template: Template, values: Mapping[str, str]
) -> tuple[str, list[Block], list[str]]:
    """Render a plan into blocks: slots filled, numbering consecutive."""
    placeholders: list[str] = []

    def missing(name: str) -> str:
        label = template.label(name)
        if label not in placeholders:
            placeholders.append(label)
        return f"【{label}】"

    def text_of(raw: str, count: int | None = None) -> str:
        slot_values = dict(values)
        if count is not None:
            slot_values["count"] = "两" if count == 2 else chinese(count)  # 两点意见, not 二点
        return fill(raw, slot_values, missing).strip()

    def phrase(item: Item) -> Phrase:
        found = bank.get(item.id or "")
        if found is None:
            raise DraftError(f"phrase {item.id!r} is not in the bank {bank.folder}; edit the draft's ids")
        return found

    n_points = sum(len(p.items) for p in parts if p.kind == "points")
    blocks: list[Block] = []
    title = text_of(template.title) if template.title else ""
    if title:
        blocks.append(Block("title", title))
    for part in parts:
        if part.kind == "points":
            assert part.level is not None or not part.items
            _build_points(part.items, part.level, 1, blocks, phrase, text_of)
            continue
        for item in part.items:
            raw = item.text if item.text is not None else phrase(item).text
            if item.text is None and item.sentences is not None:
                raw = "".join(sentences(raw)[: item.sentences])
            text = text_of(raw, n_points)
            kind = "salutation" if part.kind == "salutation" else "paragraph"
            blocks.append(Block(kind, text, section=part.kind))
    return title, blocks, placeholders


def _build_points(
    items: list[Item],
    level: Level | None,
    depth: int,
    blocks: list[Block],
    phrase: Callable[[Item], Phrase],
    text_of: Callable[..., str],
) -> None:
    if level is None:
        return
    total = len(items)
    for n, item in enumerate(items, start=1):
        point = phrase(item)
        mark = marker(level.style, n, total)
        heading = text_of(point.heading or point.text).rstrip("。；，")
        body = [text_of(p) for p in _take(point.body, item.sentences)]
        if level.style in BLOCK_STYLES:
            blocks.append(Block("heading", mark + heading, level=depth, section="points"))
            blocks.extend(Block("paragraph", p, section="points") for p in body)
        else:
            lead = mark + heading + ("。" if not heading.endswith(("！", "？")) else "")
            first = lead + (body[0] if body else "")
            blocks.append(Block("paragraph", first, section="points"))
            blocks.extend(Block("paragraph", p, section="points") for p in body[1:])
        _build_points(item.children, level.children, depth + 1, blocks, phrase, text_of)


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
) -> Draft:
    """A draft for ``template`` from ``bank``; the same arguments give the same draft."""
    values = resolve_slots(template, slots or {})
    topic = [t.strip() for t in topic if t.strip()]
    parts, notes = plan(
        bank, template, values, topic=topic, seed=seed, minutes=minutes, points=points, rate=rate
    )
    title, blocks, placeholders = build(parts, bank, template, values)
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
    )
