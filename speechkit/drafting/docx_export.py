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
"""

from __future__ import annotations

import io
import math
import re
from typing import TYPE_CHECKING, Any

from speechkit.drafting.assemble import Draft
from speechkit.errors import OutputError

if TYPE_CHECKING:
    from speechkit.drafting.fonts import Font, FontSet

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


def _set_font(run: Any, font: Font, size: float) -> None:
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = font.bold
    _name_font(run._element.get_or_add_rPr(), font.name)


def _name_font(r_pr: Any, name: str) -> None:
    """The font for every script slot (Latin, East Asian, complex), no theme fonts."""
    from docx.oxml.ns import qn

    fonts = r_pr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def _paragraph(
    document: Any,
    text: str,
    font: Font,
    size: float,
    *,
    indent: bool = True,
    centre: bool = False,
    keep_with_next: bool = False,
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
    fmt.widow_control = True
    fmt.keep_with_next = keep_with_next
    # What the writer must fill in (【单位名称】) or check (【核：83家】) is highlighted in Word too.
    for k, piece in enumerate(_FLAGGED_RE.split(text)):
        if not piece:
            continue
        run = para.add_run(piece)
        _set_font(run, font, size)
        if k % 2:
            from docx.enum.text import WD_COLOR_INDEX

            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return para


_FLAGGED_RE = re.compile(r"(【[^【】]*】)")


def _page_number(paragraph: Any, font: Font) -> None:
    """ "— PAGE —" with a real page field, so every page shows its own number."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(*elements: Any) -> None:
        run = paragraph.add_run()
        _set_font(run, font, PAGE_NUMBER_SIZE)
        for element in elements:
            run._element.append(element)

    def field_char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    _set_font(paragraph.add_run("— "), font, PAGE_NUMBER_SIZE)
    run_with(field_char("begin"))
    run_with(instruction)
    run_with(field_char("separate"))
    _set_font(paragraph.add_run("1"), font, PAGE_NUMBER_SIZE)
    run_with(field_char("end"))
    _set_font(paragraph.add_run(" —"), font, PAGE_NUMBER_SIZE)


def _language_and_defaults(document: Any, body: Font) -> None:
    """zh-CN and the body font as the document's defaults, in place of the template's
    theme fonts and en-US (with which LibreOffice picks Japanese glyph forms)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    for props in (r_pr, normal.element.get_or_add_rPr()):
        _name_font(props, body.name)
        lang = props.find(qn("w:lang"))
        if lang is None:
            lang = props.makeelement(qn("w:lang"), {})
            props.append(lang)
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")


def _font_table(document: Any, fonts: FontSet) -> None:
    """Enter each font in the font table: GB2312 character set, and the Windows
    font of the same style as its alternative (what Word looks for when it is missing)."""
    from xml.sax.saxutils import quoteattr

    part = next(p for p in document.part.package.iter_parts() if p.partname.endswith("/fontTable.xml"))
    blob: bytes = part.blob
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
    part._blob = blob.replace(b"</w:fonts>", "".join(entries).encode("utf-8") + b"</w:fonts>")


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


def to_docx(draft: Draft, fonts: FontSet | None = None) -> bytes:
    docx = _load()
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from speechkit.drafting.fonts import choose

    fonts = fonts or choose("auto")
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(28 - 7)  # the page number sits 7 mm below the text block
    _language_and_defaults(document, fonts["body"])
    _font_table(document, fonts)

    headings = {1: fonts["heading1"], 2: fonts["heading2"]}
    for block, keep in zip(draft.blocks, _keeps_with_next(draft), strict=True):
        if block.kind == "title":
            _paragraph(
                document,
                block.text,
                fonts["title"],
                TITLE_SIZE,
                indent=False,
                centre=True,
                keep_with_next=True,
            )
            _paragraph(
                document, "", fonts["body"], BODY_SIZE, indent=False, keep_with_next=True
            )  # a blank line
        elif block.kind == "salutation":
            _paragraph(document, block.text, fonts["body"], BODY_SIZE, indent=False, keep_with_next=keep)
        elif block.kind == "heading":
            font = headings.get(block.level, fonts["body"])
            _paragraph(document, block.text, font, BODY_SIZE, keep_with_next=keep)
        else:
            _paragraph(document, block.text, fonts["body"], BODY_SIZE, keep_with_next=keep)

    document.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(PAGE_NUMBER_SIZE)  # 空一字
    _page_number(odd, fonts["page_number"])
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(PAGE_NUMBER_SIZE)
    _page_number(even, fonts["page_number"])

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
