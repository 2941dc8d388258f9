"""Atomic writes, the bank journal, and the bank lock."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from speechkit import fileio
from speechkit.bank.journal import JOURNAL, bank_lock, recover, write_group
from speechkit.bank.load import load_bank
from speechkit.errors import BankError, Interrupted
from speechkit.fileio import atomic_write
from speechkit.mining.extract import extract

from .conftest import ROOT, SEEDS

OLD = {"openings.yaml": "old a\n", "points.yaml": "old b\n", "closings.yaml": "old c\n"}
NEW = {"openings.yaml": "new a\n", "points.yaml": "new b\n", "closings.yaml": "new c\n"}


def contents(folder: Path) -> dict[str, str]:
    return {name: (folder / name).read_text(encoding="utf-8") for name in OLD}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in OLD.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_atomic_write_keeps_the_mode_and_leaves_no_temp(folder: Path) -> None:
    os.chmod(folder / "openings.yaml", 0o640)
    atomic_write(folder / "openings.yaml", "x")
    assert (folder / "openings.yaml").read_text(encoding="utf-8") == "x"
    assert (folder / "openings.yaml").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in folder.iterdir()) == sorted(OLD)


def test_write_group(folder: Path) -> None:
    write_group(folder, dict(NEW))
    assert contents(folder) == NEW
    assert not (folder / JOURNAL).exists() and not list(folder.glob(".speechkit-*"))


def test_crash_before_the_commit_leaves_the_old_files(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(path: Path, data: object) -> None:
        raise KeyboardInterrupt  # the process dies while writing the journal

    monkeypatch.setattr(fileio, "atomic_write", crash)
    with pytest.raises(KeyboardInterrupt):
        write_group(folder, dict(NEW))
    assert contents(folder) == OLD
    recover(folder)
    assert contents(folder) == OLD and not list(folder.glob(".speechkit-*"))


def test_crash_after_the_commit_is_finished_by_recover(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace
    calls = {"n": 0}

    def crash_on_second(src: str | Path, dst: str | Path) -> None:
        if str(dst).endswith(".yaml") and Path(str(src)).name.startswith(".speechkit-"):
            calls["n"] += 1
            if calls["n"] == 2:
                raise KeyboardInterrupt  # killed between two renames
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        write_group(folder, dict(NEW))
    monkeypatch.setattr(os, "replace", real_replace)
    assert (folder / JOURNAL).exists()
    assert contents(folder) != OLD and contents(folder) != NEW  # a mix on disk…
    recover(folder)
    assert contents(folder) == NEW  # …which recovery completes
    assert not (folder / JOURNAL).exists()


def test_reading_a_bank_reads_an_interrupted_extract_through_its_journal_and_writes_nothing(
    tmp_path: Path, seed_bank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    bank = tmp_path / "bank"
    shutil.copytree(seed_bank, bank)
    real_replace = os.replace

    def die_after_first(src: str | Path, dst: str | Path) -> None:
        real_replace(src, dst)
        if str(dst).endswith("salutations.yaml"):
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", die_after_first)
    (tmp_path / "more.txt").write_text(
        "同志们：\n今天开会。\n一、抓落实\n要落实。\n谢谢大家，再见！\n", encoding="utf-8"
    )
    with pytest.raises(Interrupted, match="interrupted; the bank was written in full"):
        extract([SEEDS, tmp_path / "more.txt"], bank)
    monkeypatch.setattr(os, "replace", real_replace)
    on_disk = {p.name: p.read_bytes() for p in bank.iterdir()}
    warnings: list[str] = []
    loaded = load_bank(bank, warn=warnings.append)
    # the reader sees the whole new bank (the journal's files are complete)…
    assert "谢谢大家，再见！" in [p.text for p in loaded.of_kind("closing")]
    assert warnings == [
        f"{bank}: a write to this bank was interrupted; showing the bank it was writing "
        "(the next 'speechkit extract' into this bank finishes it)"
    ]
    # …and changes nothing: the journal and the old closings stay for the next writer
    assert {p.name: p.read_bytes() for p in bank.iterdir()} == on_disk
    assert (bank / JOURNAL).exists()
    extract([tmp_path / "more.txt"], bank, dry_run=True)
    assert {p.name: p.read_bytes() for p in bank.iterdir()} == on_disk
    extract([SEEDS, tmp_path / "more.txt"], bank)
    assert not (bank / JOURNAL).exists()
    assert not list(bank.glob(".speechkit-*.tmp"))
    assert load_bank(bank, use_index=False).phrases == loaded.phrases


def test_second_writer_waits_then_gives_up_with_a_clear_message(tmp_path: Path) -> None:
    with bank_lock(tmp_path), pytest.raises(BankError) as info, bank_lock(tmp_path, timeout=0.2):
        pass
    assert str(info.value) == (
        f"{tmp_path}: another speechkit is writing this bank; waited 0.2 s, try again when it has finished"
    )


def test_second_writer_proceeds_once_the_first_is_done(tmp_path: Path) -> None:
    order: list[str] = []

    def first() -> None:
        with bank_lock(tmp_path):
            order.append("first in")
            time.sleep(0.3)
            order.append("first out")

    thread = threading.Thread(target=first)
    thread.start()
    time.sleep(0.05)
    with bank_lock(tmp_path, timeout=5):
        order.append("second in")
    thread.join()
    assert order == ["first in", "first out", "second in"]


def test_two_extracts_at_once_into_one_bank(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "speechkit", "extract", str(SEEDS), "-o", str(bank), "--quiet"]
    procs = [subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    assert results == [(0, ""), (0, "")]
    reference = tmp_path / "reference"
    extract([SEEDS], reference)
    for name in ("salutations.yaml", "points.yaml", "closings.yaml"):
        assert (bank / name).read_bytes().replace(str(SEEDS).encode(), b"") == (
            (reference / name).read_bytes().replace(str(SEEDS).encode(), b"")
        )
