"""HTML in the official template: a standalone page to print or publish, or the
article alone (``fragment``) to paste into a portal editor's source view.

Every table is a real HTML table with the template's merged cells (rowspan and
colspan from ``formats.template``), its heading rows in ``<thead>`` so that a printed
table repeats them on each page. The fragment carries its styles inline, because
portal (CMS) editors strip ``<style>`` and ``<head>``, and draws its grid with
``border="1" cellspacing="0"`` too, for the editors that strip ``style`` as well; it
leaves the title out unless asked (``title``), since the portal prints the article's
title above it. The page keeps the same styles in one ``<style>``, with a print
stylesheet: A4 with the Word file's margins, page numbers "— 1 —" placed as in the
Word file, no table row or heading split across pages. All text is escaped; there are
no scripts and no external resources.
"""

from __future__ import annotations

from html import escape

from ..formats.template import TemplateCell, TemplateTable
from ..report.model import Report
from . import fonts
from .published import PublishedReport, column_shares, published
from .word_package import MARGINS_CM

BODY_FONTS = fonts.BODY.css()
HEADING_FONTS = fonts.HEADING.css()
TITLE_FONTS = fonts.TITLE.css()
PAGE_NUMBER_FONTS = fonts.PAGE_NUMBER.css()

# One set of styles, used as classes in the page and inline in the fragment.
STYLES: dict[str, str] = {
    "report": (
        f"max-width: 16cm; margin: 0 auto; font-family: {BODY_FONTS}; font-size: 16pt; "
        "line-height: 1.75; color: #000; overflow-wrap: anywhere;"
    ),
    "title": (
        f"font-family: {TITLE_FONTS}; font-size: 22pt; font-weight: normal; "
        "text-align: center; line-height: 1.5; margin: 0 0 1em 0;"
    ),
    "heading": (
        f"font-family: {HEADING_FONTS}; font-size: 16pt; font-weight: normal; "
        "text-indent: 2em; margin: 0.5em 0 0.25em 0; "
        "break-after: avoid; page-break-after: avoid; break-inside: avoid;"
    ),
    "paragraph": "text-indent: 2em; text-align: justify; margin: 0;",
    "table": (
        "border-collapse: collapse; width: 100%; margin: 0.5em 0 1em 0; "
        "font-size: 10.5pt; line-height: 1.35;"
    ),
    "row": "break-inside: avoid; page-break-inside: avoid;",
    "kept": "break-inside: avoid; page-break-inside: avoid;",
    "cell": (
        "border: 1px solid #000; padding: 3px 4px; text-align: center; vertical-align: middle;"
    ),
    "label": (
        "border: 1px solid #000; padding: 3px 4px; text-align: left; vertical-align: middle;"
    ),
}
# Tags styled by their name in the page (no class on each of them), inline in the fragment.
TAG_STYLES = {"row": "tr"}
# For a CMS that strips ``style``: the grid drawn by the table's own attributes.
TABLE_ATTRIBUTES = ' border="1" cellspacing="0" cellpadding="4"'


def _page_number(side: str) -> str:
    """An @page rule numbering pages "— 1 —" at the foot, on ``side``, one character in."""
    return (
        f'@page :{side} {{ @bottom-{side} {{ content: "— " counter(page) " —"; '
        f"font-family: {PAGE_NUMBER_FONTS}; font-size: 14pt; margin-{side}: 14pt; "
        "vertical-align: top; padding-top: 7mm; } }"
    )


_MARGINS = " ".join(f"{MARGINS_CM[side]}cm" for side in ("top", "right", "bottom", "left"))
PRINT_STYLE = "\n".join(
    [
        f"@page {{ size: A4; margin: {_MARGINS}; }}",
        _page_number("right"),  # odd pages, as in the Word file (GB/T 9704)
        _page_number("left"),
        "body { margin: 1em; }",
        "thead { display: table-header-group; }",
        "p { orphans: 2; widows: 2; }",
    ]
)
# After the classes: tighter tables on paper, so that part 三 fits on one page.
PRINTED = (
    "@media print {\n  body { margin: 0; }\n  .report { max-width: none; }\n"
    "  .table { line-height: 1.25; }\n  .cell, .label { padding: 1px 3px; }\n}"
)


