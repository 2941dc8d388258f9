"""Shell completion offers option values (template names, kinds, tags, slot
names, formats), from a real shell's protocol, without importing jieba."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from speechkit.bank.vocabulary import OCCASIONS

from .conftest import ROOT


def complete(words: str, tmp_path: Path) -> tuple[list[str], str]:
    """What bash completion offers after ``words``, and the -X importtime log."""
    env = {
        **os.environ,
        "_SPEECHKIT_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) if words.endswith(" ") else len(words.split()) - 1),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "from speechkit.cli import main; main()"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split(), done.stderr


TEMPLATES = ["commendation", "congress", "festival", "symposium", "work-meeting"]


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("speechkit generate -t ", TEMPLATES),
        ("speechkit generate --template co", ["commendation", "congress"]),
        ("speechkit templates ", TEMPLATES),
        ("speechkit phrases --kind ", ["salutation", "opening", "transition", "point", "closing"]),
        ("speechkit phrases --tag ", list(OCCASIONS)),
        ("speechkit phrases --tag fe", ["festival"]),
        (
            "speechkit generate --slot ",
            [
                *("org=", "place=", "year=", "event=", "speaker=", "audience=", "date=", "name="),
                *("achievements=", "honourees="),
            ],
        ),
        ("speechkit export d.yaml --format ", ["txt", "md", "docx"]),
    ],
)
def test_option_values_are_completed(words: str, offered: list[str], tmp_path: Path) -> None:
    values, imports = complete(words, tmp_path)
    assert values == offered
    imported = {line.rsplit("|", 1)[-1].strip() for line in imports.splitlines()}
    assert not {"jieba", "rjieba", "docx", "sqlite3"} & imported


def test_a_banks_own_templates_are_completed(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    (bank / "templates").mkdir(parents=True)
    (bank / "templates" / "youth.yaml").write_text("name: youth\n", encoding="utf-8")
    values, _ = complete(f"speechkit generate --bank {bank} -t ", tmp_path)
    assert values == ["youth", *TEMPLATES]  # in lookup order: the bank's own first
