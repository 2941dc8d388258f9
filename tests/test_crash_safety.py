"""An extract killed at any moment leaves the bank old or new, never a mix.

We kill ``speechkit extract`` with SIGKILL while it writes a large bank: when
its first temporary file appears, when its journal (the commit point)
appears, and at several moments of a normal run. Afterwards the bank, as
speechkit reads it, is byte for byte either the bank before or the bank a
complete run writes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from speechkit.bank.journal import JOURNAL, bank_lock, recover
from speechkit.bank.load import load_bank
from speechkit.bank.model import FILE_NAMES
from speechkit.mining.extract import extract

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import synth

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in FILE_NAMES.values()}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("crash")
    old_corpus = root / "a"
    new_corpus = root / "b"
    synth.build(old_corpus, 0.6, seed=1)
    synth.build(new_corpus, 1.2, seed=2)
    old, new = root / "old", root / "new"
    extract([old_corpus], old)
    shutil.copytree(old, new)
    started = time.perf_counter()
    extract([old_corpus, new_corpus], new)
    duration = time.perf_counter() - started
    return {
        "a": old_corpus,
        "b": new_corpus,
        "old": snapshot(old),
        "new": snapshot(new),
        "old_dir": old,
        "duration": duration,
    }


def start_extract(corpora: dict[str, object], bank: Path) -> subprocess.Popen[bytes]:
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "speechkit",
            "extract",
            str(corpora["a"]),
            str(corpora["b"]),
            "-o",
            str(bank),
            "--quiet",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_when(proc: subprocess.Popen[bytes], seen: object, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if seen():  # type: ignore[operator]
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.0005)
    proc.wait()
    return False


def check_old_or_new(bank: Path, corpora: dict[str, object]) -> str:
    seen = load_bank(bank, use_index=False).phrases  # a reader reads a committed write through its journal
    with bank_lock(bank):
        recover(bank)  # the next writer finishes it
    now = snapshot(bank)
    assert not (bank / JOURNAL).exists()
    assert load_bank(bank, use_index=False).phrases == seen
    if now == corpora["old"]:
        return "old"
    assert now == corpora["new"], "the bank is neither the old one nor the new one"
    return "new"


@pytest.mark.parametrize("moment", ["first temp file", "journal written"])
def test_kill_at_a_writing_step(moment: str, corpora: dict[str, object], tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(corpora["old_dir"], bank)  # type: ignore[arg-type]

    def seen() -> bool:
        if moment == "first temp file":
            return any(bank.glob(".speechkit-*.tmp"))
        return (bank / JOURNAL).exists()

    proc = start_extract(corpora, bank)
    killed = kill_when(proc, seen)
    outcome = check_old_or_new(bank, corpora)
    if killed and moment == "first temp file":
        assert outcome == "old"


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.8, 0.9, 0.95, 1.0])
def test_kill_at_a_moment_of_the_run(fraction: float, corpora: dict[str, object], tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(corpora["old_dir"], bank)  # type: ignore[arg-type]
    proc = start_extract(corpora, bank)
    time.sleep(float(corpora["duration"]) * fraction + 0.3)  # type: ignore[arg-type]
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    check_old_or_new(bank, corpora)
    # and the next extract finishes the job and clears any leftovers
    extract([corpora["a"], corpora["b"]], bank)  # type: ignore[list-item]
    assert snapshot(bank) == corpora["new"]
    assert not list(bank.glob(".speechkit-*.tmp"))
