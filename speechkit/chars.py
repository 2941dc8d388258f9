"""Which characters text may hold, and text made safe to print.

Banks, templates, drafts and slot values are plain text: a control
character (C0 but tab and line feed, DEL, C1), a lone surrogate (bytes that
were not UTF-8) or a noncharacter (U+FFFE, U+FFFF) in them is an error. Text
that reaches a terminal from elsewhere (file names, corpus text) is escaped,
so an escape sequence is shown, never obeyed.

``str.isprintable`` is false for every one of those characters, so text for
which it is true (nearly all) is passed without a regular expression; the
expressions are compiled on first need (``re`` caches them), which keeps
them off the drafting commands' start-up.
"""

from __future__ import annotations

import re

_FORBIDDEN = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
_UNPRINTABLE = "[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"  # also line feeds
_DROPPED = "[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]"


def describe(ch: str) -> str:
    """A forbidden character named for a message: ``U+001B (a control character)``."""
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"byte 0x{code - 0xDC00:02x} (not UTF-8)"
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} (a lone surrogate)"
    if code in (0xFFFE, 0xFFFF):
        return f"U+{code:04X} (a noncharacter)"
    return f"U+{code:04X} (a control character)"


def first_forbidden(text: str) -> int | None:
    """The index of the first character text may not hold, or None."""
    if text.isprintable():
        return None
    found = re.search(_FORBIDDEN, text)
    return found.start() if found else None


def first_not_one_line(text: str) -> int | None:
    """Like ``first_forbidden``, counting tabs and line breaks too (a value for one line)."""
    return first_forbidden(text.replace("\t", "\x00").replace("\n", "\x00"))


def _escape_one(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character (line feeds too) shown as an escape."""
    if text.isprintable():
        return text
    return re.sub(_UNPRINTABLE, _escape_one, text)


def without_controls(text: str) -> str:
    """Decoded text cleaned for mining: form feeds and vertical tabs become line
    breaks, carriage returns stay (a line break too), other controls go."""
    return re.sub(_DROPPED, "", text.replace("\f", "\n").replace("\v", "\n"))
