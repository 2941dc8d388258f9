"""`speechkit generate` end to end, in-process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import DEFAULT_BANK, ROOT


def test_generate_with_no_options_gives_a_draft(run: Any) -> None:
    result = run("generate")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"在\d{4}年【单位名称】工作会议上的讲话", lines[0])
    assert lines[1] == "" and lines[2] == "同志们："
    assert any(line.startswith("一、") for line in lines)
    assert re.match(r"seed \d+ \(use --seed \d+ to get this draft again\)", result.stderr)
    assert re.search(
        r"\d+ characters · about \d+\.\d minutes at 220/min · (?:\d+ items? to check · )?"
        r"template work-meeting · seed \d+",
        result.stderr,
    )


def test_the_printed_seed_reproduces_the_draft(run: Any) -> None:
    first = run("generate")
    seed = re.match(r"seed (\d+)", first.stderr).group(1)  # type: ignore[union-attr]
    again = run("generate", "--seed", seed)
    assert again.stdout == first.stdout


def test_same_seed_same_bytes(run: Any, tmp_path: Path) -> None:
    args = ("generate", "--seed", "9", "--slot", "org=郴州市总工会", "--topic", "职工", "--no-input")
    a = run(*args, "-o", str(tmp_path / "a.txt"))
    b = run(*args, "-o", str(tmp_path / "b.txt"))
    assert a.exit_code == b.exit_code == 0
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()
    assert a.stderr.splitlines()[-1].startswith(f"Wrote {tmp_path / 'a.txt'} (txt, ")


def test_slots_and_json(run: Any) -> None:
    result = run(
        "generate",
        "-t",
        "congress",
        "--slot",
        "event=郴州市总工会第十三次代表大会",
        "--slot",
        "speaker=市委、市政府",
        "--seed",
        "4",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "在郴州市总工会第十三次代表大会开幕式上的致辞"
    assert data["template"] == "congress" and data["seed"] == 4
    assert data["text"].splitlines()[2] == "各位代表、同志们："
    assert data["chars"] > 0 and "sections" in data


def on_a_terminal(*args: str, typed: bytes) -> subprocess.CompletedProcess[str]:
    """Run speechkit with a terminal (a pty) as its standard input, typing ``typed``."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "speechkit", *args],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        text=True,
    )
    os.close(slave)
    try:
        os.write(master, typed)
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_missing_required_slots_are_asked_for_on_the_terminal_not_in_the_draft() -> None:
    result = on_a_terminal(
        "generate", "-t", "congress", "--seed", "1", typed="市总工会第十三次代表大会\n".encode()
    )
    assert result.returncode == 0, result.stderr
    assert "大会名称（如“市总工会第十二次代表大会”） (event): " in result.stderr
    assert result.stdout.startswith("在市总工会第十三次代表大会开幕式上的致辞\n")


def test_end_of_input_at_a_prompt_is_the_missing_slot_error() -> None:
    result = on_a_terminal("generate", "-t", "congress", "--seed", "1", typed=b"\x04")
    assert result.returncode == 1
    assert result.stderr.endswith(
        "Error: missing required slots: event（大会名称（如“市总工会第十二次代表大会”））; "
        "give them with --slot event=…\n"
    )
    assert "Aborted" not in result.stderr and result.stdout == ""


def test_piped_input_never_prompts(run: Any) -> None:
    result = run("generate", "-t", "congress", "--seed", "1", input="市总工会第十三次代表大会\n")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: missing required slots: event")


