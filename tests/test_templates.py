"""Templates are validated on load, every problem with file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechkit.drafting.templates import load_template, load_template_file
from speechkit.errors import TemplateError

from .conftest import DEFAULT_BANK


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template_file(path)
    return [p.replace(f"{path}:", "") for p in info.value.problems]


def test_all_problems_at_once(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        (
            "name: bad\n"
            "title: 在{event}上的讲话\n"  # event used, not declared
            "colour: red\n"  # unknown key
            "slots:\n"
            "  org: {label: 单位}\n"
            "  boss: {label: 领导}\n"  # not a slot name
            "sections:\n"
            "  - greeting\n"  # unknown section kind
            "  - points: {count: 3, style: A.}\n"  # unknown style
            "  - opening: {pick: many}\n"  # wrong type
        ),
    )
    assert found == [
        "2:8: slot {event} is used but not declared in slots",
        "3:1: unknown key 'colour'; allowed: name, title, description, occasion, level, slots, sections, "
        "wording, tags, minutes",
        "6:3: unknown slot 'boss'; slots are: org, place, year, event, speaker, audience, date, name, "
        "achievements, honourees",
        "8:5: unknown section kind 'greeting'; kinds are: salutation, opening, transition, points, closing, "
        "text",
        "9:31: unknown style 'A.'; styles are: 一、 （一） 1. （1） ① 一是 第一 首先",
        "10:21: pick must be a whole number from 0 to 20",
    ]


def test_syntax_error_and_python_tags(tmp_path: Path) -> None:
    (message,) = problems(tmp_path, "name: x\nsections: [salutation\n")
    assert message.split(":")[0].isdigit()
    (message,) = problems(tmp_path, "name: !!python/object/apply:os.system [ls]\nsections: [salutation]\n")
    assert "is not allowed" in message


def test_nested_children_styles_are_checked(tmp_path: Path) -> None:
    found = problems(tmp_path, "sections:\n  - points: {count: 2, style: 一、, children: {style: 甲}}\n")
    assert found == ["2:53: unknown style '甲'; styles are: 一、 （一） 1. （1） ① 一是 第一 首先"]


def test_shipped_templates_are_valid_and_labelled() -> None:
    for name in ("work-meeting", "congress", "commendation", "symposium", "festival"):
        template = load_template(name, DEFAULT_BANK)
        assert template.sections and template.points_section() is not None
        assert all(spec.label for spec in template.slots.values())
        assert any("\u4e00" <= ch <= "\u9fff" for spec in template.slots.values() for ch in spec.label)
    assert not any(s.required for s in load_template("work-meeting", DEFAULT_BANK).slots.values())


def test_every_slot_of_the_vocabulary_has_a_default_label() -> None:
    from speechkit.bank.slots import SLOT_NAMES
    from speechkit.drafting.templates import DEFAULT_LABELS

    assert set(SLOT_NAMES) <= set(DEFAULT_LABELS)
