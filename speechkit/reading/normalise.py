"""Normalise raw corpus text without losing structure or positions.

We never apply NFKC: it would turn ① into 1 and （一） into (一) and so
destroy the enumeration markers the parser relies on. Instead each change is
deliberate and local:

* ``\\r\\n`` and ``\\r`` become ``\\n``;
* in lines that contain Chinese, half-width ``, ; : ! ? ( ) "`` become their
  full-width forms (not inside numbers such as ``1,000`` or ``10:30``);
* ``?…?`` pairs used as stand-in quotes (a common mojibake of “…”) become
  “…”; a ``?`` after a question particle stays a question mark (？);
* placeholders ``20x`` / ``20xx`` / ``x`` become ``20××`` / ``××``, the
  placeholder convention of Chinese office writing;
* spaces are dropped next to Chinese characters, punctuation and digits, kept
  between Latin words, and kept as one space between two Chinese characters,
  because there a space often separates a heading from its body; ``tidy``
  removes those once the parser has used them.

``NormText.origin(i)`` maps a position in the normalised text back to the
raw text, so line numbers always refer to the user's file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from speechkit.reading.patterns import Skipping

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
HAN_RE = re.compile(f"[{_HAN}]")
_CJKISH_RE = re.compile(f"[{_HAN}{_CJK_PUNCT}]")
_QUESTION_PARTICLES = "吗呢么吧啊嘛"
_SPACE_CHARS = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\u202f"

_TOKEN_RE = re.compile(
    r"(?P<newline>\r\n?)"
    rf"|(?P<space>[{_SPACE_CHARS}]+)"
    r"|(?P<year>(?<![0-9A-Za-z])(?:19|20)[xX×]{1,2}(?![0-9A-Za-z]))"
    r"|(?P<placeholder>(?<![0-9A-Za-z])[xX]{1,3}(?![0-9A-Za-z]))"
    r'|(?P<punct>[,;:!?()"])'
)
_TOKENS = Skipping(_TOKEN_RE)  # the same matches, skipping the (many) characters none starts with

_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}


@dataclass
class NormText:
    """Normalised text plus a compact map back to raw offsets.

    The map is piecewise: from ``_starts[k]`` on, ``raw = norm + _deltas[k]``.
    Most characters map one to one, so it stays tiny even for large files.
    """

    text: str
    raw: str
    _starts: list[int] = field(default_factory=lambda: [0])
    _deltas: list[int] = field(default_factory=lambda: [0])
    _line_starts: list[int] | None = None

    def origin(self, index: int) -> int:
        """Offset in the raw text of the character at ``index``."""
        k = bisect_right(self._starts, index) - 1
        return index + self._deltas[k]

    def line_of(self, index: int) -> int:
        """1-based line number, in the raw file, of normalised position ``index``."""
        if self._line_starts is None:  # lines end in \n, \r\n or a lone \r
            self._line_starts = [0, *(m.end() for m in _LINE_BREAK_RE.finditer(self.raw))]
        return bisect_right(self._line_starts, self.origin(index))


_LINE_BREAK_RE = re.compile(r"\r\n?|\n")


def _is_han(ch: str) -> bool:
    return bool(ch) and HAN_RE.match(ch) is not None


def _is_cjkish(ch: str) -> bool:
    return bool(ch) and _CJKISH_RE.match(ch) is not None


def _is_ascii_alnum(ch: str) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


def _quote_marks(raw: str) -> dict[int, str]:
    """Which ASCII ``?`` and ``"`` in ``raw`` are quotes, and as which mark.

    Decided line by line: quotes pair up inside a paragraph.
    """
    marks: dict[int, str] = {}
    line_start = 0
    for line in raw.split("\n"):
        if HAN_RE.search(line):
            stand_ins = []
            for m in re.finditer(r"\?", line):
                i = m.start()
                before = line[i - 1] if i else ""
                if before in _QUESTION_PARTICLES:
                    continue  # a real question mark
                stand_ins.append(i)
            # Pairs of stand-ins are quotes when each pair opens onto text.
            openers = stand_ins[0::2]
            if (
                stand_ins
                and len(stand_ins) % 2 == 0
                and all(
                    i + 1 < len(line) and line[i + 1].strip() and line[i + 1] not in "?？。，！"
                    for i in openers
                )
            ):
                for n, i in enumerate(stand_ins):
                    marks[line_start + i] = "“" if n % 2 == 0 else "”"
            for n, m in enumerate(re.finditer('"', line)):
                marks[line_start + m.start()] = "“" if n % 2 == 0 else "”"
        line_start += len(line) + 1
    return marks


def _han_lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) spans of the raw lines that contain Chinese characters."""
    spans = []
    start = 0
    for line in raw.split("\n"):
        end = start + len(line)
        if HAN_RE.search(line):
            spans.append((start, end))
        start = end + 1
    return spans


