"""Errors that carry a message for the user.

The CLI turns every SpeechkitError into one line ``Error: …`` on stderr and
exit code 1, in one place; anything else that escapes is a bug.
"""

from __future__ import annotations

from collections.abc import Iterable


class SpeechkitError(Exception):
    """Base class: ``str(error)`` is the whole user-facing message.

    An error may carry several problems (all those found in one file): each
    is shown on its own ``Error: …`` line.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class CorpusError(SpeechkitError):
    """A corpus path is missing, unreadable, empty or not text."""


class BankError(SpeechkitError):
    """A phrase bank is missing, invalid or cannot be written."""


class TemplateError(SpeechkitError):
    """A template is unknown or invalid."""


class DraftError(SpeechkitError):
    """A draft cannot be assembled, saved or exported as asked."""


class OutputError(SpeechkitError):
    """An output file cannot be written (exists, folder missing, …)."""


def check_choice(
    what: str, value: str, known: Iterable[str], error: type[SpeechkitError] = SpeechkitError
) -> str:
    """``value`` if it is one of ``known``; else an error that lists them all
    (and the nearest, for a typo): one message for every filter and option
    that takes a name from a list (``--tag``, ``--font-set``, …)."""
    choices = sorted(set(known))
    if value in choices:
        return value
    from difflib import get_close_matches

    near = get_close_matches(value, choices, n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    raise error(f"unknown {what} {value!r}{hint}; {what}s are: {', '.join(choices) or 'none'}")


class Interrupted(SpeechkitError):
    """The user interrupted a command (Ctrl-C, SIGTERM); the message says what state it left."""

    exit_code = 130
