"""Word export in the layout of official documents (GB/T 9704-2012).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in
方正小标宋简体 二号 (22 pt), centred; body in 仿宋_GB2312 三号 (16 pt), first
line indented two characters, fixed line spacing for 22 lines a page;
first-level headings in 黑体, second-level in 楷体_GB2312, both 三号; page
numbers "— 1 —" in 宋体 四号 at the foot, odd pages right, even pages left.

The fonts come from a font set (``fonts``: the standard's, the Windows ones,
or the best installed here), each named for the East-Asian slot too
(``w:eastAsia``, the one Word and LibreOffice use for Chinese text) and
entered in the font table with a Windows alternative. The language is zh-CN,
so CJK fonts use their Simplified Chinese glyphs. Headings keep with the
paragraph after them, and the closing with the paragraph before it, so a
page never starts with "谢谢大家！" alone.

The file is python-docx's, part for part: its document of no paragraphs, with
this layout's page, styles, settings and footers, is kept as the base
(``docx_base.zip``, made by ``python -m tests.docx_reference``); an export
writes the paragraphs, the footers' page numbers and the fonts into it as
python-docx would (``tests/test_docx_writer.py`` compares every part), without
loading python-docx (1.8x the start-up of a text export).
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from speechkit.drafting.assemble import Draft
from speechkit.errors import OutputError

if TYPE_CHECKING:
    from speechkit.drafting.fonts import Font, FontSet

TITLE_SIZE = 22  # 二号
BODY_SIZE = 16  # 三号
PAGE_NUMBER_SIZE = 14  # 四号
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES_PER_PAGE = 22
BASE_TOKEN = "SPEECHKIT-BODY-FONT"  # the body font's name in the base, filled in at export
_FOOTERS = {"word/footer1.xml": "right", "word/footer2.xml": "left"}  # odd pages, even pages
_STAMP = (1980, 1, 1, 0, 0, 0)  # the same draft gives the same file


def line_pitch_pt() -> float:
    """Fixed line spacing so that the text area holds 22 lines (28.95 pt).

    Word stores it in twentieths of a point; rounding down keeps all 22 lines
    on the page."""
    text_height_pt = (297 - MARGINS_MM["top"] - MARGINS_MM["bottom"]) / 25.4 * 72
    return math.floor(text_height_pt / LINES_PER_PAGE * 20) / 20


def base_path() -> Path:
    return Path(__file__).with_name("docx_base.zip")


@lru_cache(maxsize=1)
def _base() -> tuple[tuple[str, bytes], ...]:
    try:
        with zipfile.ZipFile(base_path()) as z:
            parts = tuple((name, z.read(name)) for name in z.namelist() if name != "python-docx.txt")
        found = dict(parts)
        # where an export writes into it: the body, each footer's paragraph, the body font, the font table
        places = {"word/document.xml": b"<w:body>", "word/styles.xml": BASE_TOKEN.encode()}
        places |= {"word/fontTable.xml": b"</w:fonts>"} | {footer: b"<w:p>" for footer in _FOOTERS}
        if any(mark not in found.get(name, b"") for name, mark in places.items()):
            raise zipfile.BadZipFile("a part an export writes into is missing or altered")
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise OutputError(
            f"the Word base of this installation is damaged ({base_path()}: {exc}); reinstall speechkit"
        ) from None
    return parts


def _attribute(value: str) -> str:
    """A value in double quotes, escaped as python-docx's serialiser (lxml) does."""
    return '"' + escape(value, {'"': "&quot;"}) + '"'


def _run_properties(font: Font, size: float, highlight: bool = False) -> str:
    name = _attribute(font.name)
    return (
        f"<w:rPr><w:rFonts w:ascii={name} w:hAnsi={name} w:eastAsia={name} w:cs={name}/>"
        + ("<w:b/>" if font.bold else '<w:b w:val="0"/>')
        + f'<w:sz w:val="{round(size * 2)}"/>'
        + ('<w:highlight w:val="yellow"/>' if highlight else "")
        + "</w:rPr>"
    )


_BREAKS_RE = re.compile(r"(\t|[\r\n])")


def _run(text: str, properties: str) -> str:
    """A run as python-docx writes one: a tab is ``w:tab``, a line break ``w:br``."""
    content = []
    for piece in _BREAKS_RE.split(text):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"<w:r>{properties}{''.join(content)}</w:r>"


# What the writer must fill in (【单位名称】) or check (【核：83家】) is highlighted in Word too.
_FLAGGED_RE = re.compile(r"(【[^【】]*】)")


