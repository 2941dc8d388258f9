"""YAML reading with positions, and a small emitter for readable bank files.

Loading always uses a safe loader (the C one when PyYAML has it). When a
file fails validation we compose it once more to find the line and column of
each problem, so every error reads ``file:line:column: what is wrong``.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from speechkit.bank import yamlcheck
from speechkit.errors import SpeechkitError
from speechkit.lazyre import compile_later

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

PathKey = tuple[str | int, ...]


class Problem(NamedTuple):  # not a frozen dataclass: 0.8 ms less at every import
    path: PathKey  # where in the document: ("phrases", 3, "slots")
    message: str
    at_key: bool = False  # point at the last key itself, not its value


class YamlSyntaxError(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


MAX_DOCUMENT_BYTES = 1 << 30  # a 100,000-phrase bank is about 110 MB


def read_text(path: Path) -> str:
    """A YAML file's text. Opened without blocking and checked to be a regular
    file: a FIFO or a device planted as a bank file, template or draft would
    otherwise block forever or never end."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > MAX_DOCUMENT_BYTES:
            raise OSError(errno.EFBIG, "File too large", str(path))
        return fh.read().decode("utf-8-sig")


def parse(text: str) -> Any:
    """Load one YAML document safely and within limits (``yamlcheck``);
    YamlSyntaxError carries the position."""
    return parse_with_node(text)[1]


def parse_with_node(text: str) -> tuple[Any, Any]:
    """``parse``, and the composed node tree it was built from (None for an empty
    document): what needs the nodes' positions need not compose the text again."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        yamlcheck.check(node, len(text))
        return node, loader.construct_document(node)
    except yamlcheck.DocumentLimit as exc:
        raise YamlSyntaxError(exc.line, exc.column, exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if "could not determine a constructor" in str(exc):
            tag = re.search(r"tag '([^']+)'", str(exc))
            what = f"tag {tag.group(1) if tag else ''} is not allowed; banks and templates hold plain data"
        raise YamlSyntaxError(line, col, what) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, 1, str(exc).splitlines()[0]) from None
    finally:
        loader.dispose()


def read_document(
    path: Path, error: type[SpeechkitError], what: str, missing: str | None = None
) -> tuple[str, Any]:
    """Read and parse one YAML file; any failure is ``error`` naming the file
    (and the line and column of a syntax error)."""
    text, _, data = read_document_nodes(path, error, what, missing)
    return text, data


def read_document_nodes(
    path: Path, error: type[SpeechkitError], what: str, missing: str | None = None
) -> tuple[str, Any, Any]:
    """``read_document``, with the composed node tree too."""
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise error(f"{path}: {missing or 'no such file'}") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, expected a {what} (.yaml)") from None
    except UnicodeDecodeError:
        raise error(f"{path}: not UTF-8 text; save the {what} as UTF-8") from None
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return (text, *parse_with_node(text))
    except YamlSyntaxError as exc:
        raise error(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None


def located_error(
    error: type[SpeechkitError], path: Path, text: str, problems: list[Problem]
) -> SpeechkitError:
    """One error listing every problem as ``file:line:column: what is wrong``."""
    lines = [f"{path}:{line}:{col}: {msg}" for line, col, msg in positions(text, problems)]
    return error(lines[0], lines)


def positions(text: str, problems: list[Problem]) -> list[tuple[int, int, str]]:
    """(line, column, message) for each problem, located in the composed node tree."""
    root = yaml.compose(text, Loader=_Loader)
    out = []
    for problem in problems:
        node = root
        for n, key in enumerate(problem.path):
            last = n == len(problem.path) - 1
            child = _key_node(node, key) if (last and problem.at_key) else _child(node, key)
            if child is None:
                break
            node = child
        mark = node.start_mark if node is not None else None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        out.append((line, col, problem.message))
    return sorted(out)


def _key_node(node: Any, key: str | int) -> Any:
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if k.value == key:
                return k
    return None


def compose(text: str) -> Any:
    return yaml.compose(text, Loader=_Loader)


def child(node: Any, key: str | int) -> Any:
    """The value node under ``key`` of a mapping node, or item ``key`` of a sequence node."""
    return _child(node, key)


def _child(node: Any, key: str | int) -> Any:
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if k.value == key:
                return v
        return None
    if isinstance(node, yaml.MappingNode) and isinstance(key, int):
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


# ------------------------------------------------------------------ emitting

_RESOLVER = yaml.resolver.Resolver()
_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@` ")
_FLOW_UNSAFE = set(",[]{}")


# Characters YAML may not hold raw (or would read as a line break): escaped.
_ESCAPE_RE = compile_later("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


# Text that starts with a Chinese character, holds nothing YAML treats
# specially and does not end in a space reads back as itself: the common case,
# checked without the resolver (one scan for a character that is not safe).
_FORBIDDEN = "\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff"
_NOT_SAFE_RE = compile_later(f"[:#{_FORBIDDEN}]")
_NOT_SAFE_FLOW_RE = compile_later(f"[:#,\\[\\]{{}}{_FORBIDDEN}]")


@lru_cache(maxsize=8192)  # file names, tags and keywords recur from entry to entry
def scalar(value: str, flow: bool = False) -> str:
    """``value`` as a YAML scalar: plain when that reads back the same, else quoted."""
    if (
        value
        and "\u4e00" <= value[0] <= "\u9fff"
        and value[-1] != " "
        and not (_NOT_SAFE_FLOW_RE if flow else _NOT_SAFE_RE).search(value)
    ):
        return value
    if _plain_ok(value) and not (flow and _FLOW_UNSAFE & set(value)):
        return value
    # A JSON string is a YAML double-quoted scalar; escape what YAML forbids raw.
    import json  # writing only: reading a bank for a draft never loads it

    quoted = json.dumps(value, ensure_ascii=False)
    return _ESCAPE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _plain_ok(value: str) -> bool:
    if not value or value[0] in _UNSAFE_START or value[-1] in " :":
        return False
    if ": " in value or " #" in value or "\t" in value:
        return False
    if not value.isprintable() or "\u2028" in value or "\u2029" in value or "\ufeff" in value:
        return False
    resolved = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return bool(resolved == "tag:yaml.org,2002:str")


def flow_list(values: list[Any]) -> str:
    return "[" + ", ".join(_flow_item(v) for v in values) + "]"


def flow_map(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_flow_item(v)}" for k, v in mapping.items()) + "}"


def _flow_item(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return scalar(str(value), flow=True)
