"""A compiled index of a bank, so drafting neither parses YAML nor loads
every phrase on each run.

YAML stays the source of truth. Beside it, in the user's cache folder, an
SQLite file holds the validated phrases (each as a ``marshal`` record: plain
data, loading it runs no code) with columns to select them by kind and
position, to search their text and keywords, and to find a point's parents.
A draft then reads only the few hundred phrases it considers.

The index is used only while every bank file has the same size,
modification time, change time, inode and hash of its two ends as when it
was built, and the same speechkit and Python built it; anything else
rebuilds it. A write to a bank
file changes its mtime and ctime, so a stale index is never served.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from speechkit import __version__
from speechkit.bank.model import FILE_NAMES, KINDS, Bank, Phrase, Source, Specific, filter_words, search_text
from speechkit.paths import cache_dir

FORMAT = 6
EXACT_COUNT_MAX = 20_000  # above this many phrases, --search says "more" instead of counting
_SEP = "\x1f"


_HASHED_SPAN = 65536  # bytes hashed at each end of a bank file


def signature(folder: Path) -> str:
    """What must not change for an index to stay valid: each file's size,
    mtime, ctime and inode, and a hash of its first and last 64 KiB (reading
    a whole 100 MB bank to hash it would cost what the index saves)."""
    files: list[Any] = []
    for kind in KINDS:
        path = folder / FILE_NAMES[kind]
        try:
            st = path.stat()
            with path.open("rb") as fh:
                digest = hashlib.blake2b(fh.read(_HASHED_SPAN), digest_size=16)
                if st.st_size > _HASHED_SPAN:
                    fh.seek(max(_HASHED_SPAN, st.st_size - _HASHED_SPAN))
                    digest.update(fh.read(_HASHED_SPAN))
        except OSError:
            files.append([kind, None])
            continue
        files.append([kind, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, digest.hexdigest()])
    return json.dumps([FORMAT, __version__, list(sys.version_info[:2]), files])


def index_path(folder: Path) -> Path:
    key = hashlib.sha1(str(folder.resolve()).encode("utf-8")).hexdigest()[:20]
    return cache_dir() / "banks" / f"{key}.sqlite"


def _to_record(p: Phrase) -> bytes:
    return marshal.dumps((
        p.id, p.kind, p.text, p.slots, p.keywords, p.tags, p.count,
        [tuple(s) for s in p.sources], p.heading, p.body, p.level, p.children, p.curated, p.stale,
        p.occasion, p.speaker_level, p.moves, [tuple(s) for s in p.specifics], p.reuse,
    ))  # fmt: skip


def _from_record(blob: bytes) -> Phrase:
    r = marshal.loads(blob)
    return Phrase(
        id=r[0], kind=r[1], text=r[2], slots=r[3], keywords=r[4], tags=r[5], count=r[6],
        sources=[Source(*s) for s in r[7]], heading=r[8], body=r[9], level=r[10], children=r[11],
        curated=r[12], stale=r[13], occasion=r[14], speaker_level=r[15], moves=r[16],
        specifics=[Specific(*s) for s in r[17]], reuse=r[18],
    )  # fmt: skip


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE phrases (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, ord INTEGER NOT NULL,
    search TEXT NOT NULL, tags TEXT NOT NULL, record BLOB NOT NULL);
CREATE UNIQUE INDEX phrases_id ON phrases (id);
CREATE UNIQUE INDEX phrases_kind_ord ON phrases (kind, ord);
CREATE TABLE keywords (word TEXT NOT NULL, kind TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE INDEX keywords_word ON keywords (word, kind);
CREATE TABLE children (parent TEXT NOT NULL, child TEXT NOT NULL);
CREATE INDEX children_child ON children (child);
"""


def store(folder: Path, bank: Bank, before: str) -> None:
    """Build the index for ``bank``; ``before`` is the signature taken before the
    files were read, so a file changed meanwhile leaves no index behind."""
    if signature(folder) != before:
        return
    path = index_path(folder)
    with contextlib.suppress(OSError, sqlite3.Error):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        db = sqlite3.connect(tmp)
        try:
            _fill(db, bank, before)
        finally:
            db.close()
        os.replace(tmp, path)


