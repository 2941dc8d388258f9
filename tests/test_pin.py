"""`generate --from DRAFT --pin PART`: draft again with another seed, keeping the
parts a writer chose (issue 13, item 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .rework_bank import DRAFT, make_draft


def points_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line[:2] in ("一、", "二、", "三、", "四、")]


def test_pinned_parts_stay_across_seeds(run: Any, draft_work: Path) -> None:
    seen = set()
    for seed in range(8):
        result = run("generate", "--from", "d.yaml", "--pin", "2", "--pin", "closing.2", "--seed", str(seed),
                     "--format", "txt", "-q")  # fmt: skip
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        headings = points_of(result.stdout)
        assert len(headings) == 3 and [h[:2] for h in headings] == ["一、", "二、", "三、"]  # consecutive
        assert headings[1] == "二、维护职工权益，构建和谐劳动关系"
        assert lines[lines.index(headings[1]) + 1] == "要依法维护职工合法权益。要畅通职工诉求渠道。"
        assert lines[-1] == "谢谢大家！"
        assert lines[4] in ("下面，我讲三点意见：", "下面，我讲三点意见。")  # either transition
        seen.add((headings[0], headings[2]))
    assert len(seen) > 1  # the rest is chosen again


def test_a_pin_keeps_the_sentences_chosen(run: Any, draft_work: Path) -> None:
    make_draft(draft_work / "d.yaml", DRAFT.replace("  - point-p2\n", "  - {id: point-p2, sentences: 1}\n"))
    result = run("generate", "--from", "d.yaml", "--pin", "2", "--seed", "5", "--save-draft", "n.yaml", "-q")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[lines.index("二、维护职工权益，构建和谐劳动关系") + 1] == "要依法维护职工合法权益。"
    saved = yaml.safe_load((draft_work / "n.yaml").read_text(encoding="utf-8"))
    assert saved["sections"][3]["items"][1] == {"id": "point-p2", "sentences": 1}


def test_a_pinned_point_keeps_its_sub_points(run: Any, draft_work: Path) -> None:
    for seed in range(4):
        result = run("generate", "--from", "d.yaml", "--pin", "1", "--seed", str(seed), "-q")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines()[5:9] == [
            "一、加强班组建设，夯实基层基础",
            "班组是企业的细胞。要抓好班组长培训。",
            "一是要抓好班组长培训。培训要有计划。",
            "二是要开展劳动竞赛。竞赛要有实效。今年组织【核：83家】企业参加。",
        ]


def test_pins_renumber_and_recount(run: Any, draft_work: Path) -> None:
    result = run("generate", "--from", "d.yaml", "--pin", "3", "--points", "2", "--seed", "1", "-q")
    assert result.exit_code == 0, result.stderr
    headings = points_of(result.stdout)
    assert [h[:2] for h in headings] == ["一、", "二、"]
    assert headings[1] == "二、加强自身建设，提升服务水平"  # point 3 of the draft, now the last of two
    assert result.stdout.splitlines()[4] in ("下面，我讲两点意见：", "下面，我讲两点意见。")


def test_the_draft_s_settings_are_kept_and_may_be_given_anew(run: Any, draft_work: Path) -> None:
    result = run("generate", "--from", "d.yaml", "--seed", "2", "--slot", "event=年中工作会议", "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("在郴州市总工会年中工作会议上的讲话\n")  # template talk, org kept


def test_phrases_swapped_out_stay_out(run: Any, draft_work: Path) -> None:
    make_draft(draft_work / "d.yaml", DRAFT + "rejected: [point-p5, opening-b, opening-d]\n")
    for seed in range(6):
        result = run(
            "generate", "--from", "d.yaml", "--seed", str(seed), "--save-draft", "n.yaml", "--force", "-q"
        )
        assert result.exit_code == 0, result.stderr
        assert "安全生产" not in result.stdout
        assert result.stdout.splitlines()[3] == "今天召开工作会议，主要任务是总结去年的工作，部署今年的任务。"
        saved = yaml.safe_load((draft_work / "n.yaml").read_text(encoding="utf-8"))
        assert saved["rejected"] == ["point-p5", "opening-b", "opening-d"]


def test_a_sub_point_cannot_be_pinned_alone(run: Any, draft_work: Path) -> None:
    result = run("generate", "--from", "d.yaml", "--pin", "1.2", "--seed", "1")
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr == "Error: d.yaml: 1.2 is a sub-point; pin its point 1 (a point keeps its sub-points)\n"
    )


def test_pin_needs_from_and_from_takes_the_draft_s_template(run: Any, draft_work: Path) -> None:
    result = run("generate", "--pin", "2", "--seed", "1")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: --pin 2 keeps a part of a saved draft: name the draft with --from DRAFT.yaml\n",
    )
    result = run("generate", "--from", "d.yaml", "-t", "congress", "--seed", "1")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: --from d.yaml drafts with that draft's template; leave out -t/--template\n",
    )


def test_an_unknown_pin_lists_the_parts(run: Any, draft_work: Path) -> None:
    result = run("generate", "--from", "d.yaml", "--pin", "closing", "--seed", "1")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: d.yaml: the draft has 2 parts 'closing'; give one of: closing.1, closing.2\n",
    )


def test_from_a_missing_draft(run: Any, draft_work: Path) -> None:
    result = run("generate", "--from", "nothere.yaml", "--seed", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: nothere.yaml: no such draft file;")


def test_pin_then_save_over_the_draft_and_export(run: Any, draft_work: Path) -> None:
    first = run(
        "generate", "-t", "talk", "--slot", "org=郴州市总工会", "--seed", "3", "--save-draft", "s.yaml", "-q"
    )
    assert first.exit_code == 0, first.stderr
    kept = points_of(first.stdout)[0]
    again = run("generate", "--from", "s.yaml", "--pin", "1", "--seed", "9",
                "--save-draft", "s.yaml", "--force", "-q")  # fmt: skip
    assert again.exit_code == 0, again.stderr
    assert points_of(again.stdout)[0] == kept
    exported = run("export", "s.yaml", "-o", "s.txt")
    assert exported.exit_code == 0 and "Note:" not in exported.stderr
    assert (draft_work / "s.txt").read_text(encoding="utf-8") == again.stdout
    saved = yaml.safe_load((draft_work / "s.yaml").read_text(encoding="utf-8"))
    assert saved["seed"] == 9 and saved["template"] == "talk"


def test_pins_keep_their_order_when_fewer_points_are_asked(run: Any, draft_work: Path) -> None:
    result = run(
        "generate", "--from", "d.yaml", "--pin", "3", "--pin", "2", "--points", "2", "--seed", "4", "-q"
    )
    assert result.exit_code == 0, result.stderr
    assert points_of(result.stdout) == [
        "一、维护职工权益，构建和谐劳动关系",
        "二、加强自身建设，提升服务水平",
    ]
