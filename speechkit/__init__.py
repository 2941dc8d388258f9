"""speechkit: mine past Chinese speeches into phrase banks and draft new ones.

The library works without the CLI::

    from speechkit import outline, extract, load_bank, assemble

Names are imported lazily so that ``import speechkit`` stays cheap and the
drafting side never imports jieba.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Bank",
    "Draft",
    "SpeechkitError",
    "__version__",
    "assemble",
    "extract",
    "load_bank",
    "load_template",
    "outline",
    "render",
]

_LAZY = {
    "outline": "speechkit.structure",
    "extract": "speechkit.mining",
    "load_bank": "speechkit.bank",
    "Bank": "speechkit.bank",
    "SpeechkitError": "speechkit.errors",
    "assemble": "speechkit.assemble",
    "Draft": "speechkit.assemble",
    "load_template": "speechkit.templates",
    "render": "speechkit.render",
}

if TYPE_CHECKING:
    from speechkit.assemble import Draft, assemble
    from speechkit.bank import Bank, load_bank
    from speechkit.errors import SpeechkitError
    from speechkit.mining import extract
    from speechkit.render import render
    from speechkit.structure import outline
    from speechkit.templates import load_template


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'speechkit' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
