"""A report exported by the kind's name. Each writer is imported when it is used (its
import measured with ``python -X importtime``: markdown ~90 ms with tabulate, html ~20
ms, word ~20 ms, json and text ~9 ms), so that the editor, which names the kinds at
start, and a plain-text export (``git diff``'s textconv) load only what they use."""

from __future__ import annotations

from ..report.model import Report
from .kinds import DEFAULT_WIDTH, EXPORT_FORMATS, ExportFormat


def available_formats() -> dict[str, ExportFormat]:
    """The formats this computer can export: PDF only where LibreOffice is installed."""
    from .pdf import pdf_available  # (the writer's import: see the module's docstring)

    return {name: kind for name, kind in EXPORT_FORMATS.items() if name != "pdf" or pdf_available()}


def render(
    report: Report,
    name: str,
    width: int = DEFAULT_WIDTH,
    fragment: bool = False,
    title: bool | None = None,
) -> bytes:
    """The export ``name`` of a report, as the bytes of its file (UTF-8 for text);
    ``fragment`` and ``title`` for HTML (see ``html.render_html``). ``ExportError``
    when it cannot be made."""
    if name == "docx":
        from .word import export_docx  # (each writer when used: see the docstring)

        return export_docx(report)
    if name == "pdf":
        from .pdf import export_pdf  # (each writer when used)

        return export_pdf(report)
    if name == "html":
        text = export_html(report, fragment, title)
    elif name == "json":
        text = export_json(report)
    elif name == "markdown":
        text = export_markdown(report)
    else:
        text = export_text(report, width)
    return text.encode("utf-8")


def export_text(report: Report, max_width: int = DEFAULT_WIDTH) -> str:
    from .text import export_text as write  # (each writer when used)

    return write(report, max_width)


def export_html(report: Report, fragment: bool = False, title: bool | None = None) -> str:
    from .html import export_html as write  # (each writer when used)

    return write(report, fragment, title)


def export_json(report: Report) -> str:
    from .json_export import export_json as write  # (each writer when used)

    return write(report)


def export_markdown(report: Report) -> str:
    from .markdown import export_markdown as write  # (each writer when used)

    return write(report)


def export_docx(report: Report) -> bytes:
    from .word import export_docx as write  # (each writer when used)

    return write(report)
