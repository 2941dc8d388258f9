"""Writing a bank folder as one change: the lock, the journal, recovery.

A bank is several files; a reader must never see some old and some new.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from speechkit import fileio
from speechkit.bank.model import FILE_NAMES, JOURNAL_NAME
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
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
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

JOURNAL = JOURNAL_NAME
_TEMP_PREFIX = ".speechkit-"


def write_group(folder: Path, files: Mapping[str, bytes | str | Iterable[str]]) -> None:
    """Replace several files so that, after any crash, the folder holds either
    all the old files or all the new ones.

    Each new file is written to a temporary name and fsynced; then a journal
    naming them is written atomically: that is the commit point. The renames
    follow. ``recover`` finishes the renames if a crash came after the commit,
    and only stray temporary files are left if it came before; until then
    readers read the new files through the journal (``pending_files``).
    """
    import json

    if not set(files) <= set(FILE_NAMES.values()):
        raise ValueError(f"write_group writes bank files only, not {sorted(set(files))}")
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
        renames = [(path.name, name) for name, path in temps.items()]
    except BaseException:
        _remove(temps.values())
        raise
    with _interrupts_held() as held:  # from the commit to the last rename: never half done by Ctrl-C
        try:
            fileio.atomic_write(folder / JOURNAL, json.dumps({"renames": renames}, ensure_ascii=False))
        except BaseException:
            _remove(temps.values())
            raise
        try:
            _apply_journal(folder, renames)
        except KeyboardInterrupt:  # committed: readers and the next writer see the new bank
            raise CommittedInterrupt from None
    if held:
        raise CommittedInterrupt


class CommittedInterrupt(KeyboardInterrupt):
    """An interrupt that came while a write was being committed, raised once it was."""


@contextlib.contextmanager
def _interrupts_held() -> Iterator[list[int]]:
    """Hold SIGINT and SIGTERM until the block is done; yields the signals that came."""
    import signal
    import threading

    held: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    wanted = [signal.SIGINT, *([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])]
    before = {sig: signal.signal(sig, lambda signum, frame: held.append(signum)) for sig in wanted}
    try:
        yield held
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _match_mode(tmp: Path, final: Path) -> None:
    try:
        mode = final.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def _apply_journal(folder: Path, renames: list[tuple[str, str]]) -> None:
    for tmp_name, final in renames:
        tmp = folder / tmp_name
        if _is_regular(tmp):
            os.replace(tmp, folder / final)
    fileio.fsync_dir(folder)
    with contextlib.suppress(FileNotFoundError):
        (folder / JOURNAL).unlink()
    fileio.fsync_dir(folder)


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


# A journal is data from a folder others may write to: it may name only the
# temporary files write_group makes and the bank files they replace.
_TEMP_RE = re.compile(
    r"\.speechkit-(?P<final>" + "|".join(map(re.escape, FILE_NAMES.values())) + r")\.\w{1,64}\.tmp\Z"
)
_JOURNAL_MAX_BYTES = 64 * 1024


def read_journal(folder: Path) -> list[tuple[str, str]] | None:
    """The renames a pending journal asks for, or None when there is none.

    Anything but what ``write_group`` writes (another shape, a name with a
    folder in it, a file that is not a bank file, a symbolic link) is a
    BankError; the journal and the files are then left alone.
    """
    import json

    path = folder / JOURNAL
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _refused(folder, f"cannot read it ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise _refused(folder, "it is not a regular file")
    if info.st_size > _JOURNAL_MAX_BYTES:
        raise _refused(folder, f"it is {info.st_size:,} bytes, more than a journal ever is")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            data = json.loads(fh.read(_JOURNAL_MAX_BYTES + 1).decode("utf-8"))
    except FileNotFoundError:
        return None  # the writer has just finished
    except OSError as exc:
        raise _refused(folder, f"cannot read it ({exc.strerror})") from None
    except (ValueError, RecursionError):  # not UTF-8, not JSON, nested thousands deep
        raise _refused(folder, "it is not a speechkit journal (not JSON)") from None
    return _checked_renames(folder, data)


def _checked_renames(folder: Path, data: Any) -> list[tuple[str, str]]:
    if not isinstance(data, dict) or set(data) != {"renames"} or not isinstance(data["renames"], list):
        raise _refused(folder, "it is not a speechkit journal (no list of renames)")
    renames: list[tuple[str, str]] = []
    for entry in data["renames"]:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(n, str) for n in entry)):
            raise _refused(folder, f"a rename is not a pair of file names: {entry!r}")
        tmp_name, final = entry
        match = _TEMP_RE.match(tmp_name)
        if match is None or match.group("final") != final:
            raise _refused(folder, f"it asks to rename {tmp_name!r} to {final!r}, which speechkit never does")
        if final in (f for _, f in renames):
            raise _refused(folder, f"it names {final!r} twice")
        tmp = folder / tmp_name
        if tmp.is_symlink() or (tmp.exists() and not _is_regular(tmp)):
            raise _refused(folder, f"{tmp_name} is not a regular file")
        renames.append((tmp_name, final))
    return renames


def _refused(folder: Path, why: str) -> BankError:
    return BankError(
        f"{folder / JOURNAL}: refused: {why}; speechkit left it and the bank alone "
        "(if no speechkit is writing this bank, remove the journal to keep the bank as it is)"
    )


def pending_files(folder: Path) -> dict[str, Path] | None:
    """For readers: the new files of a committed but unfinished write, by bank
    file name (they are complete and fsynced), or None when nothing is pending.
    Reading them renames nothing: the next writer finishes the write."""
    renames = read_journal(folder)
    if renames is None:
        return None
    return {final: folder / tmp_name for tmp_name, final in renames}


def recover(folder: Path) -> None:
    """Finish an interrupted ``write_group`` and remove stray temporary files
    (call it holding the bank lock)."""
    renames = read_journal(folder)
    try:
        if renames is not None:
            _apply_journal(folder, renames)
        for stray in folder.iterdir():
            if _TEMP_RE.match(stray.name) and _is_regular(stray):
                stray.unlink()
    except OSError as exc:
        raise BankError(f"{folder}: cannot finish an interrupted write ({exc.strerror})") from None
