"""Bank files are validated on load; every problem names file, line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from speechkit.bank.files import load_file
from speechkit.bank.load import load_bank
from speechkit.bank.model import Phrase, Source
from speechkit.bank.yamlio import parse
from speechkit.errors import BankError

HEAD = "kind: opening\nphrases:\n"


def write(tmp_path: Path, body: str, name: str = "openings.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def problems(path: Path, kind: str = "opening") -> list[str]:
    with pytest.raises(BankError) as info:
        load_file(path, kind)
    return info.value.problems


def test_every_problem_of_a_file_at_once_with_positions(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + (
            "  - id: a\n"
            "    text: 在{event}之际\n"  # slot used but not declared
            "    count: many\n"  # wrong type
            "  - id: a\n"  # duplicate id
            "    text: 你好\n"
            "    colour: red\n"  # unknown key
            "  - id: b\n"
            "    text: 你好{x}\n"
            "    slots: [x]\n"  # unknown slot name
        ),
    )
    found = problems(path)
    assert found == [
        f"{path}:4:11: slot {{event}} is used but not declared in slots",
        f"{path}:5:12: count must be a whole number",
        f"{path}:6:9: duplicate id 'a' (also entry 1)",
        f"{path}:8:5: unknown key 'colour'; allowed: id, text, slots, keywords, tags, occasion, "
        "speaker_level, moves, specifics, reuse, count, sources, "
        "curated, stale",
        f"{path}:11:13: unknown slot 'x'; slots are: org, place, year, event, speaker, audience, date, "
        "name, count, last_year, achievements, honourees",
    ]


def test_yaml_syntax_error_has_a_position(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "  - id: a\n    text: [unclosed\n")
    (message,) = problems(path)
    assert message.startswith(f"{path}:") and message.count(":") >= 3


def test_python_tags_are_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "  - id: a\n    text: !!python/object/apply:os.system ['echo hi']\n")
    (message,) = problems(path)
    assert "tag:yaml.org,2002:python/object/apply:os.system is not allowed" in message
    assert message.startswith(f"{path}:4:11:")


def test_wrong_kind_in_file(tmp_path: Path) -> None:
    path = write(tmp_path, "kind: closing\nphrases: []\n")
    assert problems(path) == [f"{path}:1:7: kind must be 'opening' in openings.yaml"]


def test_missing_bank_folder(tmp_path: Path) -> None:
    with pytest.raises(BankError, match="no such bank folder"):
        load_bank(tmp_path / "nope")


def test_children_must_exist(tmp_path: Path, seed_bank: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(seed_bank, bank)
    points = bank / "points.yaml"
    text = points.read_text(encoding="utf-8")
    first_child = text.split("children: [", 1)[1].split(",", 1)[0]
    points.write_text(text.replace(first_child, "point-gone", 1), encoding="utf-8")
    with pytest.raises(BankError, match="lists child 'point-gone', which is not in the bank"):
        load_bank(bank)


@pytest.mark.parametrize(
    "text",
    [
        "{org}召开",
        "- 开头",
        "yes",
        "123",
        "null",
        "含: 冒号",
        "a #b",
        '带"引号"',
        "[方括号]",
        " 空格",
        "'单引号'",
        "tab\there",
        "全角：冒号",
        "换\n行",
    ],
)
def test_dump_then_load_gives_the_same_phrase(tmp_path: Path, text: str) -> None:
    phrase = Phrase(
        id="opening-x",
        kind="opening",
        text=text,
        keywords=[text, "a,b"],
        tags=["t"],
        sources=[Source("a b/c: d.txt", 1, 2)],
    )
    phrase.slots = ["org"] if "{org}" in text else []
    path = write(tmp_path, HEAD + phrase.to_yaml())
    (back,) = load_file(path, "opening")
    assert back == phrase
    assert parse(path.read_text(encoding="utf-8"))["phrases"][0]["text"] == text
