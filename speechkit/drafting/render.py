"""Render a Draft: plain text, Markdown, or Word (docx, optional extra)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from speechkit.chars import printable
from speechkit.drafting.assemble import Block, Draft
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


def _laid_out(draft: Draft, shown: Callable[[Block], str]) -> str:
    """One paragraph a line, a blank line after the title."""
    return "".join(shown(b) + ("\n\n" if b.kind == "title" else "\n") for b in draft.blocks)


def to_text(draft: Draft) -> str:
    return _laid_out(draft, lambda b: b.text)


def draft_plain(draft: Draft) -> str:
    """The draft for a stream that is not a terminal: its text, control characters
    shown as escapes (a terminal never obeys what a bank holds)."""
    return _laid_out(draft, lambda b: printable(b.text))


_BOLD, _DIM, _REVERSE, _YELLOW, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[7m", "\x1b[33m", "\x1b[0m"
_FLAG_RE = re.compile(r"【[^】]*】")


def draft_styled(draft: Draft, colour: bool = True) -> str:
    """The draft for a terminal: the title and headings bold, unfilled slots
    (【单位名称】) in reverse video, borrowed specifics to check (【核：83家】) bold
    yellow (bold alone without colour, as ``NO_COLOR`` asks). Three styles do not
    need rich's layout engine, and the terminal wraps the lines itself."""
    check = _BOLD + (_YELLOW if colour else "")

    def flagged(text: str, base: str) -> str:
        def style(m: re.Match[str]) -> str:
            return (check if m.group().startswith("【核：") else _REVERSE) + m.group() + _RESET + base

        return base + _FLAG_RE.sub(style, text) + (_RESET if base else "")

    return _laid_out(
        draft, lambda b: flagged(printable(b.text), _BOLD if b.kind in ("title", "heading") else "")
    )


def dimmed(line: str) -> str:
    return _DIM + line + _RESET


def draft_footer(draft: Draft) -> str:
    minutes = draft.spoken_minutes
    checks = len(draft.checks)
    to_check = f"{checks} item{'s' if checks != 1 else ''} to check · " if checks else ""
    return (
        f"{draft.chars} characters · about {minutes:.1f} minutes at {draft.rate}/min · {to_check}"
        f"template {draft.template} · seed {draft.seed}{' · strict' if draft.strict else ''}"
    )


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
