"""Hostile YAML: alias bombs, self-reference, deep nesting, duplicate keys and
control characters are refused at their line and column (issue 14, classes 3,
4 and 7), in banks, templates and drafts alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from speechkit.bank import yamlio

from .conftest import DEFAULT_BANK

RECURSIVE = "an alias here refers to a node that contains it; recursive data is not allowed"


def bank_with(tmp_path: Path, openings: str) -> Path:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "openings.yaml").write_text(openings, encoding="utf-8")
    return bank


def test_an_alias_bomb_in_a_bank_is_refused(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 20,000 aliases to one 1,000-character text: 20 MB of phrases from a 100 KB file
    aliases = ", ".join(["*t"] * 20_000)
    bank = bank_with(
        tmp_path,
        f"kind: opening\nphrases:\n  - id: a\n    text: &t {'长' * 1000}\n    keywords: [{aliases}]\n",
    )
    monkeypatch.chdir(tmp_path)
    result = run("phrases", "--bank", "bank")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: bank/openings.yaml:5:15: aliases here grow the document past 10 times its size; "
        "write the text out instead of repeating it with *aliases\n"
    )
    assert (bank / "openings.yaml").stat().st_size < 200_000


def test_an_extract_never_multiplies_a_bank_through_aliases(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aliases = ", ".join(["*t"] * 2_000)
    bank = bank_with(
        tmp_path,
        f"kind: opening\nphrases:\n  - id: a\n    text: &t {'长' * 3000}\n    tags: [{aliases}]\n",
    )
    before = (bank / "openings.yaml").read_bytes()
    (tmp_path / "s.txt").write_text("同志们：\n今天开会。\n谢谢大家！\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("extract", "s.txt", "-o", "bank", "-q")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: bank/openings.yaml:5:11: aliases here grow the document past")
    assert (bank / "openings.yaml").read_bytes() == before


def test_a_template_that_contains_itself_is_refused(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "t.yaml").write_text(
        "name: t\nsections:\n  - points: &p {count: 2, children: *p}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = run("generate", "-t", "t.yaml", "--seed", "1", "--bank", str(DEFAULT_BANK))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: t.yaml:3:27: {RECURSIVE}\n",
    )


def test_a_draft_that_contains_itself_is_refused(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "d.yaml").write_text(
        "speechkit_draft: 1\ntemplate: work-meeting\nsections:\n"
        "  - kind: points\n    items:\n      - &i {id: point-1, children: [*i]}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = run("export", "d.yaml", "-o", "out.txt", "--bank", str(DEFAULT_BANK))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: d.yaml:6:36: {RECURSIVE}\n",
    )
    assert not (tmp_path / "out.txt").exists()


def test_nesting_hundreds_deep_is_refused(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = "{id: point-1, children: [" * 400 + "point-2" + "]}" * 400
    (tmp_path / "d.yaml").write_text(
        f"speechkit_draft: 1\ntemplate: work-meeting\nsections:\n  - kind: points\n    items: [{items}]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = run("export", "d.yaml", "-o", "out.txt", "--bank", str(DEFAULT_BANK))
    assert (result.exit_code, result.stderr) == (1, "Error: d.yaml:5:463: nested more than 40 levels deep\n")


def test_a_key_given_twice_is_refused_with_both_positions(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_with(
        tmp_path,
        "kind: opening\nphrases:\n  - {id: a, text: 今天开会。, curated: true}\n"
        "phrases:\n  - {id: b, text: 明天开会。}\n",
    )
    monkeypatch.chdir(tmp_path)
    result = run("phrases", "--bank", "bank")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: bank/openings.yaml:4:1: duplicate key 'phrases' (first at line 2, column 1)\n",
    )


def test_a_key_given_twice_inside_an_entry(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bank_with(tmp_path, "kind: opening\nphrases:\n  - id: a\n    text: 今天开会。\n    id: b\n")
    monkeypatch.chdir(tmp_path)
    result = run("phrases", "--bank", "bank")
    assert result.stderr == "Error: bank/openings.yaml:5:5: duplicate key 'id' (first at line 3, column 5)\n"


@pytest.mark.parametrize(
    ("escape", "shown"),
    [
        ("\\e[2J", "U+001B (a control character)"),
        ("\\x9b31m", "U+009B (a control character)"),
        ("\\r", "U+000D (a control character)"),
        ("\\uFFFE", "U+FFFE (a noncharacter)"),
        ("\\x07", "U+0007 (a control character)"),
    ],
)
def test_control_characters_in_a_bank_are_refused(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, escape: str, shown: str
) -> None:
    bank_with(tmp_path, f'kind: opening\nphrases:\n  - id: a\n    text: "今天{escape}开会。"\n')
    monkeypatch.chdir(tmp_path)
    result = run("phrases", "--bank", "bank")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: bank/openings.yaml:4:11: character 3 of the text is {shown}; "
        "banks, templates and drafts hold plain text\n",
    )
    assert "\x1b" not in result.stdout


def test_a_control_character_in_a_template_is_refused(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = 'name: t\ntitle: "\\e]0;pwned\\a"\nsections: [salutation]\n'
    (tmp_path / "t.yaml").write_text(template, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("generate", "-t", "t.yaml", "--seed", "1", "--bank", str(DEFAULT_BANK))
    assert result.stderr == (
        "Error: t.yaml:2:8: character 1 of the text is U+001B (a control character); "
        "banks, templates and drafts hold plain text\n"
    )


def test_line_breaks_tabs_and_plain_aliases_stay_allowed() -> None:
    data = yamlio.parse('a: &x [今天, "开\\t会"]\nb: *x\nc: |\n  一\n  二\n')
    assert data == {"a": ["今天", "开\t会"], "b": ["今天", "开\t会"], "c": "一\n二\n"}


def test_a_number_too_long_to_read_is_refused(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "d.yaml").write_text(
        f"speechkit_draft: 1\ntemplate: work-meeting\nseed: {'9' * 5000}\nsections: []\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = run("export", "d.yaml", "-o", "out.txt", "--bank", str(DEFAULT_BANK))
    assert (result.exit_code, result.stderr) == (1, "Error: d.yaml:3:7: a number of more than 4,000 digits\n")
