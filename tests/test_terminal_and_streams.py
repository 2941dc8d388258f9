"""What reaches the terminal, and odd standard streams (issue 14, classes 4, 8
and 9): control characters are shown escaped, never obeyed; a full, closed or
narrow-encoding stdout and odd $COLUMNS are one clear error or harmless;
bytes that are not UTF-8 in names and words are handled or refused clearly."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from speechkit.bank.model import Phrase, Source
from speechkit.display import phrases_table

from .conftest import DEFAULT_BANK, ROOT

SPEECH = "同志们：\n今天我们召开工作会议。\n一、抓好落实\n要抓好落实。\n谢谢大家！\n"


def speechkit(
    *args: str, stdout: Any = subprocess.PIPE, env: dict[str, str] | None = None, shell: str = ""
) -> Any:
    """Run speechkit in a subprocess (real streams), optionally through ``sh -c``."""
    command = [sys.executable, "-m", "speechkit", *args]
    if shell:
        command = ["sh", "-c", 'exec "$@" ' + shell, "sh", *command]
    return subprocess.run(
        command,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=os.environ | {"PYTHONPATH": str(ROOT)} | (env or {}),
        text=True,
        timeout=60,
    )


# ---------------------------------------------------------------- control characters


def test_a_phrase_is_listed_with_its_control_characters_escaped() -> None:
    phrase = Phrase(
        id="opening-a", kind="opening", text="今天\x1b[2J开会\x9b31m。", sources=[Source("a\x07.txt", 1, 2)]
    )
    table = phrases_table([phrase], 1, 100)
    assert "今天\\x1b[2J开会\\x9b31m。" in table and "a\\x07.txt:2" in table
    assert not any(ch in table for ch in "\x1b\x9b\x07")


def test_a_file_name_with_an_escape_sequence_is_shown_escaped(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a\x1b]0;pwned\x07.txt").write_text(SPEECH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for command in (
        ["outline", "corpus"],
        ["outline", "corpus", "--json"],
        ["extract", "corpus", "-o", "bank"],
    ):
        result = run(*command)
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "corpus/a\\x1b]0;pwned\\x07.txt" in run("outline", "corpus").stdout
    listing = run("phrases", "--bank", "bank", "--limit", "0")
    assert listing.exit_code == 0, listing.stderr
    assert "a\\x1b]0;pwned\\x07.txt:" in listing.stdout and "\x1b" not in listing.stdout


def test_an_error_naming_a_file_shows_its_control_characters_escaped(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("outline", "\x1b[31mnope.txt")
    assert (result.exit_code, result.stderr) == (1, "Error: \\x1b[31mnope.txt: no such file or folder\n")


def test_json_escapes_c1_controls(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a\u009bb.txt").write_text(SPEECH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("outline", "a\u009bb.txt", "--json")
    assert "\u009b" not in result.stdout
    assert json.loads(result.stdout)["files"][0]["path"] == "a\\x9bb.txt"


# ---------------------------------------------------------------- bytes that are not UTF-8


def test_a_corpus_file_name_that_is_not_utf8_is_mined_and_named_with_escapes(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with open(os.path.join(os.fsencode(corpus), b"\xd6\xd0\xce\xc4.txt"), "wb") as fh:
        fh.write(SPEECH.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    result = run("extract", "corpus", "-o", "bank", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["files"] == 1
    closings = (tmp_path / "bank" / "closings.yaml").read_text(encoding="utf-8")
    assert "{file: corpus/\\xd6\\xd0\\xce\\xc4.txt, speech: 1, line: 5}" in closings
    again = run("extract", "corpus", "-o", "bank", "--json")
    assert all(kind["stale"] == 0 for kind in json.loads(again.stdout)["kinds"].values())


# ---------------------------------------------------------------- standard streams


GENERATE = ("generate", "--seed", "1", "--no-input", "--bank", str(DEFAULT_BANK))


@pytest.mark.parametrize("args", [GENERATE, ("phrases", "--bank", str(DEFAULT_BANK)), ("--help",)])
def test_a_full_stdout_is_one_error(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        result = speechkit(*args, stdout=full)
    assert (result.returncode, result.stderr.splitlines()[-1:]) == (
        1,
        ["Error: standard output: cannot write (No space left on device)"],
    )
    assert "Traceback" not in result.stderr


def test_a_closed_stdout_is_one_error() -> None:
    result = speechkit(*GENERATE, stdout=None, shell=">&-")
    assert (result.returncode, result.stderr.splitlines()[-1:]) == (
        1,
        ["Error: standard output: cannot write (standard output is closed)"],
    )
    assert "Traceback" not in result.stderr


def test_an_ascii_stdout_is_one_error() -> None:
    result = speechkit(*GENERATE, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: standard output: its encoding (ascii) cannot show this text; "
        "use a UTF-8 locale or set PYTHONIOENCODING=utf-8"
    )


def test_a_reader_that_goes_away_is_no_traceback() -> None:
    result = speechkit(
        "phrases", "--bank", str(DEFAULT_BANK), "--limit", "0", stdout=None, shell="| head -c 1"
    )
    assert "Traceback" not in result.stderr and "Error" not in result.stderr


def test_the_draft_is_not_saved_when_stdout_fails(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = speechkit(*GENERATE, "--save-draft", str(tmp_path / "d.yaml"), stdout=full)
    assert result.returncode == 1
    assert not (tmp_path / "d.yaml").exists()


@pytest.mark.parametrize("columns", ["0", "", "abc", "-5", "99999999999"])
def test_odd_columns_change_nothing(run: Any, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    expected = run(*GENERATE).stdout
    monkeypatch.setenv("COLUMNS", columns)
    result = run(*GENERATE)
    assert (result.exit_code, result.stdout) == (0, expected)
    listing = run("phrases", "--bank", str(DEFAULT_BANK))
    assert listing.exit_code == 0 and len(max(listing.stdout.splitlines(), key=len)) < 1100


def test_odd_columns_after_an_extract(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "s.txt").write_text(SPEECH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "abc")
    result = run("extract", "s.txt", "-o", "bank")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Wrote bank/ from 1 speech in 1 file.")


@pytest.mark.parametrize("template", ["work-meeting", "congress", "commendation", "festival", "symposium"])
def test_a_draft_on_a_terminal_is_styled_and_reads_as_the_plain_one(template: str) -> None:
    """Title and headings bold, unfilled slots reversed, specifics to check bold yellow
    (bold alone under NO_COLOR); without the styles, the characters of the plain draft."""
    from speechkit.bank.load import load_bank
    from speechkit.drafting.assemble import assemble, missing_required
    from speechkit.drafting.render import draft_plain, draft_styled
    from speechkit.drafting.templates import load_template

    chosen = load_template(template)
    slots = {
        "event": "郴州市总工会第十三次代表大会"
    }  # the org, where it may, left for the writer: 【单位名称】
    slots |= {name: "郴州市总工会" for name in missing_required(chosen, slots)}
    draft = assemble(load_bank(DEFAULT_BANK), chosen, slots=slots, seed=3)
    styled, plain = draft_styled(draft), draft_plain(draft)
    assert re.sub(r"\x1b\[[0-9;]*m", "", styled) == plain
    assert styled.startswith("\x1b[1m") and styled.split("\n", 1)[0].endswith("\x1b[0m")
    for block in draft.blocks:
        if block.kind == "heading":
            assert "\x1b[1m" + block.text.split("【")[0] in styled
    if "【核：" in plain:
        assert "\x1b[1m\x1b[33m【核：" in styled
    if "【单位名称】" in plain:
        assert "\x1b[7m【单位名称】\x1b[0m" in styled
    assert "\x1b[33m" not in draft_styled(draft, colour=False)


def test_the_terminal_draft_is_styled_and_a_piped_one_plain() -> None:
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "speechkit", "generate", "--seed", "1", "--no-input"],
        stdout=slave,
        stderr=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"PYTHONPATH": str(ROOT)},
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    proc.wait(timeout=60)
    os.close(master)
    assert proc.returncode == 0
    assert b"\x1b[1m" in shown and "在2026年".encode() in shown
    piped = speechkit("generate", "--seed", "1", "--no-input")
    assert piped.returncode == 0 and "\x1b" not in piped.stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", shown.decode().replace("\r\n", "\n")) == piped.stdout
