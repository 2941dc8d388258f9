"""Rework a saved draft: swap one part for another fitting phrase (``speechkit
swap``), or draft again around the parts a writer keeps (``generate --from
DRAFT --pin PART``).

A part is chosen again the way ``generate`` chose it — the same kind, the
draft's occasion, moves, level, topic and ``--strict``, nothing already in
the draft — by planning the draft anew with every other part pinned, so the
rules are the drafting rules, whatever they become. A sub-point comes, as in
any draft, from the sub-points its point has in the bank. Everything not
swapped stays as it was; numbering, ``{count}`` and the length are those of
the new draft. Swapped-out phrases are recorded (``rejected:``) and never
drawn again for that draft, so swapping again brings a third phrase, not the
first back.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from speechkit.bank.model import Bank, Phrase, dedup_key
from speechkit.drafting import checks as checking
from speechkit.drafting.addresses import Place, find, places, replaced
from speechkit.drafting.assemble import Draft, Item, Part, assemble, folded_body, folds_at, plan, sentences
from speechkit.drafting.draftfile import SavedDraft, draft_of, dump, open_draft, settings_of, walk
from speechkit.drafting.fit import draft_level, on_topic
from speechkit.drafting.provenance import PartInfo, explain, of_part
from speechkit.drafting.templates import Level, Template
from speechkit.errors import DraftError
from speechkit.reading.numbering import max_items

Warn = Callable[[str], None] | None


@dataclass
class Swapped:
    """What ``swap`` did: the part, the phrase it had and has now, the new draft."""

    address: str
    old: str  # the phrase id it had, or "template wording"
    new: str
    draft: Draft
    parts: list[PartInfo]  # the new part and its sub-points, explained
    notes: list[str] = field(default_factory=list)


def swap(
    path: Path,
    address: str,
    *,
    seed: int | None = None,
    topic: Sequence[str] = (),
    bank_folder: Path | None = None,
    warn: Warn = None,
) -> Swapped:
    """Replace the part at ``address`` of the draft file ``path`` with another fitting
    phrase and write the file again (atomically); nothing else of the draft changes.
    The same seed and topic on the same file give the same phrase; without a seed,
    the draft's own. An error leaves the file as it was."""
    from speechkit.fileio import write_output

    saved = open_draft(path, bank_folder, warn)
    old = saved.draft
    place = find(old.parts, address, path)
    if place.kind == "text":
        raise DraftError(
            f"{path}: {place.address} is the template's own text, not a phrase of the bank; "
            f"change it in the template {saved.template.path or saved.template.name}"
        )
    words = [t.strip() for t in topic if t.strip()] or old.topic
    chosen_seed = old.seed if seed is None else seed
    excluded = [*old.rejected, *([place.item.id] if place.item.id else [])]
    if place.is_sub_point:
        new = _other_sub_point(saved, place, chosen_seed, words, excluded)
    else:
        new = _other_part(saved, place, chosen_seed, words, excluded)
    rejected = list(old.rejected)
    if place.item.id is not None and place.item.id not in rejected:
        rejected.append(place.item.id)
    parts = replaced(old.parts, place, new) if new is not None else old.parts
    draft = draft_of(parts, saved.bank, saved.template, settings_of(old) | {"rejected": rejected}, old.notes)
    if new is None or draft.blocks == old.blocks:
        raise DraftError(_nothing_else(path, place, old, saved.bank))
    notes = list(old.notes)
    if topic and not _about(saved.bank.get(new.id or ""), words):
        about = "、".join(words)
        notes.append(f"nothing fitting {place.address} is about {about}; took the best fitting one")
    write_output(path, dump(draft, saved.bank, saved.template), force=True)
    return Swapped(
        address=place.address,
        old=place.item.id or "template wording",
        new=new.id or "template wording",
        draft=draft,
        parts=of_part(explain(draft, saved.bank, saved.template), place.address),
        notes=notes,
    )


