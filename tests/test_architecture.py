"""The layers of the package, checked by import-linter, and what drafting imports at run time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def copy_package(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "speechkit", tmp_path / "speechkit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("drafting/assemble.py", "import jieba", "Drafting and the bank never mine"),
        ("bank/model.py", "from speechkit.mining import keywords", "Drafting and the bank never mine"),
        ("reading/cues.py", "from speechkit.bank import slots", "Pipeline layers"),
        ("drafting/render.py", "from speechkit.reading import parser", "Drafting never parses"),
        ("bank/index.py", "from speechkit.bank import load", "No import cycles"),
    ],
)
def test_a_violation_breaks_a_contract(tmp_path: Path, module: str, line: str, broken: str) -> None:
    root = copy_package(tmp_path)
    path = root / "speechkit" / module
    source = path.read_text(encoding="utf-8")
    path.write_text(f"{source}\n{line}  # deliberate violation\n", encoding="utf-8")
    result = lint_imports(root)
    assert result.returncode != 0
    broken_section = result.stdout.split("Broken contracts", 1)[-1]
    assert broken in broken_section, result.stdout


@pytest.mark.parametrize(
    "args", [["generate", "--no-input", "--seed", "1"], ["phrases", "--search", "工会"], ["templates"]]
)
def test_drafting_commands_never_import_mining_or_jieba(args: list[str], tmp_path: Path) -> None:
    imported = modules_imported(args, tmp_path)
    assert "speechkit.cli" in imported  # the check sees our own modules
    unwanted = {"jieba", "rjieba", "speechkit.mining", "speechkit.reading.parser", "docx"}
    assert not unwanted & imported


@pytest.mark.parametrize(
    "args",
    [
        ["explain", "d.yaml"],
        ["swap", "d.yaml", "2"],
        ["generate", "--from", "d.yaml", "--pin", "1", "--seed", "2"],
    ],
)
def test_reviewing_a_draft_never_imports_mining_or_jieba(args: list[str], draft_work: Path) -> None:
    imported = modules_imported(args, draft_work)
    assert "speechkit.drafting.addresses" in imported
    assert not {"jieba", "rjieba", "speechkit.mining", "speechkit.reading.parser", "docx"} & imported


def modules_imported(args: list[str], cwd: Path) -> set[str]:
    """The modules ``speechkit ARGS`` imports, run in ``cwd`` (python -X importtime)."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "speechkit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if "|" in line}
