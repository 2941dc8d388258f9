"""`generate --save-draft` then `export` renders the same draft again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from speechkit.drafting.checks import unmarked


def save(run: Any, tmp_path: Path, *extra: str) -> Path:
    draft = tmp_path / "draft.yaml"
    result = run(
        "generate",
        "--seed",
        "11",
        "--slot",
        "org=郴州市总工会",
        "--topic",
        "班组",
        "--minutes",
        "6",
        "--save-draft",
        str(draft),
        "-o",
        str(tmp_path / "original.txt"),
        *extra,
    )
    assert result.exit_code == 0, result.stderr
    return draft


def test_export_renders_exactly_again(run: Any, tmp_path: Path) -> None:
    draft = save(run, tmp_path)
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["template"] == "work-meeting" and data["seed"] == 11 and data["topic"] == ["班组"]
    assert data["slots"]["org"] == "郴州市总工会"
    result = run("export", str(draft), "-o", str(tmp_path / "again.txt"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "again.txt").read_bytes() == (tmp_path / "original.txt").read_bytes()


def test_export_formats(run: Any, tmp_path: Path) -> None:
    draft = save(run, tmp_path)
    assert run("export", str(draft), "-o", str(tmp_path / "a.md")).exit_code == 0
    assert (tmp_path / "a.md").read_text(encoding="utf-8").startswith("# 在")
    assert run("export", str(draft), "-o", str(tmp_path / "a.out"), "--format", "txt").exit_code == 0


def test_edited_ids_are_used_and_unknown_ids_are_an_error(run: Any, tmp_path: Path) -> None:
    from speechkit.bank.load import load_bank

    from .conftest import DEFAULT_BANK

    draft = save(run, tmp_path)
    text = draft.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    opening = next(s for s in data["sections"] if s["kind"] == "opening")
    used = [i if isinstance(i, str) else i["id"] for i in opening["items"] if isinstance(i, str) or "id" in i]
    bank = load_bank(DEFAULT_BANK)
    other = next(p for p in bank.of_kind("opening") if p.id not in used and "{" not in p.text)
    draft.write_text(text.replace(used[0], other.id), encoding="utf-8")
    result = run("export", str(draft), "-o", str(tmp_path / "edited.txt"))
    assert result.exit_code == 0, result.stderr
    assert other.text in unmarked((tmp_path / "edited.txt").read_text(encoding="utf-8"))
    draft.write_text(text.replace(used[0], "opening-nothere"), encoding="utf-8")
    result = run("export", str(draft), "-o", str(tmp_path / "broken.txt"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {draft}: phrase 'opening-nothere' is not in the bank ")
    assert not (tmp_path / "broken.txt").exists()


def test_export_refuses_to_overwrite_without_force(run: Any, tmp_path: Path) -> None:
    draft = save(run, tmp_path)
    result = run("export", str(draft), "-o", str(tmp_path / "original.txt"))
    assert result.exit_code == 1 and "already exists; use --force" in result.stderr


def test_export_of_a_file_that_is_no_draft(run: Any, tmp_path: Path) -> None:
    bogus = tmp_path / "x.yaml"
    bogus.write_text("a: 1\n", encoding="utf-8")
    result = run("export", str(bogus), "-o", str(tmp_path / "o.txt"))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {bogus}: not a speechkit draft file (no 'speechkit_draft: 1'); save one with --save-draft\n",
    )
    result = run("export", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "o.txt"))
    assert result.exit_code == 1 and "no such draft file" in result.stderr
