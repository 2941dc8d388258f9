"""Finding enumeration markers in text (the parser's side of numbering).

Kept apart from ``speechkit.numbering`` so that drafting, which only renders
markers, does not pay for compiling these patterns.
"""

from __future__ import annotations

import re

from speechkit.reading.numbering import CIRCLED, CN_NUMERAL, parse_chinese, parse_circled
from speechkit.reading.patterns import Skipping

_DIGIT_CHARS = "0-9０-９"


def _to_int(digits: str) -> int:
    return int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


# Block markers, matched at the start of a line or after a sentence end.
BLOCK_MARKER_RE = re.compile(
    rf"(?P<cn>[{CN_NUMERAL}]{{1,4}})、"
    rf"|[（(](?P<pcn>[{CN_NUMERAL}]{{1,4}})[）)]、?"
    rf"|[（(](?P<pdig>[{_DIGIT_CHARS}]{{1,3}})[）)]、?"
    rf"|(?P<dig>[{_DIGIT_CHARS}]{{1,3}})(?:[.．、](?![{_DIGIT_CHARS}])|\s+(?=[\u4e00-\u9fff]))"
    rf"|(?P<circ>[{CIRCLED}])"
)


def read_block_marker(match: re.Match[str]) -> tuple[str, int] | None:
    """(style, number) of a BLOCK_MARKER_RE match, or None if it is no number."""
    if match.group("cn"):
        n = parse_chinese(match.group("cn"))
        return ("一、", n) if n else None
    if match.group("pcn"):
        n = parse_chinese(match.group("pcn"))
        return ("（一）", n) if n else None
    if match.group("pdig"):
        n = _to_int(match.group("pdig"))
        return ("（1）", n) if n else None
    if match.group("dig"):
        n = _to_int(match.group("dig"))
        return ("1.", n) if n else None  # "0." is no item number
    circ = parse_circled(match.group("circ"))
    return ("①", circ) if circ else None


# In-paragraph sequence markers; the caller checks what precedes them.
INLINE_MARKER_RE = re.compile(
    r"(?P<shi>[一二三四五六七八九十]{1,3})是(?![一二三四五六七八九十]|否|非|不是)"
    r"|第(?P<di>[一二三四五六七八九十]{1,3})点?[，,、：:](?!第)"
    r"|(?P<seq>首先|其次|再次|最后)(?=[，,]?)"
)
INLINE_MARKERS = Skipping(INLINE_MARKER_RE)  # to find them all: the same matches, skipping between


def read_inline_marker(match: re.Match[str]) -> tuple[str, int] | None:
    if match.group("shi"):
        n = parse_chinese(match.group("shi"))
        return ("一是", n) if n else None
    if match.group("di"):
        n = parse_chinese(match.group("di"))
        return ("第一", n) if n else None
    word = match.group("seq")
    # 最后 continues whatever came before; the caller gives it that number.
    return "首先", {"首先": 1, "其次": 2, "再次": 3, "最后": 0}[word]
