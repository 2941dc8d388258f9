"""Bad input of every kind ends in one clear line and exit 1 (or a sensible
result), never a traceback. docs/reliability.md lists the same cases."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import DEFAULT_BANK, SEEDS

Setup = Callable[[Path], list[str]]


def binary(tmp: Path) -> list[str]:
    (tmp / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    return ["outline", "photo.txt"]


def empty(tmp: Path) -> list[str]:
    (tmp / "empty.txt").write_text("", encoding="utf-8")
    return ["extract", "empty.txt", "-o", "bank"]


def only_punctuation(tmp: Path) -> list[str]:
    (tmp / "p.txt").write_text("。。！？，、；：“”（）……——\n！！！\n", encoding="utf-8")
    return ["extract", "p.txt", "-o", "bank"]


def folder_named_like_a_file(tmp: Path) -> list[str]:
    (tmp / "speech.txt").mkdir()
    return ["outline", "speech.txt"]


def folder_without_text(tmp: Path) -> list[str]:
    (tmp / "docs").mkdir()
    (tmp / "docs" / "a.docx").write_bytes(b"PK\x03\x04")
    return ["extract", "docs", "-o", "bank"]


def missing_bank(tmp: Path) -> list[str]:
    return ["generate", "--bank", "nobank", "--seed", "1"]


def python_tag_in_bank(tmp: Path) -> list[str]:
    bank = tmp / "evil"
    bank.mkdir()
    (bank / "openings.yaml").write_text(
        "kind: opening\nphrases:\n  - id: a\n    text: !!python/object/apply:os.system ['echo pwned']\n",
        encoding="utf-8",
    )
    return ["phrases", "--bank", "evil"]


def duplicate_ids(tmp: Path) -> list[str]:
    bank = tmp / "dup"
    bank.mkdir()
    (bank / "closings.yaml").write_text(
        "kind: closing\nphrases:\n  - {id: a, text: 谢谢！}\n  - {id: a, text: 再见！}\n", encoding="utf-8"
    )
    return ["phrases", "--bank", "dup"]


def broken_template(tmp: Path) -> list[str]:
    (tmp / "t.yaml").write_text("name: t\nsections:\n  - points: {style: A}\n", encoding="utf-8")
    return ["generate", "-t", "t.yaml", "--seed", "1"]


def args(*words: str) -> Setup:
    return lambda tmp: list(words)


CASES: list[tuple[str, Setup, int, str]] = [
    (
        "binary file",
        binary,
        1,
        "Error: photo.txt: looks like a binary file, not text; give a .txt or .md file",
    ),
    ("empty file", empty, 1, "Error: empty.txt: the file is empty; give a file with speeches in it"),
    ("corpus of only punctuation", only_punctuation, 0, ""),
    (
        "a file name that is a folder",
        folder_named_like_a_file,
        1,
        "Error: speech.txt: no .txt or .md files in this folder",
    ),
    ("folder with no text files", folder_without_text, 1, "Error: docs: no .txt or .md files in this folder"),
    ("missing corpus path", args("outline", "nope.txt"), 1, "Error: nope.txt: no such file or folder"),
    (
        "bank folder that does not exist",
        missing_bank,
        1,
        "Error: nobank: no such bank folder; check --bank, or run 'speechkit extract' first",
    ),
    (
        "YAML with a !!python tag",
        python_tag_in_bank,
        1,
        "Error: evil/openings.yaml:4:11: tag tag:yaml.org,2002:python/object/apply:os.system is not allowed; "
        "banks and templates hold plain data",
    ),
    ("duplicate ids", duplicate_ids, 1, "Error: dup/closings.yaml:4:10: duplicate id 'a' (also entry 1)"),
    (
        "invalid template",
        broken_template,
        1,
        "Error: t.yaml:3:21: unknown style 'A'; styles are: 一、 （一） 1. （1） ① 一是 第一 首先",
    ),
    (
        "slot value with a newline",
        args("generate", "--slot", "org=郴州\n市", "--seed", "1"),
        1,
        "Error: slot org: character 3 of the value is U+000A (a control character); "
        "give it on one line as plain text",
    ),
    (
        "slot value with a control character",
        args("generate", "--slot", "org=郴\x07州", "--seed", "1"),
        1,
        "Error: slot org: character 2 of the value is U+0007 (a control character); "
        "give it on one line as plain text",
    ),
    (
        "slot value with a C1 control (CSI)",
        args("generate", "--slot", "org=郴\x9b2J州", "--seed", "1"),
        1,
        "Error: slot org: character 2 of the value is U+009B (a control character); "
        "give it on one line as plain text",
    ),
    (
        "slot value from a GBK terminal",
        args("generate", "--slot", "org=\udcd6\udcd0", "--seed", "1"),
        1,
        "Error: slot org: character 1 of the value is byte 0xd6 (not UTF-8); "
        "give it on one line as plain text",
    ),
    (
        "--search word from a GBK terminal",
        args("phrases", "--search", "\udcb9\udca4\udcbb\udce1"),
        1,
        "Error: --search: character 1 of '\\xb9\\xa4\\xbb\\xe1' is byte 0xb9 (not UTF-8); "
        "give plain text (is the terminal set to UTF-8?)",
    ),
    ("--minutes 0", args("generate", "--minutes", "0"), 1, "Error: --minutes must be from 0.1 to 120, not 0"),
    (
        "--minutes -3",
        args("generate", "--minutes", "-3"),
        1,
        "Error: --minutes must be from 0.1 to 120, not -3",
    ),
    ("--points 0", args("generate", "--points", "0"), 1, "Error: --points must be from 1 to 30, not 0"),
    (
        "--points 1000",
        args("generate", "--points", "1000"),
        1,
        "Error: --points must be from 1 to 30, not 1000",
    ),
    (
        "--seed not a number",
        args("generate", "--seed", "abc"),
        1,
        "Error: --seed must be a whole number, not 'abc'",
    ),
    ("--limit -1", args("phrases", "--limit", "-1"), 1, "Error: --limit must be 0 or more, not -1"),
    ("unknown phrase id", args("phrases", "show", "nope"), 1, "Error: no phrase with id 'nope' in "),
    (
        "output folder missing",
        args("generate", "--seed", "1", "-o", "no/where.txt"),
        1,
        "Error: no: no such folder; create it first or choose another path",
    ),
    (
        "unknown output format",
        args("generate", "--seed", "1", "-o", "x.pdf"),
        1,
        "Error: x.pdf: cannot tell the format from '.pdf'; add --format txt|md|docx",
    ),
    (
        "missing draft file",
        args("export", "gone.yaml", "-o", "x.txt"),
        1,
        "Error: gone.yaml: no such draft file; save one with 'speechkit generate --save-draft'",
    ),
]


@pytest.mark.parametrize(("name", "setup", "code", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input(
    run: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    setup: Setup,
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*setup(tmp_path))
    assert result.exit_code == code, (name, result.stderr)
    assert "Traceback" not in result.stderr
    if code == 1:
        assert result.stderr.startswith(message), (name, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_only_punctuation_mines_no_phrases(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    only_punctuation(tmp_path)
    result = run("extract", "p.txt", "-o", "bank", "--json")
    assert result.exit_code == 0
    from speechkit.bank.load import load_bank

    assert len(load_bank(tmp_path / "bank")) == 0


def test_unreadable_file(as_other_user: Any, shared_dir: Path) -> None:
    secret = shared_dir / "secret.txt"
    secret.write_text("同志们：\n你好。\n", encoding="utf-8")
    secret.chmod(0)
    result = as_other_user("outline", "secret.txt", cwd=shared_dir)
    assert (result.returncode, result.stderr) == (
        1,
        "Error: secret.txt: permission denied; check the file's permissions\n",
    )


def test_unreadable_subfolder_is_skipped_with_a_warning(as_other_user: Any, shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    (corpus / "private").mkdir(parents=True)
    for name in ("a.txt", "private/b.txt"):
        (corpus / name).write_text("同志们：\n今天开会。\n谢谢大家！\n", encoding="utf-8")
    corpus.chmod(0o755)
    (corpus / "a.txt").chmod(0o644)
    (corpus / "private").chmod(0)
    result = as_other_user("outline", "corpus", cwd=shared_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "Warning: skipped corpus/private: permission denied; check the folder's permissions\n"
    )
    assert result.stdout.startswith("corpus/a.txt  (1 speech)")
    (corpus / "private").chmod(0o755)


def test_disk_full_while_writing_a_bank(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    bank = tmp_path / "bank"
    shutil.copytree(DEFAULT_BANK, bank, ignore=shutil.ignore_patterns("templates"))
    before = {p.name: p.read_bytes() for p in bank.iterdir()}

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = run("extract", str(SEEDS), str(SEEDS / "union_speeches.txt"), "-o", str(bank))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {bank}: cannot write the bank (No space left on device)\n"
    assert {p.name: p.read_bytes() for p in bank.iterdir() if not p.name.startswith(".speechkit")} == {
        k: v for k, v in before.items() if not k.startswith(".speechkit")
    }


def test_a_50_mb_single_line(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = ("今天我们召开会议，研究部署工作，大家要认真落实" * 760_000)[:16_700_000]
    (tmp_path / "huge.txt").write_text(line, encoding="utf-8")
    assert (tmp_path / "huge.txt").stat().st_size > 50_000_000
    monkeypatch.chdir(tmp_path)
    result = run("outline", "huge.txt")
    assert result.exit_code == 0, result.stderr
    assert "huge.txt  (1 speech)" in result.stdout


def test_output_folder_that_refuses_writes(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run("generate", "--seed", "1", "-o", str(tmp_path / "out.txt"))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path / 'out.txt'}: cannot write (Permission denied)\n",
    )