def _paragraph(
    text: str,
    font: Font,
    size: float,
    *,
    indent: bool = True,
    centre: bool = False,
    keep_with_next: bool = False,
) -> str:
    twips = round(line_pitch_pt() * 20)
    runs = [
        _run(piece, _run_properties(font, size, highlight=bool(k % 2)))
        for k, piece in enumerate(_FLAGGED_RE.split(text))
        if piece
    ]
    return (
        "<w:p><w:pPr>"
        + ("<w:keepNext/>" if keep_with_next else '<w:keepNext w:val="0"/>')
        + f'<w:widowControl/><w:spacing w:lineRule="exact" w:line="{twips}" w:before="0" w:after="0"/>'
        + (f'<w:ind w:firstLine="{round(2 * size * 20)}"/>' if indent else "")
        + (f'<w:jc w:val="{"center" if centre else "both"}"/>')
        + "</w:pPr>"
        + "".join(runs)
        + "</w:p>"
    )


def _page_number(side: str, font: Font) -> str:
    """ "— PAGE —" with a real page field, so every page shows its own number; 空一字
    from the right edge on odd pages, from the left on even ones."""
    props = _run_properties(font, PAGE_NUMBER_SIZE)

    def field(kind: str) -> str:
        return f'<w:r>{props}<w:fldChar w:fldCharType="{kind}"/></w:r>'

    indent = round(PAGE_NUMBER_SIZE * 20)
    return (
        f'<w:p><w:pPr><w:pStyle w:val="Footer"/><w:ind w:{side}="{indent}"/><w:jc w:val="{side}"/></w:pPr>'
        + _run("— ", props)
        + field("begin")
        + f'<w:r>{props}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        + field("separate")
        + _run("1", props)
        + field("end")
        + _run(" —", props)
        + "</w:p>"
    )


def _font_table(blob: bytes, fonts: FontSet) -> bytes:
    """Enter each font in the font table: GB2312 character set, and the Windows
    font of the same style as its alternative (what Word looks for when it is missing)."""
    entries = []
    for font in {f.name: f for f in fonts.fonts.values()}.values():
        if f'w:name="{font.name}"'.encode() in blob:
            continue
        alt = f"<w:altName w:val={quoteattr(font.alt)}/>" if font.alt and font.alt != font.name else ""
        family = "modern" if font.style == "Hei" else "roman"
        entries.append(
            f'<w:font w:name={quoteattr(font.name)}>{alt}<w:charset w:val="86"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        )
    return blob.replace(b"</w:fonts>", "".join(entries).encode("utf-8") + b"</w:fonts>")


def _keeps_with_next(draft: Draft) -> list[bool]:
    """Per block: headings stay with what follows; the closing stays together with
    the paragraph before it (a page never holds the thanks alone)."""
    blocks = draft.blocks
    keep = [b.kind in ("title", "salutation", "heading") for b in blocks]
    closing = [i for i, b in enumerate(blocks) if b.section == "closing"]
    if closing:
        for i in range(max(closing[0] - 1, 0), closing[-1]):
            keep[i] = True
    return keep


def _body(draft: Draft, fonts: FontSet) -> str:
    headings = {1: fonts["heading1"], 2: fonts["heading2"]}
    body = fonts["body"]
    out = []
    for block, keep in zip(draft.blocks, _keeps_with_next(draft), strict=True):
        if block.kind == "title":
            out.append(
                _paragraph(
                    block.text, fonts["title"], TITLE_SIZE, indent=False, centre=True, keep_with_next=True
                )
            )
            out.append(_paragraph("", body, BODY_SIZE, indent=False, keep_with_next=True))  # a blank line
        elif block.kind == "salutation":
            out.append(_paragraph(block.text, body, BODY_SIZE, indent=False, keep_with_next=keep))
        elif block.kind == "heading":
            out.append(
                _paragraph(block.text, headings.get(block.level, body), BODY_SIZE, keep_with_next=keep)
            )
        else:
            out.append(_paragraph(block.text, body, BODY_SIZE, keep_with_next=keep))
    return "".join(out)


def to_docx(draft: Draft, fonts: FontSet | None = None) -> bytes:
    from speechkit.drafting.fonts import choose

    fonts = fonts or choose("auto")
    body_font = _attribute(fonts["body"].name)[1:-1].encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in _base():
            if name == "word/document.xml":
                blob = blob.replace(b"<w:body>", b"<w:body>" + _body(draft, fonts).encode("utf-8"), 1)
            elif name in _FOOTERS:
                head = blob[: blob.index(b"<w:p>")]
                blob = head + _page_number(_FOOTERS[name], fonts["page_number"]).encode("utf-8") + b"</w:ftr>"
            elif name == "word/styles.xml":
                blob = blob.replace(BASE_TOKEN.encode(), body_font)
            elif name == "word/fontTable.xml":
                blob = _font_table(blob, fonts)
            z.writestr(zipfile.ZipInfo(name, _STAMP), blob, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
