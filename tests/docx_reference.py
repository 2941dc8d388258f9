"""The Word export as python-docx builds it: the reference the writer in
``speechkit.drafting.docx_export`` must match part for part, and what makes
that writer's base (``speechkit/drafting/docx_base.zip``)::

    python -m tests.docx_reference   # writes the base again (after a python-docx upgrade)

What follows is the export as it was written with python-docx's object model;
the layout's figures and rules are the writer's own (imported from it).
"""

from __future__ import annotations

import io
from typing import Any

from speechkit.drafting.assemble import Draft
from speechkit.drafting.docx_export import (
    _FLAGGED_RE,
    BASE_TOKEN,
    BODY_SIZE,
    MARGINS_MM,
    PAGE_NUMBER_SIZE,
    TITLE_SIZE,
    _font_table,
    _keeps_with_next,
    base_path,
    line_pitch_pt,
)
from speechkit.drafting.fonts import Font, FontSet
from speechkit.errors import OutputError


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


def _enter_fonts(document: Any, fonts: FontSet) -> None:
    part = next(p for p in document.part.package.iter_parts() if p.partname.endswith("/fontTable.xml"))
    part._blob = _font_table(part.blob, fonts)


def to_docx(draft: Draft, fonts: FontSet | None = None, *, font_table: bool = True) -> bytes:
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
    if font_table:
        _enter_fonts(document, fonts)

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


def base() -> bytes:
    """The writer's base: python-docx's document of no blocks, the body font named
    ``BASE_TOKEN`` (filled in at export), the font table as the template has it."""
    import zipfile

    import docx

    token = Font(BASE_TOKEN, "Fangsong")
    fonts = FontSet(
        "base", {role: token for role in ("title", "body", "heading1", "heading2", "page_number")}
    )
    empty = Draft(template="", title="", blocks=[], parts=[], slots={}, topic=[], seed=0)
    built = zipfile.ZipFile(io.BytesIO(to_docx(empty, fonts, font_table=False)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in built.infolist():
            z.writestr(
                zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)),
                built.read(info.filename),
                zipfile.ZIP_DEFLATED,
            )
        z.writestr(
            zipfile.ZipInfo("python-docx.txt", (1980, 1, 1, 0, 0, 0)), docx.__version__, zipfile.ZIP_DEFLATED
        )
    return out.getvalue()


if __name__ == "__main__":
    base_path().write_bytes(base())
    print(f"wrote {base_path()}")
