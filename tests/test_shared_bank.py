"""A bank folder others can write to (issue 14, class 1): its journal is data,
not orders. A journal may only rename speechkit's own temporary files to the
five bank files; anything else is refused and left alone, and reading a bank
never writes to it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from speechkit.bank.journal import JOURNAL

from .conftest import DEFAULT_BANK, SEEDS, run_process

LEFT_ALONE = (
    "speechkit left it and the bank alone "
    "(if no speechkit is writing this bank, remove the journal to keep the bank as it is)"
)


@pytest.fixture
def bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bank"
    shutil.copytree(DEFAULT_BANK, folder, ignore=shutil.ignore_patterns("templates"))
    monkeypatch.chdir(tmp_path)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != ".speechkit.lock"}


TEMP = ".speechkit-openings.yaml.abc123.tmp"


def never(src: str, dst: str) -> str:
    return f"it asks to rename {src!r} to {dst!r}, which speechkit never does"


def refused(why: str) -> str:
    return f"Error: bank/{JOURNAL}: refused: {why}; {LEFT_ALONE}\n"


@pytest.mark.parametrize(
    ("journal", "why"),
    [
        ({"renames": [[TEMP, "/tmp/victim"]]}, never(TEMP, "/tmp/victim")),
        ({"renames": [[TEMP, "../victim"]]}, never(TEMP, "../victim")),
        ({"renames": [["/etc/hostname", "openings.yaml"]]}, never("/etc/hostname", "openings.yaml")),
        ({"renames": [[TEMP, "closings.yaml"]]}, never(TEMP, "closings.yaml")),
        ({"renames": [[TEMP, "openings.yaml"], [TEMP, "openings.yaml"]]}, "it names 'openings.yaml' twice"),
        ({"renames": [[TEMP, 3]]}, f"a rename is not a pair of file names: [{TEMP!r}, 3]"),
        ({"renames": "all"}, "it is not a speechkit journal (no list of renames)"),
        ([1, 2], "it is not a speechkit journal (no list of renames)"),
        ("{not json", "it is not a speechkit journal (not JSON)"),
        ('{"renames": ' + "[" * 30000 + "]" * 30000 + "}", "it is not a speechkit journal (not JSON)"),
        (b"\xff\xfe".decode("latin-1"), "it is not a speechkit journal (not JSON)"),
    ],
)  # fmt: skip
def test_a_planted_journal_is_refused_and_left_alone(
    run: Any, bank: Path, tmp_path: Path, journal: object, why: str
) -> None:
    victim = tmp_path / "victim"
    victim.write_text("mine", encoding="utf-8")
    (bank / TEMP).write_text("kind: opening\nphrases: []\n", encoding="utf-8")
    text = journal if isinstance(journal, str) else json.dumps(journal)
    (bank / JOURNAL).write_text(text, encoding="utf-8")
    before = snapshot(bank)
    for command in (["phrases", "--bank", "bank"], ["extract", str(SEEDS), "-o", "bank", "-q"]):
        result = run(*command)
        assert (result.exit_code, result.stderr) == (
            1,
            refused(why),
        )
        assert snapshot(bank) == before
        assert victim.read_text(encoding="utf-8") == "mine"


def test_a_journal_naming_a_symlink_is_refused(run: Any, bank: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("kind: opening\nphrases: []\n", encoding="utf-8")
    (bank / TEMP).symlink_to(secret)
    (bank / JOURNAL).write_text(json.dumps({"renames": [[TEMP, "openings.yaml"]]}), encoding="utf-8")
    result = run("extract", str(SEEDS), "-o", "bank", "-q")
    assert result.stderr == refused(f"{TEMP} is not a regular file")
    assert (bank / TEMP).is_symlink() and not (bank / "openings.yaml").is_symlink()


@pytest.mark.parametrize("kind", ["symlink", "folder", "huge"])
def test_a_journal_that_is_not_a_small_file_is_refused(
    run: Any, bank: Path, tmp_path: Path, kind: str
) -> None:
    journal = bank / JOURNAL
    if kind == "symlink":
        journal.symlink_to(tmp_path / "elsewhere.json")
        why = "it is not a regular file"
    elif kind == "folder":
        journal.mkdir()
        why = "it is not a regular file"
    else:
        journal.write_text(" " * 100_000, encoding="utf-8")
        why = "it is 100,000 bytes, more than a journal ever is"
    result = run("phrases", "--bank", "bank")
    assert (result.exit_code, result.stderr) == (1, refused(why))


def test_a_planted_lock_symlink_creates_nothing(run: Any, bank: Path, tmp_path: Path) -> None:
    (bank / ".speechkit.lock").symlink_to(tmp_path / "created-by-the-attacker")
    result = run("extract", str(SEEDS), "-o", "bank", "-q")
    assert result.exit_code == 1
    assert result.stderr == "Error: bank: cannot lock the bank folder (Too many levels of symbolic links)\n"
    assert not (tmp_path / "created-by-the-attacker").exists()


def test_a_bank_file_that_is_a_folder_is_an_error(run: Any, bank: Path) -> None:
    (bank / "openings.yaml").unlink()
    (bank / "openings.yaml").mkdir()
    for command in (["phrases", "--bank", "bank"], ["extract", str(SEEDS), "-o", "bank", "-q"]):
        result = run(*command)
        assert (result.exit_code, result.stderr) == (
            1,
            "Error: bank/openings.yaml: is not a regular file; a bank file is a YAML file\n",
        )


def test_a_reader_without_write_access_reads_a_pending_write(
    as_other_user: Any, shared_dir: Path, seed_bank: Path
) -> None:
    """A write interrupted after its commit point, in a bank the reader may not
    write to: the reader sees the new bank, told so, and nothing is written."""
    bank = shared_dir / "bank"
    shutil.copytree(seed_bank, bank)
    closings = (bank / "closings.yaml").read_text(encoding="utf-8")
    temp = bank / ".speechkit-closings.yaml.x1y2z3.tmp"
    temp.write_text(closings.replace("phrases:\n", "phrases:\n  - {id: closing-new, text: 散会！}\n", 1))
    (bank / JOURNAL).write_text(json.dumps({"renames": [[temp.name, "closings.yaml"]]}), encoding="utf-8")
    for path in (bank, *bank.iterdir()):
        path.chmod(0o755 if path.is_dir() else 0o644)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in bank.iterdir()}
    result = as_other_user("phrases", "--bank", "bank", "--search", "散会", cwd=shared_dir)
    assert result.returncode == 0, result.stderr
    assert "closing-new" in result.stdout
    assert result.stderr == (
        "Warning: bank: a write to this bank was interrupted; showing the bank it was writing "
        "(the next 'speechkit extract' into this bank finishes it)\n"
    )
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in bank.iterdir()} == before


def test_a_bank_file_that_is_a_fifo_is_an_error_not_a_hang(bank: Path, tmp_path: Path) -> None:
    (bank / "openings.yaml").unlink()
    os.mkfifo(bank / "openings.yaml")
    result = run_process("phrases", "--bank", "bank", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        1,
        "Error: bank/openings.yaml: is not a regular file; a bank file is a YAML file\n",
    )
