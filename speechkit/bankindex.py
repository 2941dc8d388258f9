"""A compiled index of a bank, so drafting does not parse YAML every run.

YAML stays the source of truth. Beside it, in the user's cache folder, we
keep the validated phrases in ``marshal`` form (plain data only: loading it
runs no code). The index is used only while every bank file has the same
size, modification time, change time and inode as when it was built, and
the same speechkit and Python wrote it; anything else rebuilds it. A stale
index is never served: a write to a bank file changes its mtime/ctime.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from speechkit import __version__
from speechkit.bank import FILE_NAMES, KINDS, Bank, Phrase, Source
from speechkit.paths import cache_dir

FORMAT = 1


def signature(folder: Path) -> tuple[Any, ...]:
    """What must not change for an index to stay valid."""
    files: list[tuple[Any, ...]] = []
    for kind in KINDS:
        try:
            st = (folder / FILE_NAMES[kind]).stat()
        except OSError:
            files.append((kind, None))
            continue
        files.append((kind, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    return (FORMAT, __version__, sys.version_info[:2], tuple(files))


def index_path(folder: Path) -> Path:
    key = hashlib.sha1(str(folder.resolve()).encode("utf-8")).hexdigest()[:20]
    return cache_dir() / "banks" / f"{key}.marshal"


def _to_record(p: Phrase) -> tuple[Any, ...]:
    return (
        p.id, p.kind, p.text, p.slots, p.keywords, p.tags, p.count,
        [(s.file, s.speech, s.line) for s in p.sources],
        p.heading, p.body, p.level, p.children, p.curated, p.stale,
    )  # fmt: skip


def _from_record(r: Any) -> Phrase:
    return Phrase(
        id=r[0], kind=r[1], text=r[2], slots=r[3], keywords=r[4], tags=r[5], count=r[6],
        sources=[Source(*s) for s in r[7]], heading=r[8], body=r[9], level=r[10], children=r[11],
        curated=r[12], stale=r[13],
    )  # fmt: skip


def load(folder: Path) -> Bank | None:
    """The bank from its index, or None when there is no valid index."""
    path = index_path(folder)
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, tuple) or len(data) != 2 or data[0] != signature(folder):
        return None
    bank = Bank(folder)
    for kind, records in data[1].items():
        bank.phrases[kind] = [_from_record(r) for r in records]
    return bank


def store(folder: Path, bank: Bank, before: tuple[Any, ...]) -> None:
    """Save an index; ``before`` is the signature taken before the files were read,
    so a file changed while we read it leaves no index behind."""
    if signature(folder) != before:
        return
    payload = marshal.dumps((before, {kind: [_to_record(p) for p in bank.of_kind(kind)] for kind in KINDS}))
    path = index_path(folder)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, path)
