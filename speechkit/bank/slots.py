"""Slots: the vocabulary, and filling slots when drafting.

Filling never evaluates anything: values are inserted as literal text, and
``{{`` / ``}}`` stand for literal braces. Generalising specifics into slots
(mining) lives in ``speechkit.generalise``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

# The one vocabulary of slot names (DESIGN.md).
SLOT_NAMES = (
    "org", "place", "year", "event", "speaker", "audience", "date", "name", "count", "last_year",
    # the facts only the writer has: a template asks for them where its own wording says them
    "achievements", "honourees",
)  # fmt: skip
# Filled by speechkit, never given: the number of points, and the year before ``year``
# (a review of "2025年工作回顾" in a speech of 2026 is of {last_year}).
DERIVED_SLOTS = ("count", "last_year")


def derived_values(values: Mapping[str, str]) -> dict[str, str]:
    """The derived slots that follow from ``values`` (``last_year`` from a numeric ``year``)."""
    year = values.get("year", "")
    return {"last_year": str(int(year) - 1)} if year.isascii() and year.isdigit() else {}


SLOT_RE = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def escape_braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def slots_in(text: str) -> list[str]:
    """Slot names used in ``text``, in order of first use."""
    names: list[str] = []
    for m in SLOT_RE.finditer(text):
        name = m.group(1)
        if name and name not in names:
            names.append(name)
    return names


def fill(text: str, values: Mapping[str, str], missing: Callable[[str], str]) -> str:
    """Insert ``values`` into ``text`` literally; ``missing(name)`` renders a slot with no value."""

    def replace(m: re.Match[str]) -> str:
        token = m.group()
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = m.group(1)
        value = values.get(name)
        return value if value is not None else missing(name)

    return SLOT_RE.sub(replace, text)
