"""Templates: which sections a draft has, in which numbering, with which slots.

A template is a YAML file in ``<bank>/templates/``; the default templates
ship inside the package. Every template is validated on load and every
problem is reported as ``file:line:column: what is wrong``.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from speechkit.bank import yamlio
from speechkit.bank.slots import DERIVED_SLOTS, SLOT_NAMES, slots_in
from speechkit.bank.vocabulary import MOVES, OCCASIONS, SPEAKER_LEVELS
from speechkit.errors import TemplateError
from speechkit.reading.numbering import STYLES

# Labels for slots a template does not declare but a phrase may use.
DEFAULT_LABELS = {
    "org": "单位名称",
    "place": "地方",
    "year": "年份",
    "event": "会议名称",
    "speaker": "代表谁讲话",
    "audience": "听众",
    "date": "日期",
    "name": "姓名",
    "count": "几",
    "last_year": "上一年份",
    "achievements": "主要成绩和数据",
    "honourees": "受表彰的先进集体和个人",
}
_GIVEN_SLOTS = tuple(n for n in SLOT_NAMES if n not in DERIVED_SLOTS)
SECTION_KINDS = ("salutation", "opening", "transition", "points", "closing", "text")
_SECTION_KEYS = {
    "salutation": {"text", "prefer"},
    "opening": {"pick", "moves"},
    "transition": {"text"},
    "points": {"count", "style", "children"},
    "closing": {"pick", "moves"},
    "text": {"text"},
}
_TEMPLATE_KEYS = (
    "name",
    "title",
    "description",
    "occasion",
    "level",
    "slots",
    "sections",
    "wording",
    "tags",
    "minutes",
)
_SLOT_KEYS = ("label", "required", "default")


# Records that never change are NamedTuples: a frozen dataclass costs 0.6–0.8 ms
# at import (its methods are generated and compiled), paid by every command.
class SlotSpec(NamedTuple):
    name: str
    label: str
    required: bool = False
    default: str | None = None

    def default_value(self, today: _dt.date | None = None) -> str | None:
        """The default with ``current`` (year) and ``today`` (date) resolved."""
        today = today or _dt.date.today()
        if self.default == "current":
            return str(today.year) if self.name == "year" else None
        if self.default == "today":
            return f"{today.year}年{today.month}月{today.day}日"
        return self.default


@dataclass(frozen=True)
class Level:
    """How many points at one level, and in which numbering style."""

    count: int
    style: str
    children: Level | None = None


class Section(NamedTuple):
    kind: str
    pick: int = 1
    text: str | None = None  # fixed text (salutation, transition, text)
    prefer: tuple[str, ...] = ()  # salutation: preferred texts
    points: Level | None = None
    moves: tuple[str, ...] = ()  # opening, closing: what each phrase does, in order


class Template(NamedTuple):  # never changed once read (swap makes a new one)
    name: str
    title: str
    description: str
    slots: dict[str, SlotSpec]
    sections: list[Section]
    tags: list[str]
    minutes: float | None  # the default length; None: as many points as the sections say
    path: Path | None
    # the occasions whose salutations, openings, transitions and closings fit it
    occasions: tuple[str, ...]
    level: str | None  # the speaker's level, where the template knows it
    wording: dict[str, str]  # move → the template's own sentence

    def label(self, slot: str) -> str:
        spec = self.slots.get(slot)
        return spec.label if spec else DEFAULT_LABELS.get(slot, slot)

    def fillable(self) -> list[str]:
        """Every slot ``--slot`` may fill: the template's own first, then the rest of the
        vocabulary, since any phrase of the bank may use any of them (``【姓名】``)."""
        return [*self.slots, *(n for n in SLOT_NAMES if n not in self.slots and n not in DERIVED_SLOTS)]

    def points_section(self) -> Section | None:
        return next((s for s in self.sections if s.kind == "points"), None)


def _check_level(value: Any, path: yamlio.PathKey, problems: list[yamlio.Problem]) -> Level | None:
    if not isinstance(value, dict):
        problems.append(yamlio.Problem(path, "points takes {count: N, style: 一、, children: {…}}"))
        return None
    for key in value:
        if key not in ("count", "style", "children"):
            problems.append(yamlio.Problem((*path, str(key)), f"unknown key {key!r} in points", at_key=True))
    count = value.get("count", 3)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 30:
        problems.append(yamlio.Problem((*path, "count"), "count must be a whole number from 1 to 30"))
        count = 3
    style = value.get("style", "一、")
    if style not in STYLES:
        problems.append(
            yamlio.Problem((*path, "style"), f"unknown style {style!r}; styles are: {' '.join(STYLES)}")
        )
        style = "一、"
    children = None
    if value.get("children") is not None:
        children = _check_level(value["children"], (*path, "children"), problems)
    return Level(count, str(style), children)


def _section_from(item: Any, path: yamlio.PathKey, problems: list[yamlio.Problem]) -> Section | None:
    options: Any
    if isinstance(item, str):
        kind, options = item, {}
    elif isinstance(item, dict) and len(item) == 1:
        ((kind, options),) = item.items()
        options = options if options is not None else {}
    else:
        problems.append(yamlio.Problem(path, "a section is a kind (salutation) or {kind: {options}}"))
        return None
    if kind not in SECTION_KINDS:
        problems.append(
            yamlio.Problem(path, f"unknown section kind {kind!r}; kinds are: {', '.join(SECTION_KINDS)}")
        )
        return None
    if not isinstance(options, dict):
        problems.append(yamlio.Problem((*path, kind), f"options of {kind} must be a mapping"))
        return None
    if kind == "points":
        level = _check_level(options, (*path, kind), problems)
        return Section(kind, points=level) if level else None
    for key in options:
        if key not in _SECTION_KEYS[kind]:
            allowed = ", ".join(sorted(_SECTION_KEYS[kind])) or "none"
            problems.append(
                yamlio.Problem(
                    (*path, kind, str(key)),
                    f"unknown option {key!r} for {kind}; allowed: {allowed}",
                    at_key=True,
                )
            )
    pick = options.get("pick", 1)
    if isinstance(pick, bool) or not isinstance(pick, int) or not 0 <= pick <= 20:
        problems.append(yamlio.Problem((*path, kind, "pick"), "pick must be a whole number from 0 to 20"))
        pick = 1
    moves = _words(options.get("moves", []), (*path, kind, "moves"), problems, MOVES, "move")
    text = options.get("text")
    if text is not None and not isinstance(text, str):
        problems.append(yamlio.Problem((*path, kind, "text"), "text must be text"))
        text = None
    if kind == "text" and not text:
        problems.append(yamlio.Problem(path, "a text section needs {text: …}"))
    prefer = options.get("prefer", [])
    if isinstance(prefer, str):
        prefer = [prefer]
    if not isinstance(prefer, list) or not all(isinstance(p, str) for p in prefer):
        problems.append(yamlio.Problem((*path, kind, "prefer"), "prefer must be a list of texts"))
        prefer = []
    if moves:
        pick = len(moves)
    return Section(kind, pick=pick, text=text, prefer=tuple(prefer), moves=tuple(moves))


def _words(
    value: Any, path: yamlio.PathKey, problems: list[yamlio.Problem], known: tuple[str, ...], what: str
) -> list[str]:
    """A list of words from one vocabulary (moves, occasions); each unknown one is a problem."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        problems.append(yamlio.Problem(path, f"expected a list of {what}s"))
        return []
    out = []
    for k, word in enumerate(value):
        if word in known:
            out.append(word)
        else:
            problems.append(
                yamlio.Problem((*path, k), f"unknown {what} {word!r}; {what}s are: {', '.join(known)}")
            )
    return out


