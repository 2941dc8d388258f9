"""Writing a bank folder as one change: the lock, the journal, recovery.

A bank is several files; a reader must never see some old and some new.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from speechkit import fileio
from speechkit.errors import BankError

LOCK_NAME = ".speechkit.lock"


@contextlib.contextmanager
def bank_lock(folder: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold an exclusive lock on a bank folder while writing it.

    A second writer waits up to ``timeout`` seconds, then gives up with a
    clear message instead of corrupting the bank.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: no locking
        yield
        return
    path = folder / LOCK_NAME
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise BankError(f"{folder}: cannot lock the bank folder ({exc.strerror})") from None
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise BankError(
                            f"{folder}: another speechkit is writing this bank; "
                            f"waited {timeout:g} s, try again when it has finished"
                        ) from None
                    time.sleep(0.05)
        except BaseException:
            os.close(fd)
            raise
        if _is_current(fd, path):
            break
        os.close(fd)  # the writer before us removed this lock file: lock the one there now
    try:
        yield
    finally:
        # Removed while still held, so no empty lock file is left in the bank
        # folder; a writer that was waiting on it sees it gone and tries again.
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)


def _is_current(fd: int, path: Path) -> bool:
    """Whether the locked file is still the one at ``path`` (not removed meanwhile)."""
    try:
        on_disk = path.stat()
    except OSError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


# ------------------------------------------------------- writing a whole bank

JOURNAL = ".speechkit-journal.json"
_TEMP_PREFIX = ".speechkit-"


def write_group(folder: Path, files: Mapping[str, bytes | str | Iterable[str]]) -> None:
    """Replace several files so that, after any crash, the folder holds either
    all the old files or all the new ones.

    Each new file is written to a temporary name and fsynced; then a journal
    naming them is written atomically: that is the commit point. The renames
    follow. ``recover`` finishes the renames if a crash came after the commit,
    and only stray temporary files are left if it came before.
    """
    import json

    temps: dict[str, Path] = {}
    try:
        for name, data in files.items():
            fd, tmp_name = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{name}.", suffix=".tmp", dir=folder)
            temps[name] = Path(tmp_name)
            with os.fdopen(fd, "wb") as fh:
                if isinstance(data, bytes):
                    fh.write(data)
                elif isinstance(data, str):
                    fh.write(data.encode("utf-8"))
                else:
                    for chunk in data:  # streamed: a large bank is never one big string
                        fh.write(chunk.encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
            _match_mode(temps[name], folder / name)
        fileio.fsync_dir(folder)
        journal = {"renames": [[path.name, name] for name, path in temps.items()]}
        fileio.atomic_write(folder / JOURNAL, json.dumps(journal, ensure_ascii=False))
    except BaseException:
        for path in temps.values():
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    _apply_journal(folder, journal["renames"])


def _match_mode(tmp: Path, final: Path) -> None:
    try:
        mode = final.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def _apply_journal(folder: Path, renames: list[list[str]]) -> None:
    for tmp_name, final in renames:
        tmp = folder / tmp_name
        if tmp.exists():
            os.replace(tmp, folder / final)
    fileio.fsync_dir(folder)
    with contextlib.suppress(FileNotFoundError):
        (folder / JOURNAL).unlink()
    fileio.fsync_dir(folder)


def needs_recovery(folder: Path) -> bool:
    return (folder / JOURNAL).exists()


def recover(folder: Path) -> None:
    """Finish or undo an interrupted ``write_group`` (call it holding the bank lock)."""
    import json

    journal = folder / JOURNAL
    if journal.exists():
        try:
            renames = json.loads(journal.read_text(encoding="utf-8"))["renames"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BankError(
                f"{journal}: unreadable write journal ({exc}); remove it to keep the current files"
            ) from None
        _apply_journal(folder, renames)
    for stray in folder.glob(f"{_TEMP_PREFIX}*.tmp"):
        with contextlib.suppress(OSError):
            stray.unlink()
