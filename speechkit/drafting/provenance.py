"""Where each part of a draft comes from: ``speechkit explain`` and ``generate --explain``.

For every part (by its address, as ``swap`` and ``--pin`` take it): the
phrase id, the text as the draft shows it, where the phrase was found in the
speeches mined (as the bank records it), the occasion of that speech, how
much of it the draft uses, and the specifics the writer must check (the
``【核：…】`` of that part). Parts in the template's own words say so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speechkit.bank.model import Bank, Source
from speechkit.drafting import checks as checking
from speechkit.drafting.addresses import Place, places
from speechkit.drafting.assemble import Block, Draft, Item, Part, build, folded_body, folds_at, sentences
from speechkit.drafting.fit import draft_level
from speechkit.drafting.templates import Template

BANK = "bank"
TEMPLATE = "template"  # the template's wording where the bank had no fitting phrase, or its fixed text


@dataclass
class PartInfo:
    """One part of a draft and where it comes from."""

    address: str
    kind: str
    id: str | None
    text: str  # as the draft shows it: its own paragraphs, numbered, not its sub-points'
    sentences: int | None = None  # sentences of the phrase the draft uses
    of: int | None = None  # sentences the phrase has
    sources: list[Source] = field(default_factory=list)
    occasion: str | None = None  # of the speech it was mined from
    checks: list[tuple[str, str]] = field(default_factory=list)  # (text, kind) marked 【核：…】

    @property
    def wording(self) -> str:
        return TEMPLATE if self.id is None else BANK

    def to_dict(self) -> dict[str, Any]:
        return {
            "part": self.address,
            "kind": self.kind,
            "id": self.id,
            "wording": self.wording,
            "text": self.text,
            "sentences": None if self.of is None else {"used": self.sentences, "of": self.of},
            "sources": [s.to_dict() for s in self.sources],
            "occasion": self.occasion,
            "checks": [{"text": text, "kind": kind} for text, kind in self.checks],
        }


@dataclass
class Explanation:
    draft: Draft
    parts: list[PartInfo]


def explain_file(
    path: Path, bank_folder: Path | None = None, warn: Callable[[str], None] | None = None
) -> Explanation:
    """A saved draft, built again from its bank (or ``bank_folder``), part by part."""
    from speechkit.drafting.draftfile import open_draft

    saved = open_draft(path, bank_folder, warn)
    return Explanation(saved.draft, explain(saved.draft, saved.bank, saved.template))


def explain(draft: Draft, bank: Bank, template: Template) -> list[PartInfo]:
    """Every part of ``draft``, in the order it reads."""
    level = draft_level(draft.slots, template.level)
    found = places(draft.parts)
    own = [_own_blocks(place, draft, bank, template) for place in found]
    shown = [b for b in draft.blocks if b.kind != "title"]
    if sum(len(blocks) for blocks, _ in own) == len(shown):  # the draft's own text, numbered in place
        start = 0
        for k, (blocks, marked) in enumerate(own):
            own[k] = (shown[start : start + len(blocks)], marked)
            start += len(blocks)
    out = []
    for place, (blocks, marked) in zip(found, own, strict=True):
        info = PartInfo(place.address, place.kind, place.item.id, "\n".join(b.text for b in blocks))
        phrase = bank.get(place.item.id) if place.item.id is not None else None
        if phrase is not None:
            kinds = dict(checking.to_check(phrase, draft.slots, level))
            folds = folds_at(place.level, template)
            body = [p for p, _ in folded_body(phrase, bank, folds)] if phrase.is_point else [phrase.text]
            info.of = sum(len(sentences(p)) for p in body)
            used = place.item.sentences
            info.sentences = info.of if used is None else min(used, info.of)
            info.sources = list(phrase.sources)
            info.occasion = phrase.occasion
            info.checks = [(text, kinds.get(text, "")) for text in marked]
        out.append(info)
    return out


def of_part(parts: list[PartInfo], address: str) -> list[PartInfo]:
    """The part at ``address`` and its sub-points."""
    return [p for p in parts if p.address == address or p.address.startswith(address + ".")]


def _own_blocks(place: Place, draft: Draft, bank: Bank, template: Template) -> tuple[list[Block], list[str]]:
    """The blocks of one part alone (not its sub-points) and the specifics marked in it,
    built as the draft builds them."""
    lone = Item(place.item.id, place.item.text, place.item.sentences)
    kind = "points" if place.kind == "point" else place.kind
    _, blocks, _, marked = build([Part(kind, [lone], place.level)], bank, template, draft.slots, draft.topic)
    return [b for b in blocks if b.kind != "title"], marked
