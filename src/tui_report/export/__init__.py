"""Exports of a report, by name: ``text`` (the official plain-text layout), ``html``
(a page, or a fragment for a portal editor), ``docx`` (Word), ``pdf`` (the Word file
printed by LibreOffice, where it is installed), ``json`` and ``markdown``. Each writer
is imported when used: a plain-text export does not load tabulate's neighbours.
"""

from __future__ import annotations

from .kinds import DEFAULT_WIDTH, EXPORT_FORMATS, ExportError, ExportFormat
from .rendering import (
    available_formats,
    export_docx,
    export_html,
    export_json,
    export_markdown,
    export_text,
    render,
)

__all__ = [
    "DEFAULT_WIDTH",
    "EXPORT_FORMATS",
    "ExportError",
    "ExportFormat",
    "available_formats",
    "export_docx",
    "export_html",
    "export_json",
    "export_markdown",
    "export_text",
    "render",
]
