"""The parser on speeches in other styles than the seed's."""

from __future__ import annotations

from typing import Any

import pytest

from speechkit.reading.outline import Point, Speech
from speechkit.reading.parser import outline, parse_text

from .conftest import FIXTURES


def shape(points: list[Point]) -> list[Any]:
    """(marker style, number, heading, children…) for a points tree."""
    return [
        (p.style, p.number, p.heading, shape(p.children)) if p.children else (p.style, p.number, p.heading)
        for p in points
    ]


def only_speech(name: str) -> Speech:
    (f,) = outline([FIXTURES / name])
    (speech,) = f.speeches
    return speech


def test_government_work_report() -> None:
    s = only_speech("gov_report.txt")
    assert s.title == "政府工作报告"  # the subtitle and byline lines are not speeches
    assert s.salutation is not None and s.salutation.text == "各位代表："
    assert s.line == 5
    assert [p.text[:9] for p in s.opening] == ["现在，我代表市人民"]
    assert s.transition is None
    assert shape(s.points) == [
        (
            "一、",
            1,
            "2023年工作回顾",
            [
                ("（一）", 1, "经济运行稳中向好"),
                ("（一）", 2, "改革开放持续深化"),
                ("（一）", 3, "民生福祉不断增进"),
            ],
        ),
        (
            "一、",
            2,
            "2024年主要工作",
            [
                (
                    "（一）",
                    1,
                    "着力扩大有效需求",
                    [
                        ("一是", 1, "积极扩大有效投资"),
                        ("一是", 2, "大力促进消费"),
                        ("一是", 3, "稳住外贸基本盘"),
                    ],
                ),
                ("（一）", 2, "着力建设现代化产业体系"),
                ("（一）", 3, "着力保障和改善民生"),
            ],
        ),
    ]
    assert s.points[0].body[0].text.startswith("过去一年")
    assert [p.text[:5] for p in s.closing] == ["各位代表！"]
    assert s.closing[0].text.endswith("而努力奋斗！")


def test_zhici_ending_with_thanks() -> None:
    s = only_speech("zhici.txt")
    assert s.salutation is not None and s.salutation.text == "尊敬的各位领导、各位来宾，女士们、先生们："
    assert s.points == []  # 首先…其次…最后 inside an opening paragraph is not the speech's points
    assert len(s.opening) == 3
    assert [p.text for p in s.closing] == [
        "最后，祝愿各位领导、各位来宾身体健康、工作顺利、万事如意！",
        "谢谢大家！",
    ]


def test_speech_with_no_line_breaks_at_all() -> None:
    text = (FIXTURES / "no_breaks.txt").read_text(encoding="utf-8")
    assert "\n" not in text
    s = only_speech("no_breaks.txt")
    assert s.title == "在全市安全生产工作会议上的讲话"
    assert s.salutation is not None and s.salutation.text == "同志们："
    assert s.transition is not None and s.transition.text == "下面，我讲三点意见："
    assert shape(s.points) == [
        ("一、", 1, "提高政治站位，切实增强做好安全生产工作的责任感"),
        (
            "一、",
            2,
            "突出工作重点，全力抓好隐患排查整治",
            [
                ("（一）", 1, "抓好重点行业领域整治"),
                ("（一）", 2, "抓好企业主体责任落实"),
            ],
        ),
        (
            "一、",
            3,
            "强化组织保障，确保各项措施落到实处",
            [
                ("第一", 1, "要压实领导责任"),
                ("第一", 2, "要强化督查考核"),
                ("第一", 3, "要加强应急准备"),
            ],
        ),
    ]
    assert s.points[0].body[0].text.startswith("安全生产事关人民群众生命财产安全。")
    assert s.closing[0].text.startswith("同志们，安全生产责任重于泰山。")
    assert s.closing[-1].text.endswith("谢谢大家！")


