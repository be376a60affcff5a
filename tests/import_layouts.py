"""Published layouts of a report, as people have them, written from a Report for tests.

Each writer imitates one way reports reach a clerk: text extracted from a PDF
(lines wrapped at the page width, table headers in fragments, page markers),
text copied from a web page (cells on their own lines between ``|`` lines, or
separated by `` | ``), rows copied from a Word table (tabs), and a saved web
page with real tables (rowspan, colspan). Official labels come from the format
description; the quirks are the ones seen in published reports.
"""

from __future__ import annotations

from html import escape

from tui_report.formats import Table
from tui_report.report.model import Report
from tui_report.report.values import format_value
from tui_report.text.textwidth import width

PAGE_WIDTH = 56  # display columns of a printed line (28 Chinese characters)


def wrap_like_pdf(paragraph: str, first_indent: int = 4) -> list[str]:
    """Lines as a PDF wraps them: never inside a Latin word or number; the first line
    shorter by its (lost) indent; a space at a break disappears."""
    words: list[str] = []
    for ch in paragraph:
        if (
            ch.isascii()
            and not ch.isspace()
            and words
            and words[-1][-1:].isascii()
            and words[-1].strip()
        ):
            words[-1] += ch
        else:
            words.append(ch)
    lines, current, limit = [], "", PAGE_WIDTH - first_indent
    for word in words:
        if width(current + word) > limit and current.strip():
            lines.append(current.rstrip())
            current, limit = word.lstrip(), PAGE_WIDTH
        else:
            current += word
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _numbers(report: Report, table: Table, row_index: int) -> list[str]:
    return [format_value(v) for v in report.grid(table)[row_index]]


def _title(report: Report) -> list[str]:
    return [report.agency, f"{report.year} 年政府信息公开工作年度报告"]


def _prose(report: Report, key: str, wrapped: bool) -> list[str]:
    lines: list[str] = []
    for paragraph in report.texts[key].split("\n"):
        if paragraph:
            lines += wrap_like_pdf(paragraph) if wrapped else [paragraph]
    return lines


# --- text extracted from a PDF --------------------------------------------------------


def pdf_text(report: Report, blank_lines: bool = True, page_markers: bool = True) -> str:
    fmt = report.format
    out = [*_title(report), *_prose(report, fmt.intro_key, True)]
    for section in fmt.sections:
        out.append(section.heading)
        if section.text_key:
            out += _prose(report, section.text_key, True)
        for table in section.tables:
            out += _pdf_table(report, table, page_markers)
    joiner = "\n\n" if blank_lines else "\n"
    return joiner.join(out) + "\n"


def _pdf_table(report: Report, table: Table, page_markers: bool) -> list[str]:
    if table.key == "review_litigation":
        return _pdf_review(report, table)
    out = [table.title] if table.title else []
    if table.key != "applications":
        out.append(" ".join([table.corner or "", *(c.label for c in table.columns)]))
        for i, row in enumerate(table.rows):
            out.append(" ".join([row.label, *_numbers(report, table, i)]))
        return out
    note = table.note or ""
    out += [note[:21], note[21:], "申请人情况", "自然", "人", "法人或其他组织", "总计商业", "企业"]
    out += ["科研", "机构", "社会", "公益", "组织", "法律", "服务", "机构", "其他"]
    seen_groups: set[str] = set()
    for i, row in enumerate(table.rows):
        for group in row.groups:
            if group not in seen_groups:
                seen_groups.add(group)
                out += _fragments(group)
        values = " ".join(_numbers(report, table, i))
        label = row.label
        if row.key == "partially_granted":  # wrapped, a stray space, numbers on line 2
            out += ["（二）部分公开（区分处理的，只计这一情 形，不", f"计其他情形） {values}"]
            continue
        if row.key == "denied_internal_affairs":
            label = label[:-1]  # a character lost in extraction
        if row.key == "denied_three_safeties" and page_markers:
            out += [
                "- 3 -",
                f"开 {label} {values}",
            ]  # the end of （三）不予公开, after a page break
            continue
        out.append(f"{label} {values}")
    return out


def _fragments(group: str) -> list[str]:
    if group == "三、本年度办理结果":
        return ["三、本", "年度", "办理", "结果"]
    if group == "（三）不予公开":
        return ["（三）", "不予公"]  # 开 comes after a page break
    return [group[:3], group[3:6], group[6:]]


def _pdf_review(report: Report, table: Table) -> list[str]:
    out = ["行政复议 行政诉讼"]
    out += list("结果维持结果纠正其他结果尚未审结总计")
    out.append("未经复议直接起诉 复议后起诉")
    out += list("结果维持结果纠正其他结果尚未审结总计" * 2)
    values = [v for i in range(len(table.rows)) for v in _numbers(report, table, i)]
    out.append(" ".join(values))
    return out


