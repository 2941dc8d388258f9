"""Saved drafts export anywhere: they record their bank and template, and
`export` uses them, says when the bank's phrases changed, and refuses a
different template of the same name (issue 13 item 3, issue 14 item 11)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import DEFAULT_BANK


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a bank of one's own (``mybank``), the current folder."""
    shutil.copytree(DEFAULT_BANK, tmp_path / "mybank", ignore=shutil.ignore_patterns("templates"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def save(run: Any, *extra: str) -> None:
    result = run(
        "generate",
        "--seed",
        "5",
        "--slot",
        "org=郴州市总工会",
        "--save-draft",
        "d.yaml",
        "-o",
        "orig.txt",
        *extra,
    )
    assert result.exit_code == 0, result.stderr


def used_ids(draft: Path) -> list[str]:
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    ids: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, str):
                ids.append(item)
            elif "id" in item:
                ids.append(item["id"])
                walk(item.get("children", []))

    for section in data["sections"]:
        walk(section["items"])
    return ids


def test_the_draft_records_its_bank_and_template(run: Any, work: Path) -> None:
    save(run, "--bank", "mybank")
    data = yaml.safe_load((work / "d.yaml").read_text(encoding="utf-8"))
    assert data["bank"] == str((work / "mybank").resolve())
    assert data["template"] == "work-meeting"
    assert data["template_file"] == str((DEFAULT_BANK / "templates" / "work-meeting.yaml").resolve())
    assert len(data["template_sha256"]) == 64 and len(data["phrases_sha256"]) == 64


def test_a_moved_draft_exports_with_the_recorded_bank(run: Any, work: Path, monkeypatch: Any) -> None:
    save(run, "--bank", "mybank")
    elsewhere = work / "elsewhere"
    (elsewhere / "phrasebanks").mkdir(parents=True)  # a bank here, without the draft's phrases
    (elsewhere / "phrasebanks" / "closings.yaml").write_text(
        "kind: closing\nphrases:\n  - id: c1\n    text: 谢谢大家！\n", encoding="utf-8"
    )
    shutil.move(work / "d.yaml", elsewhere / "d.yaml")
    monkeypatch.chdir(elsewhere)
    result = run("export", "d.yaml", "-o", "again.txt")
    assert (result.exit_code, result.stderr) == (
        0,
        "Wrote again.txt (txt, " + result.stderr.split("(txt, ")[1],
    )
    assert (elsewhere / "again.txt").read_bytes() == (work / "orig.txt").read_bytes()


def test_a_draft_from_the_shipped_banks_exports_from_anywhere(run: Any, work: Path, monkeypatch: Any) -> None:
    save(run)
    assert yaml.safe_load((work / "d.yaml").read_text(encoding="utf-8"))["bank"] == "shipped"
    other = work / "other"
    shutil.copytree(work / "mybank", other / "phrasebanks")
    (other / "phrasebanks" / "closings.yaml").unlink()  # ./phrasebanks would lack the closings
    monkeypatch.chdir(other)
    assert run("export", "../d.yaml", "-o", "again.txt", "-q").exit_code == 0
    assert (other / "again.txt").read_bytes() == (work / "orig.txt").read_bytes()


def test_a_changed_bank_is_reported(run: Any, work: Path) -> None:
    save(run, "--bank", "mybank")
    salutation = next(i for i in used_ids(work / "d.yaml") if i.startswith("salutation-"))
    path = work / "mybank" / "salutations.yaml"
    text = path.read_text(encoding="utf-8")
    entry = text.index(f"id: {salutation}")
    start = text.index("text: ", entry) + len("text: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + "尊敬的各位来宾：" + text[end:], encoding="utf-8")
    result = run("export", "d.yaml", "-o", "again.txt")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"Note: d.yaml: its phrases are not as they were when it was saved (the bank {work / 'mybank'} "
        "has changed, or ids were edited); they are used as they are now"
    )
    assert "尊敬的各位来宾：" in (work / "again.txt").read_text(encoding="utf-8")
    assert run("export", "d.yaml", "-o", "quiet.txt", "-q").stderr == ""


def test_a_phrase_gone_from_the_bank_is_an_error(run: Any, work: Path) -> None:
    save(run, "--bank", "mybank")
    (work / "mybank" / "openings.yaml").write_text("kind: opening\nphrases: []\n", encoding="utf-8")
    gone = next(i for i in used_ids(work / "d.yaml") if i.startswith("opening-"))
    result = run("export", "d.yaml", "-o", "again.txt")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: d.yaml: phrase {gone!r} is not in the bank {work / 'mybank'} (the bank has changed since "
        "the draft was saved, or the id was edited); fix the id (see 'speechkit phrases') or use --bank\n",
    )


def test_a_bank_that_is_gone_is_an_error(run: Any, work: Path) -> None:
    save(run, "--bank", "mybank")
    shutil.rmtree(work / "mybank")
    result = run("export", "d.yaml", "-o", "again.txt")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: d.yaml: the bank it was saved with, {work / 'mybank'}, is not there; "
        "give the bank to use: --bank DIR\n",
    )
    shutil.copytree(DEFAULT_BANK, work / "copy")
    assert run("export", "d.yaml", "-o", "again.txt", "--bank", "copy", "-q").exit_code == 0
    assert (work / "again.txt").read_bytes() == (work / "orig.txt").read_bytes()


