"""The official template's tables with their merged cells, as FORMAT.md spells them out
("The official template's tables (merged cells)"), written by hand for the import tests,
and a report in that template as a web page and as a Word document (python-docx).

Part 二 is ONE 4-column table with the four 第二十条 titles as colspan-4 rows and
colspan-3 values; part 三 has 三、本年度办理结果 with rowspan 22 and （三）…（六） as
rowspan cells beside their items; part 四 is one row of 15 numbers under a three-level
header.
"""

from __future__ import annotations

import io
from html import escape

from tui_report.formats import Table
from tui_report.report.model import Report
from tui_report.report.values import format_value

Cell = tuple[str, int, int]  # text, rowspan, colspan
Rows = list[list[Cell]]


def _values(report: Report, table: Table, index: int) -> list[str]:
    return [format_value(v) for v in report.grid(table)[index]]


def proactive_rows(report: Report) -> Rows:
    rows: Rows = []
    for table in report.format.section_of_table["art20_1"].tables:
        rows.append([(table.title or "", 1, 4)])
        # 3 columns (and the 2019 format's 2: the last one spans the rest), or 1 spanning 3
        rows.append([(table.corner or "", 1, 1), *_spread([c.label for c in table.columns])])
        for i, row in enumerate(table.rows):
            rows.append([(row.label, 1, 1), *_spread(_values(report, table, i))])
    return rows


def _spread(texts: list[str]) -> list[Cell]:
    """Cells of part 二's three value columns, the last one spanning those left over."""
    return [(text, 1, 1 if i < len(texts) - 1 else 4 - len(texts)) for i, text in enumerate(texts)]


def applications_rows(report: Report) -> Rows:
    table = report.format.table("applications")
    columns = table.columns
    rows: Rows = [
        [(table.note or "", 3, 3), ("申请人情况", 1, 7)],
        [(columns[0].label, 2, 1), ("法人或其他组织", 1, 5), (columns[-1].label, 2, 1)],
        [(c.label, 1, 1) for c in columns[1:6]],
    ]
    sizes: dict[str, int] = {}
    for row in table.rows:
        for group in row.groups:
            sizes[group] = sizes.get(group, 0) + 1
    opened: set[str] = set()
    for i, row in enumerate(table.rows):
        cells: list[Cell] = []
        for group in row.groups:
            if group not in opened:
                opened.add(group)
                cells.append((group, sizes[group], 1))
        cells.append((row.label, 1, 3 - len(row.groups)))
        cells += [(v, 1, 1) for v in _values(report, table, i)]
        rows.append(cells)
    return rows


def review_rows(report: Report) -> Rows:
    table = report.format.table("review_litigation")
    labels = [c.label for c in table.columns]
    direct, after = (row.label for row in table.rows[1:])
    return [
        [(table.rows[0].label, 1, 5), (table.rows[1].groups[0], 1, 10)],
        [*((label, 2, 1) for label in labels), (direct, 1, 5), (after, 1, 5)],
        [(label, 1, 1) for label in labels * 2],
        [(v, 1, 1) for i in range(len(table.rows)) for v in _values(report, table, i)],
    ]


TABLES = {"二": proactive_rows, "三": applications_rows, "四": review_rows}


# --- a web page --------------------------------------------------------------------------------


def html_table(rows: Rows) -> str:
    def td(text: str, rowspan: int, colspan: int) -> str:
        spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
            f' colspan="{colspan}"' if colspan > 1 else ""
        )
        return f"<td{spans}><p>{escape(text)}</p></td>"

    body = "".join("<tr>" + "".join(td(*cell) for cell in row) + "</tr>" for row in rows)
    return f'<table border="1"><tbody>{body}</tbody></table>'


def html_page(report: Report) -> str:
    fmt = report.format
    body = [f"<h1>{escape(report.agency)}{escape(fmt.title(report.year))}</h1>"]
    body += [f"<p>{escape(p)}</p>" for p in report.texts[fmt.intro_key].split("\n") if p]
    for section in fmt.sections:
        body.append(f"<p><strong>{escape(section.heading)}</strong></p>")
        if section.text_key:
            body += [f"<p>{escape(p)}</p>" for p in report.texts[section.text_key].split("\n") if p]
        if section.number in TABLES:
            body.append(html_table(TABLES[section.number](report)))
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title></head>'
        f"<body>{''.join(body)}</body></html>"
    )


# --- a Word document ---------------------------------------------------------------------------


def _placed(rows: Rows) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) of each cell, columns counted past the rowspans above."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            _, rowspan, colspan = cell
            taken |= {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
            placed.append((r, c, cell))
            c += colspan
    return placed


def docx_table(document, rows: Rows) -> None:
    placed = _placed(rows)
    width = max(c + cell[2] for _, c, cell in placed)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, c, (text, rowspan, colspan) in placed:
        cell = table.cell(r, c)
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
        cell.text = text


def docx_bytes(report: Report) -> bytes:
    import docx

    fmt = report.format
    document = docx.Document()
    document.add_paragraph(f"{report.agency}{fmt.title(report.year)}")
    for paragraph in report.texts[fmt.intro_key].split("\n"):
        if paragraph:
            document.add_paragraph(paragraph)
    for section in fmt.sections:
        document.add_paragraph(section.heading)
        if section.text_key:
            for paragraph in report.texts[section.text_key].split("\n"):
                if paragraph:
                    document.add_paragraph(paragraph)
        if section.number in TABLES:
            docx_table(document, TABLES[section.number](report))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
