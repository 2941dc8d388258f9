"""Word fonts that exist where the file is opened: font sets, the font table's
alternatives, the zh-CN language, and closings kept with what precedes them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

docx = pytest.importorskip(
    "docx", reason="python-docx (the test suite's reader) is not installed: pip install '.[test]'"
)

from docx.oxml.ns import qn  # noqa: E402

from speechkit.drafting.fonts import GB2312, WINDOWS, choose, registry_families  # noqa: E402


def generate(run: Any, tmp_path: Path, *extra: str) -> Any:
    out = tmp_path / "speech.docx"
    result = run(
        "generate", "-t", "commendation", "--slot", "org=郴州市总工会", "--seed", "4", "-o", str(out), *extra
    )
    assert result.exit_code == 0, result.stderr
    return docx.Document(str(out))


def roles(document: Any) -> dict[str, set[tuple[str, bool]]]:
    """East-Asian font and boldness of the paragraphs of each role."""
    found: dict[str, set[tuple[str, bool]]] = {
        "title": set(),
        "body": set(),
        "heading1": set(),
        "heading2": set(),
    }
    paragraphs = [p for p in document.paragraphs if p.text]
    for n, p in enumerate(paragraphs):
        run = p.runs[0]
        font = (str(run._element.rPr.rFonts.get(qn("w:eastAsia"))), bool(run.font.bold))
        if n == 0:
            role = "title"
        elif re.match(r"[一二三四五六七八九十]+、", p.text):
            role = "heading1"
        elif re.match(r"（[一二三四五六七八九十]+）", p.text):
            role = "heading2"
        else:
            role = "body"
        found[role].add(font)
    return found


def test_the_windows_set_names_fonts_every_windows_has(run: Any, tmp_path: Path) -> None:
    assert roles(generate(run, tmp_path, "--font-set", "windows")) == {
        "title": {("宋体", True)},
        "body": {("仿宋", False)},
        "heading1": {("黑体", False)},
        "heading2": {("楷体", False)},
    }


def test_the_gb2312_set_names_the_standards_fonts(run: Any, tmp_path: Path) -> None:
    assert roles(generate(run, tmp_path, "--font-set", "gb2312")) == {
        "title": {("方正小标宋简体", False)},
        "body": {("仿宋_GB2312", False)},
        "heading1": {("黑体", False)},
        "heading2": {("楷体_GB2312", False)},
    }


def font_table(document: Any) -> dict[str, str | None]:
    part = next(p for p in document.part.package.iter_parts() if p.partname.endswith("/fontTable.xml"))
    table = {}
    for font in re.finditer(rb'<w:font w:name="([^"]+)">(.*?)</w:font>', part.blob, re.S):
        alt = re.search(rb'<w:altName w:val="([^"]+)"/>', font.group(2))
        table[font.group(1).decode()] = alt.group(1).decode() if alt else None
    return table


def test_each_font_has_a_windows_alternative_in_the_font_table(run: Any, tmp_path: Path) -> None:
    table = font_table(generate(run, tmp_path, "--font-set", "gb2312"))
    assert {
        name: table.get(name) for name in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体")
    } == {
        "方正小标宋简体": "宋体",
        "仿宋_GB2312": "仿宋",
        "黑体": "SimHei",
        "楷体_GB2312": "楷体",
        "宋体": "SimSun",
    }


def test_the_language_is_simplified_chinese(run: Any, tmp_path: Path) -> None:
    document = generate(run, tmp_path, "--font-set", "windows")
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for props in (defaults, document.styles["Normal"].element.rPr):
        lang = props.find(qn("w:lang"))
        assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("zh-CN", "zh-CN")
        assert props.rFonts.get(qn("w:eastAsia")) == "仿宋"
        assert props.rFonts.get(qn("w:eastAsiaTheme")) is None  # no theme font in its place


def test_headings_and_the_closing_keep_with_what_they_belong_to(run: Any, tmp_path: Path) -> None:
    document = generate(run, tmp_path, "--font-set", "windows")
    paragraphs = [p for p in document.paragraphs if p.text]
    keeps = [bool(p.paragraph_format.keep_with_next) for p in paragraphs]
    last = len(paragraphs) - 1
    assert keeps[last - 1] and not keeps[last]  # the paragraph before the last line goes with it
    for n, p in enumerate(paragraphs):
        if re.match(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）", p.text):
            assert keeps[n], p.text


MACHINES = {
    "stock Windows 10": ["SimSun", "NSimSun", "FangSong", "SimHei", "KaiTi", "Microsoft YaHei"],
    "government Windows": [
        "SimSun",
        "SimHei",
        "FangSong",
        "KaiTi",
        "方正小标宋简体",
        "仿宋_GB2312",
        "楷体_GB2312",
    ],
    "Debian with Noto and AR PL": [
        "Noto Serif CJK SC",
        "Noto Sans CJK SC",
        "AR PL UKai CN",
        "AR PL UMing CN",
    ],
    "Debian with Noto only": ["Noto Serif CJK SC", "Noto Sans CJK SC", "DejaVu Sans"],
    "macOS": ["Songti SC", "STFangsong", "Heiti SC", "Kaiti SC"],
}


# machine → title (bold?), body, first- and second-level headings, and how many notes
SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
PICKS = {
    "stock Windows 10": (("宋体", True), "仿宋", "黑体", "楷体", 0),
    "government Windows": (("方正小标宋简体", False), "仿宋_GB2312", "黑体", "楷体_GB2312", 0),
    "Debian with Noto and AR PL": ((SERIF, True), SERIF, SANS, "AR PL UKai CN", 1),
    "Debian with Noto only": ((SERIF, True), SERIF, SANS, SERIF, 2),
    "macOS": (("Songti SC", True), "华文仿宋", "Heiti SC", "华文楷体", 0),
}  # fmt: skip


@pytest.mark.parametrize("machine", PICKS)
def test_auto_picks_the_best_font_installed(machine: str) -> None:
    fonts = choose("auto", MACHINES[machine])
    picked = (fonts["title"].name, fonts["title"].bold), fonts["body"].name, fonts["heading1"].name
    assert (*picked, fonts["heading2"].name, len(fonts.notes)) == PICKS[machine]


def test_auto_says_when_there_is_no_fangsong_font() -> None:
    fonts = choose("auto", MACHINES["Debian with Noto and AR PL"])
    assert fonts.notes == [
        "no Fangsong (仿宋) font is installed here; body text set in Noto Serif CJK SC, a Song font"
    ]


def test_auto_without_any_known_font_names_the_windows_fonts() -> None:
    assert choose("auto", ["DejaVu Sans"]).fonts == WINDOWS
    assert choose("auto", []).fonts == WINDOWS
    assert choose("gb2312").fonts == GB2312


def test_windows_registry_names_are_read_as_families() -> None:
    assert registry_families(
        [
            "SimSun & NSimSun (TrueType)",
            "仿宋_GB2312 (TrueType)",
            "Microsoft YaHei & Microsoft YaHei UI (TrueType)",
        ]
    ) == {"SimSun", "NSimSun", "仿宋_GB2312", "Microsoft YaHei", "Microsoft YaHei UI"}
    assert choose("auto", registry_families(["FangSong (TrueType)"]))["body"].name == "仿宋"


def test_an_unknown_font_set_is_an_error(run: Any, tmp_path: Path) -> None:
    result = run("generate", "--seed", "1", "--font-set", "windwos", "-o", str(tmp_path / "x.docx"))
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: unknown font set 'windwos' (did you mean 'windows'?); font sets are: auto, gb2312, windows\n",
    )
    assert not (tmp_path / "x.docx").exists()
