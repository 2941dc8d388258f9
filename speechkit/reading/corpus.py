"""Find corpus files and read them (decoding: ``encodings``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
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
        rel = path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return printable(path.as_posix())
    return printable(rel.as_posix())


def read_file(path: Path) -> CorpusFile:
    """Read one corpus file; CorpusError names the file on any problem."""
    name = display_path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{name}: no such file or folder") from None
    except IsADirectoryError:
        raise CorpusError(f"{name}: is a folder, expected a text file") from None
    except PermissionError:
        raise CorpusError(f"{name}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise CorpusError(f"{name}: cannot read ({exc.strerror})") from None
    text, encoding = decode(data, name)
    text = without_controls(text)
    if not text.strip():
        raise CorpusError(f"{name}: the file is empty; give a file with speeches in it")
    return CorpusFile(path, name, text, encoding)


def find_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders (recursively ``*.txt`` and ``*.md``), in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())
            if not inside:
                raise CorpusError(f"{display_path(path)}: no .txt or .md files in this folder")
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise CorpusError(f"{display_path(path)}: no such file or folder")
    if not found:
        raise CorpusError("no corpus files given; name a file or folder of speeches")
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p, None)
    return list(unique)


def read_corpus(paths: Iterable[str | os.PathLike[str]], warn: Warn | None = None) -> Iterator[CorpusFile]:
    """Yield each readable corpus file, one at a time (streaming, file by file)."""
    paths = list(paths)
    named = named_files(paths)
    for path in find_files(paths):
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