def test_missing_required_slots_with_no_input_is_one_error(run: Any) -> None:
    result = run("generate", "-t", "commendation", "--no-input", "--seed", "1")
    assert result.exit_code == 1
    assert result.stderr == "Error: missing required slots: org（单位名称）; give them with --slot org=…\n"
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--slot", "boss=x"),
            "Error: unknown slot 'boss'; the slots are: org, year, event, speaker, achievements, place, "
            "audience, date, name, honourees\n",
        ),
        (
            ("--slot", "orgx"),
            "Error: --slot takes name=value, not 'orgx' (for example --slot org=郴州市总工会)\n",
        ),
        (("--seed", "abc"), "Error: --seed must be a whole number, not 'abc'\n"),
        (("--minutes", "0"), "Error: --minutes must be from 0.1 to 120, not 0\n"),
        (("--minutes", "-3"), "Error: --minutes must be from 0.1 to 120, not -3\n"),
        (("--minutes", "1e-300"), "Error: --minutes must be from 0.1 to 120, not 1e-300\n"),
        (("--minutes", "nan"), "Error: --minutes must be from 0.1 to 120, not nan\n"),
        (("--minutes", "inf"), "Error: --minutes must be from 0.1 to 120, not inf\n"),
        (("--points", "0"), "Error: --points must be from 1 to 30, not 0\n"),
        (("--points", "1000"), "Error: --points must be from 1 to 30, not 1000\n"),
        (
            ("-t", "nope"),
            "Error: unknown template 'nope'; templates are: commendation, congress, festival, "
            "symposium, work-meeting\n",
        ),
        (("--format", "pdf", "-o", "x.pdf"), "Error: unknown format 'pdf'; use one of: txt, md, docx\n"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    run: Any, args: tuple[str, ...], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("generate", "--no-input", "--seed", "1", *args)
    assert (result.exit_code, result.stderr) == (1, message)


def test_existing_output_needs_force(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "draft.txt"
    out.write_text("my own speech", encoding="utf-8")
    result = run("generate", "--seed", "1", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: already exists; use --force to overwrite it\n"
    assert out.read_text(encoding="utf-8") == "my own speech"
    assert run("generate", "--seed", "1", "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("在")


def test_missing_output_folder(run: Any, tmp_path: Path) -> None:
    result = run("generate", "--seed", "1", "-o", str(tmp_path / "no" / "x.txt"))
    assert result.exit_code == 1
    assert (
        result.stderr == f"Error: {tmp_path / 'no'}: no such folder; create it first or choose another path\n"
    )


def test_markdown_output(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "d.md"
    assert run("generate", "--seed", "3", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 在")
    assert re.search(r"^## 一、", text, re.M) and re.search(r"^## 二、", text, re.M)


def test_bank_lookup_order(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_bank: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    default = run("generate", "--seed", "5").stdout  # no ./phrasebanks: the shipped banks
    assert default
    monkeypatch.setenv("SPEECHKIT_BANK", str(tmp_path / "missing"))
    result = run("generate", "--seed", "5")
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {tmp_path / 'missing'}: no such bank folder (from $SPEECHKIT_BANK); fix or unset it\n"
    )
    monkeypatch.setenv("SPEECHKIT_BANK", str(seed_bank))
    assert run("generate", "--seed", "5").stdout == default  # same content as the defaults
    result = run("generate", "--seed", "5", "--bank", str(tmp_path / "nope"))
    expected = f"Error: {tmp_path / 'nope'}: no such bank folder; check --bank, or run 'speechkit extract' "
    expected += "first"
    assert result.stderr == expected + "\n"


def test_a_bank_of_ones_own_uses_the_shipped_templates(run: Any, tmp_path: Path) -> None:
    from speechkit.mining.extract import extract

    from .conftest import FIXTURES

    extract([FIXTURES / "gov_report.txt", FIXTURES / "no_breaks.txt"], tmp_path / "mine")
    result = run("generate", "--bank", str(tmp_path / "mine"), "--seed", "1", "-t", "symposium")
    assert result.exit_code == 0, result.stderr
    assert "第一，" in result.stdout


def test_default_bank_is_found_from_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from speechkit.bank.locate import default_bank, find_bank

    monkeypatch.chdir(tmp_path)
    assert find_bank() == default_bank()
    assert (default_bank() / "points.yaml").read_bytes() == (DEFAULT_BANK / "points.yaml").read_bytes()


def test_a_slot_given_twice_with_two_values_is_one_error(run: Any) -> None:
    result = run("generate", "--slot", "org=甲市总工会", "--slot", "org=乙市总工会", "--no-input")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: --slot org is given twice ('甲市总工会' and '乙市总工会'); give it once\n"
    again = run("generate", "--slot", "org=甲市总工会", "--slot", "org=甲市总工会", "--no-input", "-q")
    assert again.exit_code == 0 and "甲市总工会" in again.stdout
