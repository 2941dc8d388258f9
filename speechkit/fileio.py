"""Safe file writing: temp file + fsync + rename, never a half-written file,
never an overwrite the user did not ask for."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from speechkit.errors import OutputError


def check_output(path: Path, force: bool) -> None:
    """Raise OutputError unless ``path`` may be written."""
    _output_target(path, force)


def write_output(path: Path, data: bytes | str, force: bool) -> None:
    """Write a file the user asked for: never over an existing one without
    ``force``, atomically, and with a clear error if the system refuses.

    Only regular files are ever replaced. A symbolic link to a file is
    followed (the file is replaced, the link stays); a terminal, a FIFO or
    another character device (``/dev/stdout``, ``/dev/null``) is written
    through as it is; anything else is refused.
    """
    target, special = _output_target(path, force)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if special:
            _write_through(target, payload)
        else:
            atomic_write(target, payload)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(f"{path}: no program is reading from this FIFO") from None
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


_KINDS = {stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def _output_target(path: Path, force: bool) -> tuple[Path, bool]:
    """Where to write for ``path``, and whether it is written through (a special file)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        parent = path.parent
        if not parent.is_dir():
            raise OutputError(f"{parent}: no such folder; create it first or choose another path") from None
        return path, False
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
    target = path
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except OSError:
            raise OutputError(
                f"{path}: is a symbolic link to {os.readlink(path)}, which does not exist; "
                "give the path of a file"
            ) from None
        if stat.S_ISREG(info.st_mode):
            target = Path(os.path.realpath(path))
    kind = stat.S_IFMT(info.st_mode)
    if kind in (stat.S_IFCHR, stat.S_IFIFO):
        return path, True
    if kind == stat.S_IFDIR:
        raise OutputError(f"{path}: is a folder; give a file name")
    if kind != stat.S_IFREG:
        raise OutputError(f"{path}: is {_KINDS.get(kind, 'not a regular file')}; give the name of a file")
    if not force:
        raise OutputError(f"{path}: already exists; use --force to overwrite it")
    return target, False


def _write_through(path: Path, payload: bytes) -> None:
    """Write to a terminal, FIFO or character device as it is (nothing to replace)."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)  # non-blocking: a FIFO with no reader fails (ENXIO) instead of hanging
    try:
        os.set_blocking(fd, True)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that readers only ever see the old or the new file."""
    import tempfile

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
