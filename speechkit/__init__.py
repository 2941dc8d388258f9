"""speechkit: mine past Chinese speeches into phrase banks and draft new ones.

The library works without the CLI::

    from speechkit import outline, extract, load_bank, load_template, assemble, render

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
    "outline": "speechkit.reading.parser",
    "extract": "speechkit.mining.extract",
    "load_bank": "speechkit.bank.load",
    "Bank": "speechkit.bank.model",
    "SpeechkitError": "speechkit.errors",
    "assemble": "speechkit.drafting.assemble",
    "Draft": "speechkit.drafting.assemble",
    "load_template": "speechkit.drafting.templates",
    "render": "speechkit.drafting.render",
}

if TYPE_CHECKING:
    from speechkit.bank.load import load_bank
    from speechkit.bank.model import Bank
    from speechkit.drafting.assemble import Draft, assemble
    from speechkit.drafting.render import render
    from speechkit.drafting.templates import load_template
    from speechkit.errors import SpeechkitError
    from speechkit.mining.extract import extract
    from speechkit.reading.parser import outline


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'speechkit' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