def _slots_from(value: Any, problems: list[yamlio.Problem]) -> dict[str, SlotSpec]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(
            yamlio.Problem(("slots",), "slots must be a mapping of name: {label, required, default}")
        )
        return {}
    specs = {}
    for name, spec in value.items():
        path: yamlio.PathKey = ("slots", str(name))
        if name not in SLOT_NAMES or name in DERIVED_SLOTS:
            problems.append(
                yamlio.Problem(
                    path,
                    f"unknown slot {name!r}; slots are: {', '.join(_GIVEN_SLOTS)}",
                    at_key=True,
                )
            )
            continue
        spec = spec if spec is not None else {}
        if not isinstance(spec, dict):
            problems.append(yamlio.Problem(path, "a slot is {label: …, required: true|false, default: …}"))
            continue
        for key in spec:
            if key not in _SLOT_KEYS:
                problems.append(
                    yamlio.Problem(
                        (*path, str(key)),
                        f"unknown key {key!r}; allowed: {', '.join(_SLOT_KEYS)}",
                        at_key=True,
                    )
                )
        label = spec.get("label", DEFAULT_LABELS.get(name, name))
        required = spec.get("required", False)
        default = spec.get("default")
        if not isinstance(label, str) or not label:
            problems.append(yamlio.Problem((*path, "label"), "label must be text"))
            label = DEFAULT_LABELS[name]
        if not isinstance(required, bool):
            problems.append(yamlio.Problem((*path, "required"), "required must be true or false"))
            required = False
        if default is not None and not isinstance(default, (str, int)):
            problems.append(yamlio.Problem((*path, "default"), "default must be text"))
            default = None
        if default == "current" and name != "year":
            problems.append(yamlio.Problem((*path, "default"), "default: current is only for year"))
        specs[name] = SlotSpec(name, label, required, None if default is None else str(default))
    return specs


