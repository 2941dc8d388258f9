"""`speechkit swap DRAFT PART`: one part replaced by another fitting phrase, the rest
of the draft unchanged, the draft file replaced atomically (issue 13, item 2)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from .rework_bank import DRAFT, make_draft

FOOTER = " · about 1.0 minutes at 220/min · {checks} to check · template talk · seed 1\n"


def export(run: Any, draft: str) -> list[str]:
    out = Path(f"{draft}.txt")
    out.unlink(missing_ok=True)
    result = run("export", draft, "-o", str(out), "-q")
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8").splitlines()


def ids(draft: Path) -> dict[str, Any]:
    return yaml.safe_load(draft.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


BEFORE = [
    "在郴州市总工会工作会议上的讲话",
    "",
    "同志们：",
    "今天召开工作会议，主要任务是总结去年的工作，部署今年的任务。",
    "下面，我讲三点意见：",
    "一、加强班组建设，夯实基层基础",
    "班组是企业的细胞。要抓好班组长培训。",
    "一是要抓好班组长培训。培训要有计划。",
    "二是要开展劳动竞赛。竞赛要有实效。今年组织【核：83家】企业参加。",
    "二、维护职工权益，构建和谐劳动关系",
    "要依法维护职工合法权益。要畅通职工诉求渠道。",
    "三、加强自身建设，提升服务水平",
    "【核：全县】工会干部要转变作风。要深入基层。",
    "同志们，让我们团结一心，奋力开创工作新局面！",
    "谢谢大家！",
]


def test_the_draft_as_written(run: Any, draft_work: Path) -> None:
    assert export(run, "d.yaml") == BEFORE


def test_swap_the_opening(run: Any, draft_work: Path) -> None:
    result = run("swap", "d.yaml", "opening", "--seed", "1")
    assert result.exit_code == 0, result.stderr
    new = ids(draft_work / "d.yaml")["sections"][1]["items"][0]
    assert new in ("opening-b", "opening-d")  # opening-c is a festival's: never for a draft_work meeting
    text = {
        "opening-b": "这次会议很重要，大家要认真领会会议精神。",
        "opening-d": "刚才，几位同志的发言讲得很好，我都赞同。",
    }
    source = {"opening-b": "talks/2024.txt:2", "opening-d": "talks/2025.txt:2"}
    assert result.stdout == (
        f"opening  {new}  {text[new]}\n         from {source[new]} · occasion work-meeting\n"
    )
    chars = 223 - len("今天召开工作会议，主要任务是总结去年的工作，部署今年的任务。") + len(text[new])
    assert (
        result.stderr
        == f"Swapped opening in d.yaml: opening-a → {new}\n{chars} characters"
        + FOOTER.format(checks="2 items")
    )
    assert export(run, "d.yaml") == [*BEFORE[:3], text[new], *BEFORE[4:]]


def test_swapping_again_brings_another_and_then_says_there_is_none(run: Any, draft_work: Path) -> None:
    first = run("swap", "d.yaml", "opening", "-q")
    second = run("swap", "d.yaml", "opening", "-q")
    assert first.exit_code == second.exit_code == 0
    data = ids(draft_work / "d.yaml")
    assert {data["sections"][1]["items"][0], *data["rejected"]} == {
        "opening-a",
        "opening-b",
        "opening-d",
    }
    before = (draft_work / "d.yaml").read_bytes()
    third = run("swap", "d.yaml", "opening")
    assert (third.exit_code, third.stdout) == (1, "")
    assert third.stderr == (
        "Error: d.yaml: no other opening fits opening (of the draft's occasion, not in the draft already); "
        "2 swapped out before are not drawn again (delete them from 'rejected:' in the draft to draw from "
        "them); the draft is unchanged\n"
    )
    assert (draft_work / "d.yaml").read_bytes() == before


def test_swap_a_point_keeps_the_other_points_byte_for_byte(run: Any, draft_work: Path) -> None:
    result = run("swap", "d.yaml", "2", "-q")
    assert result.exit_code == 0, result.stderr
    points = ids(draft_work / "d.yaml")["sections"][3]["items"]
    assert points[0] == {"id": "point-p1", "children": ["point-c1", "point-c2"]} and points[2] == "point-p3"
    new = points[1]
    assert new in ("point-p4", "point-p5")
    heading = {"point-p4": "围绕中心工作，服务发展大局", "point-p5": "抓好安全生产，守住安全底线"}[new]
    body = {"point-p4": "要围绕中心、服务大局。", "point-p5": "安全生产是头等大事。要落实安全生产责任。"}[new]
    assert export(run, "d.yaml") == [*BEFORE[:9], f"二、{heading}", body, *BEFORE[11:]]
    assert result.stdout.startswith(f"2  {new}  二、{heading}\n")


def test_swap_a_point_by_topic(run: Any, draft_work: Path) -> None:
    for seed in range(6):
        make_draft(draft_work / "d.yaml")
        result = run("swap", "d.yaml", "2", "--topic", "安全生产", "--seed", str(seed), "-q")
        assert result.exit_code == 0, result.stderr
        assert ids(draft_work / "d.yaml")["sections"][3]["items"][1] == "point-p5"
    assert ids(draft_work / "d.yaml")["topic"] == []  # the draft's own topic is unchanged


def test_a_topic_nothing_is_about_is_a_note(run: Any, draft_work: Path) -> None:
    result = run("swap", "d.yaml", "opening", "--topic", "乡村振兴")
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "Note: nothing fitting opening is about 乡村振兴; took the best fitting one\n"
    )


def test_the_same_seed_gives_the_same_phrase(run: Any, draft_work: Path) -> None:
    chosen = set()
    for seed in range(12):
        runs = []
        for _ in range(2):
            make_draft(draft_work / "d.yaml")
            assert run("swap", "d.yaml", "opening", "--seed", str(seed), "-q").exit_code == 0
            runs.append((draft_work / "d.yaml").read_bytes())
        assert runs[0] == runs[1]
        chosen.add(ids(draft_work / "d.yaml")["sections"][1]["items"][0])
    assert chosen == {"opening-b", "opening-d"}  # the seed does choose


def test_swap_a_sub_point(run: Any, draft_work: Path) -> None:
    result = run("swap", "d.yaml", "1.1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "1.1  point-c3  一是要关心困难职工。帮扶要落到实处。\n"
        "     from talks/2023.txt:8 · occasion work-meeting\n"
    )
    assert ids(draft_work / "d.yaml")["sections"][3]["items"][0] == {
        "id": "point-p1",
        "children": ["point-c3", "point-c2"],
    }
    lines = export(run, "d.yaml")
    assert lines == [*BEFORE[:7], "一是要关心困难职工。帮扶要落到实处。", *BEFORE[8:]]
    again = run("swap", "d.yaml", "1.2")
    assert again.exit_code == 1
    assert again.stderr == (
        "Error: d.yaml: no other sub-point fits 1.2 (a sub-point of point 1 in the bank, not in the draft "
        "already); 1 swapped out before is not drawn again (delete it from 'rejected:' in the draft to draw "
        "from it); swap 1 for another point with its own sub-points; the draft is unchanged\n"
    )


def test_swap_a_point_with_sub_points(run: Any, draft_work: Path) -> None:
    result = run("swap", "d.yaml", "1", "--topic", "安全生产", "-q")
    assert result.exit_code == 0, result.stderr
    points = ids(draft_work / "d.yaml")["sections"][3]["items"]
    assert points[0] == "point-p5" and points[1:] == ["point-p2", "point-p3"]  # its sub-points went with it
    new_point = ["一、抓好安全生产，守住安全底线", "安全生产是头等大事。要落实安全生产责任。"]
    assert export(run, "d.yaml") == [*BEFORE[:5], *new_point, *BEFORE[9:]]


def test_swap_the_closing(run: Any, draft_work: Path) -> None:
    result = run("swap", "d.yaml", "closing.1", "-q")
    assert result.exit_code == 0, result.stderr
    assert ids(draft_work / "d.yaml")["sections"][4]["items"] == ["closing-d", "closing-b"]
    assert export(run, "d.yaml") == [*BEFORE[:-2], "最后，希望大家把会议精神带回去，抓好落实。", "谢谢大家！"]


def test_swap_the_transition_keeps_the_count(run: Any, draft_work: Path) -> None:
    assert run("swap", "d.yaml", "transition", "-q").exit_code == 0
    assert export(run, "d.yaml") == [*BEFORE[:4], "下面，我讲三点意见。", *BEFORE[5:]]


def test_nothing_else_fits_the_salutation(run: Any, draft_work: Path) -> None:
    before = (draft_work / "d.yaml").read_bytes()
    result = run("swap", "d.yaml", "salutation")  # the congress salutation does not fit a draft_work meeting
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: d.yaml: no other salutation fits salutation (of the draft's occasion, not in the draft "
        "already); the draft is unchanged\n"
    )
    assert (draft_work / "d.yaml").read_bytes() == before


def test_a_strict_draft_swaps_only_to_phrases_with_nothing_to_check(run: Any, draft_work: Path) -> None:
    strict = DRAFT.replace("  - point-p3\n", "  - point-p4\n").replace(
        "minutes: null\n", "minutes: null\nstrict: true\n"
    )
    for seed in range(5):
        make_draft(draft_work / "d.yaml", strict)
        assert run("swap", "d.yaml", "2", "--seed", str(seed), "-q").exit_code == 0
        data = ids(draft_work / "d.yaml")
        assert data["sections"][3]["items"][1] == "point-p5"  # never point-p3 (全县 to check)
        assert data["strict"] is True


@pytest.mark.parametrize(
    ("part", "message"),
    [
        (
            "4",
            "no part '4' in this draft; its parts are: salutation, opening, transition, 1, 1.1, 1.2, 2, 3, "
            "closing.1, closing.2 (as 'speechkit explain d.yaml' lists them)",
        ),
        ("closing", "the draft has 2 parts 'closing'; give one of: closing.1, closing.2"),
        ("2.1", "no part '2.1' in this draft; its parts are: salutation, opening, transition, 1, 1.1, 1.2, "
                "2, 3, closing.1, closing.2 (as 'speechkit explain d.yaml' lists them)"),
    ],
)  # fmt: skip
def test_an_unknown_part_lists_the_parts(run: Any, draft_work: Path, part: str, message: str) -> None:
    before = (draft_work / "d.yaml").read_bytes()
    result = run("swap", "d.yaml", part)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: d.yaml: {message}\n")
    assert (draft_work / "d.yaml").read_bytes() == before


def test_parts_are_named_loosely_where_that_is_clear(run: Any, draft_work: Path) -> None:
    assert run("swap", "d.yaml", "Opening.1", "-q").exit_code == 0  # opening of a draft with one


def test_the_template_s_own_text_is_not_swapped(run: Any, draft_work: Path) -> None:
    template = draft_work / "phrasebanks" / "templates" / "talk.yaml"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "  - transition\n", "  - transition\n  - text: {text: 一要抓落实。}\n"
        ),
        encoding="utf-8",
    )
    draft = DRAFT.replace(
        "- kind: points\n", "- kind: text\n  items: [{text: 一要抓落实。}]\n- kind: points\n"
    )
    make_draft(draft_work / "d.yaml", draft)
    result = run("swap", "d.yaml", "text")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: d.yaml: text is the template's own text, not a phrase of the bank;"
    )


def test_the_file_is_replaced_atomically(run: Any, draft_work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = draft_work / "d.yaml"
    inode = draft.stat().st_ino
    assert run("swap", "d.yaml", "opening", "-q").exit_code == 0
    assert draft.stat().st_ino != inode  # a new file renamed over the old one, not written in place
    assert sorted(p.name for p in draft_work.iterdir()) == ["d.yaml", "phrasebanks"]  # no temporary file left
    before = draft.read_bytes()

    def refuse(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = run("swap", "d.yaml", "2")
    assert (result.exit_code, result.stderr) == (1, "Error: d.yaml: cannot write (No space left on device)\n")
    assert draft.read_bytes() == before
    assert sorted(p.name for p in draft_work.iterdir()) == ["d.yaml", "phrasebanks"]


def test_swap_json(run: Any, draft_work: Path) -> None:
    result = run("swap", "d.yaml", "1.1", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("part", "old", "new", "chars", "checks")} == {
        "part": "1.1",
        "old": "point-c1",
        "new": "point-c3",
        "chars": 223 - len("要抓好班组长培训培训要有计划。") + len("要关心困难职工帮扶要落到实处。"),
        "checks": 2,
    }
    assert [p["part"] for p in data["parts"]] == ["1.1"]


def test_a_saved_draft_swapped_exports_without_a_note(run: Any, draft_work: Path) -> None:
    made = run(
        "generate", "-t", "talk", "--slot", "org=郴州市总工会", "--seed", "3", "--save-draft", "s.yaml", "-q"
    )
    assert made.exit_code == 0, made.stderr
    before = ids(draft_work / "s.yaml")
    lines = export(run, "s.yaml")
    result = run("swap", "s.yaml", "2", "-q")
    assert result.exit_code == 0, result.stderr
    after = ids(draft_work / "s.yaml")
    for key in ("template", "template_file", "template_sha256", "bank", "slots", "seed", "rate"):
        assert after[key] == before[key]
    assert after["phrases_sha256"] != before["phrases_sha256"]
    exported = run("export", "s.yaml", "-o", "s.md")
    assert exported.exit_code == 0 and "Note:" not in exported.stderr
    old_point = next(line for line in lines if line.startswith("二、"))
    markdown = (draft_work / "s.md").read_text(encoding="utf-8")
    assert "\n## 二、" in markdown and old_point not in markdown
    assert next(line for line in export(run, "s.yaml") if line not in lines).startswith("二、")


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("speechkit swap d.yaml ", ["salutation", "opening", "transition", "1", "1.1", "1.2", "2", "3",
                                    "closing.1", "closing.2"]),
        ("speechkit swap d.yaml clo", ["closing.1", "closing.2"]),
        ("speechkit swap d.yaml 1", ["1", "1.1", "1.2"]),
        ("speechkit generate --from d.yaml --pin c", ["closing.1", "closing.2"]),
        ("speechkit swap nothere.yaml ", []),
    ],
)  # fmt: skip
def test_parts_are_completed_from_the_draft(words: str, offered: list[str], draft_work: Path) -> None:
    from .test_completion import complete

    values, imports = complete(words, draft_work)
    assert values == offered
    assert "jieba" not in imports


@pytest.mark.parametrize("template", ["work-meeting", "congress", "commendation", "symposium", "festival"])
def test_every_part_of_a_shipped_draft_swaps_alone(template: str, tmp_path: Path) -> None:
    """Drafts of the shipped banks: each part swapped in turn, every other part reads
    as before (text, numbering and checks), the file renders as swap said, or nothing
    else fits and the file is as it was."""
    from speechkit.bank.load import load_bank
    from speechkit.drafting.addresses import places
    from speechkit.drafting.assemble import assemble
    from speechkit.drafting.draftfile import dump, load_draft
    from speechkit.drafting.provenance import explain
    from speechkit.drafting.swap import swap
    from speechkit.drafting.templates import load_template
    from speechkit.errors import DraftError

    from .conftest import DEFAULT_BANK

    bank, tmpl = load_bank(DEFAULT_BANK), load_template(template, DEFAULT_BANK)
    swapped = 0
    for seed in (0, 1):
        draft = assemble(
            bank, tmpl, slots={"org": "郴州市总工会", "year": "2026", "event": "大会"}, seed=seed
        )
        text = dump(draft, bank, tmpl)
        before = {p.address: p for p in explain(draft, bank, tmpl)}
        for place in places(draft.parts):
            file = tmp_path / "d.yaml"
            file.write_text(text, encoding="utf-8")
            try:
                done = swap(file, place.address)
            except DraftError as error:
                assert "no other" in str(error) and file.read_text(encoding="utf-8") == text
                continue
            swapped += 1
            assert [p.address for p in done.parts][:1] == [place.address]
            after = {p.address: p for p in explain(done.draft, bank, tmpl)}
            assert after[place.address].id != place.item.id or place.item.id is None
            for address, part in before.items():
                if address != place.address and not address.startswith(place.address + "."):
                    assert (after[address].id, after[address].text, after[address].checks) == (
                        part.id,
                        part.text,
                        part.checks,
                    )
            assert load_draft(file).blocks == done.draft.blocks
    assert swapped >= 2  # a festival from a bank of work speeches has little to swap in


def test_a_move_is_swapped_for_a_phrase_that_makes_it(run: Any, draft_work: Path) -> None:
    """An opening of two moves: the other place's choice never takes the only phrase
    that could replace this one (a phrase making both moves)."""
    bank = draft_work / "phrasebanks"
    (bank / "templates" / "moves.yaml").write_text(
        (bank / "templates" / "talk.yaml")
        .read_text(encoding="utf-8")
        .replace("name: talk", "name: moves")
        .replace("opening: {pick: 1}", "opening: {moves: [purpose, review]}")
        + "wording:\n  purpose: 今天开会，部署工作。\n  review: 去年各项工作取得新成绩。\n",
        encoding="utf-8",
    )
    openings = bank / "openings.yaml"
    entries = [
        ("opening-m1", "今天召开会议，研究部署今年的工作。", "purpose"),
        ("opening-m2", "今天召开会议，回顾去年的工作，研究部署今年的任务。", "purpose, review"),
        ("opening-m3", "去年，全系统各项工作取得了新的成绩。", "review"),
    ]
    openings.write_text(
        "kind: opening\nphrases:\n"
        + "".join(
            f"  - id: {pid}\n    text: {text}\n    occasion: work-meeting\n    moves: [{moves}]\n"
            for pid, text, moves in entries
        ),
        encoding="utf-8",
    )
    make_draft(
        draft_work / "d.yaml",
        DRAFT.replace("template: talk", "template: moves").replace(
            "items: [opening-a]", "items: [opening-m1, opening-m3]"
        ),
    )
    for seed in range(4):
        make_draft(draft_work / "e.yaml", (draft_work / "d.yaml").read_text(encoding="utf-8"))
        result = run("swap", "e.yaml", "opening.2", "--seed", str(seed), "-q")
        assert result.exit_code == 0, result.stderr
        assert ids(draft_work / "e.yaml")["sections"][1]["items"] == ["opening-m1", "opening-m2"]
    result = run("swap", "e.yaml", "opening.2")
    assert result.exit_code == 0, result.stderr  # nothing else makes the move: the template's wording
    assert ids(draft_work / "e.yaml")["sections"][1]["items"] == [
        "opening-m1",
        {"text": "去年各项工作取得新成绩。"},
    ]
    assert result.stderr.startswith("Swapped opening.2 in e.yaml: opening-m2 → template wording\n")
    assert result.stdout == "opening.2  template wording  去年各项工作取得新成绩。\n"
    again = run("swap", "e.yaml", "opening.2")
    assert again.exit_code == 1 and "no other opening fits opening.2" in again.stderr
