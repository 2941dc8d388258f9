"""The parser on the user's corpus: the numbers the seed must show."""

from __future__ import annotations

from collections import Counter

import pytest

from speechkit.reading.outline import Speech
from speechkit.reading.parser import parse_text

from .conftest import SEED_FILE


@pytest.fixture(scope="module")
def speeches() -> list[Speech]:
    return parse_text(SEED_FILE.read_text(encoding="utf-8"))


def test_six_speeches_and_the_second_document_holds_two(speeches: list[Speech]) -> None:
    assert len(speeches) == 6
    titles = [s.title for s in speeches]
    assert titles.count("工会讲话致辞简短精辟篇二") == 2
    second_doc = [s for s in speeches if s.title == "工会讲话致辞简短精辟篇二"]
    assert [s.line for s in second_doc] == [27, 40]  # the second starts at its second 同志们：
    assert [s.index for s in speeches] == [1, 2, 3, 4, 5, 6]


def test_salutations(speeches: list[Speech]) -> None:
    salutations = [s.salutation.text if s.salutation else None for s in speeches]
    assert salutations[0] is None  # the first document has none
    assert Counter(x for x in salutations if x) == {"同志们：": 4, "各位代表、同志们：": 1}


def test_transitions(speeches: list[Speech]) -> None:
    transitions = [s.transition.text if s.transition else None for s in speeches]
    assert transitions[0] is None and transitions[3] is None
    assert transitions[1] == "下面，我就进一步推进开发区工会组建，加强新兴工业园工会建设讲三点意见："
    assert transitions[2] == "下面，就进一步加强工会工作，充分发挥工会的作用，我讲三点意见："
    assert transitions[4] == "下面，我再讲几点意见。"
    assert (
        transitions[5] == "下面，我就如何认识工会工作形势，进一步发挥工会优势和提高工会工作水平讲三点意见。"
    )


def test_transition_leaves_the_rest_of_its_paragraph_in_the_opening(speeches: list[Speech]) -> None:
    last_opening = speeches[1].opening[-1].text
    assert last_opening.endswith("工业园区工会的现状应当引起我们的高度重视。")
    assert "下面" not in last_opening


def test_closings(speeches: list[Speech]) -> None:
    with_closing = [s for s in speeches if s.closing]
    assert [s.index for s in with_closing] == [3, 4, 5]
    assert with_closing[0].closing[-1].text.endswith("努力开创全县工会工作新局面！")
    assert with_closing[1].closing[-1].text == "谢谢大家！"
    assert [p.text[:6] for p in with_closing[1].closing] == ["各位代表、同", "最后，预祝大", "谢谢大家！"]
    assert with_closing[2].closing[-1].text.endswith("健康美丽！")


def test_top_level_points(speeches: list[Speech]) -> None:
    styles = Counter(p.style for s in speeches for p in s.points)
    assert styles == {"一、": 9, "一是": 4, "（一）": 4}
    assert [len(s.points) for s in speeches] == [2, 2, 3, 4, 4, 2]
    assert [p.style for p in speeches[3].points] == ["一是"] * 4  # the third document
    assert [p.style for p in speeches[4].points] == ["（一）"] * 4  # the fourth
    for s in speeches:
        assert [p.number for p in s.points] == list(range(1, len(s.points) + 1))


def test_children(speeches: list[Speech]) -> None:
    children = [[c.style for p in s.points for c in p.children] for s in speeches]
    assert children[0] == ["（一）"] * 9
    assert children[1] == ["（一）"] * 4
    assert children[2] == ["一是"] * 9
    assert children[3] == [] and children[4] == []
    assert children[5] == ["（一）"] * 6
    assert sum(len(c) for c in children) == 28


def test_inline_sequences_inside_a_child_become_grandchildren(speeches: list[Speech]) -> None:
    first = speeches[5].points[1].children[0]
    assert first.heading == "要激发职工创造活力，在推动郴州经济发展上出实招"
    assert [g.style for g in first.children] == ["一是"] * 3
    assert first.children[0].heading == "要营造想干事的氛围"
    assert not first.body[-1].text.endswith("一是")


def test_sequences_inside_quotes_and_openings_are_not_points(speeches: list[Speech]) -> None:
    # 二、's body quotes a leader: "…一是需要扩大…，二是需要增强…" stays text.
    second = speeches[1].points[1]
    assert second.children == []
    assert any("一是需要扩大工会工作的覆盖面" in b.text for b in second.body)
    # the opening of the fifth document lists 一是…四是 in one paragraph: still opening
    assert "一是围绕“保增长”" in speeches[5].opening[1].text


def test_glued_headings_are_split(speeches: list[Speech]) -> None:
    second = speeches[1].points[1]
    assert second.heading == "抓住机遇，乘势而上，全力推进工业园区工会组建工作"
    assert second.body[0].text.startswith("今年，工会组建和发展会员工会目标是：")
    spaced = speeches[4].points[1]
    assert spaced.heading == "加强领导，改革创新，不断加强两级工会组织建设"
    assert spaced.body[0].text.startswith("工会是党领导下的工人阶级群众组织")
    sentence = speeches[1].points[0].children[2]
    assert sentence.heading == "加强工业园区工会组建工作是维护员工合法权益的需要"
    assert sentence.body[0].text.startswith("工会是职工群众自己的组织")


def test_lines_refer_to_the_raw_file(speeches: list[Speech]) -> None:
    raw_lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    for s in speeches:
        for p in s.all_points():
            assert p.heading.replace("××", "x")[:4] in raw_lines[p.line - 1].replace("(", "（").replace(
                ")", "）"
            )
    assert speeches[3].salutation is not None and speeches[3].salutation.line == 58


def test_normalised_quotes_and_placeholders(speeches: list[Speech]) -> None:
    text = speeches[1].points[0].body[0].text
    assert "“组织起来、切实维权”" in text
    assert "?" not in "".join(s.plain_text() for s in speeches)
    assert speeches[0].points[0].heading == "20××年中央企业工会工作取得显著成绩"
