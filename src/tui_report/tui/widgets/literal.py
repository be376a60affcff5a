"""User text shown literally: control characters made visible, never interpreted.

Everything a person wrote (agency, narrative, raw cell text, file names) goes
to widgets as ``rich.text.Text`` (never parsed as markup) or through
``for_editing``, so ``[b]`` stays ``[b]`` and an escape sequence cannot reach
the terminal: ESC is shown as ␛. Text typed into the editor comes back
through ``from_editing``, which gives back exactly the text that was in the file
(see ``tui_report.text.visible``: a literal ␛ in the text is shown as ⟨␛⟩).
"""

from __future__ import annotations

from rich.text import Text

from ...text.visible import for_editing, from_editing, one_line

__all__ = ["for_editing", "from_editing", "literal", "visible"]


def visible(text: str) -> str:
    """For one-line displays: like ``for_editing``, and tabs and line breaks as a space."""
    return one_line(text)


def literal(text: str, style: str = "") -> Text:
    """A ``Text`` that shows ``text`` exactly (no markup), control characters visible."""
    return Text("\n".join(visible(line) for line in text.split("\n")), style=style, end="")
