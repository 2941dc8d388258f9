"""Word export in official-document layout, read back with python-docx."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

docx = pytest.importorskip(
    "docx", reason="python-docx (the test suite's reader) is not installed: pip install '.[test]'"
)

from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402

from speechkit.reading.numbering import parse_chinese  # noqa: E402


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from typer.testing import CliRunner

    from speechkit.cli import app

    out = tmp_path_factory.mktemp("docx") / "speech.docx"
    result = CliRunner().invoke(
        app,
        [
            "generate",
            "-t",
            "commendation",
            "--slot",
            "org=郴州市总工会",
            "--seed",
            "4",
            "--minutes",
            "10",
            "--font-set",
            "gb2312",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    return docx.Document(str(out))


def east_asian_font(paragraph: Any) -> str:
    run = paragraph.runs[0]
    return str(run._element.rPr.rFonts.get(qn("w:eastAsia")))


def test_page_and_margins(document: Any) -> None:
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    assert [
        round(m.mm)
        for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [37, 35, 28, 26]


def test_title_body_and_heading_fonts(document: Any) -> None:
    paragraphs = [p for p in document.paragraphs if p.text]
    title = paragraphs[0]
    assert title.text.startswith("在") and title.text.endswith("表彰大会上的讲话")
    assert east_asian_font(title) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    assert title.alignment == 1  # centred
    level1 = [p for p in paragraphs if re.match(r"[一二三四五六七八九十]+、", p.text)]
    level2 = [p for p in paragraphs if re.match(r"（[一二三四五六七八九十]+）", p.text)]
    body = [p for p in paragraphs[2:] if p not in level1 and p not in level2]
    assert level1 and level2 and body
    assert {east_asian_font(p) for p in level1} == {"黑体"}
    assert {east_asian_font(p) for p in level2} == {"楷体_GB2312"}
    assert {east_asian_font(p) for p in body} == {"仿宋_GB2312"}
    assert {p.runs[0].font.size for p in level1 + level2 + body} == {Pt(16)}
    for p in body:
        assert p.paragraph_format.first_line_indent == Pt(32)  # two characters of 三号
    # a fixed line pitch that gives 22 lines in the 225 mm text block
    pitch = body[0].paragraph_format.line_spacing
    assert 22 * pitch <= Mm(297 - 37 - 35) < 23 * pitch


def test_numbering_is_present_and_consecutive(document: Any) -> None:
    tops: list[int] = []
    children: list[list[int]] = []
    for p in document.paragraphs:
        top = re.match(r"([一二三四五六七八九十]+)、", p.text)
        child = re.match(r"（([一二三四五六七八九十]+)）", p.text)
        if top:
            tops.append(parse_chinese(top.group(1)) or 0)
            children.append([])
        elif child:
            children[-1].append(parse_chinese(child.group(1)) or 0)
    assert tops == list(range(1, len(tops) + 1)) and len(tops) >= 2
    assert all(c == list(range(1, len(c) + 1)) for c in children)


def test_page_numbers_in_the_footer(document: Any) -> None:
    xml = document.sections[0].footer._element.xml
    assert "PAGE" in xml and "— " in document.sections[0].footer.paragraphs[0].text
    assert document.settings.odd_and_even_pages_header_footer


def test_word_export_needs_no_python_docx(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_docx(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "docx" or name.startswith("docx."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_docx)
    result = run("generate", "--seed", "1", "-o", str(tmp_path / "x.docx"))
    monkeypatch.undo()
    assert result.exit_code == 0
    assert docx.Document(str(tmp_path / "x.docx")).paragraphs[0].text


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    _soffice() is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer)"
)
def test_libreoffice_converts_the_docx_to_pdf(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from speechkit.cli import app

    out = tmp_path / "speech.docx"
    result = CliRunner().invoke(
        app, ["generate", "--seed", "2", "--slot", "org=郴州市总工会", "-o", str(out)]
    )
    assert result.exit_code == 0
    soffice = _soffice()
    assert soffice is not None
    converted = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert converted.returncode == 0, converted.stderr
    pdf = tmp_path / "speech.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
