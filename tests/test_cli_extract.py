"""`speechkit extract`: summary, JSON, dry run, quiet and errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import SEEDS


def test_extract_prints_a_summary(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "bank"
    result = run("extract", str(SEEDS), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Wrote {out.as_posix()}/ from 6 speeches in 1 file."
    assert lines[1].split() == [
        "kind",
        "┃",
        "found",
        "┃",
        "unique",
        "┃",
        "added",
        "┃",
        "updated",
        "┃",
        "unchanged",
        "┃",
        "stale",
        "┃",
        "kept",
        "┃",
        "rejected",
    ]
    assert lines[3].split() == [
        "salutation",
        "│",
        "5",
        "│",
        "2",
        "│",
        "2",
        "│",
        "0",
        "│",
        "0",
        "│",
        "0",
        "│",
        "0",
        "│",
        "0",
    ]
    assert (out / "points.yaml").is_file()


def test_extract_json_and_dry_run(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "bank"
    result = run("extract", str(SEEDS), "-o", str(out), "--json", "--dry-run")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["written"] is False and data["speeches"] == 6
    assert data["segmenter"] in ("rjieba", "jieba")  # which one mined: rjieba wherever it installs
    assert data["kinds"]["transition"] == {
        "mined": 4,
        "unique": 4,
        "added": 4,
        "updated": 0,
        "unchanged": 0,
        "stale": 0,
        "kept": 0,
        "rejected": 0,
    }
    assert not out.exists()


def test_extract_quiet(run: Any, tmp_path: Path) -> None:
    result = run("extract", str(SEEDS), "-o", str(tmp_path / "b"), "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_extract_into_a_file_is_an_error(run: Any, tmp_path: Path) -> None:
    target = tmp_path / "file.yaml"
    target.write_text("x", encoding="utf-8")
    result = run("extract", str(SEEDS), "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {target}: is a file; the bank output must be a folder\n"
    assert target.read_text(encoding="utf-8") == "x"


def test_extract_skips_a_bad_file_in_a_folder_with_a_warning(run: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("同志们：\n今天开会。\n谢谢大家！\n", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    result = run("extract", str(corpus), "-o", str(tmp_path / "b"))
    assert result.exit_code == 0
    assert "Warning: skipped " in result.stderr and "empty.txt: the file is empty" in result.stderr


def test_invalid_existing_bank_is_reported_not_overwritten(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "bank"
    out.mkdir()
    broken = "kind: opening\nphrases:\n  - id: a\n    txt: oops\n"
    (out / "openings.yaml").write_text(broken, encoding="utf-8")
    result = run("extract", str(SEEDS), "-o", str(out))
    assert result.exit_code == 1
    assert f"Error: {out / 'openings.yaml'}:4:5: unknown key 'txt'" in result.stderr
    assert (out / "openings.yaml").read_text(encoding="utf-8") == broken


def test_dry_run_lists_what_would_change(run: Any, tmp_path: Path, seed_bank: Path) -> None:
    import shutil

    from .conftest import FIXTURES

    out = tmp_path / "bank"
    shutil.copytree(seed_bank, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = run("extract", str(SEEDS), str(FIXTURES / "zhici.txt"), "-o", str(out), "--dry-run")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"Would write {out.as_posix()}/ from 7 speeches in 2 files."
    assert "would add: closing-16cc78fb  最后，祝愿各位领导、各位来宾身体健康、工作顺利、万事如意！" in lines
    assert any(line.startswith("would update: closing-") and line.endswith("谢谢大家！") for line in lines)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    data = json.loads(run("extract", str(SEEDS), "-o", str(out), "--dry-run", "--json").stdout)
    assert data["changes"] == {}  # the same corpus again: nothing would change


def test_progress_bar_only_on_a_terminal_and_never_when_quiet(monkeypatch: Any) -> None:
    import io
    import sys

    from speechkit import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with cli._progress_bar(enabled=True) as update:
        assert update is None  # not a terminal
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with cli._progress_bar(enabled=False) as update:
        assert update is None  # --quiet / --json
    with cli._progress_bar(enabled=True) as update:
        assert update is not None
        update(1_000, 2_000)  # a small corpus: no bar
        assert terminal.getvalue() == ""
        update(10_000_000, 20_000_000)
    assert "mining" in terminal.getvalue()


def test_jobs_do_not_change_the_bank(tmp_path: Path) -> None:
    from speechkit.mining.extract import extract

    from .conftest import FIXTURES

    extract([SEEDS, FIXTURES], tmp_path / "one", jobs=1)
    extract([SEEDS, FIXTURES], tmp_path / "two", jobs=2)
    for name in ("openings.yaml", "points.yaml", "closings.yaml"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_bad_jobs(run: Any, tmp_path: Path) -> None:
    result = run("extract", str(SEEDS), "-o", str(tmp_path / "b"), "--jobs", "0")
    assert (result.exit_code, result.stderr) == (1, "Error: --jobs must be 1 or more, not 0\n")
