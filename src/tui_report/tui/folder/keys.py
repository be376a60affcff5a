"""The folder view's keys: the bindings, the key line at the bottom, the help (F1), the
list of every action by name (Ctrl+P), and the choice of the column to sort by (S)."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from ..editor.palette import command_lines
from ..key_variants import with_variants
from ..widgets.key_line import KeyEntry
from ..widgets.picker import Picker
from ..widgets.picker import matches as picker_matches
from .columns import ListColumn

FOLDER_KEYS: list[tuple[str, str, str, bool]] = [
    # (keys, action, label, shown in the key line)
    ("enter", "open", "打开", True),
    ("slash,ctrl+f", "filter", "筛选", True),
    ("e", "only_errors", "只看错误", True),
    ("s", "sort_by", "排序", True),
    ("less_than_sign,comma", "sort(-1)", "前一列排序", False),
    ("greater_than_sign,full_stop", "sort(1)", "后一列排序", False),
    ("r", "reverse", "反向排序", False),
    ("y", "next_year", "年度", True),
    ("a", "all_years", "全部年度", False),
    ("c", "county_checks", "全县检查", True),
    ("f5", "recheck_all", "重新检查", False),
    ("ctrl+l", "app.redraw", "重画屏幕并重新检查", False),
    ("ctrl+p", "commands", "命令", False),
    ("question_mark,f1", "help", "帮助", True),
    ("ctrl+q", "quit", "退出", True),
]

# How a key is written for a person (other keys: ``ctrl+l`` → Ctrl+L, ``e`` → E).
_KEY_NAMES = {
    "enter": "Enter",
    "slash": "/",
    "question_mark": "?",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "comma": ",",
    "full_stop": ".",
}


def key_names(keys: str) -> str:
    """``slash,ctrl+f`` → ``/ 或 Ctrl+F``."""
    return " 或 ".join(
        _KEY_NAMES.get(key) or "+".join(part.capitalize() for part in key.split("+"))
        for key in keys.split(",")
    )


def folder_bindings() -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    """The folder view's bindings; a letter answers in upper case and full width too
    (Caps Lock is how a Chinese input method types Latin letters), ``/`` and ``?`` to
    the input method's ``、`` and ``？``, ``<`` ``>`` to ``《`` ``》``."""
    return [
        Binding(with_variants(keys), action, label, show=False)
        for keys, action, label, _ in FOLDER_KEYS
    ]


def folder_key_entries() -> list[KeyEntry]:
    """The key line: the keys marked to be shown; 帮助 and 退出 stay on a narrow screen.
    Help is ``?`` first: GNOME's and Xfce's terminals keep F1 for their own help."""
    shown = {
        "enter": "↵",
        "slash,ctrl+f": "/",
        "question_mark,f1": "?/F1",
        "ctrl+q": "^Q",
    }
    return [
        KeyEntry(shown.get(keys, keys.split(",")[0].upper()), label, action in ("help", "quit"))
        for keys, action, label, show in FOLDER_KEYS
        if show
    ]


class SortChoice(Picker[str]):
    heading = "排序：选择一列（输入列名的一段可缩小范围；选当前的列则反向）"
    placeholder = "列名"

    def __init__(self, columns: list[ListColumn], current: str, descending: bool) -> None:
        super().__init__()
        self.columns = columns
        self.current = current
        self.descending = descending

    def choices(self, query: str) -> list[tuple[str, str | None]]:
        found: list[tuple[str, str | None]] = []
        for column in self.columns:
            if not picker_matches(query, column.title):
                continue
            mark = "（当前，从大到小）" if self.descending else "（当前，从小到大）"
            found.append((column.title + (mark if column.key == self.current else ""), column.key))
        return found or [("没有这一列", None)]

    def count_text(self, shown: int) -> str:
        return "↑/↓ 选择，Enter 排序，Esc 取消"


class FolderCommands(Picker[str]):
    """Ctrl+P: every action of the folder view by name, with its key; the answer is the
    action, done as its key does it."""

    heading = "命令：输入名称的一部分筛选，Enter 执行"
    placeholder = "命令名称（如 排序、年度、检查）"

    def choices(self, query: str) -> list[tuple[str, str | None]]:
        entries = [
            (label, "", key_names(keys), action)
            for keys, action, label, _ in FOLDER_KEYS
            if action != "commands"
        ]
        return command_lines(entries, query, self.line_width())

    def count_text(self, shown: int) -> str:
        return "↑/↓ 选择，Enter 执行，Esc 取消"


def ask_command(screen: Screen) -> None:
    """Ctrl+P: an action chosen by name, done on ``screen`` as its key does it."""

    def chosen(action: str | None) -> None:
        if action is not None:
            screen.call_later(screen.run_action, action)

    screen.app.push_screen(FolderCommands(), chosen)


def folder_help() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (
            "目录视图",
            [
                ("↑ ↓ PageUp PageDown", "移动；Home / End 到第一份 / 最后一份"),
                ("Enter", "在编辑器中打开这份报告；在编辑器中 Ctrl+Q 退出后回到列表，列表随即更新"),
                ("/ 或 Ctrl+F", "按机关名称或文件名的一段筛选（Enter 确定，Esc 取消）"),
                (
                    "E",
                    "只看有错误（或无法读取）的报告；再按一次显示全部"
                    "（字母键大小写都可以，中文输入法开着时也能用）",
                ),
                ("S", "排序：选择按哪一列排序（也可用鼠标点列名）"),
                ("< >", "改按前一列 / 后一列排序"),
                ("R", "反向排序"),
                ("Y", "换一个年度：列表和合计按该年度"),
                ("A", "列表中显示全部年度的报告（合计仍按所选年度）"),
                (
                    "C",
                    "全县检查：不计入合计的报告及原因、缺少报告的机关、重复的报告、"
                    "机关名称的不同写法（可记入 agencies.toml）",
                ),
                ("F5", "重新检查全部报告（磁盘上改动的文件每隔两秒自动重新检查）"),
                ("Ctrl+L", "重画整个屏幕并重新检查全部报告"),
                ("Ctrl+P", "命令：按名称列出以上全部操作，选中后执行"),
                ("Ctrl+Q", "退出"),
            ],
        ),
        ("帮助", [("? 或 F1", "显示本帮助")]),
    ]
