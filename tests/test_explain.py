"""`speechkit explain DRAFT` and `generate --explain`: each part of a draft by its
address, with its phrase id, where it was found, that speech's occasion and
what to check (issue 13, item 1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import DEFAULT_BANK
from .rework_bank import DRAFT, make_draft

EXPLAINED = """\
salutation  salutation-a  同志们：
            from talks/2023.txt:1 +1 · occasion work-meeting
opening     opening-a  今天召开工作会议，主要任务是总结去年的工作，部署今年的任务。
            from talks/2023.txt:2 · occasion work-meeting
transition  transition-a  下面，我讲三点意见：
            from talks/2023.txt:3 · occasion work-meeting
1           point-p1  一、加强班组建设，夯实基层基础
            from talks/2023.txt:5 · occasion work-meeting
1.1         point-c1  一是要抓好班组长培训。培训要有计划。
            from talks/2023.txt:6 · occasion work-meeting
1.2         point-c2  二是要开展劳动竞赛。竞赛要有实效。今年组织【核：83家】企业参加。
            from talks/2023.txt:7 · occasion work-meeting
            to check: 83家
2           point-p2  二、维护职工权益，构建和谐劳动关系
            from talks/2023.txt:9 · occasion work-meeting
3           point-p3  三、加强自身建设，提升服务水平
            from talks/2024.txt:5 · occasion work-meeting
            to check: 全县
closing.1   closing-a  同志们，让我们团结一心，奋力开创工作新局面！
            from talks/2023.txt:11 · occasion work-meeting
closing.2   closing-b  谢谢大家！
            from talks/2023.txt:12 · occasion work-meeting
