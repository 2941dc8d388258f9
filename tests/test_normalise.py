"""Normalising keeps structure and positions; it never applies NFKC."""

from __future__ import annotations

from speechkit.reading.normalise import normalise, tidy


def test_enumeration_markers_survive() -> None:
    text = normalise("①完善体系。（一）加强领导。㉑补充。").text
    assert text == "①完善体系。（一）加强领导。㉑补充。"


def test_half_width_punctuation_becomes_full_width_in_chinese() -> None:
    assert normalise("(一)加强领导,改革创新;不断前进!").text == "（一）加强领导，改革创新；不断前进！"


def test_numbers_and_latin_keep_their_punctuation() -> None:
    assert (
        normalise("增长1,000人，时间10:30，网址http://x.cn").text == "增长1,000人，时间10:30，网址http://x.cn"
    )
    assert normalise("Hello, world!").text == "Hello, world!"  # no Chinese: untouched


def test_question_marks_used_as_quotes() -> None:
    assert normalise("贯彻?组织起来、切实维权?方针").text == "贯彻“组织起来、切实维权”方针"
    assert normalise("这样做对吗?我们要想一想").text == "这样做对吗？我们要想一想"
    assert normalise("难道不是吗?").text == "难道不是吗？"


def test_straight_double_quotes_pair_up() -> None:
    assert normalise('坚持"三个不变"原则').text == "坚持“三个不变”原则"


def test_stray_spaces() -> None:
    assert normalise("回顾总结 20x年， 20x 年是 “ 大干新三年 ”的开局之年").text == (
        "回顾总结20××年，20××年是“大干新三年”的开局之年"
    )
    # a space between two Chinese characters may separate a heading from its body
    assert normalise("组织建设 工会是").text == "组织建设 工会是"
    assert tidy("组织建设 工会是") == "组织建设工会是"
    assert normalise("use Python well").text == "use Python well"


def test_placeholders() -> None:
    assert normalise("党的x大精神，“x”重要思想，20xx年").text == "党的××大精神，“××”重要思想，20××年"
    assert normalise("the x axis").text == "the x axis"


def test_line_endings_and_offsets_map_back_to_raw_lines() -> None:
    raw = "第一行\r\n  第二行 有 空格\r\n\r\n第四行?好?"
    nt = normalise(raw)
    assert nt.text == "第一行\n第二行 有 空格\n\n第四行“好”"
    assert nt.line_of(nt.text.index("第二行")) == 2
    assert nt.line_of(nt.text.index("第四行")) == 4
    assert raw[nt.origin(nt.text.index("空格"))] == "空"


def test_offsets_after_a_growing_replacement() -> None:
    raw = "x年\n第二行"
    nt = normalise(raw)
    assert nt.text == "××年\n第二行"
    assert nt.line_of(nt.text.index("第二行")) == 2
    assert raw[nt.origin(nt.text.index("年"))] == "年"
