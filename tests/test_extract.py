"""Extracting a corpus into a bank folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from speechkit.bank.load import load_bank
from speechkit.bank.model import FILE_NAMES
from speechkit.errors import CorpusError
from speechkit.mining.extract import extract

from .conftest import DEFAULT_BANK, FIXTURES, SEEDS


def read_all(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in FILE_NAMES.values()}


def test_seed_counts(seed_bank: Path) -> None:
    bank = load_bank(seed_bank)
    salutations = {p.text: p.count for p in bank.of_kind("salutation")}
    assert salutations == {"同志们：": 4, "各位代表、同志们：": 1}
    assert len(bank.of_kind("transition")) == 4
    top = [p for p in bank.of_kind("point") if p.level == 1]
    assert len(top) == 17
    assert sum(len(p.children) for p in top) == 28
    congress = [p for p in bank.of_kind("opening") if p.text.startswith("在{event}隆重召开之际")]
    assert [p.text for p in congress] == [
        "在{event}隆重召开之际，我代表{speaker}，向大会的召开表示热烈祝贺！"
    ]
    assert congress[0].slots == ["event", "speaker"]
    assert congress[0].sources[0].file == "seeds/union_speeches.txt"
    assert (congress[0].sources[0].speech, congress[0].sources[0].line) == (4, 59)
    assert "congress" in congress[0].tags


def test_points_are_stored_without_markers(seed_bank: Path) -> None:
    bank = load_bank(seed_bank)
    for p in bank.of_kind("point"):
        assert not p.text.startswith(("一、", "（一）", "一是", "(")), p.text
        assert p.heading == p.text
    parent = next(
        p
        for p in bank.of_kind("point")
        if p.text == "认清形势，统一思想，充分认识加强工业园区工会组建工作的重要性和紧迫性"
    )
    children = [bank.get(c) for c in parent.children]
    assert [c.level for c in children if c] == [2, 2, 2, 2]


def test_keywords_are_mined(seed_bank: Path) -> None:
    bank = load_bank(seed_bank)
    transition = next(p for p in bank.of_kind("transition") if "开发区" in p.text)
    assert "工业园" in transition.keywords and "开发区" in transition.keywords
    assert all(1 <= len(p.keywords) <= 6 for p in bank.of_kind("point"))


def test_same_input_gives_byte_identical_output(tmp_path: Path, seed_bank: Path) -> None:
    extract([SEEDS], tmp_path / "again")
    assert read_all(tmp_path / "again") == read_all(seed_bank)
    extract([SEEDS], tmp_path / "again")  # re-extracting into itself changes nothing
    assert read_all(tmp_path / "again") == read_all(seed_bank)


def test_re_extracting_reads_the_bank_from_its_index_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from speechkit.bank import load

    extract([SEEDS], tmp_path / "bank")  # builds the index too
    shutil.copytree(tmp_path / "bank", tmp_path / "copy")  # another folder: no index
    extract([FIXTURES], tmp_path / "copy")  # merged from the YAML
    read_yaml = load.load_file

    def no_yaml(*args: object, **kwargs: object) -> object:
        raise AssertionError("the bank's YAML was read though its index is valid")

    monkeypatch.setattr(load, "load_file", no_yaml)
    extract([FIXTURES], tmp_path / "bank")  # merged from the index
    assert read_all(tmp_path / "bank") == read_all(tmp_path / "copy")
    # a curated entry is written back as its file has it: the YAML is read for it
    monkeypatch.setattr(load, "load_file", read_yaml)
    path = tmp_path / "bank" / "closings.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\n    text:", "\n    curated: true\n    text:", 1)
    )
    load_bank(tmp_path / "bank")  # the index again, for the files as they are now
    monkeypatch.setattr(load, "load_file", no_yaml)
    with pytest.raises(AssertionError, match="YAML was read"):
        extract([FIXTURES], tmp_path / "bank")


def test_committed_default_banks_match_the_tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DEFAULT_BANK.parent)
    extract(["seeds"], tmp_path / "fresh")
    assert read_all(tmp_path / "fresh") == read_all(DEFAULT_BANK), (
        "phrasebanks/ drifted from 'speechkit extract seeds/': re-run it and commit the result"
    )


def test_near_duplicates_are_merged_with_every_source(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for n, ending in enumerate(
        ["最后，预祝大会圆满成功！", "最后，预祝大会圆满成功!", "最后，预祝本次大会圆满成功！"]
    ):
        (corpus / f"{n}.txt").write_text(
            f"同志们：\n今天开会。\n一、抓落实\n要落实。\n{ending}\n", encoding="utf-8"
        )
    extract([corpus], tmp_path / "bank")
    bank = load_bank(tmp_path / "bank")
    (closing,) = bank.of_kind("closing")
    assert closing.count == 3
    assert [s.file for s in closing.sources] == [f"{corpus.as_posix()}/{n}.txt" for n in range(3)]


def test_curated_and_hand_added_entries_survive_re_extraction(tmp_path: Path) -> None:
    out = tmp_path / "bank"
    extract([SEEDS], out)
    openings = out / "openings.yaml"
    text = openings.read_text(encoding="utf-8")
    # the user curates the first entry (and formats it their way) and adds one by hand
    first_start = text.index("  - id: ")
    second_start = text.index("  - id: ", first_start + 1)
    entry = text[first_start:second_start]
    curated = entry.replace("    count: 1\n", "    count: 1  # mine\n    curated: true\n").replace(
        "为贯彻落实党的××大精神", "为深入贯彻党的二十大精神"
    )
    hand = "  - id: my-opening\n    text: 金秋时节，我们相聚在{place}。\n    slots: [place]\n"
    openings.write_text(text[:first_start] + curated + text[second_start:] + hand, encoding="utf-8")
    extract([SEEDS], out)
    after = openings.read_text(encoding="utf-8")
    assert curated in after  # byte for byte, comment included
    assert "为贯彻落实党的××大精神" not in after  # no duplicate of the curated entry
    bank = load_bank(out)
    mine = bank.get("my-opening")
    assert mine is not None and mine.text == "金秋时节，我们相聚在{place}。" and not mine.stale


def test_phrases_gone_from_their_source_are_kept_as_stale(tmp_path: Path) -> None:
    corpus = tmp_path / "c.txt"
    corpus.write_text("同志们：\n今天开会。\n一、抓落实\n要落实。\n谢谢大家！\n", encoding="utf-8")
    out = tmp_path / "bank"
    extract([corpus], out)
    corpus.write_text("同志们：\n今天开会。\n一、抓落实\n要落实。\n", encoding="utf-8")
    report = extract([corpus], out)
    assert report.kinds["closing"].stale == 1
    (closing,) = load_bank(out).of_kind("closing")
    assert closing.text == "谢谢大家！" and closing.stale


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    report = extract([SEEDS], tmp_path / "bank", dry_run=True)
    assert not (tmp_path / "bank").exists()
    assert report.kinds["salutation"].added == 2 and not report.written


def test_failed_extract_leaves_the_bank_as_it_was(tmp_path: Path, seed_bank: Path) -> None:
    out = tmp_path / "bank"
    shutil.copytree(seed_bank, out)
    before = read_all(out)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    with pytest.raises(CorpusError):
        extract([FIXTURES / "zhici.txt", bad], out)
    assert read_all(out) == before


def test_bank_files_are_plain_yaml(seed_bank: Path) -> None:
    for name in FILE_NAMES.values():
        data = yaml.safe_load((seed_bank / name).read_text(encoding="utf-8"))
        assert set(data) == {"kind", "phrases"}


def test_a_photo_caption_alone_is_no_phrase(tmp_path: Path) -> None:
    """A paragraph that is only a web photo caption is said by no one: no phrase of
    empty text (which the bank's own reader refuses) comes of it."""
    source = tmp_path / "web.txt"
    source.write_text(
        "在全市工会工作会议上的讲话\n同志们：\n"
        "今天召开全市工会工作会议，主要是总结工作、部署任务。\n"
        "2020年2月10日，某某在某区调研指导工作。这是某某在某中心调研。 新华社记者 王某/摄\n"
        "一、围绕中心，服务大局\n"
        "各级工会要紧扣全市发展大局，组织职工开展劳动竞赛和技术比武，在重点工程一线建功立业。\n"
        "这是职工在一线劳动竞赛现场。 新华社记者 李某/摄\n"
        "二、突出维权，服务职工\n"
        "要健全职工诉求表达机制，推进工资集体协商，依法维护职工劳动报酬和休息休假权益。\n"
        "同志们，让我们团结一心，为完成全年目标任务而努力奋斗！\n",
        encoding="utf-8",
    )
    extract([source], tmp_path / "bank")
    bank = load_bank(tmp_path / "bank", use_index=False)  # the YAML itself, as after a hand edit
    texts = [p.all_text() for kind in ("opening", "point", "closing") for p in bank.of_kind(kind)]
    assert texts and all(t.strip() for t in texts)
    assert not any("摄" in t for t in texts)
    assert all(b.strip() for p in bank.of_kind("point") for b in p.body)
