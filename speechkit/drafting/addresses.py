"""The parts of a draft by address: what ``explain`` lists, ``swap`` and ``--pin`` take.

A section with one paragraph is named by its kind (``salutation``,
``transition``); one with several numbers them (``opening.1``,
``opening.2``). Points are numbered as the draft numbers them: ``2`` is the
second top-level point, ``2.1`` its first sub-point. A template's own fixed
text is ``text`` (``text.1``, … where it has several).

Addresses come from the plan alone (no bank), so shell completion can offer
them from a draft file at once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from speechkit.drafting.assemble import Item, Part
from speechkit.drafting.templates import Level
from speechkit.errors import DraftError


@dataclass(frozen=True)
class Place:
    """One part of a draft: a paragraph of a section, or a point with its sub-points."""

    address: str
    kind: str  # salutation, opening, transition, point, closing or text
    section: int  # the part's index in the plan (the template's section)
    path: tuple[int, ...]  # its position in the section, then among the sub-points
    item: Item
    level: Level | None = None  # points: the numbering of its level

    @property
    def is_sub_point(self) -> bool:
        return len(self.path) > 1


def places(parts: list[Part]) -> list[Place]:
    """Every part of the plan, in the order the draft reads."""
    totals = Counter(p.kind for p in parts if p.kind != "points" for _ in p.items)
    seen: Counter[str] = Counter()
    out: list[Place] = []
    for k, part in enumerate(parts):
        if part.kind == "points":
            _points(out, k, part.items, (), part.level)
            continue
        for n, item in enumerate(part.items):
            seen[part.kind] += 1
            address = part.kind if totals[part.kind] == 1 else f"{part.kind}.{seen[part.kind]}"
            out.append(Place(address, part.kind, k, (n,), item))
    return out


def _points(
    out: list[Place], section: int, items: list[Item], path: tuple[int, ...], level: Level | None
) -> None:
    for n, item in enumerate(items):
        here = (*path, n)
        out.append(Place(".".join(str(i + 1) for i in here), "point", section, here, item, level))
        _points(out, section, item.children, here, level.children if level else None)


def find(parts: list[Part], address: str, draft: Path) -> Place:
    """The part at ``address``; an error names the draft and lists the addresses it has."""
    known = places(parts)
    wanted = address.strip().lower()
    for place in known:
        if place.address == wanted:
            return place
    several = [p.address for p in known if p.address.startswith(wanted + ".") and not wanted[:1].isdigit()]
    if several:
        raise DraftError(
            f"{draft}: the draft has {len(several)} parts '{wanted}'; give one of: {', '.join(several)}"
        )
    single = wanted.removesuffix(".1")  # opening.1 of a section with one opening
    if single != wanted and not single[:1].isdigit() and any(p.address == single for p in known):
        return next(p for p in known if p.address == single)
    listed = ", ".join(p.address for p in known) or "none"
    raise DraftError(
        f"{draft}: no part {address!r} in this draft; its parts are: {listed} "
        f"(as 'speechkit explain {draft}' lists them)"
    )


def replaced(parts: list[Part], place: Place, item: Item) -> list[Part]:
    """A copy of the plan with ``item`` in the place of ``place``; nothing else changes."""
    out = [Part(p.kind, list(p.items), p.level) for p in parts]
    items = out[place.section].items
    for n in place.path[:-1]:
        parent = items[n]
        copy = Item(parent.id, parent.text, parent.sentences, list(parent.children))
        items[n] = copy
        items = copy.children
    items[place.path[-1]] = item
    return out
