"""Find corpus files and read them (decoding: ``encodings``)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from speechkit.chars import printable, without_controls
from speechkit.errors import CorpusError
from speechkit.reading.encodings import decode

TEXT_SUFFIXES = (".txt", ".md")

Warn = Callable[[str], None]


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    label: str  # how the file is named in outlines and bank sources
    text: str
    encoding: str


def display_path(path: Path) -> str:
    """The path as users see it: relative to the working folder when inside it,
    bytes that are not UTF-8 and control characters shown as escapes (it
    names the file in messages and in bank sources, which hold plain text)."""
    try:
        rel = path.resolve().relative_to(_resolved(os.getcwd()))
    except (ValueError, OSError):
        return printable(path.as_posix())
    return printable(rel.as_posix())


@lru_cache(maxsize=4)
def _resolved(folder: str) -> Path:
    """The working folder without links, worked out once (not once a file)."""
    return Path(folder).resolve()


MAX_FILE_BYTES = (
    512 * 1024 * 1024
)  # a single file this large is not a speech; reading it would need gigabytes
_NOT_A_FILE = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def read_file(path: Path) -> CorpusFile:
    """Read one corpus file; CorpusError names the file on any problem."""
    name = display_path(path)
    try:
        data = _read_regular(path, name)
    except FileNotFoundError:
        raise CorpusError(f"{name}: no such file or folder") from None
    except PermissionError:
        raise CorpusError(f"{name}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise CorpusError(f"{name}: cannot read ({exc.strerror})") from None
    text, encoding = decode(data, name)
    text = without_controls(text)
    if not text.strip():
        raise CorpusError(f"{name}: the file is empty; give a file with speeches in it")
    return CorpusFile(path, name, text, encoding)


def _read_regular(path: Path, name: str) -> bytes:
    # Opened without blocking, then checked: a FIFO or a device named as a file
    # would otherwise wait for a writer forever, or never end (/dev/zero).
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise CorpusError(f"{name}: is a folder, expected a text file")
        if not stat.S_ISREG(info.st_mode):
            kind = _NOT_A_FILE.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise CorpusError(f"{name}: is {kind}, not a text file; save the text to a file")
        if info.st_size > MAX_FILE_BYTES:
            raise CorpusError(
                f"{name}: {info.st_size / 1e6:,.0f} MB is more than speechkit reads from one file "
                f"({MAX_FILE_BYTES // 2**20} MB); split it into several files"
            )
        return fh.read()


def find_files(paths: Iterable[str | os.PathLike[str]], warn: Warn | None = None) -> list[Path]:
    """Expand files and folders (recursively ``*.txt`` and ``*.md``), in a stable
    order, each file once however many ways it was named. A subfolder that
    cannot be read is skipped with a warning (an error without ``warn``)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(_files_in(path, warn))
            if not inside:
                raise CorpusError(f"{display_path(path)}: no .txt or .md files in this folder")
            found.extend(inside)
        elif os.path.lexists(path):
            found.append(path)
        else:
            raise CorpusError(f"{display_path(path)}: no such file or folder")
    if not found:
        raise CorpusError("no corpus files given; name a file or folder of speeches")
    unique: dict[object, Path] = {}
    for p in found:
        try:
            info = os.stat(p)
            key: object = (info.st_dev, info.st_ino)
        except OSError:
            key = p
        unique.setdefault(key, p)
    return list(unique.values())


def _files_in(folder: Path, warn: Warn | None) -> Iterator[Path]:
    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else folder
        message = f"{display_path(where)}: {_why(error)}; check the folder's permissions"
        if where == folder or warn is None:
            raise CorpusError(message)
        warn(f"skipped {message}")

    for root, _, names in os.walk(folder, onerror=unreadable):
        for name in names:
            path = Path(root) / name
            if path.suffix.lower() in TEXT_SUFFIXES and path.is_file():
                yield path


def _why(error: OSError) -> str:
    return "permission denied" if isinstance(error, PermissionError) else f"cannot read ({error.strerror})"


def read_corpus(paths: Iterable[str | os.PathLike[str]], warn: Warn | None = None) -> Iterator[CorpusFile]:
    """Yield each readable corpus file, one at a time (streaming, file by file)."""
    paths = list(paths)
    named = named_files(paths)
    for path in find_files(paths, warn):
        try:
            yield read_file(path)
        except CorpusError as exc:
            skip_or_raise(path, exc, named, warn)


def named_files(paths: Iterable[str | os.PathLike[str]]) -> set[Path]:
    """The paths given as files rather than folders."""
    return {Path(p) for p in paths if not Path(p).is_dir()}


def skip_or_raise(path: Path, error: CorpusError, named: set[Path], warn: Warn | None) -> None:
    """A file named directly must be readable; a bad file found in a folder is
    skipped with a warning, so one stray file does not stop a large run."""
    if path in named or warn is None:
        raise error
    warn(f"skipped {error}")
