"""Ctrl-C (and SIGTERM) during a multi-process extract (issue 14, class 5):
every process stops within a second or two, one line on stderr, exit 130,
and the bank is as it was; an interrupt during the commit waits for it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from speechkit import fileio
from speechkit.bank.journal import CommittedInterrupt, write_group
from speechkit.bank.model import FILE_NAMES

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import synth

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Large enough that two processes are still mining when the signal comes
    # (at 1.2 s), on a fast machine too: mining runs at several MB/s a process.
    folder = tmp_path_factory.mktemp("interrupts") / "corpus"
    synth.build(folder, 20.0, seed=3)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in FILE_NAMES.values()}


def session_processes(sid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                found.append(int(entry))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts processes in /proc")
@pytest.mark.parametrize(
    ("signum", "delay"), [(signal.SIGINT, 0.6), (signal.SIGINT, 1.2), (signal.SIGTERM, 1.0)]
)
def test_an_interrupted_parallel_extract_stops_at_once_and_changes_nothing(
    corpus: Path, seed_bank: Path, tmp_path: Path, signum: int, delay: float
) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(seed_bank, bank)
    before = snapshot(bank)
    proc = subprocess.Popen(
        [sys.executable, "-m", "speechkit", "extract", str(corpus), "-o", str(bank), "-q", "--jobs", "2"],
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as in a terminal
    )
    time.sleep(delay)
    assert proc.poll() is None, "the extract ended before it could be interrupted"
    sent = time.monotonic()
    os.killpg(proc.pid, signum)  # a terminal's Ctrl-C reaches the whole group
    try:
        _, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    stopped = time.monotonic() - sent
    deadline = time.monotonic() + 2
    while session_processes(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (proc.returncode, err) == (130, "Error: interrupted; the bank is unchanged\n")
    assert stopped < 2.5 and session_processes(proc.pid) == []
    assert snapshot(bank) == before
    assert not list(bank.glob(".speechkit-*"))


def test_an_interrupt_during_the_commit_waits_for_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("openings.yaml", "closings.yaml"):
        (tmp_path / name).write_text("old\n", encoding="utf-8")
    real_atomic_write = fileio.atomic_write

    def ctrl_c_then_write(path: Path, data: bytes | str) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as the journal is written
        real_atomic_write(path, data)

    monkeypatch.setattr(fileio, "atomic_write", ctrl_c_then_write)
    with pytest.raises(CommittedInterrupt):
        write_group(tmp_path, {"openings.yaml": "new\n", "closings.yaml": "new\n"})
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {
        "openings.yaml": "new\n",
        "closings.yaml": "new\n",
    }


def test_extract_says_so_when_the_interrupt_came_after_the_commit(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_atomic_write = fileio.atomic_write

    def ctrl_c_then_write(path: Path, data: bytes | str) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real_atomic_write(path, data)

    monkeypatch.setattr(fileio, "atomic_write", ctrl_c_then_write)
    (tmp_path / "s.txt").write_text("同志们：\n今天开会。\n谢谢大家！\n", encoding="utf-8")
    result = run("extract", str(tmp_path / "s.txt"), "-o", str(tmp_path / "bank"), "--jobs", "1")
    assert (result.exit_code, result.stderr) == (130, "Error: interrupted; the bank was written in full\n")
    assert "谢谢大家！" in (tmp_path / "bank" / "closings.yaml").read_text(encoding="utf-8")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts processes in /proc")
def test_workers_never_outlive_a_killed_parent(corpus: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "speechkit",
            "extract",
            str(corpus),
            "-o",
            str(tmp_path / "bank"),
            "-q",
            "-j",
            "2",
        ],
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 10
    while len(session_processes(proc.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)  # the parent lists the files, then starts its two workers
    assert len(session_processes(proc.pid)) >= 2, "the workers had not started"
    proc.kill()  # SIGKILL: the parent cannot stop its workers
    proc.wait()
    deadline = time.monotonic() + 3
    while session_processes(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = session_processes(proc.pid)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []
