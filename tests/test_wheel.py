"""The installed package works anywhere: banks and templates ship in the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    (built,) = out.glob("speechkit-*.whl")
    return built


def test_wheel_holds_the_default_banks_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for kind in ("salutations", "openings", "transitions", "points", "closings"):
        assert f"speechkit/phrasebanks/{kind}.yaml" in names
    for template in ("work-meeting", "congress", "commendation", "symposium", "festival"):
        assert f"speechkit/phrasebanks/templates/{template}.yaml" in names
    packed = zipfile.ZipFile(wheel).read("speechkit/phrasebanks/points.yaml")
    assert packed == (ROOT / "phrasebanks" / "points.yaml").read_bytes()


def test_installed_speechkit_drafts_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("SPEECHKIT_BANK", "PYTHONPATH")}
    result = subprocess.run(
        [str(bin_dir / "speechkit"), "generate", "--no-input", "--seed", "1"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("工作会议上的讲话") and lines[2] == "同志们："
    assert any(line.startswith("一、") for line in lines)
    version = subprocess.run([str(bin_dir / "speechkit"), "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("speechkit ")
