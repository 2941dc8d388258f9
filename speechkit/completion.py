"""Shell completion of option values: template names, kinds, tags (occasions),
slot names, formats and font sets.

The shell runs speechkit on every <Tab>, so these read names only: no bank
is loaded, no template parsed, nothing heavy (never jieba) imported. A
completion never fails: on any problem it offers nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

Choices = list[tuple[str, str]]


def _matching(incomplete: str, choices: Iterable[tuple[str, str]]) -> Choices:
    return [(value, help_text) for value, help_text in choices if value.startswith(incomplete)]


def templates(ctx: Any, incomplete: str) -> Choices:
    """Template names: the bank's own (``--bank``, if given before) and the shipped ones."""
    from speechkit.drafting.templates import template_paths
    from speechkit.errors import SpeechkitError

    bank = ctx.params.get("bank")
    try:
        names = template_paths(Path(bank) if bank else None)
    except (OSError, SpeechkitError):
        return []
    return _matching(incomplete, ((name, str(path.parent)) for name, path in names.items()))


def kinds(ctx: Any, incomplete: str) -> Choices:
    from speechkit.bank.model import FILE_NAMES

    return _matching(incomplete, ((kind, file) for kind, file in FILE_NAMES.items()))


def occasions(ctx: Any, incomplete: str) -> Choices:
    """Occasion tags, as ``extract`` gives them (for ``--tag``, and ``--occasion`` filters)."""
    from speechkit.bank.vocabulary import OCCASIONS

    return _matching(incomplete, ((tag, "occasion") for tag in OCCASIONS))


def moves(ctx: Any, incomplete: str) -> Choices:
    """What an opening or closing does (for ``--move``)."""
    from speechkit.bank.vocabulary import MOVES

    return _matching(incomplete, ((move, "move") for move in MOVES))


def slots(ctx: Any, incomplete: str) -> Choices:
    """``name=`` for every slot a draft can show, with its label."""
    from speechkit.bank.slots import DERIVED_SLOTS, SLOT_NAMES
    from speechkit.drafting.templates import DEFAULT_LABELS

    names = (n for n in SLOT_NAMES if n not in DERIVED_SLOTS)
    return _matching(incomplete, ((f"{name}=", DEFAULT_LABELS[name]) for name in names))


def formats(ctx: Any, incomplete: str) -> Choices:
    from speechkit.drafting.render import FORMATS

    return _matching(incomplete, ((fmt, "") for fmt in FORMATS))


def font_sets(ctx: Any, incomplete: str) -> Choices:
    from speechkit.drafting.fonts import FONT_SETS

    return _matching(incomplete, ((name, "Word fonts") for name in FONT_SETS))


def draft_parts(ctx: Any, incomplete: str) -> Choices:
    """Addresses of the parts of the draft named before (``swap DRAFT``, ``generate --from``),
    read from the draft file alone."""
    from speechkit.drafting.addresses import places
    from speechkit.drafting.draftfile import load
    from speechkit.errors import SpeechkitError

    path = ctx.params.get("draft_file") or ctx.params.get("from_draft")
    if not path:
        return []
    try:
        _, parts = load(Path(path))
    except (OSError, ValueError, SpeechkitError):
        return []
    return _matching(incomplete, ((p.address, p.kind) for p in places(parts)))
