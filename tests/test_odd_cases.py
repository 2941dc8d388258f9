"""Small odd cases (issue 14, class 12): line endings, one file named twice, a
FIFO named as a file, tiny or impossible lengths, cross-file bank errors."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from .conftest import DEFAULT_BANK, SEED_FILE, run_process


def test_cr_only_line_endings_give_real_line_numbers(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mac.txt").write_bytes(
        "同志们：\r今天开会。\r一、抓好落实\r要抓好落实。\r谢谢大家！\r".encode()
    )
    monkeypatch.chdir(tmp_path)
    speech = json.loads(run("outline", "mac.txt", "--json").stdout)["files"][0]["speeches"][0]
    assert [speech["line"], speech["points"][0]["line"]] == [1, 3]


def test_one_file_named_two_ways_is_mined_once(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "link.txt").symlink_to(SEED_FILE)
    monkeypatch.chdir(tmp_path)
    other_spelling = str(SEED_FILE.parent / ".." / SEED_FILE.parent.name / SEED_FILE.name)
    result = run("extract", str(SEED_FILE), other_spelling, "link.txt", "-o", "bank", "--json")
    report = json.loads(result.stdout)
    assert report["files"] == 1
    single = json.loads(run("extract", str(SEED_FILE), "-o", "bank1", "--json").stdout)
    assert report["kinds"] == single["kinds"]


def test_a_fifo_named_as_a_file_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = run_process("outline", "pipe.txt", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        1,
        "Error: pipe.txt: is a FIFO, not a text file; save the text to a file\n",
    )


def test_more_points_than_the_bank_has_say_so(run: Any) -> None:
    result = run("generate", "--seed", "1", "--no-input", "--points", "30", "--bank", str(DEFAULT_BANK))
    assert result.exit_code == 0
    found = re.search(
        r"Note: 30 points asked; the bank has (\d+) that go together \(extract more speeches for more\)\n",
        result.stderr,
    )
    assert found and 0 < int(found[1]) < 30


def test_more_points_than_a_numbering_counts_say_so(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "t.yaml").write_text("name: t\nsections:\n  - points: {style: 首先}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("generate", "-t", "t.yaml", "--seed", "1", "--points", "9", "--bank", str(DEFAULT_BANK))
    assert "Note: 9 points asked; the numbering 首先 counts at most 4\n" in result.stderr


def bank_of(tmp_path: Path, files: dict[str, str]) -> None:
    (tmp_path / "bank").mkdir()
    for name, text in files.items():
        (tmp_path / "bank" / name).write_text(text, encoding="utf-8")


def test_an_id_in_two_kinds_names_both_places(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_of(
        tmp_path,
        {
            "openings.yaml": "kind: opening\nphrases:\n  - id: x\n    text: 今天开会。\n",
            "closings.yaml": "kind: closing\nphrases:\n  - {id: y, text: 谢谢！}\n  - {id: x, text: 好！}\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    result = run("phrases", "--bank", "bank")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: bank/closings.yaml:4:10: id 'x' is also used in bank/openings.yaml:3:9; ids must be unique\n",
    )


def test_a_missing_child_names_its_place(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bank_of(
        tmp_path,
        {"points.yaml": "kind: point\nphrases:\n  - id: p1\n    text: 抓落实\n    children: [p2, p9]\n"},
    )
    monkeypatch.chdir(tmp_path)
    result = run("phrases", "--bank", "bank")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: bank/points.yaml:5:16: point p1 lists child 'p2', which is not in the bank\n",
    )


# ------------------------------------------------ found by attacking (not in the list)


@pytest.mark.parametrize("command", [["templates", "--bank", "bank"], ["export", "d.yaml", "-o", "o.txt"]])
def test_a_fifo_planted_as_a_template_or_draft_is_an_error_not_a_hang(
    tmp_path: Path, command: list[str]
) -> None:
    shutil.copytree(DEFAULT_BANK, tmp_path / "bank", ignore=shutil.ignore_patterns("templates"))
    (tmp_path / "bank" / "templates").mkdir()
    os.mkfifo(tmp_path / "bank" / "templates" / "x.yaml")
    os.mkfifo(tmp_path / "d.yaml")
    result = run_process(*command, cwd=tmp_path)
    where = "bank/templates/x.yaml" if command[0] == "templates" else "d.yaml"
    assert (result.returncode, result.stderr) == (1, f"Error: {where}: cannot read (not a regular file)\n")


def test_a_huge_limit_lists_everything(run: Any, seed_bank: Path) -> None:
    run("phrases", "--bank", str(seed_bank))  # builds the index: the SQLite path
    result = run("phrases", "--bank", str(seed_bank), "--search", "工会", "--limit", str(10**20))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith(" phrases")


def test_a_huge_value_in_an_error_is_cut(run: Any) -> None:
    result = run("phrases", "--bank", str(DEFAULT_BANK), "show", "x" * 100_000)
    assert result.exit_code == 1
    assert len(result.stderr) == len("Error: ") + 2000 + 1 and result.stderr.endswith("…\n")


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    from speechkit.paths import cache_dir

    monkeypatch.delenv("SPEECHKIT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache_dir() == Path.home() / ".cache" / "speechkit"
    monkeypatch.setenv("XDG_CACHE_HOME", "/abs/cache")
    assert cache_dir() == Path("/abs/cache/speechkit")


def test_rich_markup_in_a_template_is_shown_as_text(run: Any, tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "tm.yaml").write_text(
        'name: tm\ndescription: "[bold]x"\nslots:\n  org: {label: "[/x]单位", required: true}\n'
        "sections: [salutation]\n",
        encoding="utf-8",
    )
    for args in (["templates", "tm"], ["templates"]):
        result = run(*args, "--bank", str(tmp_path))
        assert result.exit_code == 0, result.stderr
    assert "[/x]单位" in run("templates", "tm", "--bank", str(tmp_path)).stdout
    assert "[bold]x" in run("templates", "--bank", str(tmp_path)).stdout
