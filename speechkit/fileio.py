"""Safe file writing: temp file + fsync + rename, never a half-written file,
never an overwrite the user did not ask for."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from speechkit.errors import OutputError


def check_output(path: Path, force: bool) -> None:
    """Raise OutputError unless ``path`` may be written."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to overwrite it")
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"{parent}: no such folder; create it first or choose another path")


def write_output(path: Path, data: bytes | str, force: bool) -> None:
    """Write a file the user asked for: never over an existing one without
    ``force``, atomically, and with a clear error if the system refuses."""
    check_output(path, force)
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that readers only ever see the old or the new file."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