"""
FOOTER = "223 characters · about 1.0 minutes at 220/min · 2 items to check · template talk · seed 1\n"


def test_explain_lists_every_part_with_its_source_occasion_and_checks(run: Any, draft_work: Path) -> None:
    result = run("explain", "d.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (0, EXPLAINED, FOOTER)


def test_quiet_leaves_out_the_footer(run: Any, draft_work: Path) -> None:
    result = run("explain", "d.yaml", "-q")
    assert (result.exit_code, result.stdout, result.stderr) == (0, EXPLAINED, "")


def test_explain_json_has_stable_keys(run: Any, draft_work: Path) -> None:
    result = run("explain", "d.yaml", "--json")
    assert result.exit_code == 0, result.stderr
    parts = json.loads(result.stdout)
    assert [p["part"] for p in parts] == [
        "salutation", "opening", "transition", "1", "1.1", "1.2", "2", "3", "closing.1", "closing.2",
    ]  # fmt: skip
    keys = {"part", "kind", "id", "wording", "text", "sentences", "sources", "occasion", "checks"}
    assert all(set(p) == keys for p in parts)
    assert parts[0]["sources"] == [
        {"file": "talks/2023.txt", "speech": 1, "line": 1},
        {"file": "talks/2024.txt", "speech": 1, "line": 1},
    ]
    sub = parts[5]
    assert sub == {
        "part": "1.2",
        "kind": "point",
        "id": "point-c2",
        "wording": "bank",
        "text": "二是要开展劳动竞赛。竞赛要有实效。今年组织【核：83家】企业参加。",
        "sentences": {"used": 2, "of": 2},
        "sources": [{"file": "talks/2023.txt", "speech": 1, "line": 7}],
        "occasion": "work-meeting",
        "checks": [{"text": "83家", "kind": "figure"}],
    }
    assert parts[7]["checks"] == [{"text": "全县", "kind": "level"}]
    assert parts[3]["text"] == "一、加强班组建设，夯实基层基础\n班组是企业的细胞。要抓好班组长培训。"


def test_the_checks_of_the_parts_are_the_draft_s(run: Any, draft_work: Path) -> None:
    parts = json.loads(run("explain", "d.yaml", "--json").stdout)
    checks = [c["text"] for p in parts for c in p["checks"]]
    assert run("export", "d.yaml", "-o", "out.txt").exit_code == 0
    text = (draft_work / "out.txt").read_text(encoding="utf-8")
    assert checks == ["83家", "全县"]
    assert [m for m in checks if f"【核：{m}】" in text] == checks


def test_part_of_a_body_and_template_wording_are_shown_as_such(run: Any, draft_work: Path) -> None:
    edited = DRAFT.replace("  - point-p2\n", "  - {id: point-p2, sentences: 1}\n").replace(
        "items: [transition-a]", "items: [{text: 下面，我讲几点意见。}]"
    )
    make_draft(draft_work / "d.yaml", edited)
    result = run("explain", "d.yaml", "-q")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "transition  template wording  下面，我讲几点意见。" in lines
    at = lines.index("2           point-p2  二、维护职工权益，构建和谐劳动关系")
    assert lines[at + 1] == "            from talks/2023.txt:9 · occasion work-meeting · 1 of 2 sentences"
    parts = json.loads(run("explain", "d.yaml", "--json").stdout)
    wording = next(p for p in parts if p["part"] == "transition")
    assert wording == {
        "part": "transition",
        "kind": "transition",
        "id": None,
        "wording": "template",
        "text": "下面，我讲几点意见。",
        "sentences": None,
        "sources": [],
        "occasion": None,
        "checks": [],
    }
    assert next(p for p in parts if p["part"] == "2")["sentences"] == {"used": 1, "of": 2}


def test_generate_explain_shows_what_explain_shows_of_the_saved_draft(run: Any, draft_work: Path) -> None:
    made = run("generate", "-t", "talk", "--slot", "org=郴州市总工会", "--seed", "4", "--explain",
               "--save-draft", "new.yaml")  # fmt: skip
    assert made.exit_code == 0, made.stderr
    again = run("explain", "new.yaml")
    assert (again.exit_code, again.stdout, again.stderr) == (0, made.stdout, made.stderr)
    as_json = run(
        "generate", "-t", "talk", "--slot", "org=郴州市总工会", "--seed", "4", "--explain", "--json"
    )
    assert as_json.stdout == run("explain", "new.yaml", "--json").stdout


def test_generate_explain_with_output_writes_the_draft_too(run: Any, draft_work: Path) -> None:
    result = run(
        "generate", "-t", "talk", "--slot", "org=郴州市总工会", "--seed", "4", "--explain", "-o", "x.txt"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("salutation  salutation-a  同志们：\n")
    assert (draft_work / "x.txt").read_text(encoding="utf-8").startswith("在郴州市总工会工作会议上的讲话\n")


def test_explain_of_a_draft_whose_bank_changed(run: Any, draft_work: Path) -> None:
    saved = run(
        "generate", "-t", "talk", "--slot", "org=郴州市总工会", "--seed", "2", "--save-draft", "s.yaml"
    )
    assert saved.exit_code == 0, saved.stderr
    salutations = draft_work / "phrasebanks" / "salutations.yaml"
    salutations.write_text(
        salutations.read_text(encoding="utf-8").replace("text: 同志们：", "text: 同志们、朋友们："),
        encoding="utf-8",
    )
    result = run("explain", "s.yaml")
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "Note: s.yaml: its phrases are not as they were when it was saved (the bank "
        f"{(draft_work / 'phrasebanks').resolve()} has changed, or ids were edited); "
        "they are used as they are now\n"
    )
    assert result.stdout.startswith("salutation  salutation-a  同志们、朋友们：\n")
    quiet = run("explain", "s.yaml", "-q")
    assert (quiet.exit_code, quiet.stderr) == (0, "")


def test_a_phrase_gone_from_the_bank_is_an_error(run: Any, draft_work: Path) -> None:
    make_draft(draft_work / "d.yaml", DRAFT.replace("point-p3", "point-gone"))
    result = run("explain", "d.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: d.yaml: phrase 'point-gone' is not in the bank {Path('phrasebanks')}; "
        "fix the id (see 'speechkit phrases') or use --bank\n"
    )


def test_explain_errors_name_the_file(run: Any, draft_work: Path) -> None:
    result = run("explain", "missing.yaml")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: missing.yaml: no such draft file;")
    (draft_work / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    result = run("explain", "x.yaml")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: x.yaml: not a speechkit draft file (no 'speechkit_draft: 1'); save one with --save-draft\n",
    )


def test_explain_a_draft_of_the_shipped_banks_shows_their_sources(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    saved = run("generate", "--seed", "3", "--slot", "org=郴州市总工会", "--slot", "year=2026",
                "--save-draft", "d.yaml", "-q")  # fmt: skip
    assert saved.exit_code == 0, saved.stderr
    parts = json.loads(run("explain", "d.yaml", "--json").stdout)
    from speechkit.bank.load import load_bank

    bank = load_bank(DEFAULT_BANK)
    for part in parts:
        phrase = bank.get(part["id"]) if part["id"] else None
        assert phrase is not None or part["wording"] == "template"
        if phrase is not None:
            assert part["sources"] == [s.to_dict() for s in phrase.sources]
            assert part["occasion"] == phrase.occasion
    text = run("explain", "d.yaml").stdout
    listed = [line.split(" ", 1)[0] for line in text.splitlines() if not line.startswith(" ")]
    assert listed == [p["part"] for p in parts]