def parse_template(text: str, data: Any, path: Path) -> Template:
    """Validate and build a template from its parsed YAML; TemplateError lists every problem."""
    if not isinstance(data, dict):
        raise TemplateError(f"{path}:1:1: a template is a mapping with name, title and sections")
    problems: list[yamlio.Problem] = []
    for key in data:
        if key not in _TEMPLATE_KEYS:
            problems.append(
                yamlio.Problem(
                    (str(key),), f"unknown key {key!r}; allowed: {', '.join(_TEMPLATE_KEYS)}", at_key=True
                )
            )
    name = data.get("name", path.stem)
    if not isinstance(name, str) or not name:
        problems.append(yamlio.Problem(("name",), "name must be text"))
        name = path.stem
    title = data.get("title", "")
    if not isinstance(title, str):
        problems.append(yamlio.Problem(("title",), "title must be text"))
        title = ""
    description = data.get("description", "")
    if not isinstance(description, str):
        problems.append(yamlio.Problem(("description",), "description must be text"))
        description = ""
    slots = _slots_from(data.get("slots"), problems)
    raw_sections = data.get("sections")
    sections: list[Section] = []
    if not isinstance(raw_sections, list) or not raw_sections:
        problems.append(yamlio.Problem(("sections",), "sections must be a non-empty list"))
    else:
        for k, item in enumerate(raw_sections):
            section = _section_from(item, ("sections", k), problems)
            if section:
                sections.append(section)
        if sum(1 for s in sections if s.kind == "points") > 1:
            problems.append(yamlio.Problem(("sections",), "a template has at most one points section"))
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        problems.append(yamlio.Problem(("tags",), "tags must be a list of words"))
        tags = []
    occasions = _words(data.get("occasion", []), ("occasion",), problems, OCCASIONS, "occasion")
    level = data.get("level")
    if level is not None and level not in SPEAKER_LEVELS:
        problems.append(
            yamlio.Problem(("level",), f"unknown level {level!r}; levels are: {', '.join(SPEAKER_LEVELS)}")
        )
        level = None
    wording: dict[str, str] = {}
    raw_wording = data.get("wording") or {}
    if not isinstance(raw_wording, dict):
        problems.append(yamlio.Problem(("wording",), "wording is a mapping of move: sentence"))
        raw_wording = {}
    for move, sentence in raw_wording.items():
        if move not in MOVES:
            problems.append(
                yamlio.Problem(
                    ("wording", str(move)),
                    f"unknown move {move!r}; moves are: {', '.join(MOVES)}",
                    at_key=True,
                )
            )
        elif not isinstance(sentence, str) or not sentence.strip():
            problems.append(yamlio.Problem(("wording", move), "the wording of a move is a sentence"))
        else:
            wording[move] = sentence
    minutes = data.get("minutes")
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or not 0 < minutes <= 120
    ):
        problems.append(yamlio.Problem(("minutes",), "minutes must be a number from 1 to 120"))
        minutes = None
    own_text = [("title",), *[("sections", k) for k, s in enumerate(sections) if s.text]]
    texts = [title] + [s.text or "" for s in sections if s.text]
    own_text += [("wording", move) for move in wording]
    texts += list(wording.values())
    for where, text_value in zip(own_text, texts, strict=False):
        for slot in slots_in(text_value):
            if slot not in slots and slot not in DERIVED_SLOTS and where[0] != "wording":
                problems.append(yamlio.Problem(where, f"slot {{{slot}}} is used but not declared in slots"))
            elif slot not in SLOT_NAMES:
                problems.append(
                    yamlio.Problem(where, f"unknown slot {{{slot}}}; slots are: {', '.join(SLOT_NAMES)}")
                )
    if problems:
        raise yamlio.located_error(TemplateError, path, text, problems)
    length = float(minutes) if minutes is not None else None
    if not occasions:  # a template without ``occasion`` fits the occasions its tags name
        occasions = [t for t in tags if t in OCCASIONS]
    for section in sections:
        for move in section.moves:
            if move not in wording:
                problems.append(
                    yamlio.Problem(
                        ("wording",), f"move {move!r} has no wording; give the template's own sentence for it"
                    )
                )
    if problems:
        raise yamlio.located_error(TemplateError, path, text, problems)
    return Template(
        name,
        title,
        description,
        slots,
        sections,
        list(tags),
        length,
        path,
        occasions=tuple(occasions),
        level=level,
        wording=wording,
    )


