"""Word export in the layout of official documents (GB/T 9704-2012).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in
方正小标宋简体 二号 (22 pt), centred; body in 仿宋_GB2312 三号 (16 pt), first
line indented two characters, fixed line spacing for 22 lines a page;
first-level headings in 黑体, second-level in 楷体_GB2312, both 三号; page
numbers "— 1 —" in 宋体 四号 at the foot, odd pages right, even pages left.

Font names are set for the East-Asian slot too (``w:eastAsia``), which is
the one Word and LibreOffice use for Chinese text.
"""

from __future__ import annotations

import io
import math
from typing import Any

from speechkit.drafting.assemble import Draft
from speechkit.errors import OutputError

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312"}
PAGE_NUMBER_FONT = "宋体"
TITLE_SIZE = 22  # 二号
BODY_SIZE = 16  # 三号
PAGE_NUMBER_SIZE = 14  # 四号
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES_PER_PAGE = 22


def line_pitch_pt() -> float:
    """Fixed line spacing so that the text area holds 22 lines (28.95 pt).

    Word stores it in twentieths of a point; rounding down keeps all 22 lines
    on the page."""
    text_height_pt = (297 - MARGINS_MM["top"] - MARGINS_MM["bottom"]) / 25.4 * 72
    return math.floor(text_height_pt / LINES_PER_PAGE * 20) / 20


def _load() -> Any:
    try:
        import docx
    except ImportError:
        raise OutputError(
            "Word export needs python-docx; install it with: pip install 'speechkit[docx]'"
        ) from None
    return docx


def _set_font(run: Any, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def _paragraph(
    document: Any,
    text: str,
    font: str,
    size: float,
    *,
    indent: bool = True,
    centre: bool = False,
    bold: bool = False,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    para = document.add_paragraph()
    fmt = para.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line_pitch_pt())
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if centre:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        fmt.first_line_indent = Pt(2 * size)
    _set_font(para.add_run(text), font, size, bold)
    return para


def _page_number(paragraph: Any) -> None:
    """ "— PAGE —" with a real page field, so every page shows its own number."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(*elements: Any) -> None:
        run = paragraph.add_run()
        _set_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        for element in elements:
            run._element.append(element)

    def field_char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    _set_font(paragraph.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    run_with(field_char("begin"))
    run_with(instruction)
    run_with(field_char("separate"))
    _set_font(paragraph.add_run("1"), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    run_with(field_char("end"))
    _set_font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def to_docx(draft: Draft) -> bytes:
    docx = _load()
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(28 - 7)  # the page number sits 7 mm below the text block

    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_SIZE)
    from docx.oxml.ns import qn

    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    for block in draft.blocks:
        if block.kind == "title":
            _paragraph(document, block.text, TITLE_FONT, TITLE_SIZE, indent=False, centre=True)
            _paragraph(document, "", BODY_FONT, BODY_SIZE, indent=False)  # one blank line under the title
        elif block.kind == "salutation":
            _paragraph(document, block.text, BODY_FONT, BODY_SIZE, indent=False)
        elif block.kind == "heading":
            font = HEADING_FONTS.get(block.level, BODY_FONT)
            _paragraph(document, block.text, font, BODY_SIZE)
        else:
            _paragraph(document, block.text, BODY_FONT, BODY_SIZE)

    document.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(PAGE_NUMBER_SIZE)  # 空一字
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(PAGE_NUMBER_SIZE)
    _page_number(even)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
