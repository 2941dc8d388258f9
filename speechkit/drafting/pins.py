"""Parts kept from a saved draft while the rest is chosen again (``generate --from
DRAFT --pin PART``, and ``swap``, which pins every part but one).

``plan`` takes them as ``{(section, position): Item}``: their phrases (and
sub-points) count as drawn before anything is chosen; once the sections are
chosen they take their places; the length fitting leaves them as they are
(``Item.pinned``); once it is done, pinned points stand where they stood.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from speechkit.reading.numbering import max_items

if TYPE_CHECKING:
    from speechkit.drafting.assemble import Item, Part

Pinned = Mapping[tuple[int, int], "Item"]


def held(pinned: Pinned, exclude: Iterable[str]) -> list[str]:
    """Ids never to draw: the excluded, the pinned and their sub-points."""
    ids = list(exclude)
    stack = list(pinned.values())
    while stack:
        item = stack.pop()
        if item.id is not None:
            ids.append(item.id)
        stack.extend(item.children)
    return ids


def place(parts: list[Part], pinned: Pinned, points: int | None) -> list[Item]:
    """Put each pinned item at its (section, position); returns the items chosen that went.

    Elsewhere than in points a place is a move of its own: it keeps what was chosen
    for it. Points are alike: those chosen fill the places the pinned leave, as many
    as asked (``points``, else as many as the template's and the pinned)."""
    gone: list[Item] = []
    for k, part in enumerate(parts):
        pins = _of_section(pinned, k)
        if not pins:
            continue
        for item in pins.values():
            item.pinned = True
        fresh = list(part.items)
        if part.kind == "points" and part.level is not None:
            asked = points if points is not None else max(part.level.count, max(pins) + 1)
            part.items = arrange(fresh, pins, max(min(asked, max_items(part.level.style)), len(pins)))
        else:
            slots = {**dict(enumerate(fresh)), **pins}
            part.items = [item for _, item in sorted(slots.items())]
        gone.extend(i for i in fresh if not any(i is kept for kept in part.items))
    return gone


def settle(parts: list[Part], pinned: Pinned) -> None:
    """Once the length is fitted (points added or left out), pinned points where they stood."""
    for k, part in enumerate(parts):
        pins = _of_section(pinned, k)
        if pins and part.kind == "points":
            part.items = arrange(part.items, pins, len(part.items))


def arrange(items: list[Item], pins: dict[int, Item], total: int) -> list[Item]:
    """``total`` points at most: each pinned where it stood (moved up just enough for
    those after it to fit within ``total``: their order kept), the others of ``items``
    in the places left, in their order."""
    others = iter([i for i in items if not any(i is pin for pin in pins.values())])
    m = len(pins)
    slots: dict[int, Item | None] = {
        min(n, total - (m - j)): item for j, (n, item) in enumerate(sorted(pins.items()))
    }
    slots.update({n: next(others, None) for n in range(total) if n not in slots})
    return [item for _, item in sorted(slots.items()) if item is not None]


def _of_section(pinned: Pinned, section: int) -> dict[int, Item]:
    return {n: item for (k, n), item in sorted(pinned.items(), key=lambda kv: kv[0]) if k == section}