# --- text copied from a web page ------------------------------------------------------


def web_text(report: Report, inline: bool) -> str:
    """Cells separated by `` | `` on one line (``inline``), or each on its own line
    followed by a line holding only ``|``. ASCII parentheses and colons, as many
    portals print them."""
    fmt = report.format
    out = [*_title(report), *_prose(report, fmt.intro_key, False)]
    for section in fmt.sections:
        out.append(section.heading)
        if section.text_key:
            out += _prose(report, section.text_key, False)
        for table in section.tables:
            rows = _table_rows(report, table, groups="first")
            if table.title:
                out.append(_ascii(table.title))
            for cells in rows:
                cells = [_ascii(c) for c in cells]
                if inline:
                    out.append(" | ".join(cells))
                else:
                    for cell in cells:
                        out += [cell, "|"]
    return "\n".join(out) + "\n"


def _ascii(text: str) -> str:
    return text.replace("（", "(").replace("）", ")").replace("：", ":")


def _table_rows(report: Report, table: Table, groups: str) -> list[list[str]]:
    """Header and body rows of a table as cells. ``groups``: "first" prints a merged
    group label once (as copied from a web page), "repeat" on every row, "omit" not."""
    if table.key == "review_litigation":
        labels = [c.label for c in table.columns]
        values = [v for i in range(len(table.rows)) for v in _numbers(report, table, i)]
        return [["行政复议", "行政诉讼"], ["未经复议直接起诉", "复议后起诉"], labels * 3, values]
    header = [table.corner or table.note or "", *(c.label for c in table.columns)]
    rows = [header]
    printed: set[str] = set()
    for i, row in enumerate(table.rows):
        shown = []
        for group in row.groups:
            if groups == "repeat" or (groups == "first" and group not in printed):
                shown.append(group)
            elif groups == "omit":
                shown.append("")
            printed.add(group)
        rows.append([*shown, row.label, *_numbers(report, table, i)])
    return rows


# --- rows copied from a Word or WPS table ---------------------------------------------


def word_text(report: Report, groups: str) -> str:
    fmt = report.format
    out = [
        f"{report.agency}{report.year}年政府信息公开工作年度报告",
        *_prose(report, fmt.intro_key, False),
    ]
    for section in fmt.sections:
        out.append(section.heading)
        if section.text_key:
            out += _prose(report, section.text_key, False)
        for table in section.tables:
            if table.title:
                out.append(table.title)
            out += ["\t".join(cells) for cells in _table_rows(report, table, groups)]
    return "\n".join(out) + "\n"


# --- a saved web page -------------------------------------------------------------------


def html_page(report: Report) -> str:
    fmt = report.format
    body = [f"<h1>{escape(report.agency)}{report.year}年政府信息公开工作年度报告</h1>"]
    body += [
        f"<p>&nbsp;&nbsp;{escape(p)}</p>" for p in report.texts[fmt.intro_key].split("\n") if p
    ]
    for section in fmt.sections:
        body.append(f"<p><strong>{escape(section.heading)}</strong></p>")
        if section.text_key:
            body += [f"<p>{escape(p)}</p>" for p in report.texts[section.text_key].split("\n") if p]
        for table in section.tables:
            if table.title:
                body.append(f"<p style='text-align:center'>{escape(table.title)}</p>")
            body.append(_html_table(report, table))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年报</title>"
        "<style>td{border:1px solid}</style><script>var x = '<td>9</td>';</script></head>"
        f"<body><div class='nav'>首页 &gt; 政府信息公开 &gt; 年报</div>{''.join(body)}"
        "<div class='footer'>打印本页 关闭窗口</div></body></html>"
    )


