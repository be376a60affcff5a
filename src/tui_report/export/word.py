"""A Word document (.docx) in the official look, written with python-docx.

A4 with the margins of official documents (GB/T 9704), the title centred in
方正小标宋简体, part headings in 黑体 (as real Word headings, so they show in
the navigation pane), body paragraphs in 仿宋 with a two-character first-line
indent, and the three tables with the template's merged cells, borders and
centred numbers (the heading rows repeat when a table runs onto a new page).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..formats.template import TemplateTable, placed_cells
from ..model import Report
from .published import PublishedReport, column_shares, published

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
LATIN_FONT = "Times New Roman"
BODY_PT, TITLE_PT, TABLE_PT = 16, 22, 10.5  # 三号, 二号, 五号
LINE_PT = 28  # fixed line spacing of the body
PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 3.7, "bottom": 3.5, "left": 2.8, "right": 2.6}
ROW_CM = 0.6  # rows are at least this high


def export_docx(report: Report) -> bytes:
    return render_docx(published(report))


def render_docx(document: PublishedReport) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    for side, size in MARGINS_CM.items():
        setattr(section, f"{side}_margin", Cm(size))
    _set_styles(doc)
    doc.core_properties.title = document.full_title
    doc.core_properties.language = "zh-CN"

    title = doc.add_paragraph(document.full_title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in document.intro:
        doc.add_paragraph(text)
    text_width = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]
    for part in document.parts:
        doc.add_paragraph(part.section.heading, style="Heading 1")
        for text in part.paragraphs:
            doc.add_paragraph(text)
        if part.table is not None:
            _add_table(doc, part.table, document, text_width)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _fonts(style: ParagraphStyle, east_asian: str, size: float, latin: str = LATIN_FONT) -> None:
    """A style's fonts: Chinese text in ``east_asian``, digits and Latin in ``latin``."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = latin
    style.font.size = Pt(size)
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the names


def _set_styles(doc: Document) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    normal = doc.styles["Normal"]
    _fonts(normal, BODY_FONT, BODY_PT)
    body = normal.paragraph_format
    body.first_line_indent = Pt(BODY_PT * 2)
    body.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    body.line_spacing = Pt(LINE_PT)
    body.space_before = body.space_after = Pt(0)

    title = doc.styles["Title"]
    _fonts(title, TITLE_FONT, TITLE_PT, TITLE_FONT)
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    title.paragraph_format.space_after = Pt(BODY_PT)
    _no_border(title)

    heading = doc.styles["Heading 1"]
    _fonts(heading, HEADING_FONT, BODY_PT, HEADING_FONT)
    fmt = heading.paragraph_format
    fmt.first_line_indent = Pt(BODY_PT * 2)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.keep_with_next = True


def _no_border(style: ParagraphStyle) -> None:
    """The default Title style draws a rule under the title; the official one has none."""
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _add_table(
    doc: Document, layout: TemplateTable, document: PublishedReport, text_width: float
) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=len(layout.rows), cols=layout.width)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, share in zip(table.columns, column_shares(layout), strict=True):
        column.width = Cm(share * text_width)
        for cell in column.cells:
            cell.width = Cm(share * text_width)
    for row in table.rows:
        row.height, row.height_rule = Cm(ROW_CM), WD_ROW_HEIGHT_RULE.AT_LEAST
    for r in range(layout.header_rows):  # repeated on each page the table runs onto
        table.rows[r]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for r, c, template_cell in placed_cells(layout):
        cell = table.cell(r, c)
        if template_cell.rowspan > 1 or template_cell.colspan > 1:
            cell = cell.merge(
                table.cell(r + template_cell.rowspan - 1, c + template_cell.colspan - 1)
            )
        ref = template_cell.ref
        paragraph = cell.paragraphs[0]
        paragraph.text = document.numbers(ref) if ref is not None else template_cell.text
        item_label = template_cell.role == "label" and template_cell.rowspan == 1
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if item_label else WD_ALIGN_PARAGRAPH.CENTER
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        for run in paragraph.runs:
            run.font.size = Pt(TABLE_PT)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    doc.add_paragraph()  # Word joins tables that touch; a paragraph keeps them apart
