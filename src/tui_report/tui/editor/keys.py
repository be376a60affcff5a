"""The editor's keys: the bindings, the footer, the help and the command palette come
from the lists here.

Every action has a key that any terminal sends over SSH: a Ctrl+letter, or an
F-key together with another key. Where a terminal may take the F-key for itself
(F1 and F10 in GNOME's and Xfce's terminals, every F-key in byobu), the footer and
the help name the other key first. Ctrl+B is tmux's prefix and never arrives inside
tmux: 上一问题 is Ctrl+T (Ctrl+B still works outside tmux, for those used to it).
"""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding, BindingType

from ..key_variants import with_variants
from ..widgets.key_line import KeyEntry

# (keys as Textual names them, action, short label for the footer, shown in footer)
APP_KEYS: list[tuple[str, str, str, bool]] = [
    ("ctrl+s", "save", "保存", True),
    ("ctrl+q", "quit", "退出", True),
    ("question_mark,f1", "help", "帮助", True),
    ("f8,ctrl+n", "next_problem", "下一问题", True),
    ("shift+f8,ctrl+t,ctrl+b", "previous_problem", "上一问题", False),
    ("ctrl+o", "export", "导出", True),
    ("ctrl+z", "undo", "撤销", False),
    ("ctrl+y", "redo", "重做", False),
    ("ctrl+f", "find", "查找", True),
    ("ctrl+p", "commands", "命令", True),
    ("ctrl+g", "goto", "转到", True),
    ("f9", "show_part(0)", "封面", False),
    ("f2", "show_part(1)", "一", False),
    ("f3", "show_part(2)", "二", False),
    ("f4", "show_part(3)", "三", False),
    ("f5", "show_part(4)", "四", False),
    ("f6", "show_part(5)", "五", False),
    ("f7", "show_part(6)", "六", False),
    ("f10", "show_part(7)", "校验", False),
    ("tab", "next_field(1)", "下一个输入区", False),
    ("shift+tab", "next_field(-1)", "上一个输入区", False),
    ("up", "part_bar", "部分栏", False),
    ("ctrl+c", "copy", "复制", False),
]


def app_bindings() -> list[BindingType]:
    """The editor screen's bindings. None has priority: a key is handled in the order it
    was typed, so Ctrl+Q cannot overtake digits still on their way to a cell (over SSH
    several keystrokes often arrive in one packet). ``?`` answers to ``？`` too."""
    return [
        Binding(with_variants(keys), action, label, show=show)
        for keys, action, label, show in APP_KEYS
    ]


def shown_key(keys: str) -> str:
    """A key as the footer shows it: the Ctrl key where there is one (``^N``, which every
    terminal sends), else every key with the F-key last (``?/F1``)."""
    names = keys.split(",")
    ctrl = [k for k in names if k.startswith("ctrl+")]
    if ctrl:
        return ctrl[0].replace("ctrl+", "^").upper()
    names.sort(key=lambda k: k.startswith("f") and k[1:].isdigit())
    return "/".join({"question_mark": "?"}.get(k, k.upper()) for k in names)


def footer_entries() -> list[KeyEntry]:
    """The key line at the bottom: the keys marked to be shown (帮助 and 退出 on any width)."""
    return [
        KeyEntry(shown_key(keys), label, kept=action in ("help", "quit"))
        for keys, action, label, show in APP_KEYS
        if show
    ]


def part_keys() -> dict[int, str]:
    """The key of each part by its index (0 the cover … 7 the problems list)."""
    return {
        int(action[len("show_part(") : -1]): keys.split(",")[0]
        for keys, action, _label, _show in APP_KEYS
        if action.startswith("show_part(")
    }


class Command(NamedTuple):
    """An action in the command palette: its name, the key that does it (pressed for it
    where the cursor is), how the key is written, and whether it needs a table."""

    name: str
    key: str
    keys: str
    grid_only: bool = False


COMMANDS: list[Command] = [
    Command("保存", "ctrl+s", "Ctrl+S"),
    Command("导出（纯文本、网页、Word 文档、PDF 等）", "ctrl+o", "Ctrl+O"),
    Command("退出", "ctrl+q", "Ctrl+Q"),
    Command("查找行、列或文字", "ctrl+f", "Ctrl+F"),
    Command("转到部分", "ctrl+g", "Ctrl+G"),
    Command("下一个问题", "ctrl+n", "Ctrl+N 或 F8"),
    Command("上一个问题", "ctrl+t", "Ctrl+T 或 Shift+F8"),
    Command("撤销", "ctrl+z", "Ctrl+Z"),
    Command("重做", "ctrl+y", "Ctrl+Y"),
    Command("修改单元格（在原值上编辑）", "ctrl+e", "Ctrl+E", grid_only=True),
    Command("单元格清零", "delete", "Delete", grid_only=True),
    Command("复制单元格", "ctrl+c", "Ctrl+C", grid_only=True),
    Command("复制整行（Tab 分隔）", "ctrl+r", "Ctrl+R", grid_only=True),
    Command("粘贴本编辑器复制的内容", "ctrl+v", "Ctrl+V", grid_only=True),
    Command("本部分第一个输入格", "ctrl+home", "Ctrl+Home", grid_only=True),
    Command("本部分最后一个输入格", "ctrl+end", "Ctrl+End", grid_only=True),
    Command("重画屏幕", "ctrl+l", "Ctrl+L"),
    Command("按键帮助", "f1", "? 或 F1"),
]

