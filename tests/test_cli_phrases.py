"""`speechkit phrases` and `speechkit templates`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import DEFAULT_BANK


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DEFAULT_BANK.parent)


def test_phrases_table_filtered_by_kind(run: Any) -> None:
    result = run("phrases", "--kind", "salutation")
    assert result.exit_code == 0
    # columns: kind 10, id 19, text 34 cells (a Chinese character is two), count 5, sources
    assert result.stdout.splitlines() == [
        f"{'kind':<10}  {'id':<19}  {'text':<34}  count  sources",
        f"salutation  salutation-5757ebfa  同志们：{' ' * 26}      4  union_speeches.txt:27 +3",
        f"salutation  salutation-1eb469ff  各位代表、同志们：{' ' * 16}      1  union_speeches.txt:58",
        "2 phrases",
    ]


def test_long_text_is_cut_to_the_terminal_width(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    lines = run("phrases", "--kind", "opening", "--limit", "3").stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    assert "…" in lines[1]


def test_search_text_and_keywords_with_limit(run: Any) -> None:
    data = json.loads(run("phrases", "--search", "班组", "--json", "--limit", "0").stdout)
    assert data and all(
        "班组" in (p["text"] + "".join(p.get("body", [])) + "".join(p["keywords"])) for p in data
    )
    limited = run("phrases", "--search", "班组", "--limit", "2")
    assert limited.stdout.splitlines()[-1] == f"2 of {len(data)} phrases"


def test_tag_filter(run: Any) -> None:
    data = json.loads(run("phrases", "--tag", "congress", "--json", "--limit", "0").stdout)
    assert data and all("congress" in p["tags"] for p in data)


def test_show_prints_the_whole_entry(run: Any) -> None:
    result = run("phrases", "show", "salutation-5757ebfa")
    assert result.exit_code == 0
    assert result.stdout.startswith("# salutation\n  - id: salutation-5757ebfa\n    text: 同志们：\n")
    assert "      - {file: seeds/union_speeches.txt, speech: 6, line: 85}" in result.stdout
    data = json.loads(run("phrases", "show", "salutation-5757ebfa", "--json").stdout)
    assert data["count"] == 4 and data["kind"] == "salutation"


def test_show_unknown_id(run: Any) -> None:
    result = run("phrases", "show", "opening-nothere")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Error: no phrase with id 'opening-nothere' in phrasebanks; list them with 'speechkit phrases'\n"
    )


def test_unknown_kind(run: Any) -> None:
    result = run("phrases", "--kind", "poem")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: unknown kind 'poem'; use one of: salutation, opening, transition, point, closing\n",
    )


def test_templates_list_and_show(run: Any) -> None:
    result = run("templates")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()[2:]]
    assert names == ["commendation", "congress", "festival", "symposium", "work-meeting"]
    detail = run("templates", "work-meeting")
    assert detail.exit_code == 0
    assert "title: 在{year}年{org}{event}上的讲话" in detail.stdout
    assert "  4. points" in detail.stdout and "3 × 一、…" in detail.stdout and "3 × 一是…" in detail.stdout
    assert run("templates", "nope").exit_code == 1
