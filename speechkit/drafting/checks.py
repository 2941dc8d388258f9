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
    year = int(values["year"]) if values.get("year", "").isdigit() else None
    out = []
    for specific in phrase.specifics:
        if any(specific.text in value for value in own):
            continue  # the user's own name or place
        if specific.kind == "level" and level_word_fits(specific.text, level):
            continue
        if specific.kind == "dated" and year is not None and _plan_covers(specific.text, year):
            continue  # “十五五” in a speech of 2026 is the user's own plan period
        out.append((specific.text, specific.kind))
    return out


_PLAN_RE = re.compile(r"^“?十([一二三四五六]?)五”?(?:时期|期间)?$")
_PLAN_DIGITS = {"": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


def _plan_covers(text: str, year: int) -> bool:
    """A five-year plan's name (十一五 … 十六五) whose years hold ``year``."""
    m = _PLAN_RE.match(text)
    if not m:
        return False
    first = 2006 + 5 * (_PLAN_DIGITS[m.group(1)] - 1) if m.group(1) else 2001  # 十五: 2001–2005
    return first <= year < first + 5


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


# The source's own place and organisation, made slots at mining: filled with the
# user's, a sentence a province said of itself would say it of the user's city.
_OWN_NAME_SLOT_RE = re.compile(r"\{(?:place|org)\}")


def mark_own_names(raw: str, phrase: Phrase, level: str | None) -> tuple[str, list[str]]:
    """``raw`` with its ``{place}`` and ``{org}`` marked to check where the phrase's
    speaker spoke from another level than the draft's (both known; a union's
    speech fits any union): the names in it, each slot as written."""
    source = phrase.speaker_level
    if level is None or source in (None, level, "union") or "{" not in raw:
        return raw, []
    found: list[str] = []

    def wrap(m: re.Match[str]) -> str:
        found.append(m.group())
        return _OPEN + m.group() + _CLOSE

    return _OWN_NAME_SLOT_RE.sub(wrap, raw), found


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