HELP_SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "文件",
        [
            (
                "Ctrl+S",
                "保存（只改动编辑过的行；文件被其他程序改过时询问：合并 / 重新载入 / 查看差异"
                " / 覆盖 / 取消。合并把本次的修改放到磁盘上的文件上，两边都改了的格子和段落"
                "逐个选择，合并后检查无误再保存，Ctrl+Z 可撤销合并）",
            ),
            (
                "Ctrl+O",
                "导出：选择纯文本、网页、Word 文档、PDF、JSON 或 Markdown，写到报告旁的同名文件"
                "（有未保存的修改或错误时先提示）",
            ),
            ("Ctrl+Q", "退出（有未保存的修改时询问：保存 / 不保存 / 取消）"),
        ],
    ),
    (
        "切换部分、查找",
        [
            (
                "Ctrl+G",
                "转到：按数字选择部分（0 封面，1 至 6 各部分，7 校验；任何终端都能用）",
            ),
            ("F2 … F7", "一 至 六部分"),
            ("F9", "封面：发布机关、年度、引言"),
            (
                "F10",
                "校验：全部问题列表（GNOME、Xfce 的终端把 F10 留给菜单、F1 留给自己的帮助，"
                "在那里请用 Ctrl+G 和 ?）",
            ),
            (
                "Ctrl+F",
                "查找：行、列、部分名称的任意一段（如 行政强制、不掌握），或正文中的字句，跳到该处",
            ),
            ("Ctrl+P", "命令：按名称列出全部操作，选中后执行"),
            ("Tab / Shift+Tab", "表格外：在本部分的输入区之间移动（如 发布机关 → 年度 → 引言）"),
            (
                "↑（表格第一行、输入框中）",
                "到顶部的部分栏；在部分栏中 ← / → 切换部分，Enter 或 ↓ 进入",
            ),
        ],
    ),
    (
        "表格",
        [
            ("方向键", "移动光标；PageUp/PageDown 翻页，Home/End 到行首/行尾"),
            ("数字", "直接输入即开始编辑（全角数字也可以）"),
            (
                "Tab / Shift+Tab",
                "确认输入并到下一个 / 上一个输入格（跳过程序计算的总计，到行尾后接下一行）",
            ),
            ("Enter", "确认输入并下移一行（跳过（七）总计；用 Tab 横向输入后回到起始列）"),
            ("Ctrl+E", "在原值上修改：←/→、Home/End 在数字中移动"),
            ("Esc", "放弃正在输入的内容"),
            ("Backspace", "删除一位；未在输入时把单元格清零"),
            ("Delete", "清空正在输入的内容（修改时删除光标处一位）；未在输入时把单元格清零"),
            ("Ctrl+Home / Ctrl+End", "本部分第一个 / 最后一个输入格"),
            (
                "Ctrl+C / Ctrl+R",
                "复制单元格 / 整行（Tab 分隔，可粘贴到 Excel、WPS；经终端剪贴板 OSC 52，"
                "无从确知终端收到时，状态行列出要复制的值并说明原因）",
            ),
            (
                "粘贴",
                "从 Excel、WPS、网页复制的一块数字，从光标处向右、向下填入（跳过总计）；"
                "有一个值不合格则整块不填",
            ),
            ("Ctrl+V", "粘贴本编辑器复制的内容"),
            ("Ctrl+Z / Ctrl+Y", "撤销 / 重做单元格的修改（一次粘贴为一步）"),
        ],
    ),
    (
        "问题",
        [
            ("Ctrl+N 或 F8", "跳到光标之后的下一个问题所在的单元格或段落"),
            (
                "Ctrl+T 或 Shift+F8",
                "跳到上一个问题（tmux 之外 Ctrl+B 也可以；在 tmux 中 Ctrl+B 是它的前缀键）",
            ),
            ("Enter", "在校验列表中：跳到该问题"),
        ],
    ),
    (
        "文字",
        [
            ("方向键、Home/End", "移动；长段落自动换行显示"),
            ("Ctrl+Home / Ctrl+End", "到文字开头 / 末尾"),
            (
                "Ctrl+Z / Ctrl+Y",
                "先撤销 / 重做本输入区的修改；没有可撤销的时撤销单元格的修改，并说明撤销了什么",
            ),
            ("粘贴", "用终端的粘贴（如 Ctrl+Shift+V 或鼠标右键）"),
        ],
    ),
    (
        "屏幕、帮助",
        [
            ("Ctrl+L", "重画整个屏幕（屏幕上出现了别的程序写的字，或显示乱了时）"),
            (
                "? 或 F1",
                "显示本帮助（在文字和输入框中 ? 是普通字符，请用 F1，或 Ctrl+P 选“按键帮助”）",
            ),
        ],
    ),
]
