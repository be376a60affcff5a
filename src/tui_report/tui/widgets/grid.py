"""An editable grid for one table of the report, edited in place.

A Line API widget: the row labels stay on the left, number columns have
fixed widths, cells are edited where they are (no separate input box), and
after an edit only the lines whose content changed are repainted — over a
slow SSH link a keystroke costs a few hundred bytes, not a screenful.

The grid never changes the report itself: it hands committed values to
``apply_edits`` (the editor's, which records undo and validates) synchronously,
so no keystroke can overtake an edit that is still in a message queue. For the
same reason a move into another table of the part (Tab, Enter or an arrow at a
table's edge) moves the focus at once: the next key of a burst goes there.
The grid is built in layers: ``grid_base`` (the state, the drawing, the value being
typed), ``grid_moves`` (the keys that move the cursor), ``grid_editing`` (typing,
editing in place, pasting and copying); here, the key bindings and the styles.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from .grid_base import CellLook, CursorWatcher, EditsHandler, PartLeaver
from .grid_editing import CellEditing

__all__ = ["CellLook", "CursorWatcher", "EditsHandler", "PartLeaver", "ReportGrid"]


class ReportGrid(CellEditing, can_focus=True):
    """One table: rows × columns with the derived totals computed and read-only."""

    COMPONENT_CLASSES = {
        "grid--header",
        "grid--group",
        "grid--label",
        "grid--derived",
        "grid--error",
        "grid--cursor",
        "grid--cursor-blurred",
        "grid--editing",
        "grid--caret",
        "grid--bad",
    }

    DEFAULT_CSS = """
    ReportGrid {
        height: auto;
        max-height: 100%;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    ReportGrid > .grid--header { text-style: bold; color: $text-muted; }
    ReportGrid > .grid--group { text-style: bold; }
    ReportGrid > .grid--label { }
    ReportGrid > .grid--derived { text-style: italic; color: $text-muted; background: $boost; }
    ReportGrid > .grid--error { background: $error 35%; text-style: bold underline; }
    ReportGrid > .grid--bad { background: $error 35%; text-style: bold underline; }
    ReportGrid > .grid--cursor { text-style: reverse bold; }
    ReportGrid > .grid--cursor-blurred { text-style: underline; }
    ReportGrid > .grid--editing { text-style: reverse bold underline; }
    ReportGrid > .grid--caret { text-style: bold underline; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1, 0)", "上", show=False),
        Binding("down", "move(1, 0)", "下", show=False),
        Binding("left", "left", "左", show=False),
        Binding("right", "right", "右", show=False),
        Binding("home", "home", "行首", show=False),
        Binding("end", "end", "行尾", show=False),
        Binding("ctrl+home", "section_edge(-1)", "第一个输入格", show=False),
        Binding("ctrl+end", "section_edge(1)", "最后一个输入格", show=False),
        Binding("pageup", "page(-1)", "上一页", show=False),
        Binding("pagedown", "page(1)", "下一页", show=False),
        Binding("tab", "next_cell(1)", "下一个输入格", show=False),
        Binding("shift+tab", "next_cell(-1)", "上一个输入格", show=False),
        Binding("enter", "enter", "确认", show=False),
        Binding("backspace", "backspace", "退格", show=False),
        Binding("delete", "clear", "清零", show=False),
        Binding("ctrl+e", "edit_in_place", "修改", show=False),
        Binding("ctrl+c", "copy_cell", "复制单元格", show=False),
        Binding("ctrl+r", "copy_row", "复制整行", show=False),
        Binding("ctrl+v", "paste_clipboard", "粘贴", show=False),
    ]
