"""Ctrl+P: every action of the editor by name, in Chinese, with its key.

Choosing an action presses its key where the cursor was, so it does exactly what
the key does there (Ctrl+Z in a text area undoes typing there).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from rich.cells import cell_len

from ...formats import ReportFormat
from ...text.textwidth import pad
from ..widgets.picker import Picker, matches
from .keys import COMMANDS, Command, part_keys

NOTE = "（在表格中可用）"
GAP = 2  # columns between the longest name and its key

T = TypeVar("T")


def command_lines(
    entries: Sequence[tuple[str, str, str, T | None]], query: str, line_width: int
) -> list[tuple[str, T | None]]:
    """The lines of a list of actions by name (the editor's Ctrl+P, the folder view's):
    the entries whose name or keys hold every word of ``query``, each name (and its note)
    padded to one column, its keys after it — in that column on a line of their own where
    the name is too long for it (转到 四、… must not run into its key)."""
    widest = GAP + max(cell_len(name + note) for name, note, _, _ in entries)
    key_width = max(cell_len(keys) for _, _, keys, _ in entries)
    # as wide as the widest name, as long as the widest key still fits beside it
    name_width = max(min(widest, line_width - key_width), 12)
    lines: list[tuple[str, T | None]] = []
    for name, note, keys, answer in entries:
        if query.strip() and not matches(query, f"{name} {keys}"):
            continue
        shown = name + note
        if cell_len(shown) + GAP > name_width:
            line = shown + "\n" + " " * name_width + keys
        else:
            line = pad(shown, name_width, measure=cell_len) + keys
        lines.append((line, answer))
    return lines or [(f"没有名称含“{query.strip()}”的命令", None)]


class CommandPalette(Picker[str]):
    heading = "命令：输入名称的一部分筛选，Enter 执行"
    placeholder = "命令名称（如 复制、撤销、查找）"

    def __init__(self, in_grid: bool, fmt: ReportFormat) -> None:
        super().__init__()
        names = [
            "封面（发布机关、年度、引言）",
            *(s.heading for s in fmt.sections),
            "校验（全部问题）",
        ]
        keys = part_keys()
        self.commands = commands = [
            *COMMANDS[:-1],
            *(
                # Ctrl+G and the part's number first: a terminal may keep the F-key
                Command(f"转到 {name}", keys[i], f"Ctrl+G {i} 或 {keys[i].upper()}")
                for i, name in enumerate(names)
            ),
            COMMANDS[-1],
        ]
        usable = [in_grid or not c.grid_only for c in commands]
        self.entries: list[tuple[str, str, str, str | None]] = [
            (c.name, "" if ok else NOTE, c.keys, c.key if ok else None)
            for c, ok in zip(commands, usable, strict=True)
        ]

    def choices(self, query: str) -> list[tuple[str, str | None]]:
        return command_lines(self.entries, query, self.line_width())

    def count_text(self, shown: int) -> str:
        return f"{shown} 个命令；↑/↓ 选择，Enter 执行，Esc 取消"
