"""`speechkit outline`: the JSON contract and the tree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import FIXTURES, ROOT


def test_outline_json_is_the_design_contract(run: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(ROOT)
    result = run("outline", "seeds/union_speeches.txt", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    (f,) = data["files"]
    assert f["path"] == "seeds/union_speeches.txt"
    assert len(f["speeches"]) == 6
    speech = f["speeches"][1]
    assert list(speech) == [
        "index",
        "line",
        "title",
        "date",
        "event",
        "salutation",
        "opening",
        "transition",
        "points",
        "closing",
    ]
    assert (speech["index"], speech["line"], speech["title"]) == (2, 27, "工会讲话致辞简短精辟篇二")
    assert speech["salutation"] == "同志们："
    assert speech["transition"].startswith("下面，我就") and speech["transition"].endswith("讲三点意见：")
    point = speech["points"][0]
    assert list(point) == ["style", "number", "heading", "body", "line", "part", "children"]
    assert (point["style"], point["number"], point["line"]) == ("一、", 1, 31)
    child = point["children"][0]
    assert (child["style"], child["number"], child["children"]) == ("（一）", 1, [])
    assert f["speeches"][0]["salutation"] is None and f["speeches"][0]["closing"] == []


def test_outline_tree(run: Any) -> None:
    result = run("outline", str(FIXTURES / "sayings.txt"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == "└── speech 1 · 在“五一”劳动节劳模座谈会上的讲话 · line 2"
    assert "    ├── salutation: 各位劳模、同志们：" in lines
    assert "    ├── transition: 我谈三点体会。" in lines
    assert any(line.endswith("第一，劳模精神是宝贵的精神财富  (line 5, 1 ¶)") for line in lines)
    assert any(line.endswith("第三，要关心关爱劳模  (line 7, 1 ¶)") for line in lines)


def test_outline_of_a_folder_lists_every_file(run: Any) -> None:
    result = run("outline", str(FIXTURES), "--json")
    assert result.exit_code == 0
    names = [Path(f["path"]).name for f in json.loads(result.stdout)["files"]]
    assert names == sorted(names) and "gov_report.txt" in names and "utf16_speech.txt" in names


def test_outline_bad_input(run: Any, tmp_path: Path) -> None:
    result = run("outline", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'missing.txt'}: no such file or folder\n"
    assert result.stdout == ""
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\xff\x00")
    result = run("outline", str(binary))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "binary" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2(run: Any) -> None:
    result = run("outline")
    assert result.exit_code == 2
