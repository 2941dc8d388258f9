"""The writers' lock on a bank folder: it leaves no file behind, and removing
it never lets two writers in at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from speechkit.bank.journal import LOCK_NAME, bank_lock

from .conftest import SEEDS


def test_extract_leaves_no_lock_file_in_the_bank(run: Any, tmp_path: Path) -> None:
    result = run("extract", str(SEEDS), "-o", str(tmp_path / "bank"), "-q")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "bank").iterdir()) == [
        "closings.yaml",
        "openings.yaml",
        "points.yaml",
        "salutations.yaml",
        "transitions.yaml",
    ]


def test_a_writer_waiting_on_a_removed_lock_file_waits_for_the_new_one(tmp_path: Path) -> None:
    guard = threading.Lock()
    active = 0
    most = 0

    def hold(seconds: float) -> None:
        nonlocal active, most
        with guard:
            active += 1
            most = max(most, active)
        time.sleep(seconds)
        with guard:
            active -= 1

    def writer() -> None:
        with bank_lock(tmp_path, timeout=10):
            hold(0.3)

    first = bank_lock(tmp_path, timeout=10)
    first.__enter__()
    waiting = threading.Thread(target=writer)
    waiting.start()
    time.sleep(0.3)  # the waiting writer has opened the lock file and polls it
    first.__exit__(None, None, None)  # removes the file it waits on
    with bank_lock(tmp_path, timeout=10):  # a third writer makes a new lock file at once
        hold(0.3)
    waiting.join()
    assert most == 1
    assert not (tmp_path / LOCK_NAME).exists()
