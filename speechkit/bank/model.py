"""Phrase banks: the Phrase model, strict loading, readable saving, merging.

A bank is a folder with one YAML file per kind. It is the user's: they read
it, edit it, add entries. Saving keeps entries marked ``curated: true``
byte for byte, and re-extracting never drops an entry (see ``merge``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from speechkit.bank import yamlio
from speechkit.bank.vocabulary import MOVES, OCCASIONS, TAGS
from speechkit.errors import BankError, check_choice

KINDS = ("salutation", "opening", "transition", "point", "closing")
FILE_NAMES = {
    "salutation": "salutations.yaml",
    "opening": "openings.yaml",
    "transition": "transitions.yaml",
    "point": "points.yaml",
    "closing": "closings.yaml",
}
JOURNAL_NAME = ".speechkit-journal.json"  # a write in progress (bank.journal)
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

COMMON_KEYS = (
    "id",
    "text",
    "slots",
    "keywords",
    "tags",
    "occasion",
    "speaker_level",
    "moves",
    "specifics",
    "reuse",
    "count",
    "sources",
    "curated",
    "stale",
)
POINT_KEYS = ("heading", "body", "level", "children")


def parse_kind(value: str) -> str:
    kind = _KIND_ALIASES.get(value.strip().lower())
    if kind is None:
        raise BankError(f"unknown kind {value!r}; use one of: {', '.join(KINDS)}")
    return kind


class Specific(NamedTuple):
    """Something of the source's own in a phrase: ``83家`` (figure), ``郴州`` (place)."""

    text: str
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind}


class Source(NamedTuple):
    """Where a phrase was found (a tuple: cheap to pickle between processes)."""

    file: str
    speech: int
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "speech": self.speech, "line": self.line}


@dataclass(slots=True)  # no dict per phrase: a bank of 100,000 holds 70 MB less
class Phrase:
    id: str
    kind: str
    text: str
    slots: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # what mining learnt (None / empty: unknown, as in banks made before it did)
    occasion: str | None = None  # of the source speech
    speaker_level: str | None = None  # of the source speech's speaker
    moves: list[str] = field(default_factory=list)  # openings and closings
    specifics: list[Specific] = field(default_factory=list)
    reuse: float | None = None  # 0..1: how well it serves a new speech as it stands
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

    def filter_words(self) -> list[str]:
        """Its tags, occasion and moves as words the filters look for."""
        words = list(self.tags)
        if self.occasion:
            words.append(f"occasion={self.occasion}")
        words.extend(f"move={m}" for m in self.moves)
        return words

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
        data.update(slots=list(self.slots), keywords=list(self.keywords), tags=list(self.tags))
        if self.occasion is not None:
            data["occasion"] = self.occasion
        if self.speaker_level is not None:
            data["speaker_level"] = self.speaker_level
        if self.moves:
            data["moves"] = list(self.moves)
        if self.specifics:
            data["specifics"] = [s.to_dict() for s in self.specifics]
        if self.reuse is not None:
            data["reuse"] = self.reuse
        data.update(count=self.count, sources=[s.to_dict() for s in self.sources])
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
        if self.occasion is not None:
            lines.append(f"    occasion: {yamlio.scalar(self.occasion)}")
        if self.speaker_level is not None:
            lines.append(f"    speaker_level: {yamlio.scalar(self.speaker_level)}")
        if self.moves:
            lines.append(f"    moves: {yamlio.flow_list(self.moves)}")
        if self.specifics:
            lines.append("    specifics:")
            lines.extend(
                f"      - {{text: {yamlio.scalar(s.text, True)}, kind: {yamlio.scalar(s.kind, True)}}}"
                for s in self.specifics
            )  # what flow_map(s.to_dict()) writes, without building each dict
        if self.reuse is not None:
            lines.append(f"    reuse: {self.reuse:.2f}")
        lines.append(f"    count: {self.count}")
        if self.sources:
            lines.append("    sources:")
            lines.extend(
                f"      - {{file: {yamlio.scalar(s.file, True)}, speech: {s.speech}, line: {s.line}}}"
                for s in self.sources
            )
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


def ratio_bound(a: str, chars_a: Set[str], b: str, chars_b: Set[str]) -> float:
    """An upper bound of difflib's ratio of ``a`` and ``b`` (``chars_*``: their
    characters), from one set operation in C: a character of one text that the
    other lacks is matched by nothing. Most pairs of unlike phrases fail on it
    before difflib is asked."""
    shared = len(chars_a & chars_b)
    return 2 * min(len(a) - len(chars_a) + shared, len(b) - len(chars_b) + shared) / (len(a) + len(b))


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
        self,
        kind: str | None = None,
        word: str | None = None,
        tag: str | None = None,
        limit: int = 0,
        *,
        occasion: str | None = None,
        move: str | None = None,
    ) -> tuple[list[Phrase], int | None]:
        """Phrases matching all the filters (``limit`` 0: all) and how many match in all
        (None where counting would mean reading a very large bank: then more match)."""
        wanted = filter_words(tag, occasion, move)
        found = [
            p
            for k in ([kind] if kind else KINDS)
            for p in self.of_kind(k)
            if wanted <= set(p.filter_words()) and (not word or word in search_text(p))
        ]
        return (found[:limit] if limit else found), len(found)


def filter_words(tag: str | None, occasion: str | None, move: str | None) -> set[str]:
    """What a phrase must carry to pass the filters (see ``Phrase.filter_words``)."""
    words = {tag} if tag else set()
    if occasion:
        words.add(f"occasion={occasion}")
    if move:
        words.add(f"move={move}")
    return words


def search_text(phrase: Phrase) -> str:
    """What ``--search`` and topics look in: the whole text and the keywords."""
    return phrase.all_text() + "\n" + "\x1f".join(phrase.keywords)


def find_phrases(
    bank: Bank,
    *,
    kind: str | None = None,
    search: str | None = None,
    tag: str | None = None,
    limit: int = 0,
    occasion: str | None = None,
    move: str | None = None,
) -> tuple[list[Phrase], int | None]:
    """Phrases of ``kind`` whose text or keywords contain ``search``, whose tags
    include ``tag``, of that ``occasion`` and making that ``move``: the first
    ``limit`` (0: all), and how many match in all."""
    word = search.strip() if search else ""
    if tag:
        check_tag(bank, tag)
    if occasion:
        check_choice("occasion", occasion, set(OCCASIONS), BankError)
    if move:
        check_choice("move", move, set(MOVES), BankError)
    kind_name = parse_kind(kind) if kind else None
    limit = min(limit, 1 << 62)  # any larger is "all", and SQLite counts in 64 bits
    return bank.search(kind_name, word or None, tag or None, limit, occasion=occasion, move=move)


def check_tag(bank: Bank, tag: str) -> None:
    """A tag is known if extract gives it or some phrase of the bank has it; a
    typo (``festivals``) is an error that lists the known tags, not an empty list."""
    if tag in TAGS or bank.search(tag=tag, limit=1)[0]:
        return
    used = {t for p in bank.all() for t in p.tags}  # only on the way to an error
    check_choice("tag", tag, {*TAGS, *used}, BankError)
