"""Standard output and error that fail with one clear error, never a traceback.

Standard output may be closed (``>&-``), full (``> /dev/full``), a pipe
whose reader has gone (``| head``), or in an encoding that cannot show
Chinese (``PYTHONIOENCODING=ascii``). Error lines must get out whatever
happens: stderr escapes what its encoding cannot show.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from typing import Any

from speechkit.errors import OutputError


class StdoutFailed(OSError):
    """A write to standard output failed (raised by the guarded stream)."""


class _Guarded:
    """Standard output whose failures are StdoutFailed, so they are told apart
    from other OSErrors wherever they surface (typer's help, rich, our writes)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except OSError as exc:
            raise StdoutFailed(exc.errno, exc.strerror) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise StdoutFailed(exc.errno, exc.strerror) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Closed:
    """Standard output when the process started with it closed."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise StdoutFailed(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise StdoutFailed(errno.EBADF, "standard output is closed")


def install() -> None:
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the process's life
    with contextlib.suppress(AttributeError, ValueError):
        sys.stderr.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    sys.stdout = _Closed() if sys.stdout is None else _Guarded(sys.stdout)


def problems(exc: BaseException) -> list[str]:
    """The error lines for a failed write to stdout (none for a reader that has gone)."""
    silence()
    if isinstance(exc, UnicodeEncodeError):
        encoding = getattr(sys.stdout, "encoding", "?")
        return [
            f"standard output: its encoding ({encoding}) cannot show this text; "
            "use a UTF-8 locale or set PYTHONIOENCODING=utf-8"
        ]
    if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
        return []  # … | head: the reader has what it wanted
    strerror = exc.strerror if isinstance(exc, OSError) else None
    return [f"standard output: cannot write ({strerror or exc})"]


def silence() -> None:
    """Send what is still buffered for stdout nowhere, so that Python's own
    flush at exit does not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


@contextlib.contextmanager
def writing() -> Iterator[None]:
    """Write to stdout inside this; a failure becomes an OutputError."""
    try:
        yield
        sys.stdout.flush()
    except (OSError, UnicodeEncodeError) as exc:
        lines = problems(exc)
        raise OutputError(lines[0] if lines else "", lines) from None
