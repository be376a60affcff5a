"""A Word document (.docx) in the official look: the body's XML written directly from
the published outline (``published``), in the parts of ``word_package``.

Pages as the 公文 convention sets them: the title on two lines, broken after the
agency; part headings kept with what follows; the three tables with the template's
merged cells, borders and centred numbers. No table row breaks across pages, the
heading rows repeat on a page a table runs onto, part 三 and part 四 keep together
(a table that would split starts on the next page, its heading with it), and each of
part 二's captioned tables keeps its caption with its rows.

Writing the XML here instead of building it through python-docx's objects makes the
export about as quick as the plain-text one (benchmarks/run.py measures the ratio);
python-docx reads the result back in the tests and in ``import``.
"""

from __future__ import annotations

from html import escape

from ..formats.template import TemplateCell, TemplateTable, placed_cells
from ..report.model import Report
from .metadata import Properties
from .published import PublishedReport, column_shares, published
from .word_package import EAST_ASIAN_RUN, TEXT_WIDTH_CM, package, twips

ROW_CM = 0.5  # rows are at least this high
BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
TABLE_BORDERS = (
    "<w:tblBorders>"
    + "".join(BORDER.format(side=side) for side in ("top", "left", "bottom", "right"))
    + "".join(BORDER.format(side=side) for side in ("insideH", "insideV"))
    + "</w:tblBorders>"
)
CELL_MARGINS = (
    '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
)


def export_docx(report: Report) -> bytes:
    return render_docx(published(report))


def render_docx(document: PublishedReport) -> bytes:
    body: list[str] = [_title(document.agency, document.title)]
    body += [_paragraph(text) for text in document.intro]
    for part in document.parts:
        body.append(_paragraph(part.section.heading, "Heading1"))
        body += [_paragraph(text) for text in part.paragraphs]
        if part.table is not None:
            body.append(_table(part.table, document))
            body.append("<w:p/>")  # Word joins tables that touch; a paragraph keeps them apart
    properties = Properties.of(document.full_title, document.title, document.agency)
    return package("".join(body), properties)


def _run(text: str) -> str:
    return f'<w:r>{EAST_ASIAN_RUN}<w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r>'


def _paragraph(text: str, style: str | None = None) -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}{_run(text)}</w:p>"


def _title(agency: str, title: str) -> str:
    """The title centred on two lines: the agency, then the year's report (published
    reports break it there, never inside a word)."""
    lines = "<w:br/>".join(
        f'<w:t xml:space="preserve">{escape(line, quote=False)}</w:t>'
        for line in (agency, title)
        if line
    )
    return (
        '<w:p><w:pPr><w:pStyle w:val="Title"/><w:jc w:val="center"/></w:pPr>'
        f"<w:r>{EAST_ASIAN_RUN}{lines}</w:r></w:p>"
    )


def kept_rows(layout: TemplateTable) -> set[int]:
    """The rows kept on one page with the row after them: every row of a table with a
    header (part 三, part 四), so that it is never split; in part 二, every row of a
    captioned table but its last, so that a caption never stays alone at a page's foot."""
    last = len(layout.rows) - 1
    if layout.header_rows:
        return set(range(last))
    starts = [r for r, row in enumerate(layout.rows) if row and row[0].role == "title"]
    ends = {start - 1 for start in starts[1:]} | {last}
    return set(range(len(layout.rows))) - ends


def _table(layout: TemplateTable, document: PublishedReport) -> str:
    widths = [twips(share * TEXT_WIDTH_CM) for share in column_shares(layout)]
    grid: list[list[tuple[TemplateCell, bool] | None]] = [
        [None] * layout.width for _ in layout.rows
    ]
    for r, c, cell in placed_cells(layout):  # where each cell starts, and what it covers
        grid[r][c] = (cell, True)
        for below in range(r + 1, r + cell.rowspan):
            grid[below][c] = (cell, False)
    kept = kept_rows(layout)
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'{TABLE_BORDERS}<w:tblLayout w:type="fixed"/>{CELL_MARGINS}</w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        + "</w:tblGrid>"
    ]
    row_height = f'<w:trHeight w:val="{twips(ROW_CM)}" w:hRule="atLeast"/>'
    for r in range(len(layout.rows)):
        header = "<w:tblHeader/>" if r < layout.header_rows else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{row_height}{header}</w:trPr>")
        keep = "<w:keepNext/>" if r in kept else ""
        c = 0
        while c < layout.width:
            place = grid[r][c]
            assert place is not None  # the template covers its grid
            cell, starts = place
            width = sum(widths[c : c + cell.colspan])
            span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
            merge = ""
            if cell.rowspan > 1:
                merge = '<w:vMerge w:val="restart"/>' if starts else "<w:vMerge/>"
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}'
                '<w:vAlign w:val="center"/></w:tcPr>'
            )
            if starts:
                text = document.numbers(cell.ref) if cell.ref is not None else cell.text
                side = "left" if cell.role == "label" and cell.rowspan == 1 else "center"
                run = _run(text) if text else ""
                out.append(
                    f'<w:p><w:pPr><w:pStyle w:val="TableText"/>{keep}<w:jc w:val="{side}"/>'
                    f"</w:pPr>{run}</w:p></w:tc>"
                )
            else:
                out.append(f'<w:p><w:pPr><w:pStyle w:val="TableText"/>{keep}</w:pPr></w:p></w:tc>')
            c += cell.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
