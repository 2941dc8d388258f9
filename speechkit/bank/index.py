"""A compiled index of a bank, so drafting neither parses YAML nor loads
every phrase on each run.

YAML stays the source of truth. Beside it, in the user's cache folder, an
SQLite file holds the validated phrases (each as a ``marshal`` record: plain
data, loading it runs no code) with columns to select them by kind and
position, to search their text and keywords, and to find a point's parents.
A draft then reads only the few hundred phrases it considers.

The index is used only while every bank file has the same size,
modification time, change time, inode and device as when it was built, the
same speechkit and Python built it, and, for a file changed less than
``SETTLE_NS`` before it was last checked, the same full content hash (see
``signature``). Anything wrong with the index itself (a damaged page, a
record that does not decode) discards it: the bank is read from its YAML and
indexed again.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
import stat
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from speechkit import __version__
from speechkit.bank.model import FILE_NAMES, KINDS, Bank, Phrase, Source, Specific, filter_words, search_text
from speechkit.lazyre import compile_later
from speechkit.paths import cache_dir

try:  # the interpreter's own: hashlib loads OpenSSL first, 3 ms of every draft's start-up
    from _blake2 import blake2b
    from _sha1 import sha1  # type: ignore[import-not-found]  # no stub: the same sha1 as hashlib's
except ImportError:  # an interpreter built without them
    from hashlib import blake2b, sha1

FORMAT = 10
EXACT_COUNT_MAX = 20_000  # above this many phrases, --search says "more" instead of counting
_SEP = "\x1f"


# A file whose change time is this far in the past cannot change again
# without its change time changing too, whatever the timestamp granularity
# of its file system (1 s on ext3 and some network file systems, 2 s on FAT).
SETTLE_NS = 3_000_000_000


def _state(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _content_hash(path: Path) -> str | None:
    """A hash of the whole file; None for anything but a regular file (a FIFO
    planted as a bank file is never opened for reading, which would block)."""
    digest = blake2b(digest_size=16)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def signature(folder: Path) -> str:
    """What must not change for an index to stay valid.

    Per bank file: its stat fields and a hash of its whole content, and
    whether it had settled (changed at least ``SETTLE_NS`` ago) when hashed.
    A settled file cannot change unseen by its stat fields, so checking the
    index costs one stat a file; an unsettled one is hashed again on every
    check until it settles (about 0.15 s for a 110 MB bank).
    """
    now = time.time_ns()
    files: list[_FileSeal] = []
    for kind in KINDS:
        path = folder / FILE_NAMES[kind]
        before = _state(path)
        if before is None:
            files.append((kind, None, None, False))
            continue
        digest = _content_hash(path)
        after = _state(path)
        if after != before:  # written while we read it: never matches
            digest = None
        files.append((kind, after, digest, now - before[2] >= SETTLE_NS))
    return _write_signature(files)


# One file's seal: its kind, stat fields (None: no file), content hash (None: none
# that can match) and whether it had settled. Kept as plain text, a line a file
# (json would cost every draft 1.6 ms of imports).
_FileSeal = tuple[str, "list[int] | None", "str | None", bool]


def _header() -> str:
    return f"speechkit-index {FORMAT} {__version__} python {sys.version_info[0]}.{sys.version_info[1]}"


def _write_signature(files: list[_FileSeal]) -> str:
    lines = [_header()]
    for kind, state, digest, settled in files:
        fields = " ".join(map(str, state)) if state is not None else "-"
        lines.append(f"{kind}\t{fields}\t{digest or '-'}\t{int(settled)}")
    return "\n".join(lines)


def _read_signature(stored: str) -> list[_FileSeal] | None:
    """The seals of a stored signature; None for one of another version or not well formed."""
    header, *lines = stored.split("\n")
    if header != _header() or len(lines) != len(KINDS):
        return None
    files: list[_FileSeal] = []
    for line in lines:
        kind, fields, digest, settled = line.split("\t")
        state = None if fields == "-" else [int(f) for f in fields.split(" ")]
        if (state is not None and len(state) != 5) or settled not in ("0", "1"):
            return None
        files.append((kind, state, None if digest == "-" else digest, settled == "1"))
    return files if [kind for kind, *_ in files] == list(KINDS) else None


def _still_valid(folder: Path, stored: str) -> tuple[bool, str | None]:
    """Whether the index built with ``stored`` still holds for the folder, and
    the signature to record instead when files have settled since."""
    try:
        files = _read_signature(stored)
    except (ValueError, TypeError, AttributeError):
        return False, None
    if files is None:
        return False, None
    settled_now = False
    for n, (kind, recorded, digest, settled) in enumerate(files):
        path = folder / FILE_NAMES[kind]
        state = _state(path)
        if state != recorded:
            return False, None
        if state is None or settled:
            continue
        now = time.time_ns()
        if digest is None or _content_hash(path) != digest:
            return False, None
        if now - state[2] >= SETTLE_NS:  # unchanged, and now it cannot change unseen
            files[n] = (kind, recorded, digest, True)
            settled_now = True
    return True, _write_signature(files) if settled_now else None


def index_path(folder: Path) -> Path:
    key = sha1(str(folder.resolve()).encode("utf-8")).hexdigest()[:20]
    return cache_dir() / "banks" / f"{key}.sqlite"


def _to_record(p: Phrase) -> bytes:
    """A phrase as bytes: a CRC-32 of the record, then the record (marshal, plain data)."""
    data = marshal.dumps((
        p.id, p.kind, p.text, p.slots, p.keywords, p.tags, p.count,
        [tuple(s) for s in p.sources], p.heading, p.body, p.level, p.children, p.curated, p.stale,
        p.occasion, p.speaker_level, p.moves, [tuple(s) for s in p.specifics], p.reuse,
    ))  # fmt: skip
    return zlib.crc32(data).to_bytes(4, "big") + data


class _Damaged(Exception):
    """The index does not read back as it was written."""


def _from_record(blob: bytes) -> Phrase:
    data = blob[4:]
    if not isinstance(blob, bytes) or zlib.crc32(data).to_bytes(4, "big") != blob[:4]:
        raise _Damaged("a record does not match its checksum")
    r = marshal.loads(data)
    return Phrase(
        id=r[0], kind=r[1], text=r[2], slots=r[3], keywords=r[4], tags=r[5], count=r[6],
        sources=[Source(*s) for s in r[7]], heading=r[8], body=r[9], level=r[10], children=r[11],
        curated=r[12], stale=r[13], occasion=r[14], speaker_level=r[15], moves=r[16],
        specifics=[Specific(*s) for s in r[17]], reuse=r[18],
    )  # fmt: skip


# A new index file is a cache, built aside and renamed into place: no rollback
# journal and no syncs while it is filled (a crash leaves a temporary file that
# is never read), and its SQL indexes made once the rows are in, which is faster
# than keeping them up to date row by row.
_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE phrases (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, record BLOB NOT NULL);
CREATE TABLE searchable (
    rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, search TEXT NOT NULL, tags TEXT NOT NULL);
CREATE TABLE keywords (word TEXT NOT NULL, kind TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE children (parent TEXT NOT NULL, child TEXT NOT NULL);
"""
_INDEXES = """
CREATE UNIQUE INDEX phrases_id ON phrases (id);
CREATE INDEX keywords_word ON keywords (word, kind);
CREATE INDEX children_child ON children (child);
"""


