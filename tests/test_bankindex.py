"""The compiled bank index: used when valid, rebuilt when the YAML changes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from speechkit.bank import index as bankindex
from speechkit.bank.load import load_bank
from speechkit.errors import BankError


def indexed_bank(folder: Path) -> bankindex.IndexedBank | None:
    return bankindex.load(folder, rebuild=lambda: load_bank(folder, use_index=False))


@pytest.fixture
def bank_copy(tmp_path: Path, seed_bank: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SPEECHKIT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "bank"
    shutil.copytree(seed_bank, folder)
    return folder


def test_index_is_built_and_then_used(bank_copy: Path) -> None:
    assert indexed_bank(bank_copy) is None
    first = load_bank(bank_copy)
    assert bankindex.index_path(bank_copy).is_file()
    cached = indexed_bank(bank_copy)
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
    assert indexed_bank(bank_copy) is None
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
    assert indexed_bank(bank_copy) is not None  # rebuilt


def test_indexed_and_in_memory_banks_give_the_same_drafts(
    bank_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from speechkit.drafting import assemble as assembly
    from speechkit.drafting.render import to_text
    from speechkit.drafting.templates import load_template

    memory = load_bank(bank_copy, use_index=False)
    load_bank(bank_copy)  # builds the index
    indexed = indexed_bank(bank_copy)
    assert indexed is not None
    template = load_template("work-meeting")
    # small kinds are taken whole; force sampling to cover the large-bank path too
    for sample, on_topic in ((assembly.POOL_SAMPLE, assembly.POOL_TOPIC), (4, 3)):
        for name in ("POOL_SAMPLE", "SPOKEN_SAMPLE"):
            monkeypatch.setattr(assembly, name, sample)
        for name in ("POOL_TOPIC", "SPOKEN_TOPIC"):
            monkeypatch.setattr(assembly, name, on_topic)
        for seed in range(15):
            for topic in ([], ["班组"], ["量子"]):
                a = to_text(assembly.assemble(memory, template, seed=seed, topic=topic, minutes=6))
                b = to_text(assembly.assemble(indexed, template, seed=seed, topic=topic, minutes=6))
                assert a == b, (sample, seed, topic)


def test_indexed_search_matches_the_in_memory_search(
    bank_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = load_bank(bank_copy, use_index=False)
    load_bank(bank_copy)
    indexed = indexed_bank(bank_copy)
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


def frozen_stats(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Pretend the file system keeps every stat field through an edit, as one
    with one-second timestamps does for an edit within the same second."""
    real_stat = os.stat
    frozen = {str(p): real_stat(p) for p in folder.iterdir()}
    monkeypatch.setattr(bankindex.os, "stat", lambda p, **kw: frozen.get(str(p)) or real_stat(p, **kw))


def test_an_edit_with_the_same_stat_is_caught_by_the_full_hash(
    bank_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bank_copy / "points.yaml"  # edit the middle of a large file: its two ends stay the same
    text = path.read_text(encoding="utf-8") + "".join(
        f"  - id: p{n}\n    text: 第{n:04d}条要点\n" for n in range(8000)
    )
    path.write_text(text, encoding="utf-8")
    load_bank(bank_copy)
    frozen_stats(monkeypatch, bank_copy)
    path.write_text(text.replace("第4000条要点", "第四千条要点"), encoding="utf-8")  # same length in bytes
    assert indexed_bank(bank_copy) is None
    assert load_bank(bank_copy).get("p4000").text == "第四千条要点"  # type: ignore[union-attr]


def test_a_settled_file_is_trusted_by_its_stat_and_a_fresh_one_by_its_hash(
    bank_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_bank(bank_copy)  # just written: not settled, so checked by content until it settles
    hashed: list[str] = []
    real_hash = bankindex._content_hash
    monkeypatch.setattr(bankindex, "_content_hash", lambda p: hashed.append(p.name) or real_hash(p))
    assert indexed_bank(bank_copy) is not None and len(hashed) == 5
    monkeypatch.setattr(bankindex, "SETTLE_NS", 0)  # now every file has settled
    hashed.clear()
    assert indexed_bank(bank_copy) is not None and len(hashed) == 5  # checked, then recorded settled
    hashed.clear()
    assert indexed_bank(bank_copy) is not None and hashed == []  # from now on, one stat a file


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("signature", '[7, "0.1.0", [3, 11], []]'),  # an older index's signature (json)
        ("signature", "speechkit-index"),  # cut short
        ("signature", None),
        ("signature", b"\x00\xff"),
        ("counts", "point:x"),
        ("counts", 7),
        ("counts", "salutation:3 opening:2 transition:1 closing:2"),  # points left out
        ("counts", "salutation:3 opening:2 transition:1 point:-4 closing:2"),
        ("counts", None),
    ],
)
def test_a_signature_or_count_not_well_formed_discards_the_index(
    bank_copy: Path, key: str, value: object
) -> None:
    import sqlite3

    load_bank(bank_copy)
    with sqlite3.connect(bankindex.index_path(bank_copy)) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    assert indexed_bank(bank_copy) is None
    if key == "counts":  # a signature of another version is rebuilt over; damage is removed at once
        assert not bankindex.index_path(bank_copy).exists()
    assert [p.to_dict() for p in load_bank(bank_copy).all()] == [
        p.to_dict() for p in load_bank(bank_copy, use_index=False).all()
    ]
    assert indexed_bank(bank_copy) is not None  # built again


def damage(index: Path, at: float) -> None:
    """Overwrite a stretch of the file (past SQLite's header) with garbage."""
    data = bytearray(index.read_bytes())
    start = max(100, int(len(data) * at))
    data[start : start + 4096] = bytes((n * 37 + 11) % 256 for n in range(4096))[: len(data) - start]
    index.write_bytes(bytes(data))


