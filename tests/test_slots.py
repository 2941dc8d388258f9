"""Generalising specifics into slots, conservatively; filling them literally."""

from __future__ import annotations

import pytest

from speechkit.bank.slots import fill, slots_in
from speechkit.mining.generalise import PROTECTED, SpeechContext, generalise
from speechkit.reading.normalise import normalise


def gen(text: str, transition: bool = False) -> str:
    return generalise(normalise(text).text, transition=transition)[0]


def test_congress_opening_from_the_seed() -> None:
    text, slots = generalise(
        normalise(
            "在北京市工会第十二次代表大会隆重召开之际，我代表市委、市人大、市政府、市政协，向大会的召开表示热烈祝贺!"
        ).text
    )
    assert text == "在{event}隆重召开之际，我代表{speaker}，向大会的召开表示热烈祝贺！"
    assert slots == ["event", "speaker"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("今天的全市工会工作会议，主要是部署20x年的工作", "今天的{event}，主要是部署{year}年的工作"),
        ("今天，我们在这里召开新兴工业园区工会组建工作座谈会，主要是", "今天，我们在这里召开{event}，主要是"),
        ("刚才，梁伟同志作了工作报告", "刚才，{name}同志作了工作报告"),
        ("郴州市总工会在2023年5月1日举办活动", "{org}在2023年5月1日举办活动"),  # whose year? unknown
        ("我代表厂党政祝愿全体女工朋友们身体健康", "我代表{speaker}祝愿全体女工朋友们身体健康"),
    ],
)
def test_specifics_become_slots(source: str, expected: str) -> None:
    assert gen(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "根据市总工会提出的目标要求",  # 根据 is no place name
        "市总工会连续6年在全省工会主要工作考核中荣获一等奖",
        "加强工业园区工会组建工作",
        "与会同志作了发言",  # 与会 is no name
        "中央企业工会工作围绕中心，服务大局，推动改革发展",
        "共同召开了全国企业班组建设工作会议",  # a past event, not this one
    ],
)
def test_no_slot_where_the_meaning_is_not_plain(source: str) -> None:
    assert slots_in(gen(source)) == []


def test_fixed_expressions_are_never_cut() -> None:
    for expression in PROTECTED:
        assert expression in gen(f"我们要{expression}，在{expression}中前进。")


def test_count_only_in_transitions() -> None:
    assert gen("下面，我讲三点意见：", transition=True) == "下面，我讲{count}点意见："
    assert gen("下面，我再讲几点意见。", transition=True) == "下面，我再讲几点意见。"
    assert gen("我讲三点意见") == "我讲三点意见"


def test_literal_braces_are_escaped_and_restored() -> None:
    text, slots = generalise("使用{org}格式")
    assert text == "使用{{org}}格式" and slots == []
    assert fill(text, {"org": "X"}, lambda n: "?") == "使用{org}格式"


def test_fill_inserts_values_literally() -> None:
    template = "在{event}之际，{org}向大家问好"
    values = {"event": "{org}", "org": "{0.__class__}"}
    assert fill(template, values, lambda n: f"【{n}】") == "在{org}之际，{0.__class__}向大家问好"
    assert fill(template, {}, lambda n: f"【{n}】") == "在【event】之际，【org】向大家问好"


@pytest.mark.parametrize(
    "source",
    [
        "过去的20x年里，厂工会紧紧围绕中心",  # a year looked back on is not this year
        "主要是回顾总结20x年的工会工作",
    ],
)
def test_a_year_looked_back_on_is_the_year_before(source: str) -> None:
    assert "{year}" not in gen(source) and "{last_year}年" in gen(source)


def test_a_year_built_on_stays_a_placeholder() -> None:
    assert gen("要在20x年的基础上增长20%以上") == "要在20××年的基础上增长20%以上"


def test_a_year_of_a_past_task_is_never_the_year_before() -> None:
    text = normalise("回顾2025年脱贫攻坚工作").text
    assert generalise(text, context=SpeechContext(year=2026))[0] == text


def test_a_written_year_is_this_year_only_in_a_speech_of_that_year() -> None:
    this_year = SpeechContext(year=2023)
    text = normalise("郴州市总工会在2023年5月1日举办活动").text
    assert generalise(text, context=this_year)[0] == "{org}在{year}年{date}举办活动"
    assert generalise(text, context=SpeechContext(year=2025))[0] == "{org}在2023年5月1日举办活动"
    # the year before the speech's is the user's year before theirs
    assert generalise(text, context=SpeechContext(year=2024))[0] == "{org}在{last_year}年5月1日举办活动"


def test_the_year_before_and_the_year_itself_in_one_sentence() -> None:
    text = normalise("第一期是2014年评的，第二期是2015年评的。").text
    assert generalise(text, context=SpeechContext(year=2015)) == (
        "第一期是{last_year}年评的，第二期是{year}年评的。",
        ["last_year", "year"],
    )
