"""Bank files: strict loading with positions, and the readable writer.

Every problem of a file is reported at once, each at its line and column;
entries marked ``curated: true`` are written back byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from speechkit.bank import yamlio
from speechkit.bank.model import COMMON_KEYS, FILE_NAMES, KINDS, POINT_KEYS, Bank, Phrase, Source, Specific
from speechkit.bank.slots import SLOT_NAMES, slots_in
from speechkit.bank.vocabulary import MOVES, OCCASIONS, SPEAKER_LEVELS, SPECIFIC_KINDS
from speechkit.errors import BankError


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
    allowed = COMMON_KEYS + (POINT_KEYS if kind == "point" else ())
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
    _knowledge_from(data, phrase, path, problems)
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


def _check_word(
    value: Any, path: yamlio.PathKey, problems: list[yamlio.Problem], words: tuple[str, ...]
) -> bool:
    if isinstance(value, str) and value in words:
        return True
    problems.append(yamlio.Problem(path, f"unknown value {value!r}; use one of: {', '.join(words)}"))
    return False


def _knowledge_from(
    data: dict[str, Any], phrase: Phrase, path: yamlio.PathKey, problems: list[yamlio.Problem]
) -> None:
    """What mining learnt of a phrase; every field may be missing (unknown)."""
    for key, words in (("occasion", OCCASIONS), ("speaker_level", SPEAKER_LEVELS)):
        if key in data and _check_word(data[key], (*path, key), problems, words):
            setattr(phrase, key, data[key])
    if "moves" in data:
        moves = _check_str_list(data["moves"], (*path, "moves"), problems, "moves")
        phrase.moves = [
            m for k, m in enumerate(moves) if _check_word(m, (*path, "moves", k), problems, MOVES)
        ]
    if "specifics" in data:
        value = data["specifics"]
        if not isinstance(value, list):
            problems.append(yamlio.Problem((*path, "specifics"), "specifics must be a list"))
            value = []
        for k, item in enumerate(value):
            if not (
                isinstance(item, dict) and set(item) == {"text", "kind"} and isinstance(item["text"], str)
            ):
                problems.append(yamlio.Problem((*path, "specifics", k), "a specific is {text: …, kind: …}"))
            elif _check_word(item["kind"], (*path, "specifics", k, "kind"), problems, SPECIFIC_KINDS):
                phrase.specifics.append(Specific(item["text"], item["kind"]))
    if "reuse" in data:
        value = data["reuse"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            problems.append(yamlio.Problem((*path, "reuse"), "reuse must be a number from 0 to 1"))
        else:
            phrase.reuse = float(value)


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
    text, root, data = yamlio.read_document_nodes(path, BankError, "bank file")
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
        _attach_raw(text, root, phrases)
    return phrases


def _attach_raw(text: str, root: Any, phrases: list[Phrase]) -> None:
    """Remember each entry's exact text so curated entries are saved byte for byte
    (``root``: the file's node tree, as parsed)."""
    import yaml

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


def check_bank(bank: Bank, paths: dict[str, Path] | None = None) -> None:
    """Checks across the files of a bank: ids unique across kinds, children
    that exist. ``paths`` (the file read for each kind) lets errors name the
    line and column."""
    seen: dict[str, tuple[str, int]] = {}
    for kind in KINDS:
        for k, phrase in enumerate(bank.of_kind(kind)):
            first = seen.setdefault(phrase.id, (kind, k))
            if first[0] != kind:
                raise BankError(
                    f"{_where(bank, paths, kind, (k, 'id'))}: id {phrase.id!r} is also used in "
                    f"{_where(bank, paths, first[0], (first[1], 'id'))}; ids must be unique"
                )
    points = {p.id for p in bank.of_kind("point")}
    for k, phrase in enumerate(bank.of_kind("point")):
        for j, child in enumerate(phrase.children):
            if child not in points:
                raise BankError(
                    f"{_where(bank, paths, 'point', (k, 'children', j))}: point {phrase.id} lists child "
                    f"{child!r}, which is not in the bank"
                )


def _where(bank: Bank, paths: dict[str, Path] | None, kind: str, key: yamlio.PathKey) -> str:
    """``file:line:column`` of an entry's field, read again from its file (errors only)."""
    path = (paths or {}).get(kind)
    if path is None:
        return f"{bank.folder}/{FILE_NAMES[kind]}"
    try:
        text = yamlio.read_text(path)
        ((line, column, _),) = yamlio.positions(text, [yamlio.Problem(("phrases", *key), "")])
    except (OSError, ValueError):
        return str(path)
    return f"{path}:{line}:{column}"
