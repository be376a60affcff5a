"""Exports of a report: ``text`` (the official plain-text layout), ``json``, ``markdown``."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Report
from .json_export import export_json
from .markdown import export_markdown
from .text import DEFAULT_WIDTH, export_text

EXPORTERS: dict[str, Callable[[Report], str]] = {
    "text": export_text,
    "json": export_json,
    "markdown": export_markdown,
}

__all__ = ["DEFAULT_WIDTH", "EXPORTERS", "export_json", "export_markdown", "export_text"]