def store(folder: Path, bank: Bank, before: str) -> None:
    """Build the index for ``bank``; ``before`` is the signature taken before the
    files were read, so a file changed meanwhile leaves no index behind."""
    if signature(folder) != before:
        return
    tmp = temp_path(folder)
    if build(bank, tmp):
        install(folder, tmp, before)


def temp_path(folder: Path) -> Path:
    """Where an index of ``folder`` is built before it is put in place."""
    path = index_path(folder)
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


# A temporary index untouched this long was left by a build that died (killed,
# or the machine went down); a live build writes to its file all the time, then
# renames it at once.
ABANDONED_AFTER_S = 3600
_TEMP_NAME = compile_later(r"\.[0-9a-f]{20}\.sqlite\.[0-9]+\.tmp")


def _remove_abandoned(folder: Path) -> None:
    """Temporary index files of builds that died: they would fill the cache for good."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if _TEMP_NAME.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > ABANDONED_AFTER_S:
                        os.unlink(entry.path)


def build(bank: Bank, tmp: Path) -> bool:
    """Fill a new index file at ``tmp`` for ``bank``, to be signed and put in
    place by ``install`` (extract builds it while it writes the bank's files)."""
    try:
        tmp.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(tmp.parent)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        db = sqlite3.connect(tmp)
        try:
            _fill(db, bank, "")
        finally:
            db.close()
        return True
    except (OSError, sqlite3.Error):  # a full disk, an unwritable cache: no index, and no leftovers
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False


def install(folder: Path, tmp: Path, before: str) -> None:
    """Sign the index built at ``tmp`` with the signature of the files it holds, and put it in place."""
    try:
        db = sqlite3.connect(tmp)
        try:
            db.execute("UPDATE meta SET value = ? WHERE key = 'signature'", (before,))
            db.commit()
        finally:
            db.close()
        os.replace(tmp, index_path(folder))
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            tmp.unlink()


def _fill(db: sqlite3.Connection, bank: Bank, before: str) -> None:
    db.executescript(_SCHEMA)
    counts = " ".join(f"{kind}:{len(bank.of_kind(kind))}" for kind in KINDS)
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("signature", before), ("counts", counts)])
    # What a search scans has a table of its own, the same rowid: a draft reads
    # the records of a few hundred phrases, and each row it reads is then smaller
    # by the search text (about a third of it), so it touches fewer pages.
    in_order = [(kind, n, p) for kind in KINDS for n, p in enumerate(bank.of_kind(kind))]
    db.executemany(
        "INSERT INTO phrases (rowid, id, record) VALUES (?, ?, ?)",
        ((row, p.id, _to_record(p)) for row, (_, _, p) in enumerate(in_order, 1)),
    )
    db.executemany(
        "INSERT INTO searchable (rowid, kind, search, tags) VALUES (?, ?, ?, ?)",
        (
            (row, kind, search_text(p), _SEP + _SEP.join(p.filter_words()) + _SEP)
            for row, (kind, _, p) in enumerate(in_order, 1)
        ),
    )
    words = (
        (w, kind, n) for kind in KINDS for n, p in enumerate(bank.of_kind(kind)) for w in set(p.keywords)
    )
    db.executemany("INSERT INTO keywords VALUES (?, ?, ?)", words)
    links = ((p.id, c) for p in bank.of_kind("point") for c in p.children)
    db.executemany("INSERT INTO children VALUES (?, ?)", links)
    db.commit()
    db.executescript(_INDEXES)