@pytest.mark.parametrize("at", [0.2, 0.5, 0.9])
def test_a_damaged_index_is_discarded_and_the_yaml_read(
    run: Any, bank_copy: Path, monkeypatch: pytest.MonkeyPatch, at: float
) -> None:
    want = run("phrases", "--bank", str(bank_copy), "--search", "工会", "--limit", "0").stdout
    draft = run("generate", "--seed", "3", "--no-input", "--bank", str(bank_copy)).stdout
    damage(bankindex.index_path(bank_copy), at)
    for _ in range(2):  # and the next run uses the rebuilt index
        result = run("phrases", "--bank", str(bank_copy), "--search", "工会", "--limit", "0")
        assert (result.exit_code, result.stdout) == (0, want), result.stderr
        again = run("generate", "--seed", "3", "--no-input", "--bank", str(bank_copy))
        assert (again.exit_code, again.stdout) == (0, draft), again.stderr
    assert indexed_bank(bank_copy) is not None


def test_a_record_that_does_not_decode_is_caught_by_its_checksum(bank_copy: Path) -> None:
    import sqlite3

    memory = load_bank(bank_copy, use_index=False)
    load_bank(bank_copy)
    with sqlite3.connect(bankindex.index_path(bank_copy)) as db:
        (blob,) = db.execute(
            "SELECT record FROM phrases JOIN searchable USING (rowid) WHERE kind = 'closing' LIMIT 1"
        ).fetchone()
        flipped = blob[:10] + bytes([blob[10] ^ 1]) + blob[11:]  # one bit of the text
        db.execute("UPDATE phrases SET record = ? WHERE record = ?", (flipped, blob))
    indexed = indexed_bank(bank_copy)
    assert indexed is not None
    assert [p.text for p in indexed.of_kind("closing")] == [p.text for p in memory.of_kind("closing")]


def test_no_temporary_index_is_left_on_a_full_disk(bank_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    real_connect = sqlite3.connect

    class Full(sqlite3.Connection):
        def executemany(self, *args: Any) -> Any:
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(bankindex.sqlite3, "connect", lambda path, **kw: real_connect(path, factory=Full))
    load_bank(bank_copy)
    assert list((Path(os.environ["SPEECHKIT_CACHE_DIR"]) / "banks").iterdir()) == []


def test_a_parallel_extract_builds_the_index_beside_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from speechkit.mining import extract as mining

    from .conftest import SEEDS

    monkeypatch.setenv("SPEECHKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(mining, "_INDEX_BESIDE_MIN", 1)  # the seeds are a small bank
    folder = tmp_path / "bank"
    mining.extract([SEEDS], folder, jobs=2)
    cached = indexed_bank(folder)
    assert cached is not None, "the index built in a helper process is in place and valid"
    from_yaml = load_bank(folder, use_index=False)
    assert [p.to_dict() for p in cached.all()] == [p.to_dict() for p in from_yaml.all()]
    assert not list(bankindex.index_path(folder).parent.glob(".*.tmp"))


@pytest.mark.parametrize("damage_done", ["another kind's record in a row", "a row missing"])
def test_a_row_out_of_its_place_is_caught(bank_copy: Path, damage_done: str) -> None:
    """A draft reads a phrase by its row number (its kind's first row plus its
    position); a record that is whole but not the one that belongs there is
    damage, never a phrase of another kind served in its place."""
    import sqlite3

    memory = load_bank(bank_copy, use_index=False)
    load_bank(bank_copy)
    with sqlite3.connect(bankindex.index_path(bank_copy)) as db:
        first = dict(db.execute("SELECT kind, min(rowid) FROM searchable GROUP BY kind"))
        last = dict(db.execute("SELECT kind, max(rowid) FROM searchable GROUP BY kind"))
        if damage_done == "a row missing":
            db.execute("DELETE FROM phrases WHERE rowid = ?", (last["closing"],))
        else:
            db.execute(
                "UPDATE phrases SET record = (SELECT record FROM phrases WHERE rowid = ?) WHERE rowid = ?",
                (first["opening"], last["closing"]),
            )
    indexed = indexed_bank(bank_copy)
    assert indexed is not None
    closings = [p.to_dict() for p in memory.of_kind("closing")]
    assert [p.to_dict() for p in indexed.at("closing", [len(closings) - 1])] == closings[-1:]
    assert not indexed.read_from_index()  # found damaged, and answered from the YAML
    assert [p.to_dict() for p in indexed.of_kind("closing")] == closings


def test_a_temporary_index_a_dead_build_left_is_removed_by_the_next_build(bank_copy: Path) -> None:
    load_bank(bank_copy)
    cache = bankindex.index_path(bank_copy).parent
    abandoned = cache / ".0123456789abcdef0123.sqlite.4242.tmp"
    recent = cache / ".0123456789abcdef0123.sqlite.4243.tmp"  # a build still running, perhaps elsewhere
    other = cache / "notes.tmp"  # not ours
    for path in (abandoned, recent, other):
        path.write_bytes(b"half an index")
    old = bankindex.ABANDONED_AFTER_S + 60
    for path in (abandoned, other):
        os.utime(path, (path.stat().st_atime - old, path.stat().st_mtime - old))
    (bank_copy / "closings.yaml").write_text(
        "kind: closing\nphrases:\n  - id: c1\n    text: 谢谢！\n", encoding="utf-8"
    )
    load_bank(bank_copy)  # the bank changed: indexed again
    assert not abandoned.exists()
    assert recent.exists() and other.exists()