def load_template_file(path: Path) -> Template:
    text, data = yamlio.read_document(path, TemplateError, "template")
    return parse_template(text, data, path)


def template_folders(bank_folder: Path | None) -> list[Path]:
    """Where templates are looked up: the bank's own, then the shipped defaults."""
    from speechkit.bank.locate import default_bank

    folders = []
    if bank_folder is not None:
        folders.append(bank_folder / "templates")
    shipped = default_bank() / "templates"
    if shipped not in folders:
        folders.append(shipped)
    return [f for f in folders if f.is_dir()]


def template_paths(bank_folder: Path | None) -> dict[str, Path]:
    """Every template name and its file; a bank's own template hides a default of the same name."""
    found: dict[str, Path] = {}
    for folder in template_folders(bank_folder):
        for path in sorted(folder.glob("*.yaml")):
            found.setdefault(path.stem, path)
    return found


def load_template(name_or_path: str, bank_folder: Path | None = None) -> Template:
    """A template by name (looked up in the bank, then the defaults) or by file path."""
    candidate = Path(name_or_path)
    names = ", ".join(template_paths(bank_folder)) or "none"
    if candidate.suffix in (".yaml", ".yml") or "/" in name_or_path or os.sep in name_or_path:
        if candidate.is_file():
            return load_template_file(candidate)
        problem = "is a folder, not a template file" if candidate.is_dir() else "no such template file"
        raise TemplateError(f"{name_or_path}: {problem}; give a .yaml file, or a template name: {names}")
    for folder in template_folders(bank_folder):
        path = folder / f"{name_or_path}.yaml"
        if path.is_file():
            return load_template_file(path)
    raise TemplateError(f"unknown template {name_or_path!r}; templates are: {names}")


def list_templates(bank_folder: Path | None = None) -> list[Template]:
    return [load_template_file(p) for p in template_paths(bank_folder).values()]
