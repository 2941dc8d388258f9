"""The example drafts in docs/examples/drafts are what their commands print
today: each file holds the command, the draft and what was said on stderr
(docs/examples/drafts/make.sh makes them again after a change to drafting)."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "docs" / "examples" / "drafts").glob("*.txt"))


def test_there_is_an_example_per_shipped_template() -> None:
    names = {path.stem for path in EXAMPLES}
    shipped = {path.stem for path in (ROOT / "phrasebanks" / "templates").glob("*.yaml")}
    assert names == shipped


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_example_is_what_its_command_prints(
    path: Path, run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the shipped bank, as a user's fresh folder has it
    command, rest = path.read_text(encoding="utf-8").split("\n\n", 1)
    draft, stderr = rest.split("\n--- stderr\n", 1)
    args = shlex.split(command.removeprefix("$ "))
    assert args[:2] == ["speechkit", "generate"]
    result = run(*args[1:])
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == (draft, stderr)
