"""Ctrl+P: every action of the editor by name, in Chinese, with its key.

Choosing an action presses its key where the cursor was, so it does exactly what
the key does there (Ctrl+Z in a text area undoes typing there).
"""

from __future__ import annotations

from rich.cells import cell_len

from ..formats import ReportFormat
from ..textwidth import pad
from .keys import COMMANDS, Command, part_keys
from .picker import Picker, matches

NOTE = "（在表格中可用）"
GAP = 2  # columns between the longest name and its key


class CommandPalette(Picker[str]):
    heading = "命令：输入名称的一部分筛选，Enter 执行"
    placeholder = "命令名称（如 复制、撤销、查找）"

    def __init__(self, in_grid: bool, fmt: ReportFormat) -> None:
        super().__init__()
        self.in_grid = in_grid
        names = [
            "封面（发布机关、年度、引言）",
            *(s.heading for s in fmt.sections),
            "校验（全部问题）",
        ]
        keys = part_keys()
        self.commands = [
            *COMMANDS[:-1],
            *(Command(f"转到 {name}", keys[i], keys[i].upper()) for i, name in enumerate(names)),
            COMMANDS[-1],
        ]
        # One column for the keys, after the widest name (with its note): a long name
        # such as 转到 四、… must not run into its key.
        self.name_width = GAP + max(
            cell_len(c.name + ("" if in_grid or not c.grid_only else NOTE)) for c in self.commands
        )
        self.key_width = max(cell_len(c.keys) for c in self.commands)

    def choices(self, query: str) -> list[tuple[str, str | None]]:
        lines: list[tuple[str, str | None]] = []
        # as wide as the widest name, as long as the widest key still fits beside it
        name_width = max(min(self.name_width, self.line_width() - self.key_width), 12)
        for command in self.commands:
            if query.strip() and not matches(query, f"{command.name} {command.keys}"):
                continue
            usable = self.in_grid or not command.grid_only
            note = "" if usable else NOTE
            name = command.name + note
            if cell_len(name) + GAP > name_width:  # its key on a line of its own, in the column
                line = name + "\n" + " " * name_width + command.keys
            else:
                line = pad(name, name_width, measure=cell_len) + command.keys
            lines.append((line, command.key if usable else None))
        return lines or [(f"没有名称含“{query.strip()}”的命令", None)]

    def count_text(self, shown: int) -> str:
        return f"{shown} 个命令；↑/↓ 选择，Enter 执行，Esc 取消"
