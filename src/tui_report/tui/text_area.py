"""The editor's text area: Textual's TextArea without its F-key bindings.

TextArea binds F6 (select line) and F7 (select all); in this editor the F-keys
switch parts, and a selection that the next keystroke replaces would lose a
whole part's text. Chinese soft wrapping is installed with the first one made.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea

from . import cjk_wrap
from .key_order import OwnBindingsFirst


def _is_function_key(key: str) -> bool:
    return key.startswith("f") and key[1:].isdigit()


def _without_function_keys(bindings: list) -> list:
    kept = []
    for binding in bindings:
        if isinstance(binding, Binding):
            keys = [k for k in binding.key.split(",") if not _is_function_key(k)]
            if not keys:
                continue
            binding = Binding(
                ",".join(keys),
                binding.action,
                binding.description,
                show=binding.show,
                key_display=binding.key_display,
                priority=binding.priority,
            )
        kept.append(binding)
    return kept


class ReportTextArea(OwnBindingsFirst, TextArea, inherit_bindings=False):
    BINDINGS = _without_function_keys(list(TextArea.BINDINGS))

    def __init__(self, *args, **kwargs) -> None:
        cjk_wrap.install()
        super().__init__(*args, **kwargs)
