"""Render a Draft: plain text, Markdown, or Word (docx, optional extra)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from speechkit.drafting.assemble import Draft
from speechkit.errors import OutputError

if TYPE_CHECKING:
    from speechkit.drafting.fonts import FontSet

FORMATS = ("txt", "md", "docx")


def format_for(path: Path, given: str | None) -> str:
    """The output format: as given, else from the file's suffix, else txt."""
    if given is not None:
        fmt = given.lower().lstrip(".")
        if fmt not in FORMATS:
            raise OutputError(f"unknown format {given!r}; use one of: {', '.join(FORMATS)}")
        return fmt
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("markdown",):
        return "md"
    if suffix in FORMATS:
        return suffix
    if suffix in ("", "text"):
        return "txt"
    raise OutputError(f"{path}: cannot tell the format from '.{suffix}'; add --format txt|md|docx")


def check_printable(fmt: str) -> str:
    """A format the terminal can show: txt or md; a Word file needs ``-o``."""
    chosen = format_for(Path(), fmt)
    if chosen == "docx":
        raise OutputError("--format docx writes a Word file, not text for the terminal; add -o FILE.docx")
    return chosen


def to_text(draft: Draft) -> str:
    """One paragraph a line, a blank line after the title."""
    lines: list[str] = []
    for block in draft.blocks:
        lines.append(block.text)
        if block.kind == "title":
            lines.append("")
    return "\n".join(lines) + "\n"


def to_markdown(draft: Draft) -> str:
    """The title as a heading, numbered headings as subheadings with their numbering kept as text."""
    out: list[str] = []
    for block in draft.blocks:
        if block.kind == "title":
            out.append(f"# {_md_escape(block.text)}")
        elif block.kind == "heading":
            hashes = "#" * min(block.level + 1, 6)
            out.append(f"{hashes} {_md_escape(block.text)}")
        else:
            out.append(_md_escape(block.text))
    return "\n\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    # Markdown would read "1." or "- " at the start of a line as a list.
    numbered = re.match(r"\d+\.", text)
    if numbered:
        return text[: numbered.end() - 1] + "\\." + text[numbered.end() :]
    if text[:1] in "#>-+*":
        return "\\" + text
    return text


def render(draft: Draft, fmt: str, fonts: FontSet | None = None) -> bytes:
    """The draft as the bytes of a file in ``fmt``; a Word file in ``fonts``
    (default: the ``auto`` set, see ``drafting.fonts``)."""
    if fmt == "txt":
        return to_text(draft).encode("utf-8")
    if fmt == "md":
        return to_markdown(draft).encode("utf-8")
    if fmt == "docx":
        from speechkit.drafting.docx_export import to_docx

        return to_docx(draft, fonts)
    raise OutputError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
