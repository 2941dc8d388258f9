"""Draft files: what ``generate --save-draft`` records and ``export`` reads.

A draft file names the template, the slot values, the topic, the seed and
the phrases chosen for each section (with how many sentences of each body),
so it renders again exactly. Writers may edit the ids by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from speechkit.bank import yamlio
from speechkit.drafting.assemble import Draft, Item, Part
from speechkit.drafting.templates import Level
from speechkit.errors import DraftError
from speechkit.reading.numbering import STYLES

FORMAT_VERSION = 1


def _item_to_data(item: Item) -> Any:
    if item.text is not None:
        return {"text": item.text}
    if item.sentences is None and not item.children:
        return item.id
    data: dict[str, Any] = {"id": item.id}
    if item.sentences is not None:
        data["sentences"] = item.sentences
    if item.children:
        data["children"] = [_item_to_data(c) for c in item.children]
    return data


def _level_to_data(level: Level | None) -> list[dict[str, Any]]:
    out = []
    while level is not None:
        out.append({"style": level.style, "count": level.count})
        level = level.children
    return out


def to_data(draft: Draft) -> dict[str, Any]:
    sections = []
    for part in draft.parts:
        entry: dict[str, Any] = {"kind": part.kind}
        if part.level is not None:
            entry["styles"] = [lv["style"] for lv in _level_to_data(part.level)]
        entry["items"] = [_item_to_data(i) for i in part.items]
        sections.append(entry)
    return {
        "speechkit_draft": FORMAT_VERSION,
        "template": draft.template,
        "slots": dict(draft.slots),
        "topic": list(draft.topic),
        "seed": draft.seed,
        "rate": draft.rate,
        "minutes": draft.minutes,
        "sections": sections,
    }


def dump(draft: Draft) -> str:
    import yaml

    header = (
        "# speechkit draft: `speechkit export THIS_FILE -o out.docx` renders it again.\n"
        "# You may edit the phrase ids below (see `speechkit phrases`).\n"
    )
    body = yaml.safe_dump(to_data(draft), allow_unicode=True, sort_keys=False, width=1000)
    return header + body


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[yamlio.Problem] = []

    def fail(self, where: yamlio.PathKey, message: str) -> None:
        self.problems.append(yamlio.Problem(where, message))

    def item(self, value: Any, where: yamlio.PathKey) -> Item | None:
        if isinstance(value, str) and value:
            return Item(id=value)
        if isinstance(value, dict):
            unknown = set(value) - {"id", "text", "sentences", "children"}
            if unknown:
                self.fail(where, f"unknown key {sorted(unknown)[0]!r}; an item has id, sentences, children")
            if "text" in value:
                if not isinstance(value["text"], str):
                    self.fail((*where, "text"), "text must be text")
                    return None
                return Item(text=value["text"])
            pid = value.get("id")
            if not isinstance(pid, str) or not pid:
                self.fail(where, "an item needs an id")
                return None
            sentences = value.get("sentences")
            if sentences is not None and (
                isinstance(sentences, bool) or not isinstance(sentences, int) or sentences < 0
            ):
                self.fail((*where, "sentences"), "sentences must be a whole number")
                sentences = None
            children_raw = value.get("children", [])
            if not isinstance(children_raw, list):
                self.fail((*where, "children"), "children must be a list")
                children_raw = []
            children = [self.item(c, (*where, "children", k)) for k, c in enumerate(children_raw)]
            return Item(id=pid, sentences=sentences, children=[c for c in children if c])
        self.fail(where, "an item is a phrase id or {id: …, sentences: N, children: […]}")
        return None

    def part(self, value: Any, where: yamlio.PathKey) -> Part | None:
        if not isinstance(value, dict) or "kind" not in value:
            self.fail(where, "a section is {kind: …, items: […]}")
            return None
        kind = value["kind"]
        if kind not in ("salutation", "opening", "transition", "points", "closing", "text"):
            self.fail((*where, "kind"), f"unknown section kind {kind!r}")
            return None
        level = None
        if kind == "points":
            styles = value.get("styles", ["一、"])
            if not isinstance(styles, list) or not styles or any(s not in STYLES for s in styles):
                self.fail((*where, "styles"), f"styles must be a list of: {' '.join(STYLES)}")
                styles = ["一、"]
            for style in reversed(styles):
                level = Level(count=1, style=style, children=level)
        items_raw = value.get("items", [])
        if not isinstance(items_raw, list):
            self.fail((*where, "items"), "items must be a list")
            items_raw = []
        items = [self.item(v, (*where, "items", k)) for k, v in enumerate(items_raw)]
        return Part(kind, [i for i in items if i], level)


def load(path: Path) -> tuple[dict[str, Any], list[Part]]:
    """Read a draft file: its settings and its plan. DraftError names file and position."""
    text, data = yamlio.read_document(
        path,
        DraftError,
        "draft file",
        missing="no such draft file; save one with 'speechkit generate --save-draft'",
    )
    if not isinstance(data, dict) or data.get("speechkit_draft") != FORMAT_VERSION:
        raise DraftError(
            f"{path}: not a speechkit draft file (no 'speechkit_draft: 1'); save one with --save-draft"
        )
    reader = _Reader(path)
    if not isinstance(data.get("template"), str):
        reader.fail(("template",), "template must be a template name")
    slots = data.get("slots") or {}
    if not isinstance(slots, dict) or not all(isinstance(v, (str, int)) for v in slots.values()):
        reader.fail(("slots",), "slots must be a mapping of name: value")
        slots = {}
    topic = data.get("topic") or []
    if not isinstance(topic, list):
        reader.fail(("topic",), "topic must be a list of words")
        topic = []
    seed = data.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        reader.fail(("seed",), "seed must be a whole number")
        seed = 0
    rate = data.get("rate", 220)
    if isinstance(rate, bool) or not isinstance(rate, int) or rate <= 0:
        reader.fail(("rate",), "rate must be a whole number of characters a minute")
        rate = 220
    sections_raw = data.get("sections")
    parts: list[Part] = []
    if not isinstance(sections_raw, list):
        reader.fail(("sections",), "sections must be a list")
    else:
        for k, value in enumerate(sections_raw):
            part = reader.part(value, ("sections", k))
            if part:
                parts.append(part)
    if reader.problems:
        raise yamlio.located_error(DraftError, path, text, reader.problems)
    settings = {
        "template": data["template"],
        "slots": {str(k): str(v) for k, v in slots.items()},
        "topic": [str(t) for t in topic],
        "seed": seed,
        "rate": rate,
        "minutes": data.get("minutes"),
    }
    return settings, parts


def load_draft(
    path: Path, bank_folder: Path | None = None, warn: Callable[[str], None] | None = None
) -> Draft:
    """Read a draft file and build it again from the bank: the same text as when it was saved."""
    from speechkit.bank.load import load_bank
    from speechkit.bank.locate import find_bank
    from speechkit.drafting.assemble import build, check_slots
    from speechkit.drafting.templates import load_template

    settings, parts = load(path)
    folder = find_bank(bank_folder)
    bank = load_bank(folder, warn=warn)
    template = load_template(settings["template"], folder)
    check_slots(template, settings["slots"])
    for part in parts:
        for item in _walk(part.items):
            if item.id is not None and bank.get(item.id) is None:
                raise DraftError(
                    f"{path}: phrase {item.id!r} is not in the bank {folder}; "
                    "fix the id (see 'speechkit phrases') or use --bank"
                )
    title, blocks, placeholders = build(parts, bank, template, settings["slots"])
    minutes = settings["minutes"]
    return Draft(
        template=template.name,
        title=title,
        blocks=blocks,
        parts=parts,
        slots=settings["slots"],
        topic=settings["topic"],
        seed=settings["seed"],
        rate=settings["rate"],
        minutes=float(minutes) if isinstance(minutes, (int, float)) else None,
        placeholders=placeholders,
    )


def _walk(items: list[Item]) -> list[Item]:
    out = []
    for item in items:
        out.append(item)
        out.extend(_walk(item.children))
    return out
