"""Assembling drafts: determinism, topic, slots, length, numbering."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechkit.bank.load import load_bank
from speechkit.bank.model import Bank
from speechkit.drafting.assemble import assemble
from speechkit.drafting.render import to_text
from speechkit.drafting.templates import Template, load_template
from speechkit.errors import DraftError

from .conftest import DEFAULT_BANK


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(DEFAULT_BANK)


def template(name: str) -> Template:
    return load_template(name, DEFAULT_BANK)


def test_same_inputs_and_seed_give_the_same_draft_byte_for_byte(bank: Bank) -> None:
    t = template("work-meeting")
    first = to_text(assemble(bank, t, slots={"org": "郴州市总工会"}, topic=["职工"], seed=42))
    again = to_text(
        assemble(
            load_bank(DEFAULT_BANK),
            template("work-meeting"),
            slots={"org": "郴州市总工会"},
            topic=["职工"],
            seed=42,
        )
    )
    assert first == again
    others = {
        to_text(assemble(bank, t, slots={"org": "郴州市总工会"}, topic=["职工"], seed=s))
        for s in range(43, 49)
    }
    assert others - {first}, "another seed gives another draft"


def test_congress_gets_the_congress_salutation(bank: Bank) -> None:
    for seed in range(20):
        draft = assemble(bank, template("congress"), slots={"event": "市总工会第十三次代表大会"}, seed=seed)
        salutation = next(b for b in draft.blocks if b.kind == "salutation")
        assert salutation.text == "各位代表、同志们："
    meeting = assemble(bank, template("work-meeting"), seed=1)
    assert next(b for b in meeting.blocks if b.kind == "salutation").text == "同志们："


def test_congress_opens_on_the_occasion(bank: Bank) -> None:
    draft = assemble(bank, template("congress"), slots={"event": "市总工会第十三次代表大会"}, seed=3)
    first_opening = next(b for b in draft.blocks if b.section == "opening")
    assert any(word in first_opening.text[:40] for word in ("之际", "召开", "今天", "隆重"))


def test_topic_prefers_matching_points(bank: Bank) -> None:
    matched = 0
    for seed in range(10):
        draft = assemble(bank, template("work-meeting"), topic=["班组"], seed=seed)
        headings = [b.text for b in draft.blocks if b.kind == "heading"]
        matched += any("班组" in h for h in headings) or "班组" in to_text(draft)
        assert draft.notes == [] or "topic" not in draft.notes[0]
    assert matched == 10


def test_topic_with_no_match_says_so_and_falls_back(bank: Bank) -> None:
    draft = assemble(bank, template("work-meeting"), topic=["量子计算"], seed=1)
    assert "no phrase in the bank matches the topic 量子计算; drew from the whole bank" in draft.notes
    assert any(b.kind == "heading" for b in draft.blocks)


def test_slot_values_are_inserted_literally(bank: Bank) -> None:
    t = template("work-meeting")
    draft = assemble(bank, t, slots={"org": "{org}", "event": "{0.__class__}"}, seed=5)
    assert draft.title == "在2026年{org}{0.__class__}上的讲话".replace("2026", draft.slots["year"])
    assert "{0.__class__}" in draft.slots.values()


def test_missing_slots_render_as_visible_placeholders(bank: Bank) -> None:
    draft = assemble(bank, template("work-meeting"), seed=1)
    assert "【单位名称】" in draft.title
    assert "单位名称" in draft.placeholders


def test_unknown_slot_names_every_fillable_slot(bank: Bank) -> None:
    with pytest.raises(
        DraftError,
        match=r"unknown slot 'boss'; the slots are: org, year, event, speaker, achievements, place, "
        r"audience, date, name, honourees$",
    ):
        assemble(bank, template("work-meeting"), slots={"boss": "x"})


def test_missing_required_slots_are_reported_together(bank: Bank) -> None:
    with pytest.raises(DraftError) as info:
        assemble(bank, template("congress"), slots={})
    assert str(info.value).startswith("missing required slots: event（大会名称")
    commendation = template("commendation")
    with pytest.raises(DraftError, match="org（单位名称）"):
        assemble(bank, commendation, slots={})


def test_control_characters_in_slot_values_are_refused(bank: Bank) -> None:
    with pytest.raises(DraftError, match=r"character 3 of the value is U\+000A \(a control character\)"):
        assemble(bank, template("work-meeting"), slots={"org": "郴州\n市"})


@pytest.mark.parametrize("minutes", [5, 8, 15])
@pytest.mark.parametrize("name", ["work-meeting", "congress", "commendation", "symposium", "festival"])
def test_minutes_land_within_ten_percent(bank: Bank, minutes: int, name: str) -> None:
    t = template(name)
    slots = {n: "某某" for n, s in t.slots.items() if s.required}
    for seed in (1, 2, 3):
        draft = assemble(bank, t, slots=slots, minutes=minutes, seed=seed)
        target = minutes * 220
        assert abs(draft.chars - target) <= 0.1 * target, (name, minutes, seed, draft.chars)
        assert not [n for n in draft.notes if "characters" in n]  # no length missed


def test_rate_changes_the_target(bank: Bank) -> None:
    draft = assemble(bank, template("work-meeting"), minutes=5, rate=300, seed=1)
    assert abs(draft.chars - 1500) <= 150


def test_too_short_a_target_says_so_plainly(bank: Bank) -> None:
    draft = assemble(bank, template("work-meeting"), minutes=0.5, seed=1)
    assert any("of the 110 asked" in note for note in draft.notes)


def test_points_option_and_numbering_past_ten(bank: Bank) -> None:
    draft = assemble(bank, template("work-meeting"), points=12, minutes=40, seed=2)
    headings = [b.text for b in draft.blocks if b.kind == "heading" and b.level == 1]
    assert len(headings) == 12
    assert [h.split("、")[0] for h in headings] == [
        "一",
        "二",
        "三",
        "四",
        "五",
        "六",
        "七",
        "八",
        "九",
        "十",
        "十一",
        "十二",
    ]
    transition = next(b.text for b in draft.blocks if b.section == "transition")
    assert "十二点" in transition or "几点" in transition


@pytest.mark.parametrize(("minutes", "points"), [(0, None), (-3, None), (None, 0), (None, 1000)])
def test_bad_numbers_are_errors(bank: Bank, minutes: float | None, points: int | None) -> None:
    with pytest.raises(DraftError):
        assemble(bank, template("work-meeting"), minutes=minutes, points=points)


def test_points_from_different_speeches_and_their_children_renumber(bank: Bank) -> None:
    t = template("work-meeting")  # 一、 with 一是 children
    for seed in range(30):
        draft = assemble(bank, t, seed=seed, minutes=15)
        sources = {
            bank.get(i.id).sources[0].speech
            for p in draft.parts
            if p.kind == "points"  # type: ignore[union-attr]
            for i in p.items
        }
        with_children = any(i.children for p in draft.parts if p.kind == "points" for i in p.items)
        if len(sources) > 1 and with_children:
            break
    else:
        pytest.fail("no draft drew points with children from two speeches")
    child_paragraphs = [b.text for b in draft.blocks if b.section == "points" and b.text[1:2] == "是"]
    assert child_paragraphs, "children in 一是 style are rendered"


def test_a_custom_template_file(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "short.yaml"
    path.write_text(
        "name: short\ntitle: 在{event}上的讲话\nslots:\n  event: {label: 会议}\n"
        "sections:\n  - salutation\n  - points: {count: 2, style: （1）}\n  - text: {text: 谢谢！}\n",
        encoding="utf-8",
    )
    t = load_template(str(path))
    draft = assemble(bank, t, slots={"event": "推进会"}, seed=3)
    assert draft.title == "在推进会上的讲话"
    assert [b.text[:3] for b in draft.blocks if b.kind == "heading"] == ["（1）", "（2）"]
    assert draft.blocks[-1].text == "谢谢！"


def test_only_a_congress_addresses_delegates(bank: Bank) -> None:
    for name in ("commendation", "work-meeting", "symposium"):
        t = template(name)
        slots = {n: "某某" for n, s in t.slots.items() if s.required}
        for seed in range(12):
            draft = assemble(bank, t, slots=slots, seed=seed)
            assert "代表" not in next(b.text for b in draft.blocks if b.kind == "salutation"), (name, seed)


def test_two_points_are_announced_as_liang(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(
        "name: two\ntitle: 讲话\nsections:\n  - salutation\n"
        '  - transition: {text: "下面，我讲{count}点意见："}\n'
        "  - points: {count: 2, style: 一、}\n",
        encoding="utf-8",
    )
    draft = assemble(bank, load_template(str(path)), seed=1)
    assert next(b.text for b in draft.blocks if b.section == "transition") == "下面，我讲两点意见："
