"""Regular expressions that cost little per character of text.

Reading and mining run dozens of patterns over every phrase. Python's engine skips
quickly to where a pattern's first character occurs, but then tries each
alternative of an ``a|b|c…`` in turn, and a pattern that opens with a
lookbehind is tried at every position. Two remedies, each giving exactly
the matches of the plain pattern:

* ``any_word`` writes a list of words as a trie (``美(?:国|洲)``), so the
  engine follows one branch per character instead of trying every word;
* ``Gated`` runs a pattern only over a text that holds what no match can do
  without (a word, or a cheap pattern), checked first with ``in`` or a scan
  that can skip.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

_Trie = dict[str, "_Trie"]
_END = ""  # a key that marks the end of a word


def any_word(words: Iterable[str]) -> str:
    """A pattern matching any of ``words`` and, where several start at one
    place, the longest: what ``"|".join(sorted(words, key=len, reverse=True))``
    matches, but as a trie."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: _Trie) -> str:
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    ends_here = _END in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    # a greedy optional group tries the longer words first, then ends here
    return "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")


class Finder(Protocol):
    def finditer(self, text: str, /) -> Iterator[re.Match[str]]: ...


class Gated:
    """A pattern run only where ``needs`` is found: a word (or any of several
    words) or a cheap pattern that every match of ``pattern`` contains
    (None: run everywhere)."""

    def __init__(self, needs: str | tuple[str, ...] | re.Pattern[str] | None, pattern: Finder) -> None:
        self.pattern = pattern
        self.may_match: Callable[[str], object]
        if needs is None:
            self.may_match = lambda text: True
        elif isinstance(needs, str):
            self.may_match = lambda text: needs in text
        elif isinstance(needs, tuple):  # one scan for any of them
            self.may_match = re.compile(any_word(needs)).search
        else:
            self.may_match = needs.search

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.may_match(text) else iter(())

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


class Skipping:
    """A pattern tried only where a character one of its matches can start
    with occurs, found by a scan that skips: for patterns the engine cannot
    skip through by itself (an alternation whose branches open with a class
    or a repeat, or with a lookbehind). The same matches as the pattern's own
    ``finditer``; where the first characters cannot be worked out, it is that."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        first = first_characters(pattern)
        self.first = re.compile(first) if first else None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        if self.first is None:
            yield from self.pattern.finditer(text, pos, end)
            return
        find = self.first.search
        match = self.pattern.match
        while True:
            candidate = find(text, pos, end)
            if candidate is None:
                return
            start = candidate.start()
            found = match(text, start, end)
            if found is None:
                pos = start + 1
            else:
                yield found
                pos = found.end() if found.end() > start else start + 1

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return next(self.finditer(text, pos), None)


class _AnyCharacter(Exception):
    """A match may start with any character (or with none)."""


def first_characters(pattern: re.Pattern[str]) -> str | None:
    """A character class of every character a match of ``pattern`` can start
    with, read from the pattern's parsed form; None when that is any character,
    or when the pattern may match the empty string."""
    try:
        sre: Any = importlib.import_module("re._constants")
        parser: Any = importlib.import_module("re._parser")
    except ImportError:  # Python 3.10 names them so
        sre = importlib.import_module("sre_constants")
        parser = importlib.import_module("sre_parse")
    if pattern.flags & re.IGNORECASE:
        return None
    ranges: set[tuple[int, int]] = set()
    repeats = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
    zero_width = {sre.ASSERT, sre.ASSERT_NOT, sre.AT}

    def add_firsts(sequence: Any) -> bool:
        """Adds the first characters of ``sequence``; True if it may match nothing."""
        for op, av in sequence:
            if op is sre.LITERAL:
                ranges.add((av, av))
                return False
            if op is sre.IN:
                for item_op, item in av:
                    if item_op is sre.LITERAL:
                        ranges.add((item, item))
                    elif item_op is sre.RANGE:
                        ranges.add(item)
                    else:  # a negated class, a category such as \d
                        raise _AnyCharacter
                return False
            if op is sre.BRANCH:
                empty = False
                for branch in av[1]:
                    empty = add_firsts(branch) or empty
                if not empty:
                    return False
            elif op is sre.SUBPATTERN:
                if av[1] or av[2]:  # inline flags
                    raise _AnyCharacter
                if not add_firsts(av[3]):
                    return False
            elif op in repeats:
                if not add_firsts(av[2]) and av[0] > 0:
                    return False
            elif op not in zero_width:
                raise _AnyCharacter
        return True

    try:
        if add_firsts(parser.parse(pattern.pattern, pattern.flags)):
            return None
    except _AnyCharacter:
        return None
    parts = [re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in sorted(ranges)]
    return "[" + "".join(parts) + "]"
