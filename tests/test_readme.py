"""The README's examples are run: each command, and the output lines it shows.

A ```console block holds ``$ command`` lines, each followed by the lines of
output the README shows (in order, trailing spaces ignored); a line ``…``
stands for output left out. ``$ cat FILE`` shows a file's text.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, SEEDS

README = ROOT / "README.md"


def examples() -> list[tuple[str, list[str]]]:
    """(command, shown output lines) in README order."""
    out: list[tuple[str, list[str]]] = []
    in_block = False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```console"):
            in_block = True
            continue
        if in_block and line.startswith("```"):
            in_block = False
            continue
        if in_block:
            if line.startswith("$ "):
                out.append((line[2:], []))
            else:
                out[-1][1].append(line)
    return out


def shown_in(shown: list[str], actual: list[str]) -> list[str]:
    """The shown lines that are not found, in order, among the actual lines."""
    missing = []
    position = 0
    actual = [a.rstrip() for a in actual]
    for line in shown:
        if line.strip() == "…":
            continue
        try:
            position = actual.index(line.rstrip(), position) + 1
        except ValueError:
            missing.append(line)
    return missing


def test_the_readme_has_examples() -> None:
    commands = [c for c, _ in examples()]
    assert len(commands) >= 8
    assert {shlex.split(c)[1] for c in commands if c.startswith("speechkit")} >= {
        "extract",
        "outline",
        "phrases",
        "generate",
        "export",
        "explain",
        "swap",
    }
    assert any("--from" in c and "--pin" in c for c in commands)


def test_readme_examples_run_as_shown(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    for command, shown in examples():
        words = shlex.split(command)
        if words[0] == "cat":
            actual = Path(words[1]).read_text(encoding="utf-8").splitlines()
        else:
            assert words[0] == "speechkit", command
            result = run(*words[1:])
            assert result.exit_code == 0, (command, result.stderr)
            actual = result.stdout.splitlines()
        missing = shown_in(shown, actual)
        assert not missing, f"{command!r}: README shows lines the command does not print: {missing}"


def test_quickstart_is_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    block = text.split("## Quickstart", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [line for line in block.strip().splitlines() if line.strip()]
    assert len(lines) == 2
    assert "pip install" in lines[0] and "speechkit generate" in lines[0]
    assert "pytest" in lines[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "'.[test]'" in lines[0] and "'.[test]'" in ci


def python_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split("```python\n")[1:]]


def test_readme_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = python_blocks()
    assert blocks, "the README's Library section has a Python example"
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme_example"})
    assert Path("mybank/openings.yaml").is_file()
    assert Path("draft.txt").read_text(encoding="utf-8").startswith("在")
