from __future__ import annotations

import pytest

from speechkit.reading.numbering import STYLES, chinese, marker, parse_chinese


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (999, "九百九十九"),
    ],
)
def test_chinese_numerals(n: int, text: str) -> None:
    assert chinese(n) == text
    assert parse_chinese(text) == n


def test_round_trip_1_to_999() -> None:
    assert all(parse_chinese(chinese(n)) == n for n in range(1, 1000))


def test_markers_in_every_style() -> None:
    assert [marker(s, 2, 3) for s in STYLES] == [
        "二、",
        "（二）",
        "2.",
        "（2）",
        "②",
        "二是",
        "第二，",
        "其次，",
    ]
    assert marker("一、", 11) == "十一、"
    assert marker("首先", 3, 3) == "最后，"
    assert marker("首先", 3, 4) == "再次，"
    assert marker("①", 21) == "㉑"


def test_unknown_style() -> None:
    with pytest.raises(ValueError):
        marker("A.", 1)