def _fill(db: sqlite3.Connection, bank: Bank, before: str) -> None:
    db.executescript(_SCHEMA)
    counts = {kind: len(bank.of_kind(kind)) for kind in KINDS}
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("signature", before), ("counts", json.dumps(counts))])
    rows = (
        (p.id, kind, n, search_text(p), _SEP + _SEP.join(p.filter_words()) + _SEP, _to_record(p))
        for kind in KINDS
        for n, p in enumerate(bank.of_kind(kind))
    )
    db.executemany(
        "INSERT INTO phrases (id, kind, ord, search, tags, record) VALUES (?, ?, ?, ?, ?, ?)", rows
    )
    words = (
        (w, kind, n) for kind in KINDS for n, p in enumerate(bank.of_kind(kind)) for w in set(p.keywords)
    )
    db.executemany("INSERT INTO keywords VALUES (?, ?, ?)", words)
    links = ((p.id, c) for p in bank.of_kind("point") for c in p.children)
    db.executemany("INSERT INTO children VALUES (?, ?)", links)
    db.commit()


class IndexedBank(Bank):
    """A bank read from its index on demand; the same answers as the in-memory Bank."""

    def __init__(self, folder: Path, db: sqlite3.Connection) -> None:
        super().__init__(folder)
        self.db = db
        self._loaded: dict[str, list[Phrase]] = {}
        row = db.execute("SELECT value FROM meta WHERE key = 'counts'").fetchone()
        self._counts: dict[str, int] = json.loads(row[0]) if row else {}

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[Phrase]:
        return [_from_record(blob) for (blob,) in self.db.execute(sql, args)]

    def of_kind(self, kind: str) -> list[Phrase]:
        if kind not in self._loaded:
            self._loaded[kind] = self._rows("SELECT record FROM phrases WHERE kind = ? ORDER BY ord", (kind,))
        return self._loaded[kind]

    def all(self) -> list[Phrase]:
        return [p for kind in KINDS for p in self.of_kind(kind)]

    def count(self, kind: str) -> int:
        return int(self._counts.get(kind, 0))

    def __len__(self) -> int:
        return sum(self._counts.values())

    def get(self, phrase_id: str) -> Phrase | None:
        rows = self._rows("SELECT record FROM phrases WHERE id = ?", (phrase_id,))
        return rows[0] if rows else None

    def parents(self, point_id: str) -> list[str]:
        return [p for (p,) in self.db.execute("SELECT parent FROM children WHERE child = ?", (point_id,))]

    def parents_many(self, point_ids: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for start in range(0, len(point_ids), 500):
            chunk = list(point_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for parent, child in self.db.execute(
                f"SELECT parent, child FROM children WHERE child IN ({marks}) ORDER BY rowid", chunk
            ):
                found.setdefault(child, []).append(parent)
        return found

    def at(self, kind: str, positions: Sequence[int]) -> list[Phrase]:
        wanted = sorted(set(positions))
        out: list[Phrase] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            out += self._rows(
                f"SELECT record FROM phrases WHERE kind = ? AND ord IN ({marks}) ORDER BY ord", (kind, *chunk)
            )
        return out

    def topic_matches(self, kind: str, words: Sequence[str], limit: int) -> list[Phrase]:
        if not words:
            return []
        wanted = sorted(set(words))
        marks = ",".join("?" * len(wanted))
        return self._rows(
            "SELECT record FROM phrases WHERE kind = ? AND ord IN "
            f"(SELECT DISTINCT ord FROM keywords WHERE kind = ? AND word IN ({marks})) ORDER BY ord LIMIT ?",
            (kind, kind, *wanted, limit),
        )

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
        where: list[str] = ["1"]
        args: list[Any] = []
        if kind:
            where.append("kind = ?")
            args.append(kind)
        if word:
            where.append("instr(search, ?) > 0")  # a plain substring test, as in memory
            args.append(word)
        for needed in sorted(filter_words(tag, occasion, move)):
            where.append("instr(tags, ?) > 0")
            args.append(_SEP + needed + _SEP)
        condition = " AND ".join(where)
        # rowid order is bank order (kinds in order, then position)
        sql = f"SELECT record FROM phrases WHERE {condition} ORDER BY rowid"
        scope = sum(self.count(k) for k in ([kind] if kind else KINDS))
        if limit and scope > EXACT_COUNT_MAX and (word or tag or occasion or move):
            # Counting every match would read the whole bank: read one more than shown.
            rows = self._rows(sql + " LIMIT ?", [*args, limit + 1])
            return rows[:limit], (len(rows) if len(rows) <= limit else None)
        total = int(self.db.execute(f"SELECT count(*) FROM phrases WHERE {condition}", args).fetchone()[0])
        if limit:
            return self._rows(sql + " LIMIT ?", [*args, limit]), total
        return self._rows(sql, args), total


def load(folder: Path) -> IndexedBank | None:
    """The bank from its index, or None when there is no valid index."""
    path = index_path(folder)
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        row = db.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
    except sqlite3.Error:
        return None
    if row is None or row[0] != signature(folder):
        db.close()
        return None
    return IndexedBank(folder, db)
