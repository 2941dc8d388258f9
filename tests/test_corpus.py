"""Reading corpus files: encodings, folders and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechkit.errors import CorpusError
from speechkit.reading.corpus import read_corpus, read_file

SPEECH = "同志们：\n今天召开会议。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SPEECH.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SPEECH.encode("utf-8"), "utf-8"),
        (SPEECH.encode("gbk"), "gbk"),
        (SPEECH.encode("gb18030"), "gbk"),
        (SPEECH.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + SPEECH.encode("utf-16-be"), "utf-16"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(data)
    f = read_file(path)
    assert f.text.lstrip("\ufeff") == SPEECH
    assert f.encoding == encoding


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "img.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(CorpusError, match=r"img.txt: looks like a binary file"):
        read_file(path)


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(CorpusError, match=r"bad.txt: cannot decode"):
        read_file(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(" \n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"empty.txt: the file is empty"):
        read_file(path)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"nope.txt: no such file or folder"):
        list(read_corpus([tmp_path / "nope.txt"]))


def test_folder_is_searched_recursively_in_order_and_skips_bad_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "one.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    warnings: list[str] = []
    files = list(read_corpus([tmp_path], warn=warnings.append))
    assert [f.path.name for f in files] == ["two.md", "one.txt"]
    assert len(warnings) == 1 and "empty.txt: the file is empty" in warnings[0]


def test_folder_without_text_files(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"PK")
    with pytest.raises(CorpusError, match=r"no \.txt or \.md files in this folder"):
        list(read_corpus([tmp_path]))
