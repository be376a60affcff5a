"""The editor's keys: the app's bindings and the help text are built from this one list.

Every action has a key that any terminal sends over SSH: a Ctrl+letter, or an
F-key together with a Ctrl+letter alternative.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

# (keys as Textual names them, action, short label for the footer, shown in footer)
APP_KEYS: list[tuple[str, str, str, bool]] = [
    ("ctrl+s", "save", "保存", True),
    ("ctrl+q", "quit", "退出", True),
    ("f1", "help", "帮助", True),
    ("f8,ctrl+n", "next_problem", "下一问题", True),
    ("shift+f8,ctrl+b", "previous_problem", "上一问题", False),
    ("ctrl+o", "export_text", "导出", True),
    ("ctrl+z", "undo", "撤销", False),
    ("ctrl+y", "redo", "重做", False),
    ("ctrl+g", "goto", "转到", True),
    ("f9", "show_part(0)", "封面", False),
    ("f2", "show_part(1)", "一", False),
    ("f3", "show_part(2)", "二", False),
    ("f4", "show_part(3)", "三", False),
    ("f5", "show_part(4)", "四", False),
    ("f6", "show_part(5)", "五", False),
    ("f7", "show_part(6)", "六", False),
    ("f10", "show_part(7)", "校验", False),
    ("question_mark", "help", "帮助", False),
]


def app_bindings() -> list[Binding]:
    """The editor screen's bindings. None has priority: a key is handled in the order it
    was typed, so Ctrl+Q cannot overtake digits still on their way to a cell (over SSH
    several keystrokes often arrive in one packet)."""
    return [Binding(keys, action, label, show=show) for keys, action, label, show in APP_KEYS]


def footer_text() -> Text:
    """The key line at the bottom: the keys marked to be shown, as terminals name them."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for keys, _action, label, show in APP_KEYS:
        if show:
            key = keys.split(",")[0].replace("ctrl+", "^").upper().replace("^", "^")
            text.append(f" {key} ", style="bold reverse")
            text.append(f"{label} ")
    return text


HELP_SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "文件",
        [
            ("Ctrl+S", "保存（只改动编辑过的行；文件被其他程序改过时先询问）"),
            ("Ctrl+O", "导出纯文本到同名 .txt 文件（供上传门户网站）"),
            ("Ctrl+Q", "退出（有未保存的修改时询问：保存 / 不保存 / 取消）"),
        ],
    ),
    (
        "切换部分",
        [
            ("F2 … F7", "一 至 六部分"),
            ("F9", "封面：发布机关、年度、引言"),
            ("F10", "校验：全部问题列表"),
            ("Ctrl+G", "转到：按数字选择部分（不便使用 F 键时）"),
            ("Tab / Shift+Tab", "在窗口内的各个输入区之间移动（包括顶部的部分栏）"),
            ("← / →（部分栏中）", "切换部分；Enter 或 ↓ 进入该部分"),
        ],
    ),
    (
        "表格",
        [
            ("方向键", "移动光标；PageUp/PageDown 翻页，Home/End 到行首/行尾"),
            ("数字", "直接输入即开始编辑（全角数字也可以）"),
            ("Enter", "确认输入并下移一行"),
            ("Esc", "放弃正在输入的内容"),
            ("Backspace / Delete", "删除一位；未在输入时把单元格清零"),
            ("Ctrl+Z / Ctrl+Y", "撤销 / 重做单元格的修改"),
        ],
    ),
    (
        "问题",
        [
            ("F8 或 Ctrl+N", "跳到下一个问题所在的单元格或段落"),
            ("Shift+F8 或 Ctrl+B", "跳到上一个问题"),
            ("Enter", "在校验列表中：跳到该问题"),
        ],
    ),
    (
        "文字",
        [
            ("方向键、Home/End", "移动；长段落自动换行显示"),
            ("Ctrl+Z / Ctrl+Y", "撤销 / 重做文字修改"),
            ("粘贴", "用终端的粘贴（如 Ctrl+Shift+V 或鼠标右键）"),
        ],
    ),
    ("帮助", [("F1 或 ?", "显示本帮助（在文字编辑区中 ? 是普通字符，请用 F1）")]),
]