_T = TypeVar("_T")
# what a damaged index file raises: SQLite's errors, and records that do not decode
_BROKEN = (sqlite3.Error, _Damaged, ValueError, EOFError, TypeError, IndexError, KeyError, RecursionError)


def _counts_of(stored: str) -> dict[str, int]:
    """How many phrases of each kind, as the index recorded them: every kind once,
    in order, none below zero; anything else is damage (a kind left out would
    read as a bank without it)."""
    counts = {kind: int(n) for kind, n in (pair.split(":") for pair in stored.split(" "))}
    if list(counts) != list(KINDS) or min(counts.values()) < 0:
        raise _Damaged("the counts of phrases per kind do not read back")
    return counts


class IndexedBank(Bank):
    """A bank read from its index on demand; the same answers as the in-memory Bank.

    Should the index prove damaged midway (a page that does not read, a
    record that does not decode), it is discarded and every answer from then
    on comes from the YAML, read by ``rebuild``: the same answers, since the
    index was valid for these files.
    """

    def __init__(self, folder: Path, db: sqlite3.Connection, rebuild: Callable[[], Bank]) -> None:
        super().__init__(folder)
        self.path = folder
        self.db = db
        self._rebuild = rebuild
        self._yaml: Bank | None = None
        self._loaded: dict[str, list[Phrase]] = {}
        row = db.execute("SELECT value FROM meta WHERE key = 'counts'").fetchone()
        if row is None:
            raise _Damaged("the index records no counts")
        self._counts = _counts_of(row[0])
        # Rows are numbered in bank order (kinds in order, then position), so a
        # phrase's rowid is its kind's first rowid plus its position: one lookup a
        # phrase instead of two (a (kind, position) index, then the row). 900
        # scattered rows of a 100,000-phrase index: 11-15 ms -> 5 ms, cold.
        self._first_row: dict[str, int] = {}
        first = 1
        for kind in KINDS:
            self._first_row[kind] = first
            first += self._counts.get(kind, 0)

    def _either(self, indexed: Callable[[], _T], fallback: Callable[[Bank], _T]) -> _T:
        if self._yaml is None:
            try:
                return indexed()
            except _BROKEN:
                with contextlib.suppress(sqlite3.Error):
                    self.db.close()
                discard(self.path)
                self._yaml = self._rebuild()
        return fallback(self._yaml)

    def of_kind(self, kind: str) -> list[Phrase]:
        return self._either(lambda: self._db_of_kind(kind), lambda bank: bank.of_kind(kind))

    def read_from_index(self) -> bool:
        """Whether every answer so far came from the index (none from the YAML)."""
        return self._yaml is None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()

    def all(self) -> list[Phrase]:
        return [p for kind in KINDS for p in self.of_kind(kind)]

    def count(self, kind: str) -> int:
        return self._either(lambda: self._counts.get(kind, 0), lambda bank: bank.count(kind))

    def __len__(self) -> int:
        return sum(self.count(kind) for kind in KINDS)

    def get(self, phrase_id: str) -> Phrase | None:
        return self._either(lambda: self._db_get(phrase_id), lambda bank: bank.get(phrase_id))

    def parents(self, point_id: str) -> list[str]:
        return self._either(lambda: self._db_parents(point_id), lambda bank: bank.parents(point_id))

    def parents_many(self, point_ids: Sequence[str]) -> dict[str, list[str]]:
        return self._either(
            lambda: self._db_parents_many(point_ids), lambda bank: bank.parents_many(point_ids)
        )

    def at(self, kind: str, positions: Sequence[int]) -> list[Phrase]:
        return self._either(lambda: self._db_at(kind, positions), lambda bank: bank.at(kind, positions))

    def topic_matches(self, kind: str, words: Sequence[str], limit: int) -> list[Phrase]:
        return self._either(
            lambda: self._db_topic_matches(kind, words, limit),
            lambda bank: bank.topic_matches(kind, words, limit),
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
        return self._either(
            lambda: self._db_search(kind, word, tag, limit, occasion=occasion, move=move),
            lambda bank: bank.search(kind, word, tag, limit, occasion=occasion, move=move),
        )

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[Phrase]:
        return [_from_record(blob) for (blob,) in self.db.execute(sql, args)]

    def _rows_of(self, kind: str, sql: str, args: Sequence[Any], expected: int | None = None) -> list[Phrase]:
        """Rows found by rowid: each of ``kind`` (and ``expected`` of them), or the index is damaged."""
        rows = self._rows(sql, args)
        if any(p.kind != kind for p in rows) or (expected is not None and len(rows) != expected):
            raise _Damaged("a row is not where its kind and position put it")
        return rows

    def _db_of_kind(self, kind: str) -> list[Phrase]:
        if kind not in self._loaded:
            first, n = self._first_row[kind], self._counts.get(kind, 0)
            sql = "SELECT record FROM phrases WHERE rowid >= ? AND rowid < ? ORDER BY rowid"
            self._loaded[kind] = self._rows_of(kind, sql, (first, first + n), n)
        return self._loaded[kind]

    def _db_get(self, phrase_id: str) -> Phrase | None:
        rows = self._rows("SELECT record FROM phrases WHERE id = ?", (phrase_id,))
        return rows[0] if rows else None

    def _db_parents(self, point_id: str) -> list[str]:
        return [p for (p,) in self.db.execute("SELECT parent FROM children WHERE child = ?", (point_id,))]

    def _db_parents_many(self, point_ids: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for start in range(0, len(point_ids), 500):
            chunk = list(point_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for parent, child in self.db.execute(
                f"SELECT parent, child FROM children WHERE child IN ({marks}) ORDER BY rowid", chunk
            ):
                found.setdefault(child, []).append(parent)
        return found

    def _db_at(self, kind: str, positions: Sequence[int]) -> list[Phrase]:
        n = self._counts.get(kind, 0)
        wanted = sorted({at for at in positions if 0 <= at < n})
        first = self._first_row[kind]
        out: list[Phrase] = []
        for start in range(0, len(wanted), 500):
            chunk = [first + at for at in wanted[start : start + 500]]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT record FROM phrases WHERE rowid IN ({marks}) ORDER BY rowid"
            out += self._rows_of(kind, sql, chunk, len(chunk))
        return out

    def _db_topic_matches(self, kind: str, words: Sequence[str], limit: int) -> list[Phrase]:
        if not words:
            return []
        wanted = sorted(set(words))
        marks = ",".join("?" * len(wanted))
        return self._rows_of(
            kind,
            "SELECT record FROM phrases WHERE rowid IN (SELECT DISTINCT ? + ord FROM keywords "
            f"WHERE kind = ? AND word IN ({marks})) ORDER BY rowid LIMIT ?",
            (self._first_row[kind], kind, *wanted, limit),
        )

    def _db_search(
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
            where.append("searchable.kind = ?")
            args.append(kind)
        if word:
            where.append("instr(search, ?) > 0")  # a plain substring test, as in memory
            args.append(word)
        for needed in sorted(filter_words(tag, occasion, move)):
            where.append("instr(tags, ?) > 0")
            args.append(_SEP + needed + _SEP)
        condition = " AND ".join(where)
        # rowid order is bank order (kinds in order, then position)
        sql = (
            "SELECT phrases.record FROM searchable JOIN phrases ON phrases.rowid = searchable.rowid "
            f"WHERE {condition} ORDER BY searchable.rowid"
        )
        scope = sum(self.count(k) for k in ([kind] if kind else KINDS))
        if limit and scope > EXACT_COUNT_MAX and (word or tag or occasion or move):
            # Counting every match would read the whole bank: read one more than shown.
            rows = self._rows(sql + " LIMIT ?", [*args, limit + 1])
            return rows[:limit], (len(rows) if len(rows) <= limit else None)
        total = int(self.db.execute(f"SELECT count(*) FROM searchable WHERE {condition}", args).fetchone()[0])
        if limit:
            return self._rows(sql + " LIMIT ?", [*args, limit]), total
        return self._rows(sql, args), total


def load(folder: Path, rebuild: Callable[[], Bank]) -> IndexedBank | None:
    """The bank from its index, or None when there is no valid index (a
    damaged one is discarded). ``rebuild`` reads the YAML should the index
    prove damaged later."""
    path = index_path(folder)
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        discard(folder)
        return None
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
        valid, fresher = _still_valid(folder, row[0]) if row else (False, None)
        bank = IndexedBank(folder, db, rebuild) if valid else None
    except (*_BROKEN, AttributeError):
        db.close()
        discard(folder)
        return None
    if bank is None:
        db.close()
    elif fresher is not None:
        _record_signature(path, fresher)
    return bank


def _record_signature(path: Path, fresh: str) -> None:
    """Note files that have settled since the index was built (best effort: the cache may be read-only)."""
    with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(path, timeout=0.1)) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'signature'", (fresh,))
        db.commit()


def discard(folder: Path) -> None:
    with contextlib.suppress(OSError):
        index_path(folder).unlink()