class _Styler:
    """``class="…"`` in the page, ``style="…"`` in the fragment."""

    def __init__(self, inline: bool) -> None:
        self.inline = inline

    def __call__(self, *names: str) -> str:
        if self.inline:
            return f' style="{escape(" ".join(STYLES[name] for name in names))}"'
        classes = " ".join(name for name in names if name not in TAG_STYLES)
        return f' class="{classes}"' if classes else ""


def export_html(report: Report, fragment: bool = False, title: bool | None = None) -> str:
    return render_html(published(report), fragment, title)


def render_html(
    document: PublishedReport, fragment: bool = False, title: bool | None = None
) -> str:
    """The page, or the fragment (``fragment``); ``title`` says whether the article
    starts with the report's title (by default the page has it and the fragment not)."""
    style = _Styler(inline=fragment)
    body: list[str] = [f"<article{style('report')}>"]
    if title if title is not None else not fragment:
        lines = [escape(line) for line in (document.agency, document.title) if line]
        body.append(f"<h1{style('title')}>{'<br>'.join(lines)}</h1>")
    body += _paragraphs(document.intro, style)
    for part in document.parts:
        body.append(f"<h2{style('heading')}>{escape(part.section.heading)}</h2>")
        body += _paragraphs(part.paragraphs, style)
        if part.table is not None:
            body += _table(part.table, document, style)
    body.append("</article>")
    if fragment:
        return "\n".join(body) + "\n"
    classes = "\n".join(
        f"{TAG_STYLES.get(name, '.' + name)} {{ {rules} }}" for name, rules in STYLES.items()
    )
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.full_title)}</title>",
        f"<style>\n{PRINT_STYLE}\n{classes}\n{PRINTED}\n</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


def _paragraphs(paragraphs: tuple[str, ...], style: _Styler) -> list[str]:
    return [f"<p{style('paragraph')}>{escape(text)}</p>" for text in paragraphs]


def _table(layout: TemplateTable, document: PublishedReport, style: _Styler) -> list[str]:
    """A table as the Word file prints it: a table with heading rows (parts 三 and 四) on
    one page where it fits, its heading rows repeated where it does not; each captioned
    table of part 二 (a ``<tbody>`` of its own) kept with its caption."""
    columns = "".join(f'<col style="width: {share:.1%}">' for share in column_shares(layout))
    whole = bool(layout.header_rows)
    table_style = style("table", "kept") if whole else style("table")
    lines = [f"<table{TABLE_ATTRIBUTES}{table_style}>", f"<colgroup>{columns}</colgroup>"]
    for group, rows in _row_groups(layout):
        lines.append(f"<{group}{'' if whole else style('kept')}>")
        for row in rows:
            cells = "".join(_cell(cell, document, style) for cell in row)
            lines.append(f"<tr{style('row')}>{cells}</tr>")
        lines.append(f"</{group}>")
    lines.append("</table>")
    return lines


def _row_groups(layout: TemplateTable) -> list[tuple[str, tuple[tuple[TemplateCell, ...], ...]]]:
    """``thead`` with the heading rows, then ``tbody`` with the rest; in a table of
    captioned tables (part 二), a ``tbody`` for each caption and its rows."""
    if layout.header_rows:
        return [("thead", layout.rows[: layout.header_rows]), ("tbody", layout.value_rows)]
    starts = [r for r, row in enumerate(layout.rows) if r == 0 or row[0].role == "title"]
    ends = [*starts[1:], len(layout.rows)]
    return [("tbody", layout.rows[start:end]) for start, end in zip(starts, ends, strict=True)]


def _cell(cell: TemplateCell, document: PublishedReport, style: _Styler) -> str:
    text = document.numbers(cell.ref) if cell.ref is not None else cell.text
    spans = "".join(
        f' {name}="{count}"'
        for name, count in (("rowspan", cell.rowspan), ("colspan", cell.colspan))
        if count > 1
    )
    kind = "label" if cell.role == "label" and cell.rowspan == 1 else "cell"
    return f"<td{spans}{style(kind)}>{escape(text)}</td>"
