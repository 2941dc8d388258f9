"""Conventions users expect: --version, -h, NO_COLOR, quiet, completion."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest

from speechkit import __version__
from speechkit.cli import console


def test_version(run: Any) -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"speechkit {__version__}\n")


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_short_and_long(run: Any, flag: str) -> None:
    result = run(flag)
    assert result.exit_code == 0
    assert "Usage: speechkit" in result.stdout or "Usage: " in result.stdout
    for command in ("extract", "outline", "phrases", "templates", "generate", "export"):
        assert command in result.stdout
    sub = run("generate", flag)
    assert sub.exit_code == 0 and "--slot" in sub.stdout and "--minutes" in sub.stdout


def test_completion_is_offered(run: Any) -> None:
    assert "--install-completion" in run("--help").stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert console().no_color is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert console().no_color is True
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # piped: plain
    assert console().no_color is True


def test_unknown_command_is_a_usage_error(run: Any) -> None:
    assert run("draft").exit_code == 2


def test_the_command_drafts_without_the_collector_and_mines_with_it(run: Any, tmp_path: Any) -> None:
    import gc
    import subprocess

    # the entry point, in a process of its own (it sets the signal handling of its process)
    probe = (
        "import gc, sys\nfrom speechkit import launch\nsys.argv = ['speechkit', '--version']\n"
        "try:\n    launch.main()\nexcept SystemExit:\n    pass\nprint(gc.isenabled())"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [f"speechkit {__version__}", "False"]  # a short command: off
    (tmp_path / "a.txt").write_text("同志们：\n今天召开会议。\n谢谢大家！\n", encoding="utf-8")
    gc.disable()
    try:
        assert run("extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "bank"), "-q").exit_code == 0
        assert gc.isenabled()  # mining, as long as the corpus takes: on
    finally:
        gc.enable()


COMMANDS = ["outline", "extract", "generate", "explain", "swap", "export", "templates", "phrases"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    "rest", [["-h"], ["--no-such-option"], ["--help", "extra"], ["a", "b", "c", "d"], ["show", "-h"]]
)
def test_a_command_alone_behaves_as_within_the_whole_app(command: str, rest: list[str]) -> None:
    """``speechkit CMD …`` runs CMD from an app that holds it alone (typer then
    works out no other command's options): help, usage errors and exit codes
    are those of the whole app, word for word."""
    from typer.testing import CliRunner

    from speechkit.cli import app, app_for

    args = [command, *rest]
    alone = app_for(args)
    assert alone is not app and [c.name for c in alone.registered_groups] in ([], ["phrases"])
    whole = CliRunner().invoke(app, args)
    part = CliRunner().invoke(alone, args)
    assert (part.exit_code, part.stdout, part.stderr) == (whole.exit_code, whole.stdout, whole.stderr)


@pytest.mark.parametrize("args", [[], ["--version"], ["-h"], ["generat"], ["Generate"]])
def test_the_whole_app_for_anything_but_a_command(args: list[str]) -> None:
    from speechkit.cli import app, app_for

    assert app_for(args) is app


def test_the_whole_app_for_shell_completion(monkeypatch: pytest.MonkeyPatch) -> None:
    from speechkit.cli import app, app_for

    monkeypatch.setenv("_SPEECHKIT_COMPLETE", "complete_bash")
    assert app_for(["generate"]) is app
