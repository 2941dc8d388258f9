"""The compiled bank index: used when valid, rebuilt when the YAML changes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from speechkit.bank import index as bankindex
from speechkit.bank.load import load_bank
from speechkit.errors import BankError


@pytest.fixture
def bank_copy(tmp_path: Path, seed_bank: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SPEECHKIT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "bank"
    shutil.copytree(seed_bank, folder)
    return folder


def test_index_is_built_and_then_used(bank_copy: Path) -> None:
    assert bankindex.load(bank_copy) is None
    first = load_bank(bank_copy)
    assert bankindex.index_path(bank_copy).is_file()
    cached = bankindex.load(bank_copy)
    assert cached is not None
    assert [p.to_dict() for p in cached.all()] == [p.to_dict() for p in first.all()]


def test_an_edit_to_the_yaml_is_never_served_stale(bank_copy: Path) -> None:
    load_bank(bank_copy)
    path = bank_copy / "salutations.yaml"
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    # same size and the same mtime: only the change time and content differ
    edited = text.replace("text: 同志们：", "text: 朋友们：")
    assert len(edited.encode()) == len(text.encode())
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert bankindex.load(bank_copy) is None
    assert load_bank(bank_copy).of_kind("salutation")[0].text == "朋友们："


def test_a_new_file_invalidates_the_index(bank_copy: Path) -> None:
    (bank_copy / "closings.yaml").unlink()
    load_bank(bank_copy)
    (bank_copy / "closings.yaml").write_text(
        "kind: closing\nphrases:\n  - id: c1\n    text: 谢谢！\n", encoding="utf-8"
    )
    assert [p.text for p in load_bank(bank_copy).of_kind("closing")] == ["谢谢！"]


def test_an_invalid_edit_is_reported_not_hidden_by_the_index(bank_copy: Path) -> None:
    load_bank(bank_copy)
    path = bank_copy / "openings.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: x\n    txt: oops\n", encoding="utf-8")
    with pytest.raises(BankError) as info:
        load_bank(bank_copy)
    assert any("unknown key 'txt'" in p for p in info.value.problems)


def test_a_corrupt_index_is_ignored(bank_copy: Path) -> None:
    load_bank(bank_copy)
    bankindex.index_path(bank_copy).write_bytes(b"\x00garbage")
    assert len(load_bank(bank_copy)) > 0
    assert bankindex.load(bank_copy) is not None  # rebuilt


def test_indexed_and_in_memory_banks_give_the_same_drafts(
    bank_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from speechkit.drafting import assemble as assembly
    from speechkit.drafting.render import to_text
    from speechkit.drafting.templates import load_template

    memory = load_bank(bank_copy, use_index=False)
    load_bank(bank_copy)  # builds the index
    indexed = bankindex.load(bank_copy)
    assert indexed is not None
    template = load_template("work-meeting")
    # small kinds are taken whole; force sampling to cover the large-bank path too
    for pool_all in (assembly.POOL_ALL, 5):
        monkeypatch.setattr(assembly, "POOL_ALL", pool_all)
        monkeypatch.setattr(assembly, "POOL_SAMPLE", 12)
        for seed in range(15):
            for topic in ([], ["班组"], ["量子"]):
                a = to_text(assembly.assemble(memory, template, seed=seed, topic=topic, minutes=6))
                b = to_text(assembly.assemble(indexed, template, seed=seed, topic=topic, minutes=6))
                assert a == b, (pool_all, seed, topic)


def test_indexed_search_matches_the_in_memory_search(
    bank_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = load_bank(bank_copy, use_index=False)
    load_bank(bank_copy)
    indexed = bankindex.load(bank_copy)
    assert indexed is not None
    for kind, word, tag in [
        (None, "工会", None),
        ("point", "班组", None),
        (None, None, "congress"),
        ("opening", "之际", "congress"),
        (None, "％_\\", None),
    ]:
        for limit in (0, 3):
            got = indexed.search(kind, word, tag, limit)
            want = memory.search(kind, word, tag, limit)
            assert [p.id for p in got[0]] == [p.id for p in want[0]] and got[1] == want[1]
    monkeypatch.setattr(bankindex, "EXACT_COUNT_MAX", 10)
    shown, total = indexed.search(None, "工会", None, 3)
    assert len(shown) == 3 and total is None  # large bank: "more match" instead of a full count
    assert [p.id for p in shown] == [p.id for p in memory.search(None, "工会", None, 3)[0]]


def test_an_edit_with_the_same_stat_is_caught_by_the_hash(
    bank_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_bank(bank_copy)
    before = bankindex.signature(bank_copy)
    real_stat = Path.stat
    frozen = {p: real_stat(p) for p in bank_copy.iterdir()}
    path = bank_copy / "transitions.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("几点意见", "几个问题"), encoding="utf-8")  # same length in bytes
    # pretend the file system kept every stat field (a restore that preserves times and inode)
    monkeypatch.setattr(Path, "stat", lambda self, **kw: frozen.get(self) or real_stat(self, **kw))
    assert [f[:5] for f in json.loads(bankindex.signature(bank_copy))[3]] == [
        f[:5] for f in json.loads(before)[3]
    ]
    assert bankindex.signature(bank_copy) != before
