"""Phrase banks: the Phrase model, strict loading, readable saving, merging.

A bank is a folder with one YAML file per kind. It is the user's: they read
it, edit it, add entries. Saving keeps entries marked ``curated: true``
byte for byte, and re-extracting never drops an entry (see ``merge``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from speechkit import yamlio
from speechkit.errors import BankError
from speechkit.slots import SLOT_NAMES, slots_in

KINDS = ("salutation", "opening", "transition", "point", "closing")
FILE_NAMES = {
    "salutation": "salutations.yaml",
    "opening": "openings.yaml",
    "transition": "transitions.yaml",
    "point": "points.yaml",
    "closing": "closings.yaml",
}
_KIND_ALIASES = (
    {k: k for k in KINDS}
    | {k + "s": k for k in KINDS}
    | {
        "称呼": "salutation",
        "开场": "opening",
        "过渡": "transition",
        "要点": "point",
        "结束语": "closing",
    }
)

_COMMON_KEYS = ("id", "text", "slots", "keywords", "tags", "count", "sources", "curated", "stale")
_POINT_KEYS = ("heading", "body", "level", "children")


def parse_kind(value: str) -> str:
    kind = _KIND_ALIASES.get(value.strip().lower())
    if kind is None:
        raise BankError(f"unknown kind {value!r}; use one of: {', '.join(KINDS)}")
    return kind


class Source(NamedTuple):
    """Where a phrase was found (a tuple: cheap to pickle between processes)."""

    file: str
    speech: int
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "speech": self.speech, "line": self.line}


@dataclass
class Phrase:
    id: str
    kind: str
    text: str
    slots: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    count: int = 1
    sources: list[Source] = field(default_factory=list)
    heading: str | None = None  # points only
    body: list[str] = field(default_factory=list)
    level: int | None = None
    children: list[str] = field(default_factory=list)
    curated: bool = False
    stale: bool = False
    raw: str | None = field(default=None, compare=False, repr=False)  # as read from its file

    @property
    def is_point(self) -> bool:
        return self.kind == "point"

    def all_text(self) -> str:
        parts = [self.heading or self.text] if self.is_point else [self.text]
        parts.extend(self.body)
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.is_point:
            data["heading"] = self.heading if self.heading is not None else self.text
            data["body"] = list(self.body)
            data["level"] = self.level or 1
            data["children"] = list(self.children)
        data.update(
            slots=list(self.slots),
            keywords=list(self.keywords),
            tags=list(self.tags),
            count=self.count,
            sources=[s.to_dict() for s in self.sources],
        )
        if self.curated:
            data["curated"] = True
        if self.stale:
            data["stale"] = True
        return data

    def to_yaml(self) -> str:
        """This entry as an item of the ``phrases:`` list (indented two spaces)."""
        lines = [f"  - id: {yamlio.scalar(self.id)}", f"    text: {yamlio.scalar(self.text)}"]
        if self.is_point:
            heading = self.heading if self.heading is not None else self.text
            lines.append(f"    heading: {yamlio.scalar(heading)}")
            if self.body:
                lines.append("    body:")
                lines.extend(f"      - {yamlio.scalar(p)}" for p in self.body)
            else:
                lines.append("    body: []")
            lines.append(f"    level: {self.level or 1}")
            lines.append(f"    children: {yamlio.flow_list(self.children)}")
        lines.append(f"    slots: {yamlio.flow_list(self.slots)}")
        lines.append(f"    keywords: {yamlio.flow_list(self.keywords)}")
        lines.append(f"    tags: {yamlio.flow_list(self.tags)}")
        lines.append(f"    count: {self.count}")
        if self.sources:
            lines.append("    sources:")
            lines.extend(f"      - {yamlio.flow_map(s.to_dict())}" for s in self.sources)
        else:
            lines.append("    sources: []")
        if self.curated:
            lines.append("    curated: true")
        if self.stale:
            lines.append("    stale: true")
        return "\n".join(lines) + "\n"


def phrase_id(kind: str, key: str, width: int = 8) -> str:
    """Stable id: the kind and a hash of the phrase's normalised text."""
    import hashlib  # mining only: drafting never makes ids

    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:width]
    return f"{kind}-{digest}"


_KEY_DROP_RE = re.compile(r"[\s\W_]+", re.UNICODE)


def dedup_key(text: str) -> str:
    """Text reduced to what makes two phrases the same: no punctuation or spaces."""
    return _KEY_DROP_RE.sub("", text)


