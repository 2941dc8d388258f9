"""Output paths (issue 14, class 2): only regular files are ever replaced;
links are followed to their file, terminals, FIFOs and other character
devices are written through, anything else is refused; ``--save-draft`` is
written only once the draft itself was."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from .conftest import DEFAULT_BANK

GENERATE = ("generate", "--seed", "1", "--no-input", "--bank", str(DEFAULT_BANK))


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def device(path: Path, major: int, minor: int) -> Path:
    """A private copy of a character device (/dev/null is 1,3; /dev/full 1,7)."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
    return path


def test_a_link_to_a_file_is_followed_and_kept(run: Any, tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("old", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    result = run(*GENERATE, "-o", "link.txt", "--force")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == run(*GENERATE).stdout


def test_a_link_to_nowhere_is_refused(run: Any, tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "planted")
    result = run(*GENERATE, "-o", "link.txt", "--force")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: link.txt: is a symbolic link to {tmp_path / 'planted'}, which does not exist; "
        "give the path of a file\n",
    )
    assert (tmp_path / "link.txt").is_symlink() and not (tmp_path / "planted").exists()


def test_a_device_is_written_through_not_replaced(run: Any, tmp_path: Path) -> None:
    null = device(tmp_path / "null", 1, 3)
    result = run(*GENERATE, "-o", "null", "--force")
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(null.lstat().st_mode)


def test_a_fifo_with_a_reader_gets_the_draft_and_stays_a_fifo(run: Any, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as fh:
            received.append(fh.read())

    reader = threading.Thread(target=read)
    reader.start()
    try:
        # wait until the reader has the FIFO open, or the write would find nobody there
        for _ in range(200):
            threading.Event().wait(0.01)
            if any(Path(f"/proc/self/fd/{fd}").resolve() == fifo for fd in os.listdir("/proc/self/fd")):
                break
        result = run(*GENERATE, "-o", "pipe", "--force")
    finally:
        reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert received and received[0].decode("utf-8") == run(*GENERATE).stdout
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_fifo_nobody_reads_is_an_error_not_a_hang(run: Any, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    result = run(*GENERATE, "-o", "pipe")
    assert (result.exit_code, result.stderr) == (1, "Error: pipe: no program is reading from this FIFO\n")
    assert stat.S_ISFIFO((tmp_path / "pipe").lstat().st_mode)


def test_a_socket_is_refused(run: Any, tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("sock")
        result = run(*GENERATE, "-o", "sock", "--force")
    assert (result.exit_code, result.stderr) == (1, "Error: sock: is a socket; give the name of a file\n")


def test_the_draft_is_not_saved_when_its_output_fails(run: Any, tmp_path: Path) -> None:
    device(tmp_path / "full", 1, 7)  # every write: No space left on device
    result = run(*GENERATE, "-o", "full", "--save-draft", "d.yaml")
    assert (result.exit_code, result.stderr) == (1, "Error: full: cannot write (No space left on device)\n")
    assert not (tmp_path / "d.yaml").exists()


def test_one_file_for_the_draft_and_its_record_is_refused(run: Any, tmp_path: Path) -> None:
    result = run(*GENERATE, "-o", "d.yaml", "--format", "txt", "--save-draft", "./d.yaml")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: d.yaml: given to both -o and --save-draft; give the draft its own file\n",
    )
    assert not (tmp_path / "d.yaml").exists()