def _other_part(
    saved: SavedDraft, place: Place, seed: int, topic: list[str], excluded: list[str]
) -> Item | None:
    """What ``generate`` chooses for this place with every other part kept: the draft
    planned again around them, with the same number of points (none added, none
    left out). Points are alike: the others are pinned where they stand. Elsewhere
    the section chooses one phrase, for this place's move, its other parts pinned
    after it (they count for the length, and are not chosen again)."""
    old = saved.draft
    check_sections(old.parts, saved.template, saved.path)
    k, n = place.section, place.path[0]
    pinned = {
        (p.section, p.path[0]): copy.deepcopy(p.item)
        for p in places(old.parts)
        if not p.is_sub_point and p.section != k
    }
    own = old.parts[k].items
    kept = [(j, copy.deepcopy(item)) for j, item in enumerate(own) if j != n]
    template = saved.template
    if place.kind == "point":
        pinned |= {(k, j): item for j, item in kept}
    else:
        pinned |= {(k, m + 1): item for m, (_, item) in enumerate(kept)}
        template = _one_place(template, k, n, len(own))
        n = 0
    n_points = sum(len(p.items) for p in old.parts if p.kind == "points")
    parts, _ = plan(
        saved.bank,
        template,
        old.slots,
        topic=topic,
        seed=seed,
        minutes=old.minutes,
        points=n_points or None,
        rate=old.rate,
        strict=old.strict,
        pinned=pinned,
        exclude=excluded,
    )
    items = parts[k].items
    if len(items) != len(own) or items[n].pinned:
        return None  # nothing fitted its place
    return items[n]


def _one_place(template: Template, k: int, n: int, count: int) -> Template:
    """``template`` with its section ``k`` choosing one phrase: for the move of place ``n``."""
    section = template.sections[k]
    moves = (section.moves[n],) if len(section.moves) == count else ()
    one = section._replace(moves=moves, pick=1)
    return template._replace(sections=[*template.sections[:k], one, *template.sections[k + 1 :]])


def _other_sub_point(
    saved: SavedDraft, place: Place, seed: int, topic: list[str], excluded: list[str]
) -> Item | None:
    """Another of the sub-points its point has in the bank, not in the draft (the
    rule of every draft: a point's sub-points are its own)."""
    old, bank = saved.draft, saved.bank
    parent = bank.get(_parent(old, place).item.id or "")
    in_draft = [i for part in old.parts for i in walk(part.items)]
    used = {i.id for i in in_draft if i.id is not None} | set(excluded)
    keys = {dedup_key(p.all_text()) for p in (bank.get(i.id or "") for i in in_draft) if p is not None}
    level = draft_level(old.slots, saved.template.level)
    candidates = [
        child
        for child in (bank.get(c) for c in (parent.children if parent else []) if c not in used)
        if child is not None
        and not child.stale
        and dedup_key(child.all_text()) not in keys
        and not (old.strict and checking.to_check(child, old.slots, level))
    ]
    if topic:
        candidates = [c for c in candidates if on_topic(c, topic)] or candidates
    if not candidates:
        return None
    chosen = random.Random(f"swap-{seed}-{place.address}").choice(candidates)
    level_here = _template_level(saved.template, len(place.path))
    return _sub_item(chosen, place.item.sentences, level_here, bank, used, saved.template)


def _sub_item(
    phrase: Phrase, taken: int | None, level: Level | None, bank: Bank, used: set[str], template: Template
) -> Item:
    """A sub-point taking ``taken`` sentences (None: all), with its own sub-points as the template
    numbers them (one sentence each where it takes part of its body), or run on in its
    body where the template has no level below a top-level point."""
    body = folded_body(phrase, bank, folds_at(level, template))
    used.update(source.id for _, source in body[len(phrase.body) :])
    total = sum(len(sentences(p)) for p, _ in body)
    item = Item(id=phrase.id, sentences=taken if taken is not None and taken < total else None)
    below = level.children if level is not None else None
    if below is not None:
        for child_id in phrase.children:
            child = bank.get(child_id)
            if len(item.children) >= min(below.count, max_items(below.style)):
                break
            if child is None or child.id in used or child.stale:
                continue
            used.add(child.id)
            item.children.append(_sub_item(child, None if taken is None else 1, below, bank, used, template))
    return item


