"""Draft files: what ``generate --save-draft`` records and ``export`` reads.

A draft file names the template, the slot values, the topic, the seed and
the phrases chosen for each section (with how many sentences of each body),
so it renders again exactly. Writers may edit the ids by hand.

It also records where it came from, so it exports anywhere: the template
file and a hash of its content (a different template of the same name is
refused), and the bank folder with a hash of the phrases the draft uses
(``export`` without ``--bank`` uses that bank, and says when those phrases
have changed). Hashing the phrases used, not the whole bank, keeps ``export``
fast on a bank of 100,000 phrases. Files without these keys (older drafts)
export as before: the template by name, the bank as any command finds it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from speechkit.bank import yamlio
from speechkit.bank.model import Bank
from speechkit.drafting.assemble import Draft, Item, Part
from speechkit.drafting.templates import Level, Template
from speechkit.errors import DraftError
from speechkit.reading.numbering import STYLES

FORMAT_VERSION = 1
SHIPPED = "shipped"  # the ``bank:`` of a draft made from the banks inside the package
_ORIGIN_KEYS = ("template_file", "template_sha256", "bank", "phrases_sha256")


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
    data: dict[str, Any] = {
        "speechkit_draft": FORMAT_VERSION,
        "template": draft.template,
        "slots": dict(draft.slots),
        "topic": list(draft.topic),
        "seed": draft.seed,
        "rate": draft.rate,
        "minutes": draft.minutes,
    }
    if draft.strict:
        data["strict"] = True
    data["sections"] = sections
    if draft.rejected:
        data["rejected"] = list(draft.rejected)
    return data


def origin(draft: Draft, bank: Bank | None, template: Template | None) -> dict[str, str]:
    """What identifies the template and the bank a draft was made from."""
    out: dict[str, str] = {}
    if template is not None and template.path is not None:
        out["template_file"] = str(template.path.resolve())
        out["template_sha256"] = file_sha256(template.path)
    if bank is not None and bank.folder is not None:
        from speechkit.bank.locate import default_bank

        shipped = bank.folder.resolve() == default_bank().resolve()
        out["bank"] = SHIPPED if shipped else str(bank.folder.resolve())
        out["phrases_sha256"] = phrases_sha256(draft.parts, bank, template)
    return out


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def phrases_sha256(parts: list[Part], bank: Bank, template: Template | None = None) -> str:
    """A hash of what the draft's phrases say (the parts a draft renders: text,
    heading, body, and the sub-points a point runs on in its body), in draft
    order; their counts, tags and sources do not count."""
    from speechkit.drafting.assemble import folded_body, folds_at

    digest = hashlib.sha256()
    for part in parts:
        folds = template is not None and folds_at(part.level, template)
        for item in walk(part.items):
            if item.id is None:
                continue
            phrase = bank.get(item.id)
            if phrase is None:
                record: list[Any] = [item.id, None]
            else:
                said = [p for p, _ in folded_body(phrase, bank, True)] if folds else phrase.body
                record = [item.id, phrase.text, phrase.heading, said]
            digest.update(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    return digest.hexdigest()


def dump(draft: Draft, bank: Bank | None = None, template: Template | None = None) -> str:
    """The draft file's text; with ``bank`` and ``template``, it records where it came from."""
    import yaml

    header = (
        "# speechkit draft: `speechkit export THIS_FILE -o out.docx` renders it again.\n"
        "# You may edit the phrase ids below (see `speechkit phrases`).\n"
    )
    data = to_data(draft)
    head = {k: data.pop(k) for k in ("speechkit_draft", "template")}
    data = {**head, **origin(draft, bank, template), **data}
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
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
    for key in _ORIGIN_KEYS:
        if data.get(key) is not None and not isinstance(data[key], str):
            reader.fail((key,), f"{key} must be text")
    seed = data.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        reader.fail(("seed",), "seed must be a whole number")
        seed = 0
    strict = data.get("strict", False)
    if not isinstance(strict, bool):
        reader.fail(("strict",), "strict must be true or false")
        strict = False
    rejected = data.get("rejected") or []
    if not isinstance(rejected, list) or not all(isinstance(r, str) and r for r in rejected):
        reader.fail(("rejected",), "rejected must be a list of phrase ids")
        rejected = []
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
        "strict": strict,
        "rejected": list(rejected),
        **{key: data.get(key) for key in _ORIGIN_KEYS},
    }
    return settings, parts


@dataclass
class SavedDraft:
    """A draft file read and built again, with the bank and template it was built from."""

    path: Path
    draft: Draft
    bank: Bank
    template: Template


def load_draft(
    path: Path, bank_folder: Path | None = None, warn: Callable[[str], None] | None = None
) -> Draft:
    """Read a draft file and build it again from the bank: the same text as when it was saved."""
    return open_draft(path, bank_folder, warn).draft


