"""The year before the user's: a review of 2024 in a speech of 2025 is mined as
{last_year} and filled from ``--slot year``, never given and never saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from speechkit.mining.extract import extract

SPEECH = """在2025年全市工会工作会议上的讲话
同志们：
今天召开全市工会工作会议，主要是回顾总结2024年的工会工作，安排部署2025年的工作任务。
下面，我讲两点意见。
一、围绕中心，服务大局
各级工会要紧扣全市发展大局，组织职工开展劳动竞赛和技术比武，在重点工程一线建功立业。
二、突出维权，服务职工
要健全职工诉求表达机制，推进工资集体协商，依法维护职工劳动报酬、休息休假和社会保障权益。
同志们，让我们团结一心，为完成全年目标任务而努力奋斗！
"""


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    source = tmp_path / "speech.txt"
    source.write_text(SPEECH, encoding="utf-8")
    extract([source], tmp_path / "bank")
    return tmp_path / "bank"


def test_the_year_before_the_speech_is_mined_as_last_year(bank: Path) -> None:
    openings = (bank / "openings.yaml").read_text(encoding="utf-8")
    assert "回顾总结{last_year}年的工会工作，安排部署{year}年的工作任务" in openings
    assert "2024" not in openings


def test_last_year_is_filled_from_the_given_year(run: Any, bank: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    result = run(
        "generate",
        "--bank",
        str(bank),
        "--slot",
        "year=2031",
        "--seed",
        "1",
        "--no-input",
        "--save-draft",
        str(draft),
        "-o",
        str(tmp_path / "out.txt"),
    )
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "回顾总结2030年的工会工作，安排部署2031年的工作任务" in text
    saved = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert saved["slots"]["year"] == "2031" and "last_year" not in saved["slots"]
    again = run("export", str(draft), "-o", str(tmp_path / "again.txt"))
    assert again.exit_code == 0, again.stderr
    assert (tmp_path / "again.txt").read_text(encoding="utf-8") == text


def test_a_year_in_chinese_numerals_leaves_last_year_for_the_writer(run: Any, bank: Path) -> None:
    result = run("generate", "--bank", str(bank), "--slot", "year=二〇二六", "--seed", "1", "--no-input")
    assert result.exit_code == 0, result.stderr
    assert "回顾总结【上一年份】年的工会工作，安排部署二〇二六年的工作任务" in result.stdout


@pytest.mark.parametrize(
    ("value", "hint"),
    [("2026年", "give 2026"), ("明年", "give it as 2026"), ("26", "give it as 2026")],
)
def test_a_year_is_a_year_alone(run: Any, bank: Path, value: str, hint: str) -> None:
    """Phrases and templates write {year}年: 2026年 would be drafted as 2026年年."""
    result = run("generate", "--bank", str(bank), "--slot", f"year={value}", "--no-input")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: slot year must be a year alone, not {value!r}: {hint} (the draft writes 年 after it)\n",
    )


def test_last_year_cannot_be_given(run: Any, bank: Path) -> None:
    result = run("generate", "--bank", str(bank), "--slot", "last_year=2020", "--no-input")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: slot 'last_year' is filled by speechkit (the year before --slot year); leave it out\n",
    )


def test_a_saved_draft_with_a_year_that_is_no_year_alone_names_the_file(
    run: Any, bank: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.yaml"
    result = run(
        "generate", "--bank", str(bank), "--slot", "year=2031", "--no-input", "--save-draft", str(draft)
    )
    assert result.exit_code == 0, result.stderr
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("year: '2031'", "year: 2031年"), encoding="utf-8"
    )
    assert "2031年" in draft.read_text(encoding="utf-8")
    again = run("export", str(draft), "-o", str(tmp_path / "out.txt"))
    assert (again.exit_code, again.stderr) == (
        1,
        f"Error: {draft}: slot year must be a year alone, not '2031年': give 2031 "
        "(the draft writes 年 after it); edit the slots in the file\n",
    )
    assert not (tmp_path / "out.txt").exists()
