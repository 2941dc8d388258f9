from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from speechkit.cli import app_for

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "union_speeches.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEFAULT_BANK = ROOT / "phrasebanks"


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SPEECHKIT_BANK", raising=False)


@pytest.fixture(scope="session", autouse=True)
def _jieba_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    os.environ["SPEECHKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


Run = Callable[..., "object"]


@pytest.fixture
def run() -> Callable[..., object]:
    """Run the CLI in-process as ``speechkit`` does (the app with the command
    asked for); returns typer's Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> object:
        return runner.invoke(app_for(args), list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def seed_bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bank extracted from the seeds once per session."""
    from speechkit.mining.extract import extract

    out = tmp_path_factory.mktemp("bank")
    extract([SEEDS], out)
    return out


NOBODY = 65534  # a uid that owns nothing here; setpriv needs no account for it


@pytest.fixture
def as_other_user() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m speechkit ARGS`` as a user who owns none of the files:
    as root, switched to uid 65534 with setpriv (root reads and writes
    anything, so permissions are only tested as another user); as a non-root
    user, as that user. Skips, saying why, where neither works."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("needs setpriv to run as a non-root user")
        prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        # The CLI's imports, not just the package: a virtual environment in a private
        # folder gives the other user Python and the source but not typer.
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", "import speechkit.cli"],
            capture_output=True,
            cwd="/",
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        if probe.returncode != 0:
            pytest.skip(f"uid {NOBODY} cannot run this Python and speechkit: {probe.stderr[-200:]!r}")

    def run_as(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        base = {k: v for k, v in os.environ.items() if k != "SPEECHKIT_CACHE_DIR"}
        base |= {"PYTHONPATH": str(ROOT), "HOME": str(cwd), "SPEECHKIT_CACHE_DIR": str(cwd / ".cache")}
        return subprocess.run(
            [*prefix, sys.executable, "-m", "speechkit", *args],
            cwd=cwd,
            env=base | (env or {}),
            capture_output=True,
            text=True,
            timeout=60,
        )

    return run_as


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder every user may enter (pytest's own tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="speechkit-shared-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def run_process(*args: str, cwd: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """``python -m speechkit ARGS`` in a subprocess (real files, signals, no hang in the test run)."""
    return subprocess.run(
        [sys.executable, "-m", "speechkit", *args],
        cwd=cwd,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def draft_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small bank (tests/rework_bank.py) as ./phrasebanks and a hand-written draft
    d.yaml in the current folder: for explain, swap and --pin."""
    from .rework_bank import make_bank, make_draft

    make_bank(tmp_path / "phrasebanks")
    make_draft(tmp_path / "d.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path
