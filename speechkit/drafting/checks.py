"""Marking what a writer must check: a phrase's specifics, shown in the draft.

A draft never states a source's names, figures or dates as the user's own:
each specific of a chosen phrase is wrapped as ``【核：83家】`` in every output
format (highlighted in the terminal), unless it is the user's own value
(their place, their organisation) or a level word their speaker may use
(全市 for a city's speaker). Marking happens on the phrase's own text, before
slots are filled, so the user's values are never marked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from speechkit.bank.model import Phrase
from speechkit.bank.slots import slots_in
from speechkit.drafting.fit import level_word_fits

CHECK_OPEN = "【核："
CHECK_CLOSE = "】"
CHECK_RE = re.compile(r"【核：([^【】]*)】")

# While slots are filled the marks are control characters no text holds.
_OPEN, _CLOSE = "\x0e", "\x0f"
_SLOT_RE = re.compile(r"\{\{|\}\}|\{[a-z_]+\}")


def to_check(phrase: Phrase, values: Mapping[str, str], level: str | None) -> list[tuple[str, str]]:
    """The specifics of ``phrase`` the writer must check in this draft."""
    own = [v for v in values.values() if v]
    out = []
    for specific in phrase.specifics:
        if any(specific.text in value for value in own):
            continue  # the user's own name or place
        if specific.kind == "level" and level_word_fits(specific.text, level):
            continue
        out.append((specific.text, specific.kind))
    return out


def mark(raw: str, checks: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """``raw`` (a phrase's text, slots unfilled) with each check wrapped, and the
    texts wrapped, in order; never inside a ``{slot}``."""
    if not checks:
        return raw, []
    slots = [(m.start(), m.end()) for m in _SLOT_RE.finditer(raw)]
    spans: list[tuple[int, int]] = []
    for text in sorted({t for t, _ in checks}, key=len, reverse=True):
        for m in re.finditer(re.escape(text), raw):
            start, end = m.span()
            if any(start < e and s < end for s, e in slots + spans):
                continue
            spans.append((start, end))
    if not spans:
        return raw, []
    spans.sort()
    out, last, marked = [], 0, []
    for start, end in spans:
        out.append(raw[last:start] + _OPEN + raw[start:end] + _CLOSE)
        marked.append(raw[start:end])
        last = end
    out.append(raw[last:])
    return "".join(out), marked


def finish(filled: str) -> str:
    """Turn the working marks into the visible ``【核：…】``."""
    return filled.replace(_OPEN, CHECK_OPEN).replace(_CLOSE, CHECK_CLOSE)


def has_marks(raw: str) -> bool:
    return _OPEN in raw


def unmarked(text: str) -> str:
    """A marked text as the source wrote it (for tests and length)."""
    return CHECK_RE.sub(lambda m: m.group(1), text)


def slot_names(raw: str) -> list[str]:
    return slots_in(raw)
