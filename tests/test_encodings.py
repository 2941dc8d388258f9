"""Legacy encodings (issue 14, class 10): Big5 is decoded as Big5, not as
GB18030 mojibake; text that decodes to nonsense in every candidate encoding
is refused, never mined."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from speechkit.reading.encodings import decode

TRADITIONAL = (
    "同志們：\n今天我們召開工會工作會議，總結過去一年的工作，部署今年的任務。\n"
    "一、加強組織建設\n要進一步健全基層工會組織，擴大覆蓋面。\n"
    "二、做好服務工作\n要為職工辦實事、辦好事、解難事。\n謝謝大家！\n"
)
SIMPLIFIED = (
    "同志们：\n今天我们召开工会工作会议，总结过去一年的工作，部署今年的任务。\n"
    "一、加强组织建设\n要进一步健全基层工会组织，扩大覆盖面。\n谢谢大家！\n"
)


def test_big5_is_decoded_as_big5() -> None:
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the trap: Big5 bytes are valid GB18030 too
    assert decode(data, "t.txt") == (TRADITIONAL, "big5")


def test_gbk_stays_gbk() -> None:
    assert decode(SIMPLIFIED.encode("gbk"), "s.txt") == (SIMPLIFIED, "gbk")


def test_a_big5_speech_is_mined_in_its_own_characters(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "t.txt").write_bytes(TRADITIONAL.encode("big5"))
    monkeypatch.chdir(tmp_path)
    result = run("extract", "t.txt", "-o", "bank")
    assert result.exit_code == 0, result.stderr
    points = (tmp_path / "bank" / "points.yaml").read_text(encoding="utf-8")
    assert "text: 加強組織建設" in points and "text: 做好服務工作" in points


@pytest.mark.parametrize(
    ("text", "encoding", "tried"),
    [
        ("日本語のテキストです。これは会議の挨拶です。" * 20, "shift_jis", "GB18030"),
        ("오늘 우리는 노동조합 회의를 개최합니다. 감사합니다. " * 20, "euc-kr", "GB18030"),
    ],
)
def test_text_that_decodes_to_nonsense_is_refused(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, encoding: str, tried: str
) -> None:
    (tmp_path / "x.txt").write_bytes(text.encode(encoding))
    monkeypatch.chdir(tmp_path)
    result = run("extract", "x.txt", "-o", "bank")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: x.txt: decoded as {tried} it is not Chinese text (another encoding?); "
        "save it as UTF-8 and try again\n",
    )
    assert not (tmp_path / "bank").exists()