def test_numbered_levels_down_to_circled_numbers() -> None:
    s = only_speech("levels.txt")
    assert s.transition is not None and s.transition.text == "这里，我结合方案讲几点意见。"
    assert shape(s.points) == [
        (
            "1.",
            1,
            "明确培训目标",
            [
                ("（1）", 1, "扩大培训规模"),
                (
                    "（1）",
                    2,
                    "提升培训质量",
                    [
                        ("①", 1, "完善课程体系"),
                        ("①", 2, "加强师资建设"),
                        ("①", 3, "创新培训方式"),
                    ],
                ),
            ],
        ),
        ("1.", 2, "落实保障措施"),
        ("1.", 3, "加强督促检查"),
    ]


def test_ordinary_words_are_not_points() -> None:
    s = only_speech("levels.txt")
    second = s.points[1]
    assert second.children == []  # 第一次, 一是一，二是二
    assert "第一次召开的联席会议" in second.body[0].text
    assert "一是一，二是二" in second.body[0].text


def test_di_yi_sequence_as_top_level() -> None:
    s = only_speech("sayings.txt")
    assert s.salutation is not None and s.salutation.text == "各位劳模、同志们："
    assert s.transition is not None and s.transition.text == "我谈三点体会。"
    assert shape(s.points) == [
        ("第一", 1, "劳模精神是宝贵的精神财富"),
        ("第一", 2, "劳模是推动发展的重要力量"),
        ("第一", 3, "要关心关爱劳模"),
    ]
    assert [p.text for p in s.closing] == ["最后，祝大家节日快乐、身体健康！"]


def test_shouxian_qici_zuihou_children() -> None:
    text = (
        "同志们：\n今天召开推进会。下面我讲两点意见。\n"
        "一、统一思想\n首先，要提高认识。认识是行动的先导。其次，要明确责任。各单位要把任务落实到人。"
        "最后，要加强考核。考核结果要通报。\n"
        "二、狠抓落实\n要建立台账，逐项销号。\n"
    )
    (s,) = parse_text(text)
    assert shape(s.points) == [
        (
            "一、",
            1,
            "统一思想",
            [
                ("首先", 1, "要提高认识"),
                ("首先", 2, "要明确责任"),
                ("首先", 3, "要加强考核"),
            ],
        ),
        ("一、", 2, "狠抓落实"),
    ]
    assert s.points[0].children[1].body[0].text == "各单位要把任务落实到人。"


@pytest.mark.parametrize(("name", "encoding"), [("gbk_speech.txt", "gbk"), ("utf16_speech.txt", "utf-16")])
def test_gbk_and_utf16_files_parse_like_their_utf8_originals(name: str, encoding: str) -> None:
    from speechkit.reading.corpus import read_file

    original = {"gbk_speech.txt": "sayings.txt", "utf16_speech.txt": "zhici.txt"}[name]
    decoded = read_file(FIXTURES / name)
    assert decoded.encoding == encoding
    assert only_speech(name).to_dict() == only_speech(original).to_dict()


def test_half_and_full_width_markers_are_the_same_marker() -> None:
    half = parse_text("同志们：\n(一)抓学习。要学深悟透。\n(二)抓落实。要真抓实干。\n")
    full = parse_text("同志们：\n（一）抓学习。要学深悟透。\n（二）抓落实。要真抓实干。\n")
    assert [p.to_dict() for p in half[0].points] == [p.to_dict() for p in full[0].points]
    assert [p.style for p in half[0].points] == ["（一）", "（一）"]


def test_headings_mid_line_after_sentence_end() -> None:
    (s,) = parse_text("同志们：今年工作很重要。一、抓学习。学习是基础。二、抓落实。落实是关键。")
    assert shape(s.points) == [("一、", 1, "抓学习"), ("一、", 2, "抓落实")]
    assert s.opening[0].text == "今年工作很重要。"


def test_out_of_sequence_numbers_mid_line_stay_text() -> None:
    (s,) = parse_text(
        "同志们：\n一、抓学习\n全年共组织3.学习活动，参加人数。5.人次以上。\n二、抓落实\n要落实。\n"
    )
    assert [p.heading for p in s.points] == ["抓学习", "抓落实"]
    assert s.points[0].children == []