# ------------------------------------------------------------------ the bank


@dataclass
class Bank:
    folder: Path | None
    phrases: dict[str, list[Phrase]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def __post_init__(self) -> None:
        self._by_id: dict[str, Phrase] | None = None
        self._parents: dict[str, list[str]] | None = None

    def parents(self, point_id: str) -> list[str]:
        """Ids of the points that list ``point_id`` among their children."""
        if self._parents is None:
            self._parents = {}
            for p in self.of_kind("point"):
                for child in p.children:
                    self._parents.setdefault(child, []).append(p.id)
        return self._parents.get(point_id, [])

    def all(self) -> list[Phrase]:
        return [p for kind in KINDS for p in self.phrases[kind]]

    def of_kind(self, kind: str) -> list[Phrase]:
        return self.phrases[kind]

    def get(self, phrase_id: str) -> Phrase | None:
        if self._by_id is None:
            self._by_id = {p.id: p for p in self.all()}
        return self._by_id.get(phrase_id)

    def __len__(self) -> int:
        return sum(len(v) for v in self.phrases.values())

    def count(self, kind: str) -> int:
        return len(self.of_kind(kind))

    def parents_many(self, point_ids: Sequence[str]) -> dict[str, list[str]]:
        return {i: self.parents(i) for i in point_ids}

    def at(self, kind: str, positions: Sequence[int]) -> list[Phrase]:
        """The phrases of ``kind`` at these positions, in bank order."""
        phrases = self.of_kind(kind)
        return [phrases[i] for i in sorted(set(positions)) if 0 <= i < len(phrases)]

    def topic_matches(self, kind: str, words: Sequence[str], limit: int) -> list[Phrase]:
        """The first ``limit`` phrases of ``kind`` with any of ``words`` among their keywords."""
        wanted = set(words)
        if not wanted:
            return []
        found = [p for p in self.of_kind(kind) if wanted.intersection(p.keywords)]
        return found[:limit]

    def search(
        self, kind: str | None = None, word: str | None = None, tag: str | None = None, limit: int = 0
    ) -> tuple[list[Phrase], int | None]:
        """Phrases matching all the filters (``limit`` 0: all) and how many match in all
        (None where counting would mean reading a very large bank: then more match)."""
        found = [
            p
            for k in ([kind] if kind else KINDS)
            for p in self.of_kind(k)
            if (not tag or tag in p.tags) and (not word or word in search_text(p))
        ]
        return (found[:limit] if limit else found), len(found)


def file_chunks(kind: str, phrases: list[Phrase]) -> Iterator[str]:
    """The text of a bank file, entry by entry (a large bank is never one big string)."""
    yield (
        f"# speechkit phrase bank: {FILE_NAMES[kind][:-5]}.\n"
        "# Edit freely. Mark an entry `curated: true` to keep it exactly as it is\n"
        "# when the bank is extracted again.\n"
        f"kind: {kind}\n"
    )
    if not phrases:
        yield "phrases: []\n"
        return
    yield "phrases:\n"
    for p in phrases:
        yield p.raw if (p.curated and p.raw) else p.to_yaml()


def render_file(kind: str, phrases: list[Phrase]) -> str:
    return "".join(file_chunks(kind, phrases))


# ---------------------------------------------------------------- validation


def _check_str_list(value: Any, path: yamlio.PathKey, problems: list[yamlio.Problem], what: str) -> list[str]:
    if not isinstance(value, list):
        problems.append(yamlio.Problem(path, f"{what} must be a list"))
        return []
    out = []
    for k, item in enumerate(value):
        if not isinstance(item, str):
            problems.append(yamlio.Problem((*path, k), f"{what} items must be text"))
        else:
            out.append(item)
    return out


def _check_int(
    value: Any, path: yamlio.PathKey, problems: list[yamlio.Problem], what: str, minimum: int
) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(yamlio.Problem(path, f"{what} must be a whole number"))
        return minimum
    if value < minimum:
        problems.append(yamlio.Problem(path, f"{what} must be at least {minimum}"))
    return value


def _phrase_from(data: Any, kind: str, path: yamlio.PathKey, problems: list[yamlio.Problem]) -> Phrase | None:
    if not isinstance(data, dict):
        problems.append(yamlio.Problem(path, "each phrase must be a mapping with id and text"))
        return None
    allowed = _COMMON_KEYS + (_POINT_KEYS if kind == "point" else ())
    for key in data:
        if key not in allowed:
            problems.append(
                yamlio.Problem(
                    (*path, str(key)), f"unknown key {key!r}; allowed: {', '.join(allowed)}", at_key=True
                )
            )
    pid = data.get("id")
    if not isinstance(pid, str) or not pid.strip():
        problems.append(yamlio.Problem(path, "id is missing; give each phrase a unique id"))
        pid = ""
    text = data.get("text")
    heading = data.get("heading") if kind == "point" else None
    if kind == "point" and heading is None:
        heading = text
    if kind == "point":
        if not isinstance(heading, str) or not heading.strip():
            problems.append(yamlio.Problem(path, "a point needs a heading (text)"))
            heading = ""
        if text is None:
            text = heading
    if not isinstance(text, str) or not text.strip():
        problems.append(
            yamlio.Problem((*path, "text") if "text" in data else path, "text must be non-empty text")
        )
        text = ""
    phrase = Phrase(id=pid, kind=kind, text=text)
    phrase.heading = heading if kind == "point" else None
    if "slots" in data:
        phrase.slots = _check_str_list(data["slots"], (*path, "slots"), problems, "slots")
    for k, name in enumerate(phrase.slots):
        if name not in SLOT_NAMES:
            problems.append(
                yamlio.Problem(
                    (*path, "slots", k), f"unknown slot {name!r}; slots are: {', '.join(SLOT_NAMES)}"
                )
            )
    for key in ("keywords", "tags"):
        if key in data:
            setattr(phrase, key, _check_str_list(data[key], (*path, key), problems, key))
    if "count" in data:
        phrase.count = _check_int(data["count"], (*path, "count"), problems, "count", 1)
    for key in ("curated", "stale"):
        if key in data:
            if not isinstance(data[key], bool):
                problems.append(yamlio.Problem((*path, key), f"{key} must be true or false"))
            else:
                setattr(phrase, key, data[key])
    if "sources" in data:
        phrase.sources = _sources_from(data["sources"], (*path, "sources"), problems)
    if kind == "point":
        if "body" in data:
            phrase.body = _check_str_list(data["body"], (*path, "body"), problems, "body")
        if "level" in data:
            phrase.level = _check_int(data["level"], (*path, "level"), problems, "level", 1)
        if "children" in data:
            phrase.children = _check_str_list(data["children"], (*path, "children"), problems, "children")
    used = [s for part in (phrase.text, phrase.heading or "", *phrase.body) for s in slots_in(part)]
    for name in dict.fromkeys(used):
        if name not in phrase.slots:
            problems.append(
                yamlio.Problem((*path, "text"), f"slot {{{name}}} is used but not declared in slots")
            )
    return phrase


def _sources_from(value: Any, path: yamlio.PathKey, problems: list[yamlio.Problem]) -> list[Source]:
    if not isinstance(value, list):
        problems.append(yamlio.Problem(path, "sources must be a list"))
        return []
    out = []
    for k, item in enumerate(value):
        ok = (
            isinstance(item, dict)
            and set(item) <= {"file", "speech", "line"}
            and isinstance(item.get("file"), str)
            and all(
                isinstance(item.get(f), int) and not isinstance(item.get(f), bool) for f in ("speech", "line")
            )
        )
        if not ok:
            problems.append(
                yamlio.Problem((*path, k), "a source is {file: path, speech: number, line: number}")
            )
            continue
        out.append(Source(item["file"], item["speech"], item["line"]))
    return out


def load_file(path: Path, kind: str, keep_raw: bool = False) -> list[Phrase]:
    """Load and validate one bank file; BankError lists every problem in it."""
    text, data = yamlio.read_document(path, BankError, "bank file")
    problems: list[yamlio.Problem] = []
    if data is None:
        return []
    if not isinstance(data, dict):
        raise BankError(f"{path}:1:1: a bank file is a mapping with 'kind' and 'phrases'")
    for key in data:
        if key not in ("kind", "phrases"):
            problems.append(
                yamlio.Problem(
                    (str(key),), f"unknown key {key!r}; a bank file has kind and phrases", at_key=True
                )
            )
    if data.get("kind") != kind:
        problems.append(yamlio.Problem(("kind",), f"kind must be {kind!r} in {path.name}"))
    items = data.get("phrases") or []
    if not isinstance(items, list):
        problems.append(yamlio.Problem(("phrases",), "phrases must be a list"))
        items = []
    phrases: list[Phrase] = []
    seen: dict[str, int] = {}
    for k, item in enumerate(items):
        phrase = _phrase_from(item, kind, ("phrases", k), problems)
        if phrase is None:
            continue
        if phrase.id in seen:
            problems.append(
                yamlio.Problem(
                    ("phrases", k, "id"), f"duplicate id {phrase.id!r} (also entry {seen[phrase.id] + 1})"
                )
            )
        elif phrase.id:
            seen[phrase.id] = k
        phrases.append(phrase)
    if problems:
        raise yamlio.located_error(BankError, path, text, problems)
    if keep_raw and phrases:
        _attach_raw(text, phrases)
    return phrases


def _attach_raw(text: str, phrases: list[Phrase]) -> None:
    """Remember each entry's exact text so curated entries are saved byte for byte."""
    import yaml

    root = yamlio.compose(text)
    seq = yamlio.child(root, "phrases")
    if not isinstance(seq, yaml.SequenceNode):
        return
    lines = text.splitlines(keepends=True)
    starts = [node.start_mark.line for node in seq.value]
    end_line = seq.end_mark.line if seq.end_mark.column == 0 else seq.end_mark.line + 1
    for k, phrase in enumerate(phrases):
        if k >= len(starts):
            break
        stop = starts[k + 1] if k + 1 < len(starts) else end_line
        raw = "".join(lines[starts[k] : stop])
        if not raw.endswith("\n"):
            raw += "\n"
        phrase.raw = raw


def is_bank_folder(folder: Path) -> bool:
    return folder.is_dir() and any((folder / name).is_file() for name in FILE_NAMES.values())


def load_bank(folder: Path, keep_raw: bool = False, use_index: bool = True) -> Bank:
    """Load every kind file in ``folder``; missing files are empty kinds.

    Drafting reads the compiled index when it is valid (``bankindex``);
    extraction (``keep_raw``) always reads the YAML itself.
    """
    if not folder.exists():
        raise BankError(f"{folder}: no such bank folder; run 'speechkit extract' or give --bank DIR")
    if not folder.is_dir():
        raise BankError(f"{folder}: is not a folder; --bank takes a folder of YAML files")
    from speechkit.fileio import needs_recovery

    if needs_recovery(folder):  # an extract was interrupted after it committed: finish it
        from speechkit.fileio import bank_lock, recover

        with bank_lock(folder):
            recover(folder)
    if use_index and not keep_raw:
        from speechkit import bankindex

        indexed = bankindex.load(folder)
        if indexed is not None:
            return indexed
        before = bankindex.signature(folder)
        bank = _load_yaml(folder, keep_raw=False)
        bankindex.store(folder, bank, before)
        return bank
    return _load_yaml(folder, keep_raw)


def _load_yaml(folder: Path, keep_raw: bool) -> Bank:
    bank = Bank(folder)
    for kind in KINDS:
        path = folder / FILE_NAMES[kind]
        if path.is_file():
            bank.phrases[kind] = load_file(path, kind, keep_raw=keep_raw)
    _check_bank(bank)
    return bank


def _check_bank(bank: Bank) -> None:
    seen: dict[str, str] = {}
    for phrase in bank.all():
        if phrase.id in seen and seen[phrase.id] != phrase.kind:
            raise BankError(
                f"{bank.folder}: id {phrase.id!r} is used in both {FILE_NAMES[seen[phrase.id]]} "
                f"and {FILE_NAMES[phrase.kind]}; ids must be unique"
            )
        seen[phrase.id] = phrase.kind
    points = {p.id for p in bank.of_kind("point")}
    for phrase in bank.of_kind("point"):
        for child in phrase.children:
            if child not in points:
                raise BankError(
                    f"{bank.folder}/{FILE_NAMES['point']}: point {phrase.id} lists child {child!r}, "
                    "which is not in the bank"
                )


def search_text(phrase: Phrase) -> str:
    """What ``--search`` and topics look in: the whole text and the keywords."""
    return phrase.all_text() + "\n" + "\x1f".join(phrase.keywords)


def find_phrases(
    bank: Bank, *, kind: str | None = None, search: str | None = None, tag: str | None = None, limit: int = 0
) -> tuple[list[Phrase], int | None]:
    """Phrases of ``kind`` whose text or keywords contain ``search`` and whose tags
    include ``tag``: the first ``limit`` (0: all), and how many match in all."""
    word = search.strip() if search else ""
    return bank.search(parse_kind(kind) if kind else None, word or None, tag or None, limit)
