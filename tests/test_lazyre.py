"""Patterns compiled when first used give what re.compile gives."""

from __future__ import annotations

import re

from speechkit.lazyre import compile_later


def test_a_pattern_compiles_when_first_used_and_answers_as_re_does() -> None:
    source = r"(?P<n>[0-9]+)(?:家|个)|【核：([^【】]*)】"
    text = "建成职工之家83家，【核：郴州】有12个。"
    lazy, eager = compile_later(source), re.compile(source)
    assert lazy._compiled is None  # nothing compiled at definition
    assert lazy.search(text).span() == eager.search(text).span()  # type: ignore[union-attr]
    assert lazy._compiled is not None
    assert [m.span() for m in lazy.finditer(text, 3)] == [m.span() for m in eager.finditer(text, 3)]
    assert lazy.findall(text) == eager.findall(text)
    assert lazy.sub("X", text) == eager.sub("X", text) and lazy.split(text) == eager.split(text)
    assert lazy.match(text, 6).group() == eager.match(text, 6).group() == "83家"  # type: ignore[union-attr]
    assert lazy.match(text) is None and lazy.fullmatch("83家") is not None
    assert lazy.pattern == source
