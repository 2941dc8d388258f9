"""Rough edges a new user hit (issue 13, item 4): each is now an error that says
what to do, or works as the user expected."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from speechkit.bank.load import load_bank
from speechkit.bank.vocabulary import OCCASIONS
from speechkit.drafting.assemble import assemble
from speechkit.drafting.render import to_text
from speechkit.drafting.templates import load_template, template_paths
from speechkit.errors import SpeechkitError

from .conftest import DEFAULT_BANK, SEEDS

TEMPLATES = "commendation, congress, festival, symposium, work-meeting"
TAGS = ", ".join(sorted([*OCCASIONS, "statecraft"]))


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_an_empty_bank_says_so_and_how_to_fill_it(run: Any, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("generate", "--bank", "empty")
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr
        == "Error: empty: the bank is empty; fill it with 'speechkit extract SPEECHES -o empty'\n"
    )


def test_a_bank_without_points_is_no_draft_of_nought_points(run: Any, tmp_path: Path) -> None:
    bank = tmp_path / "nopoints"
    shutil.copytree(DEFAULT_BANK, bank)
    (bank / "points.yaml").unlink()
    result = run("generate", "--bank", "nopoints", "--seed", "1")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: nopoints: the bank has no points to draw (numbered parts of speeches, none stale); "
        "extract speeches with numbered points into it: 'speechkit extract SPEECHES -o nopoints'\n"
    )


@pytest.mark.parametrize("order", ["before", "after"])
def test_phrases_show_takes_bank_before_or_after_the_subcommand(run: Any, order: str) -> None:
    bank = ["--bank", str(DEFAULT_BANK)]
    args = (
        [*bank, "show", "transition-307b65c7"]
        if order == "before"
        else ["show", "transition-307b65c7", *bank]
    )
    result = run("phrases", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "# transition",
        "  - id: transition-307b65c7",
        "    text: 下面，我再讲几点意见。",
    ]


def test_every_placeholder_a_draft_shows_can_be_filled(run: Any, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "openings.yaml").write_text(
        "kind: opening\nphrases:\n  - id: o1\n    text: 刚才，{name}同志总结了去年一年来的工作。\n"
        "    slots: [name]\n    occasion: work-meeting\n    moves: [review]\n",
        encoding="utf-8",
    )
    (bank / "points.yaml").write_text(
        "kind: point\nphrases:\n  - id: p1\n    text: 抓好落实\n    body: [要抓好落实。]\n", encoding="utf-8"
    )
    # the phrase uses {name}, which the work-meeting template does not declare
    args = ["generate", "--bank", str(bank), "--seed", "1", "--slot", "org=郴州市总工会", "-q"]
    shown = run(*args)
    assert "【姓名】同志" in shown.stdout
    filled = run(*args, "--slot", "name=张三")
    assert filled.exit_code == 0, filled.stderr
    assert filled.stdout == shown.stdout.replace("【姓名】", "张三")


def test_a_template_path_that_does_not_exist_says_so(run: Any) -> None:
    result = run("generate", "-t", "missing.yaml")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: missing.yaml: no such template file; give a .yaml file, or a template name: {TEMPLATES}\n",
    )
    result = run("generate", "-t", "templates/work-meeting")
    assert result.stderr.startswith("Error: templates/work-meeting: no such template file; ")
    unknown = run("generate", "-t", "nope").stderr
    assert unknown == f"Error: unknown template 'nope'; templates are: {TEMPLATES}\n"


def test_an_unknown_tag_is_an_error_that_lists_the_known_ones(run: Any) -> None:
    result = run("phrases", "--tag", "festivals")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: unknown tag 'festivals' (did you mean 'festival'?); tags are: {TAGS}\n"


def test_a_tag_of_ones_own_is_known_in_the_bank_that_has_it(run: Any, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "closings.yaml").write_text(
        "kind: closing\nphrases:\n  - id: c1\n    text: 谢谢大家！\n    tags: [youth]\n", encoding="utf-8"
    )
    assert run("phrases", "--bank", "bank", "--tag", "youth").stdout.splitlines()[-1] == "1 phrase"
    assert run("phrases", "--bank", "bank", "--tag", "festival").stdout.splitlines()[-1] == "0 phrases"
    # what extract tags phrases with is known though no phrase here has it
    assert run("phrases", "--bank", "bank", "--tag", "statecraft").stdout.splitlines()[-1] == "0 phrases"
    assert run("phrases", "--bank", "bank", "--tag", "yuoth").stderr == (
        "Error: unknown tag 'yuoth' (did you mean 'youth'?); "
        f"tags are: {TAGS.replace('work-meeting', 'work-meeting, youth')}\n"
    )


def test_check_choice_is_one_message_for_every_filter() -> None:
    from speechkit.errors import check_choice

    assert check_choice("move", "thanks", ["greeting", "thanks"]) == "thanks"
    with pytest.raises(SpeechkitError, match=r"^unknown move 'thank' \(did you mean 'thanks'\?\); "):
        check_choice("move", "thank", ["greeting", "thanks"])
    with pytest.raises(SpeechkitError, match=r"^unknown occasion 'x'; occasions are: a, b$"):
        check_choice("occasion", "x", ["b", "a", "b"])


def test_format_docx_without_an_output_file_is_refused(run: Any, tmp_path: Path) -> None:
    result = run("generate", "--seed", "1", "--format", "docx")
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr
        == "Error: --format docx writes a Word file, not text for the terminal; add -o FILE.docx\n"
    )


def test_format_md_without_an_output_file_prints_markdown(run: Any, tmp_path: Path) -> None:
    printed = run("generate", "--seed", "1", "--format", "md", "-q")
    assert printed.exit_code == 0
    run("generate", "--seed", "1", "-o", "d.md")
    assert printed.stdout == (tmp_path / "d.md").read_text(encoding="utf-8")


def test_quiet_prints_the_result_and_nothing_else(run: Any, tmp_path: Path) -> None:
    loud = run("generate", "--minutes", "0.2", "--save-draft", "d.yaml")
    assert loud.stderr.startswith("seed ") and "Note: the draft is" in loud.stderr
    quiet = run("generate", "--minutes", "0.2", "-q", "--seed", "1")
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout.startswith("在")
    assert run("generate", "--seed", "1", "-q", "-o", "d.txt").stderr == ""
    assert run("export", "d.yaml", "-o", "e.txt", "--quiet").stderr == ""
    (tmp_path / "corpus").mkdir()
    shutil.copy(SEEDS / "union_speeches.txt", tmp_path / "corpus")
    (tmp_path / "corpus" / "empty.txt").write_text("", encoding="utf-8")
    assert run("outline", "corpus").stderr.startswith("Warning: skipped ")
    quiet_outline = run("outline", "corpus", "-q")
    assert (
        quiet_outline.exit_code == 0
        and quiet_outline.stderr == ""
        and "union_speeches" in quiet_outline.stdout
    )


@pytest.mark.parametrize("name", sorted(template_paths(None)))
def test_the_event_slot_names_the_occasion_in_the_title(name: str) -> None:
    template = load_template(name)
    if "event" not in template.slots:
        pytest.skip(f"{name} has no event slot")
    slots = {n: "某某" for n, s in template.slots.items() if s.required}
    draft = assemble(load_bank(DEFAULT_BANK), template, slots={**slots, "event": "劳动模范表彰大会"}, seed=1)
    assert "劳动模范表彰大会" in draft.title


@pytest.mark.parametrize("name", sorted(template_paths(None)))
def test_the_template_minutes_are_the_default_length(name: str) -> None:
    bank = load_bank(DEFAULT_BANK)
    template = load_template(name)
    assert template.minutes is not None
    slots = {n: "某某" for n, s in template.slots.items() if s.required}
    for seed in range(12):
        default = assemble(bank, template, slots=slots, seed=seed)
        asked = assemble(bank, template, slots=slots, seed=seed, minutes=template.minutes)
        assert to_text(default) == to_text(asked), (name, seed)


def test_work_meeting_drafts_come_out_near_eight_minutes() -> None:
    bank = load_bank(DEFAULT_BANK)
    template = load_template("work-meeting")
    lengths = [assemble(bank, template, seed=seed).spoken_minutes for seed in range(20)]
    assert sum(lengths) / len(lengths) == pytest.approx(8, abs=0.4)
    assert sum(1 for m in lengths if abs(m - 8) <= 0.8) >= 17