CUSTOM = (DEFAULT_BANK / "templates" / "work-meeting.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "text"),
    [
        # named like a shipped template, with another title
        (
            "custom/work-meeting.yaml",
            CUSTOM.replace("title: 在{year}年{org}{event}上的讲话", "title: 务虚会讲话"),
        ),
        # its name: is not its file name
        ("custom/mine.yaml", CUSTOM.replace("name: work-meeting", "name: my-meeting")),
    ],
)
def test_a_template_given_by_path_round_trips(run: Any, work: Path, file: str, text: str) -> None:
    (work / file).parent.mkdir(exist_ok=True)
    (work / file).write_text(text, encoding="utf-8")
    save(run, "-t", file)
    result = run("export", "d.yaml", "-o", "again.txt")
    assert result.exit_code == 0, result.stderr
    assert (work / "again.txt").read_bytes() == (work / "orig.txt").read_bytes()


def custom_template(work: Path) -> Path:
    path = work / "custom" / "work-meeting.yaml"
    path.parent.mkdir()
    path.write_text(
        CUSTOM.replace("title: 在{year}年{org}{event}上的讲话", "title: 务虚会讲话"), encoding="utf-8"
    )
    return path


def test_a_changed_template_is_refused(run: Any, work: Path) -> None:
    path = custom_template(work)
    save(run, "-t", str(path))
    path.write_text(path.read_text(encoding="utf-8").replace("务虚会讲话", "务实会讲话"), encoding="utf-8")
    result = run("export", "d.yaml", "-o", "again.txt")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: d.yaml: the template {path} has changed since the draft was saved; restore it, "
        "or delete the line 'template_sha256' from the draft to export with it as it is now\n",
    )
    assert not (work / "again.txt").exists()


def test_a_different_template_of_the_same_name_is_refused(run: Any, work: Path) -> None:
    path = custom_template(work)
    save(run, "-t", str(path))
    path.unlink()  # gone: the shipped work-meeting.yaml is found by its name, and differs
    result = run("export", "d.yaml", "-o", "again.txt")
    shipped = (DEFAULT_BANK / "templates" / "work-meeting.yaml").resolve()
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: d.yaml: the template {shipped} is not the one the draft was saved with ({path}, now gone): "
        f"their content differs; put the draft's template back at {path}, or delete the line "
        "'template_sha256' from the draft to export with it as it is now\n",
    )


def test_the_same_template_moved_into_the_bank_is_found(run: Any, work: Path) -> None:
    path = custom_template(work)
    save(run, "-t", str(path), "--bank", "mybank")
    (work / "mybank" / "templates").mkdir()
    shutil.move(path, work / "mybank" / "templates" / "work-meeting.yaml")
    result = run("export", "d.yaml", "-o", "again.txt", "-q")
    assert result.exit_code == 0, result.stderr
    assert (work / "again.txt").read_bytes() == (work / "orig.txt").read_bytes()


def test_an_older_draft_without_these_keys_exports_as_before(run: Any, work: Path) -> None:
    save(run)
    draft = work / "d.yaml"
    lines = draft.read_text(encoding="utf-8").splitlines(keepends=True)
    keys = ("template_file:", "template_sha256:", "bank:", "phrases_sha256:")
    draft.write_text("".join(line for line in lines if not line.startswith(keys)), encoding="utf-8")
    result = run("export", "d.yaml", "-o", "again.txt")
    assert result.exit_code == 0, result.stderr
    assert (work / "again.txt").read_bytes() == (work / "orig.txt").read_bytes()