def test_numbering_past_ten() -> None:
    body = "".join(
        f"{n}、第{n}项工作\n要做好。\n"
        for n in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    )
    (s,) = parse_text("同志们：\n" + body)
    assert [p.number for p in s.points] == list(range(1, 13))


def test_zero_is_no_item_number() -> None:
    (s,) = parse_text("同志们：\n0.五个数字\n（0）不是编号\n1.抓落实\n要落实。\n")
    assert [(p.style, p.number, p.heading) for p in s.points] == [("1.", 1, "抓落实")]


def test_wishes_alone_at_the_end_are_the_closing() -> None:
    (s,) = parse_text("同志们：\n一、抓落实\n要落实。\n二、抓学习\n要学习。\n祝大家节日快乐、身体健康！\n")
    assert [p.text for p in s.closing] == ["祝大家节日快乐、身体健康！"]
    assert [b.text for b in s.points[1].body] == ["要学习。"]


def test_zuihou_yuzhu_is_the_closing_not_a_third_item() -> None:
    (s,) = parse_text(
        "同志们：\n今天开会。\n首先，要加强领导。领导是关键。\n其次，要狠抓落实。落实是根本。\n最后，预祝大会圆满成功！\n谢谢大家！\n"
    )
    assert [(p.style, p.number, p.heading) for p in s.points] == [
        ("首先", 1, "要加强领导"),
        ("首先", 2, "要狠抓落实"),
    ]
    assert [p.text for p in s.closing] == ["最后，预祝大会圆满成功！", "谢谢大家！"]


def test_a_short_line_inside_a_speech_is_no_title() -> None:
    speeches = parse_text(
        "在全市工作会议上的讲话\n同志们：\n今天开会。\n加强党的建设\n要把党建放在首位。\n"
        "一、抓落实\n要落实。\n谢谢大家！\n"
    )
    assert len(speeches) == 1
    assert any(p.text == "加强党的建设" for p in speeches[0].opening)


def test_a_title_starts_a_new_document_mid_file() -> None:
    speeches = parse_text("同志们：\n第一篇的内容。\n工会讲话篇二\n今天我们开会。\n一、抓落实\n要落实。\n")
    assert [s.title for s in speeches] == [None, "工会讲话篇二"]


def test_markdown_headings() -> None:
    (s,) = parse_text("# 在全市工作会议上的讲话\n\n同志们：\n\n今天开会。\n\n## 一、抓落实\n\n要落实。\n")
    assert s.title == "在全市工作会议上的讲话"
    assert [(p.style, p.heading) for p in s.points] == [("一、", "抓落实")]


@pytest.mark.parametrize(
    "title", ["在全市工会工作会议上的讲话（2023年1月5日）", "关于加强职工技能培训的意见"]
)
def test_title_glued_to_the_salutation_in_one_line(title: str) -> None:
    (s,) = parse_text(f"{title}同志们：今天开会。一、抓落实。要落实。谢谢大家！")
    assert s.title == title
    assert s.salutation is not None and s.salutation.text == "同志们："
    assert [p.heading for p in s.points] == ["抓落实"]


def test_salutation_with_an_exclamation_mark_on_its_own_line() -> None:
    (s,) = parse_text(
        "同志们！\n今天召开的会议很重要。下面我讲两点意见。\n一、提高认识\n认识要到位。\n二、狠抓落实\n落实要到位。\n"
    )
    assert s.salutation is not None and s.salutation.text == "同志们！"
    assert s.transition is not None and s.transition.text == "下面我讲两点意见。"
    # inside a speech the same line is part of the closing, not a new speech
    (t,) = parse_text("同志们：\n一、抓落实\n要落实。\n同志们！\n让我们共同努力！\n")
    assert [p.text for p in t.closing] == ["同志们！", "让我们共同努力！"]
