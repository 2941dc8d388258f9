"""The Word file as LibreOffice lays it out: the fonts the PDF actually uses
(pdffonts, pdftohtml) and where pages break (pdftotext, pdfinfo).

Skipped, with the reason, where LibreOffice, poppler-utils or free CJK fonts
are missing; `.ci/run` installs them, so CI runs these for real.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip(
    "docx", reason="python-docx (the test suite's reader) is not installed: pip install '.[test]'"
)

from speechkit.drafting.assemble import Block, Draft
from speechkit.drafting.docx_export import to_docx
from speechkit.drafting.fonts import WINDOWS, choose

from .conftest import ROOT

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = all(shutil.which(tool) for tool in ("pdffonts", "pdftohtml", "pdftotext", "pdfinfo"))
pytestmark = [
    pytest.mark.skipif(
        SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer)"
    ),
    pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed (apt-get install poppler-utils)"),
]


def to_pdf(docx_files: list[Path], tmp_path: Path, home: Path | None = None) -> list[Path]:
    assert SOFFICE is not None
    env = {**os.environ, "HOME": str(home)} if home else None
    done = subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, docx_files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return [tmp_path / f"{f.stem}.pdf" for f in docx_files]


def tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def pages(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(pdf))).group(1))  # type: ignore[union-attr]


def embedded_fonts(pdf: Path) -> dict[str, str]:
    """The fonts pdffonts lists, by subset tag ('BAAAAA' → 'BAAAAA+NotoSerifCJKjp-Bold-VKana')."""
    rows = tool("pdffonts", str(pdf)).splitlines()[2:]
    assert all(row.split()[-5] == "yes" for row in rows), rows  # every font embedded
    return {row.split()[0].split("+")[0]: row.split()[0] for row in rows}


def text_fonts(pdf: Path) -> list[tuple[str, str]]:
    """(text, font) of each line of text: pdftohtml says which subset sets it
    (by family only), pdffonts names the subset in full (with its weight)."""
    full = embedded_fonts(pdf)
    xml = tool("pdftohtml", "-xml", "-i", "-stdout", str(pdf))
    specs = dict(re.findall(r'<fontspec id="(\d+)" size="[^"]+" family="([^"]+)"', xml))
    lines = re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>', xml)
    return [(text, full[specs[font].split("+")[0]]) for font, text in lines]


def face(pdf_font: str) -> str:
    """A font's face without the subset tag and language variant: 'ABCDEF+NotoSerifCJKjp-Bold' →
    'notoserifcjk-bold' (LibreOffice names a CJK collection by its first face, whatever face it used)."""
    name = pdf_font.split("+", 1)[-1].lower()
    family, _, style = name.partition("-")
    family = re.sub(r"(sc|tc|jp|kr|hk|cn)$", "", family)
    return f"{family}-{style.split('-')[0]}" if style else family


def faces_of(family: str) -> set[str]:
    """The faces fontconfig has for ``family``, named as ``face`` names them."""
    listed = tool("fc-list", "-f", "%{postscriptname}\n", family) if shutil.which("fc-list") else ""
    return {face(name) for name in listed.split()}


def test_the_pdf_uses_a_song_title_and_distinct_body_and_heading_fonts(run: Any, tmp_path: Path) -> None:
    fonts = choose("auto")
    if fonts.fonts == WINDOWS:
        pytest.skip("no free CJK fonts installed (apt-get install fonts-noto-cjk fonts-arphic-ukai)")
    out = tmp_path / "speech.docx"
    result = run(
        "generate",
        "-t",
        "commendation",
        "--slot",
        "org=郴州市总工会",
        "--seed",
        "4",
        "--font-set",
        "auto",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.stderr
    (pdf,) = to_pdf([out], tmp_path)
    used: dict[str, set[str]] = {"title": set(), "body": set(), "heading1": set(), "heading2": set()}
    for role, font in fonts_by_role(out, pdf):
        used[role].add(face(font))
    for role, faces in used.items():
        named = fonts[role]
        assert faces and faces <= faces_of(named.name), (role, named.name, faces)
        if named.bold and any(f.endswith("-bold") for f in faces_of(named.name)):
            assert all(f.endswith("-bold") for f in faces), (role, faces)
    # not everything in one fallback font: the headings stand apart from the body
    assert used["heading1"].isdisjoint(used["body"]) and used["heading1"].isdisjoint(used["heading2"])


def role_of(n: int, text: str) -> str:
    if n == 0:
        return "title"
    if re.match(r"[一二三四五六七八九十]+、", text):
        return "heading1"
    if re.match(r"（[一二三四五六七八九十]+）", text):
        return "heading2"
    return "body"


def fonts_by_role(docx_file: Path, pdf: Path) -> list[tuple[str, str]]:
    """(role, font) of each piece of Chinese text in the PDF: the pieces are matched,
    in order, to the paragraphs of the Word file, whose role their text tells."""
    import html

    import docx

    paragraphs = [re.sub(r"\s", "", p.text) for p in docx.Document(str(docx_file)).paragraphs]
    paragraphs = [p for p in paragraphs if p]
    found = []
    n, rest = 0, paragraphs[0]
    for raw, font in text_fonts(pdf):
        piece = re.sub(r"\s", "", html.unescape(re.sub(r"<[^>]+>", "", raw)))
        if not piece or (re.fullmatch(r"[—\d]+", piece) and not rest.startswith(piece)):
            continue  # a page number
        while not rest:
            n += 1
            rest = paragraphs[n]
        if rest[0] in "：:，、；。" and not piece.startswith(rest[0]):
            rest = rest[1:]  # full-width punctuation LibreOffice lays out on its own, after a highlight
        assert rest.startswith(piece), (piece, rest)
        rest = rest[len(piece) :]
        if re.search(r"[\u4e00-\u9fff]", piece):
            found.append((role_of(n, paragraphs[n]), font))
    assert n == len(paragraphs) - 1 and not rest  # every paragraph was found
    return found


def lines_draft(paragraphs: int) -> Draft:
    """A title, a salutation, ``paragraphs`` paragraphs of one line each, and the thanks."""
    blocks = [Block("title", "在全市工作会议上的讲话"), Block("salutation", "同志们：", section="salutation")]
    for n in range(1, paragraphs + 1):
        blocks.append(
            Block("paragraph", f"这是第{n:02d}段，一行正好放得下的二十多个字的正文。", section="points")
        )
    blocks.append(Block("paragraph", "谢谢大家！", section="closing"))
    return Draft("t", "在全市工作会议上的讲话", blocks, [], {}, [], 0)


def test_22_lines_a_page_and_the_thanks_never_alone_on_a_page(tmp_path: Path) -> None:
    files = []
    for n in (18, 19):
        path = tmp_path / f"lines{n}.docx"
        path.write_bytes(to_docx(lines_draft(n), choose("windows")))
        files.append(path)
    full, over = to_pdf(files, tmp_path)
    # title, blank line, salutation, 18 paragraphs and the thanks: the 22 lines of one page
    assert pages(full) == 1
    # one line more: the thanks goes to page 2, and takes the paragraph before it along
    assert pages(over) == 2
    second = [line.strip() for line in tool("pdftotext", "-f", "2", "-l", "2", str(over), "-").splitlines()]
    assert [line for line in second if line and "—" not in line] == [
        "这是第 19 段，一行正好放得下的二十多个字的正文。",
        "谢谢大家！",
    ]


def test_the_fontconfig_example_maps_the_standards_fonts_to_free_ones(tmp_path: Path) -> None:
    """docs/examples/fonts.conf: LibreOffice on Linux then sets a gb2312 file in Song, Hei and Kai."""
    if not faces_of("Noto Serif CJK SC") or not faces_of("AR PL UKai CN"):
        pytest.skip("fonts-noto-cjk and fonts-arphic-ukai are not installed")
    home = tmp_path / "home"
    (home / ".config" / "fontconfig").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "examples" / "fonts.conf", home / ".config" / "fontconfig" / "fonts.conf")
    path = tmp_path / "gb2312.docx"
    draft = lines_draft(2)
    draft.blocks[3:3] = [
        Block("heading", "一、提高政治站位", level=1, section="points"),
        Block("heading", "（一）抓好重点行业领域整治", level=2, section="points"),
    ]
    path.write_bytes(to_docx(draft, choose("gb2312")))
    (pdf,) = to_pdf([path], tmp_path, home=home)
    used: dict[str, set[str]] = {}
    for role, font in fonts_by_role(path, pdf):
        used.setdefault(role, set()).add(face(font))
    assert used == {
        "title": {"notoserifcjk-regular"},
        "body": {"notoserifcjk-regular"},
        "heading1": {"notosanscjk-regular"},
        "heading2": {"ukai"},
    }
