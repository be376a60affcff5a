"""HTML in the official template: a standalone page to print or publish, or the
article alone (``fragment``) to paste into a portal editor's source view.

Every table is a real HTML table with the template's merged cells (rowspan and
colspan from ``formats.template``). The fragment carries its styles inline,
because portal (CMS) editors strip ``<style>`` and ``<head>``; the page keeps
the same styles in one ``<style>``. All text is escaped; there are no scripts
and no external resources.
"""

from __future__ import annotations

from html import escape

from ..formats.template import TemplateCell, TemplateTable
from ..model import Report
from .published import PublishedReport, column_shares, published

BODY_FONTS = (
    '"仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Source Han Serif SC", serif'
)
HEADING_FONTS = '"黑体", SimHei, STHeiti, "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
TITLE_FONTS = (
    '"方正小标宋简体", "方正小标宋_GBK", "华文中宋", STZhongsong, "宋体", SimSun, '
    '"Noto Serif CJK SC", "Source Han Serif SC", serif'
)

# One set of styles, used as classes in the page and inline in the fragment.
STYLES: dict[str, str] = {
    "report": (
        f"max-width: 16cm; margin: 0 auto; font-family: {BODY_FONTS}; font-size: 16pt; "
        "line-height: 1.75; color: #000;"
    ),
    "title": (
        f"font-family: {TITLE_FONTS}; font-size: 22pt; font-weight: normal; "
        "text-align: center; line-height: 1.5; margin: 0 0 1em 0;"
    ),
    "heading": (
        f"font-family: {HEADING_FONTS}; font-size: 16pt; font-weight: normal; "
        "text-indent: 2em; margin: 0.5em 0 0.25em 0;"
    ),
    "paragraph": "text-indent: 2em; text-align: justify; margin: 0;",
    "table": (
        "border-collapse: collapse; width: 100%; margin: 0.5em 0 1em 0; "
        "font-size: 10.5pt; line-height: 1.35;"
    ),
    "cell": (
        "border: 1px solid #000; padding: 3px 4px; text-align: center; vertical-align: middle;"
    ),
    "label": (
        "border: 1px solid #000; padding: 3px 4px; text-align: left; vertical-align: middle;"
    ),
}
PAGE_STYLE = "@page { size: A4; margin: 2.54cm 2.8cm; }\nbody { margin: 1em; }"


class _Styler:
    """``class="…"`` in the page, ``style="…"`` in the fragment."""

    def __init__(self, inline: bool) -> None:
        self.inline = inline

    def __call__(self, name: str) -> str:
        return f' style="{escape(STYLES[name])}"' if self.inline else f' class="{name}"'


def export_html(report: Report, fragment: bool = False) -> str:
    return render_html(published(report), fragment)


def render_html(document: PublishedReport, fragment: bool = False) -> str:
    style = _Styler(inline=fragment)
    body: list[str] = [f"<article{style('report')}>"]
    body.append(f"<h1{style('title')}>{escape(document.full_title)}</h1>")
    body += _paragraphs(document.intro, style)
    for part in document.parts:
        body.append(f"<h2{style('heading')}>{escape(part.section.heading)}</h2>")
        body += _paragraphs(part.paragraphs, style)
        if part.table is not None:
            body += _table(part.table, document, style)
    body.append("</article>")
    if fragment:
        return "\n".join(body) + "\n"
    classes = "\n".join(f".{name} {{ {rules} }}" for name, rules in STYLES.items())
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.full_title)}</title>",
        f"<style>\n{PAGE_STYLE}\n{classes}\n</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


def _paragraphs(paragraphs: tuple[str, ...], style: _Styler) -> list[str]:
    return [f"<p{style('paragraph')}>{escape(text)}</p>" for text in paragraphs]


def _table(layout: TemplateTable, document: PublishedReport, style: _Styler) -> list[str]:
    columns = "".join(f'<col style="width: {share:.1%}">' for share in column_shares(layout))
    lines = [f"<table{style('table')}>", f"<colgroup>{columns}</colgroup>", "<tbody>"]
    for row in layout.rows:
        cells = "".join(_cell(cell, document, style) for cell in row)
        lines.append(f"<tr>{cells}</tr>")
    lines += ["</tbody>", "</table>"]
    return lines


def _cell(cell: TemplateCell, document: PublishedReport, style: _Styler) -> str:
    text = document.numbers(cell.ref) if cell.ref is not None else cell.text
    spans = "".join(
        f' {name}="{count}"'
        for name, count in (("rowspan", cell.rowspan), ("colspan", cell.colspan))
        if count > 1
    )
    kind = "label" if cell.role == "label" and cell.rowspan == 1 else "cell"
    return f"<td{spans}{style(kind)}>{escape(text)}</td>"