def _html_table(report: Report, table: Table) -> str:
    def td(text: str, rowspan: int = 1, colspan: int = 1) -> str:
        spans = (f" rowspan='{rowspan}'" if rowspan > 1 else "") + (
            f" colspan='{colspan}'" if colspan > 1 else ""
        )
        return f"<td{spans}><p>{escape(text)}</p></td>"

    rows: list[str] = []
    if table.key == "review_litigation":
        labels = "".join(td(c.label) for c in table.columns)
        values = "".join(td(v) for i in range(len(table.rows)) for v in _numbers(report, table, i))
        rows = [
            td("行政复议", colspan=5) + td("行政诉讼", colspan=10),
            td("结果维持", rowspan=2)
            + td("结果纠正", rowspan=2)
            + td("其他结果", rowspan=2)
            + td("尚未审结", rowspan=2)
            + td("总计", rowspan=2)
            + td("未经复议直接起诉", colspan=5)
            + td("复议后起诉", colspan=5),
            labels + labels,
            values,
        ]
    elif table.key == "applications":
        rows = [
            td(table.note or "", rowspan=3, colspan=3) + td("申请人情况", colspan=7),
            td("自然人", rowspan=2) + td("法人或其他组织", colspan=5) + td("总计", rowspan=2),
            "".join(td(c.label) for c in table.columns[1:6]),
        ]
        group_sizes: dict[str, int] = {}
        for row in table.rows:
            for group in row.groups:
                group_sizes[group] = group_sizes.get(group, 0) + 1
        opened: set[str] = set()
        for i, row in enumerate(table.rows):
            cells = ""
            for group in row.groups:
                if group not in opened:
                    opened.add(group)
                    cells += td(group, rowspan=group_sizes[group])
            span = 3 - len(row.groups)
            cells += td(row.label, colspan=span)
            cells += "".join(td(v) for v in _numbers(report, table, i))
            rows.append(cells)
    else:
        rows = [td(table.corner or "") + "".join(td(c.label) for c in table.columns)]
        rows += [
            td(row.label) + "".join(td(v) for v in _numbers(report, table, i))
            for i, row in enumerate(table.rows)
        ]
    return "<table>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"


# --- Markdown from a converter, and rows copied from a spreadsheet -----------------------


def _label_columns(table: Table, row_index: int) -> list[str]:
    """A row's three label cells as a spreadsheet keeps them: merged cells leave empty
    ones (三、本年度办理结果 only on its first row, the label's second half empty)."""
    row = table.rows[row_index]
    first_of_group = [
        table.rows[row_index - 1].groups[: i + 1] != row.groups[: i + 1] if row_index else True
        for i in range(len(row.groups))
    ]
    shown = [g if first else "" for g, first in zip(row.groups, first_of_group, strict=True)]
    return [*shown, row.label, *[""] * (2 - len(row.groups))]


def markdown_text(report: Report) -> str:
    """What a PDF-to-Markdown converter writes: ``#`` headings, tables padded with empty
    cells to the widest row (10 for part 三), a ``|---|`` row after each first row."""
    fmt = report.format
    out = [f"# {report.agency}{fmt.title(report.year)}", ""]
    out += [p for p in report.texts[fmt.intro_key].split("\n") if p]
    for section in fmt.sections:
        out += ["", f"## {section.heading}", ""]
        if section.text_key:
            out += [p for p in report.texts[section.text_key].split("\n") if p]
        for table in section.tables:
            rows = _spreadsheet_rows(report, table)
            width = max(len(r) for r in rows)
            padded = [[*r, *[""] * (width - len(r))] for r in rows]
            out += [f"| {' | '.join(padded[0])} |", "|" + "---|" * width]
            out += [f"| {' | '.join(r)} |" for r in padded[1:]]
            out.append("")
    return "\n".join(out) + "\n"


def spreadsheet_text(report: Report) -> str:
    """Rows copied from Excel or WPS: every row as wide as the sheet, merged cells as
    empty cells (the second half of a label merged over two columns, too)."""
    fmt = report.format
    out = [f"{report.agency}{fmt.title(report.year)}"]
    out += [p for p in report.texts[fmt.intro_key].split("\n") if p]
    for section in fmt.sections:
        out.append(section.heading)
        if section.text_key:
            out += [p for p in report.texts[section.text_key].split("\n") if p]
        for table in section.tables:
            out += ["\t".join(r) for r in _spreadsheet_rows(report, table)]
    return "\n".join(out) + "\n"


def _spreadsheet_rows(report: Report, table: Table) -> list[list[str]]:
    if table.key == "review_litigation":
        labels = [c.label for c in table.columns]
        values = [v for i in range(len(table.rows)) for v in _numbers(report, table, i)]
        return [
            ["行政复议", "", "", "", "", "行政诉讼", *[""] * 9],
            [*labels, "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
            ["", "", "", "", "", *labels, *labels],
            values,
        ]
    if table.key != "applications":
        rows = [[table.title or "", *[""] * len(table.columns)]] if table.title else []
        rows.append([table.corner or "", *(c.label for c in table.columns)])
        rows += [[r.label, *_numbers(report, table, i)] for i, r in enumerate(table.rows)]
        return rows
    columns = [c.label for c in table.columns]
    rows = [
        [table.note or "", "", "", "申请人情况", *[""] * 6],
        ["", "", "", columns[0], "法人或其他组织", "", "", "", "", columns[-1]],
        ["", "", "", "", *columns[1:6], ""],
    ]
    rows += [
        [*_label_columns(table, i), *_numbers(report, table, i)] for i in range(len(table.rows))
    ]
    return rows
