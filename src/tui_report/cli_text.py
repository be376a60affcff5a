"""Chinese for argparse's own words (usage, errors), so all of ``--help`` reads in Chinese.

argparse looks its strings up through ``gettext`` at the time it formats them;
this installs a lookup that answers in Chinese and falls back to English.
"""

from __future__ import annotations

import argparse
import gettext
import re

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


# argparse ends each section heading with an ASCII colon ("选项:"); Chinese text uses "：".
_HEADING = re.compile(r"^([^\s:][^\n:]*):$", re.M)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help reads with one punctuation style (用法：/ 选项：)."""

    def format_help(self) -> str:
        return _HEADING.sub(r"\1：", super().format_help())
