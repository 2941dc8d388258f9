"""Chinese numerals and enumeration markers: parse and render.

A *style* is named by its canonical full-width marker for number one:
``一、`` ``（一）`` ``1.`` ``（1）`` ``①`` (block styles: a marker starts a
heading) and ``一是`` ``第一`` ``首先`` (in-paragraph sequences).
"""

from __future__ import annotations

BLOCK_STYLES = ("一、", "（一）", "1.", "（1）", "①")
INLINE_STYLES = ("一是", "第一", "首先")
STYLES = BLOCK_STYLES + INLINE_STYLES

_DIGITS = "零一二三四五六七八九"
_CN_VALUE = {ch: i for i, ch in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
CN_NUMERAL = "零一二三四五六七八九十百〇"

_CIRCLED = (
    [chr(c) for c in range(0x2460, 0x2474)]  # ①..⑳
    + [chr(c) for c in range(0x3251, 0x3260)]  # ㉑..㉟
    + [chr(c) for c in range(0x32B1, 0x32C0)]  # ㊱..㊿
)
CIRCLED = "".join(_CIRCLED)
_FIRST_THEN = ("首先", "其次", "再次")


def parse_chinese(numeral: str) -> int | None:
    """Value of a Chinese numeral such as 三, 十一, 二十, 一百零五; None if not one."""
    if not numeral or any(ch not in _CN_VALUE and ch not in "十百" for ch in numeral):
        return None
    total = 0
    current = 0
    for ch in numeral:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + _CN_VALUE[ch] if current else _CN_VALUE[ch]
    total += current
    return total or None


def chinese(n: int) -> str:
    """Render 1..999 as a Chinese numeral: 十, 十一, 二十, 一百零五."""
    if n <= 0 or n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    parts = []
    if hundreds:
        parts.append(_DIGITS[hundreds] + "百")
    if tens:
        if hundreds == 0 and tens == 1:
            parts.append("十")
        else:
            parts.append(_DIGITS[tens] + "十")
    elif hundreds and ones:
        parts.append("零")
    if ones:
        parts.append(_DIGITS[ones])
    return "".join(parts)


def circled(n: int) -> str:
    return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else f"（{n}）"


def parse_circled(ch: str) -> int | None:
    idx = CIRCLED.find(ch)
    return idx + 1 if idx >= 0 else None


def first_then(n: int, total: int) -> str:
    """首先 / 其次 / 再次 / 最后 for item ``n`` of ``total``."""
    if n == total and total >= 3:
        return "最后"
    if n <= len(_FIRST_THEN):
        return _FIRST_THEN[n - 1]
    return f"第{chinese(n)}"


def marker(style: str, n: int, total: int | None = None) -> str:
    """The marker text for item ``n`` in ``style`` (with its own punctuation)."""
    if style == "一、":
        return f"{chinese(n)}、"
    if style == "（一）":
        return f"（{chinese(n)}）"
    if style == "1.":
        return f"{n}."
    if style == "（1）":
        return f"（{n}）"
    if style == "①":
        return circled(n)
    if style == "一是":
        return f"{chinese(n)}是"
    if style == "第一":
        return f"第{chinese(n)}，"
    if style == "首先":
        return first_then(n, total if total is not None else n) + "，"
    raise ValueError(f"unknown numbering style {style!r}")


def max_items(style: str) -> int:
    """How many items a style can number before it stops looking right."""
    if style == "首先":
        return 4
    if style == "①":
        return len(_CIRCLED)
    return 999