def normalise(raw: str) -> NormText:
    """Return the normalised form of ``raw`` with its offset map."""
    quotes = _quote_marks(raw) if ("?" in raw or '"' in raw) else {}
    han_spans = _han_lines(raw)
    han_starts = [s for s, _ in han_spans]

    def in_han_line(pos: int) -> bool:
        k = bisect_right(han_starts, pos) - 1
        return k >= 0 and han_spans[k][0] <= pos <= han_spans[k][1]

    out: list[str] = []
    out_len = 0
    starts = [0]
    deltas = [0]
    last = 0

    def emit(piece: str, raw_start: int) -> None:
        # Each piece starts a run that maps one to one onto the raw text from
        # raw_start; a shorter or longer replacement only shifts what follows.
        nonlocal out_len
        delta = raw_start - out_len
        if delta != deltas[-1]:
            if starts[-1] == out_len:
                deltas[-1] = delta
            else:
                starts.append(out_len)
                deltas.append(delta)
        out.append(piece)
        out_len += len(piece)

    for m in _TOKENS.finditer(raw):
        i, j = m.start(), m.end()
        if i > last:
            emit(raw[last:i], last)
        kind = m.lastgroup
        token = m.group()
        before = raw[i - 1] if i else ""
        after = raw[j] if j < len(raw) else ""
        replacement = token
        if kind == "newline":
            replacement = "\n"
        elif kind == "space":
            if before in ("", "\n", "\r") or after in ("", "\n", "\r"):
                replacement = ""
            elif (_is_han(before) and _is_han(after)) or (_is_ascii_alnum(before) and _is_ascii_alnum(after)):
                replacement = " "
            elif _is_cjkish(before) or _is_cjkish(after) or before.isdigit() or after.isdigit():
                replacement = ""
            else:
                replacement = " "
        elif kind == "year":
            if in_han_line(i):
                replacement = token[:2] + "××"
        elif kind == "placeholder":
            if in_han_line(i) and (_is_cjkish(before) or _is_cjkish(after)):
                replacement = "××"
        elif kind == "punct":
            if i in quotes:
                replacement = quotes[i]
            elif token != '"' and in_han_line(i):
                between_digits = before.isdigit() and after.isdigit()
                if token in ",:" and between_digits:
                    replacement = token
                elif token == ":" and raw.startswith("//", j):
                    replacement = token  # a URL
                elif token in ";!?" and _is_ascii_alnum(before) and _is_ascii_alnum(after):
                    replacement = token
                else:
                    replacement = _FULL_WIDTH[token]
        emit(replacement, i)
        last = j
    if last < len(raw):
        emit(raw[last:], last)
    return NormText("".join(out), raw, starts, deltas)


_INNER_SPACE_RE = re.compile(f"(?<=[{_HAN}{_CJK_PUNCT}]) (?=[{_HAN}{_CJK_PUNCT}])")


def tidy(text: str) -> str:
    """Text as it goes into a phrase: trimmed, no space between Chinese characters."""
    text = text.strip()
    return _INNER_SPACE_RE.sub("", text) if " " in text else text