def open_draft(
    path: Path, bank_folder: Path | None = None, warn: Callable[[str], None] | None = None
) -> SavedDraft:
    """Read a draft file and build it again from its bank (``bank_folder`` if given,
    else the one recorded) and its template; a note says when its phrases have changed."""
    from speechkit.bank.load import load_bank
    from speechkit.bank.locate import find_bank
    from speechkit.drafting.assemble import check_slots

    settings, parts = load(path)
    folder = find_bank(bank_folder) if bank_folder is not None else _recorded_bank(path, settings)
    bank = load_bank(folder, warn=warn)
    template = _recorded_template(path, settings, folder)
    try:
        check_slots(template, settings["slots"])
    except DraftError as error:  # the file's slots: say which file, and that it is to be edited
        raise DraftError(f"{path}: {error}; edit the slots in the file") from None
    recorded = settings["phrases_sha256"]
    for part in parts:
        for item in walk(part.items):
            if item.id is not None and bank.get(item.id) is None:
                why = " (the bank has changed since the draft was saved, or the id was edited)"
                raise DraftError(
                    f"{path}: phrase {item.id!r} is not in the bank {folder}{why if recorded else ''}; "
                    "fix the id (see 'speechkit phrases') or use --bank"
                )
    notes = []
    if recorded and phrases_sha256(parts, bank, template) != recorded:
        notes.append(
            f"{path}: its phrases are not as they were when it was saved (the bank {folder} has "
            "changed, or ids were edited); they are used as they are now"
        )
    return SavedDraft(path, draft_of(parts, bank, template, settings, notes), bank, template)


def draft_of(
    parts: list[Part], bank: Bank, template: Template, settings: dict[str, Any], notes: Sequence[str] = ()
) -> Draft:
    """The Draft of a plan with the settings of a draft file (template, slots, topic, seed…)."""
    from speechkit.drafting.assemble import build

    title, blocks, placeholders, marked = build(parts, bank, template, settings["slots"], settings["topic"])
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
        notes=list(notes),
        placeholders=placeholders,
        checks=marked,
        strict=settings.get("strict", False),
        rejected=list(settings.get("rejected", [])),
    )


def settings_of(draft: Draft) -> dict[str, Any]:
    """The settings ``draft_of`` takes, from a Draft."""
    return {
        "slots": dict(draft.slots),
        "topic": list(draft.topic),
        "seed": draft.seed,
        "rate": draft.rate,
        "minutes": draft.minutes,
        "strict": draft.strict,
        "rejected": list(draft.rejected),
    }


def _recorded_bank(path: Path, settings: dict[str, Any]) -> Path:
    """The bank the draft was saved with; for an older draft, the bank any command finds."""
    from speechkit.bank.locate import default_bank, find_bank

    recorded = settings["bank"]
    if recorded is None:
        return find_bank(None)
    if recorded == SHIPPED:
        return default_bank()
    folder = Path(recorded)
    if not folder.is_dir():
        raise DraftError(
            f"{path}: the bank it was saved with, {folder}, is not there; give the bank to use: --bank DIR"
        )
    return folder


def _recorded_template(path: Path, settings: dict[str, Any], bank_folder: Path) -> Template:
    """The template the draft was saved with: its file if it is still there (and
    unchanged), else the file of that name where templates are looked up, if it
    has the same content. An older draft names its template only."""
    from speechkit.drafting.templates import load_template, load_template_file, template_folders

    recorded = settings["template_file"]
    if recorded is None:
        return load_template(settings["template"], bank_folder)
    digest = settings["template_sha256"]
    use_anyway = "or delete the line 'template_sha256' from the draft to export with it as it is now"
    file = Path(recorded)
    if file.is_file():
        if digest and file_sha256(file) != digest:
            raise DraftError(
                f"{path}: the template {file} has changed since the draft was saved; restore it, {use_anyway}"
            )
        return load_template_file(file)
    found = [folder / file.name for folder in template_folders(bank_folder) if (folder / file.name).is_file()]
    for candidate in found:
        if not digest or file_sha256(candidate) == digest:
            return load_template_file(candidate)
    if found:
        raise DraftError(
            f"{path}: the template {found[0]} is not the one the draft was saved with ({file}, now gone): "
            f"their content differs; put the draft's template back at {file}, {use_anyway}"
        )
    raise DraftError(
        f"{path}: its template {file} is not there; put it back, or give the draft's template_file"
    )


def walk(items: list[Item]) -> list[Item]:
    """Every item, each before its sub-points."""
    out = []
    for item in items:
        out.append(item)
        out.extend(walk(item.children))
    return out
