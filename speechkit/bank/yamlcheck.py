"""Limits on what a YAML document may hold, checked on its node graph before
it becomes Python data.

Banks, templates and drafts are small trees of plain text. A hand-made file
can be something else: aliases that expand a few kilobytes into gigabytes, a
node that contains itself, nesting hundreds deep, a key given twice (YAML
keeps the last, silently), escapes for control characters. Each is refused
at its line and column. The walk is iterative and visits each node once.
"""

from __future__ import annotations

from typing import Any

import yaml

from speechkit.chars import describe, first_forbidden

MAX_DEPTH = 40  # a bank nests 6 deep, a template or a draft with 8 levels of points about 20
EXPANSION = 10  # aliases may make a document at most this many times its own size…
EXPANSION_FLOOR = 100_000  # …or this many characters, whichever is larger
MAX_DIGITS = 4000  # below Python's limit on reading integers (4,300 digits)
_MERGE = "tag:yaml.org,2002:merge"
_INT = "tag:yaml.org,2002:int"


class DocumentLimit(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.line = mark.line + 1 if mark else 1
        self.column = mark.column + 1 if mark else 1
        self.message = message


def _where(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _children(node: Any) -> list[tuple[Any, Any]]:
    """(child, mark to blame) pairs: a mapping's keys and values, a sequence's items."""
    if isinstance(node, yaml.MappingNode):
        out = []
        seen: dict[tuple[str, str], Any] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != _MERGE:
                first = seen.setdefault((key.tag, key.value), key.start_mark)
                if first is not key.start_mark:
                    raise DocumentLimit(
                        key.start_mark, f"duplicate key {key.value!r} (first at {_where(first)})"
                    )
            out.append((key, key.start_mark))
            out.append((value, key.start_mark))
        return out
    if isinstance(node, yaml.SequenceNode):
        return [(item, node.start_mark) for item in node.value]
    return []


def _check_scalar(node: Any) -> int:
    if node.tag == _INT and len(node.value) > MAX_DIGITS:  # Python refuses to read it (a ValueError)
        raise DocumentLimit(node.start_mark, f"a number of more than {MAX_DIGITS:,} digits")
    bad = first_forbidden(node.value)
    if bad is not None:
        raise DocumentLimit(
            node.start_mark,
            f"character {bad + 1} of the text is {describe(node.value[bad])}; "
            "banks, templates and drafts hold plain text",
        )
    return len(node.value) + 1


def check(root: Any, source_chars: int) -> None:
    """Raise DocumentLimit for the first thing the document may not hold."""
    budget = max(EXPANSION * source_chars, EXPANSION_FLOOR)
    sizes: dict[int, int] = {}  # expanded size of every node already walked
    on_path: set[int] = set()
    # frames: [node, children, next child, expanded size so far]
    stack: list[list[Any]] = [[root, _children(root), 0, 1]]
    on_path.add(id(root))
    while stack:
        frame = stack[-1]
        node, kids, at = frame[0], frame[1], frame[2]
        if at < len(kids):
            frame[2] = at + 1
            kid, mark = kids[at]
            key = id(kid)
            if key in on_path:
                raise DocumentLimit(
                    mark, "an alias here refers to a node that contains it; recursive data is not allowed"
                )
            if key in sizes:  # an alias: counts its whole size again
                frame[3] += sizes[key]
                _within(frame[3], budget, mark)
            elif isinstance(kid, yaml.ScalarNode):
                sizes[key] = _check_scalar(kid)
                frame[3] += sizes[key]
            else:
                if len(stack) >= MAX_DEPTH:
                    raise DocumentLimit(kid.start_mark, f"nested more than {MAX_DEPTH} levels deep")
                on_path.add(key)
                stack.append([kid, _children(kid), 0, 1])
            continue
        stack.pop()
        on_path.discard(id(node))
        sizes[id(node)] = frame[3]
        if stack:
            stack[-1][3] += frame[3]
            _within(stack[-1][3], budget, node.start_mark)
    if isinstance(root, yaml.ScalarNode):
        _check_scalar(root)


def _within(size: int, budget: int, mark: Any) -> None:
    if size > budget:
        raise DocumentLimit(
            mark,
            f"aliases here grow the document past {EXPANSION} times its size; "
            "write the text out instead of repeating it with *aliases",
        )