def _template_level(template: Template, depth: int) -> Level | None:
    """The template's numbering at ``depth`` (1: the top-level points)."""
    section = template.points_section()
    level = section.points if section is not None else None
    for _ in range(depth - 1):
        level = level.children if level is not None else None
    return level


def _about(phrase: Phrase | None, topic: list[str]) -> bool:
    if phrase is None:
        return False
    text = phrase.all_text()
    return any(word in text or word in phrase.keywords for word in topic)


def _nothing_else(path: Path, place: Place, draft: Draft, bank: Bank) -> str:
    """Why nothing else fits: the rule, the phrases set aside by earlier swaps, what to do."""
    point = place.address.rsplit(".", 1)[0]
    if place.is_sub_point:
        parent = bank.get(_parent(draft, place).item.id or "")
        what, rule = "sub-point", f"a sub-point of point {point} in the bank"
        aside = [i for i in draft.rejected if parent is not None and i in parent.children]
    else:
        what, rule = place.kind, "of the draft's occasion"
        aside = [i for i in draft.rejected if (p := bank.get(i)) is not None and p.kind == place.kind]
    rule += ", with nothing to check" if draft.strict else ""
    more = ""
    if aside:
        it = "it" if len(aside) == 1 else "them"
        more = (
            f"; {len(aside)} swapped out before {'is' if len(aside) == 1 else 'are'} not drawn again "
            f"(delete {it} from 'rejected:' in the draft to draw from {it})"
        )
    if place.is_sub_point:
        more += f"; swap {point} for another point with its own sub-points"
    return (
        f"{path}: no other {what} fits {place.address} ({rule}, not in the draft already){more}; "
        "the draft is unchanged"
    )


def _parent(draft: Draft, place: Place) -> Place:
    return next(p for p in places(draft.parts) if p.section == place.section and p.path == place.path[:-1])


def check_sections(parts: list[Part], template: Template, path: Path) -> None:
    """A draft whose sections are its template's (as generate saves it): parts can be chosen again."""
    have = [p.kind for p in parts]
    want = [s.kind for s in template.sections]
    if have != want:
        raise DraftError(
            f"{path}: its sections ({', '.join(have)}) are not those of its template {template.name} "
            f"({', '.join(want)}); parts can be chosen again only in a draft saved by "
            "'speechkit generate --save-draft'"
        )


@dataclass
class Regenerated:
    draft: Draft
    bank: Bank
    template: Template


def regenerate(
    path: Path,
    pins: Sequence[str],
    *,
    seed: int,
    slots: dict[str, str] | None = None,
    topic: Sequence[str] | None = None,
    minutes: float | None = None,
    points: int | None = None,
    rate: int | None = None,
    strict: bool = False,
    bank_folder: Path | None = None,
    warn: Warn = None,
) -> Regenerated:
    """A new draft from the saved draft ``path``: its template, bank, slots, topic and
    length (each may be given anew), another ``seed``, and the parts at ``pins``
    kept as they are (phrase and sentences) where they stand; phrases swapped out
    of it stay out."""
    saved = open_draft(path, bank_folder, warn)
    old = saved.draft
    pinned: dict[tuple[int, int], Item] = {}
    if pins:
        check_sections(old.parts, saved.template, path)
    for address in pins:
        place = find(old.parts, address, path)
        if place.is_sub_point:
            top = place.address.split(".", 1)[0]
            raise DraftError(
                f"{path}: {place.address} is a sub-point; pin its point {top} (a point keeps its sub-points)"
            )
        pinned[(place.section, place.path[0])] = copy.deepcopy(place.item)
    draft = assemble(
        saved.bank,
        saved.template,
        slots={**old.slots, **(slots or {})},
        topic=old.topic if topic is None else topic,
        seed=seed,
        minutes=old.minutes if minutes is None else minutes,
        points=points,
        rate=old.rate if rate is None else rate,
        strict=strict or old.strict,
        pinned=pinned,
        rejected=old.rejected,
    )
    draft.notes[:0] = old.notes
    return Regenerated(draft, saved.bank, saved.template)
