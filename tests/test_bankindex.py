"""The compiled bank index: used when valid, rebuilt when the YAML changes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from speechkit import bankindex
from speechkit.bank import load_bank
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
