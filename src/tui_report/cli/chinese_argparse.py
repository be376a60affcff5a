"""Chinese for argparse's own words (usage, errors), so all of ``--help`` reads in Chinese,
laid out by the width Chinese takes in a terminal.

argparse looks its strings up through ``gettext`` at the time it formats them;
this installs a lookup that answers in Chinese and falls back to English. argparse
measures text by ``len``: a Chinese character takes two columns, so the help column
and the wrapping are corrected by display width (``ChineseHelpFormatter``).
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys

from ..text.textwidth import width as display_width
from ..text.textwidth import wrap

ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示帮助并退出",
    "show program's version number and exit": "显示版本并退出",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选择：%(value)r（可选：%(choices)s）"
    ),
    "expected one argument": "需要一个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 有歧义，可能是：%(matches)s"
    ),
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "expected at least one argument": "至少需要一个值",
}


def install() -> None:
    def translate(message: str) -> str:
        return ARGPARSE_ZH.get(message, gettext.gettext(message))

    argparse._ = translate  # type: ignore[attr-defined]


# A part of a usage line: an optional group (brackets, one level of nesting) or a word.
_USAGE_PART = re.compile(r"\[[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*\]|\S+")

# A line of a list in a description: its item, then two spaces or more, then its text.
_LIST_TEXT = re.compile(r"^ +\S.*?\S {2,}(?=\S)")

# argparse ends each section heading with an ASCII colon ("选项:"); Chinese text uses "：".
_HEADING = re.compile(r"^([^\s:][^\n:]*):$", re.M)


# What a line of help is never broken inside: the program's name and option names
# (``--year``, ``--skip-unreadable``), which the wrapping would break at a hyphen.
_WHOLE = re.compile(r"tui-report|(?<![\w-])--?[A-Za-z][A-Za-z0-9-]*")


def wrap_whole(text: str, width: int) -> list[str]:
    """``wrap``, never breaking inside ``tui-report`` or an option name: each is wrapped
    as a word of ASCII letters and digits as long as it (which moves to the next line
    whole), then put back."""
    tokens: list[tuple[str, str]] = []

    def stand_in(found: re.Match[str]) -> str:
        token = found.group()
        mark = f"Q{len(tokens)}"
        if len(mark) > len(token):
            return token  # (a short option beyond the tenth: left as it is)
        tokens.append((mark.ljust(len(token), "x"), token))
        return tokens[-1][0]

    lines = wrap(_WHOLE.sub(stand_in, text), width)
    joined = "\n".join(lines)
    for mark, token in reversed(tokens):  # Q10xx before Q1x
        joined = joined.replace(mark, token, 1)
    return joined.split("\n")


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help laid out by display width (汉字 = 2 columns), and the list of commands without
    the line argparse puts above it (the subcommands' metavar, ``<命令>``, alone)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return [line.strip() for line in wrap_whole(" ".join(text.split()), width)]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """Descriptions as written (the list of common uses is laid out by hand), each
        line too wide for the terminal wrapped under its own indentation."""
        lines = []
        for line in text.splitlines():
            if display_width(indent + line) <= width:
                lines.append(indent + line)
                continue
            column = _LIST_TEXT.match(line)  # "  tui-report …   what it does": under "what"
            start = column.end() if column else len(line) - len(line.lstrip(" "))
            own = " " * display_width(indent + line[:start])
            parts = wrap_whole(line[start:].strip(), width - len(own))
            lines.append(indent + line[:start] + parts[0].strip())
            lines += [own + part.strip() for part in parts[1:]]
        return "\n".join(lines)

    def add_argument(self, action: argparse.Action) -> None:
        """argparse finds the help column by ``len``; this widens it to the display width
        of the longest invocation (``--agency 机关名称``)."""
        super().add_argument(action)
        if action.help is argparse.SUPPRESS:
            return
        invocations = [self._format_action_invocation(action)]
        invocations += map(self._format_action_invocation, self._iter_indented_subactions(action))
        longest = max(map(display_width, invocations)) + self._current_indent
        self._action_max_length = max(self._action_max_length, longest)

    def _format_usage(self, usage, actions, groups, prefix) -> str:  # type: ignore[no-untyped-def]
        """argparse's usage, wrapped again by display width where it takes more than a line
        (its continuation lines under the first argument, as argparse places them)."""
        text = super()._format_usage(usage, actions, groups, prefix)
        lines = text.rstrip("\n").split("\n")
        if len(lines) == 1 and display_width(lines[0]) <= self._width:
            return text
        start = lines[0].index(self._prog) + len(self._prog)
        lead = lines[0][:start] + " "
        words = _USAGE_PART.findall(" ".join([lines[0][start:], *lines[1:]]))
        out, line = [], lead
        for word in words:
            if (
                line.strip()
                and line != lead
                and display_width(line) + 1 + display_width(word) > self._width
            ):
                out.append(line)
                line = " " * display_width(lead)
            line += ("" if line.endswith(" ") else " ") + word
        out.append(line)
        return "\n".join(out) + "\n\n"

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        if isinstance(action, argparse._SubParsersAction):
            first, _, rest = text.partition("\n")  # "  <命令>": the commands follow
            return "".join(line.removeprefix("  ") for line in rest.splitlines(keepends=True))
        invocation = self._format_action_invocation(action)
        excess = display_width(invocation) - len(invocation)
        first, newline, rest = text.partition("\n")
        indent = len(first) - len(first.lstrip(" "))
        head = " " * indent + invocation
        if excess <= 0 or not first.startswith(head) or first == head:
            return text
        gap = first[len(head) :]
        help_text = gap.lstrip(" ")
        spaces = len(gap) - len(help_text)
        if spaces - excess >= 2:  # room beside it: fewer spaces, the help stays in its column
            return head + " " * (spaces - excess) + help_text + newline + rest
        column = len(head) + spaces  # the help's column: on a line of its own
        return head + "\n" + " " * column + help_text + newline + rest


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help reads with one punctuation style (用法：/ 选项：),
    laid out by ``ChineseHelpFormatter`` (argparse's colours off: the layout measures
    plain text)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        if sys.version_info >= (3, 14):
            kwargs.setdefault("color", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def format_help(self) -> str:
        return _HEADING.sub(r"\1：", super().format_help())
