from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from speechkit.cli import app

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
    """Run the CLI in-process; returns typer's Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> object:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

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
