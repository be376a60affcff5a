"""Can this Python run tui-report, and how to install what is missing.

Told in Chinese before anything else fails in English: a Python older than 3.11 (the
standard library's tomllib came with 3.11), and a library the program needs that is not
installed (``pip install --no-deps``, a distribution's packages, an optional library
such as pypdf). The way to install a library is said for the environment the program
runs in: its own pip, pipx's ``inject``, or uv's ``--with``.

This module is imported before the Python version is known to be new enough: it must
stay valid Python 3.8 syntax (tests/cli/test_environment.py parses it as 3.8).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LOWEST_PYTHON = (3, 11)

# Top-level modules the program imports → the package that provides them.
PACKAGES = {
    "textual": "textual",
    "rich": "rich",
    "tomlkit": "tomlkit",
    "tabulate": "tabulate",
    "wcwidth": "wcwidth",
    "docx": "python-docx",
    "lxml": "lxml",
    "openpyxl": "openpyxl",
    "et_xmlfile": "et-xmlfile",
    "pypdf": "pypdf",
    "toml_rs": "toml-rs",
}

# What each package is for, said with the message.
NEEDED_FOR = {
    "textual": "编辑器和目录视图",
    "rich": "编辑器和目录视图",
    "tomlkit": "保存报告（保留注释和格式）",
    "tabulate": "Markdown 导出",
    "wcwidth": "计算汉字的显示宽度",
    "python-docx": "导出和导入 Word 文档",
    "lxml": "导出和导入 Word 文档",
    "openpyxl": "写出 Excel 文件（sum --format xlsx）",
    "et-xmlfile": "写出 Excel 文件（sum --format xlsx）",
    "pypdf": "导入 PDF",
}


def python_too_old(version: tuple[int, ...] = tuple(sys.version_info[:3])) -> str | None:
    """Why this Python cannot run tui-report, or None."""
    if tuple(version[:2]) >= LOWEST_PYTHON:
        return None
    need = ".".join(map(str, LOWEST_PYTHON))
    have = ".".join(map(str, version[:3]))
    return (
        f"tui-report 需要 Python {need} 或更高版本，当前是 Python {have}（{sys.executable}）。"
        f"请装好 Python {need} 或更高版本，用它重新创建虚拟环境，"
        f"例如：python{need} -m venv .venv && .venv/bin/pip install -e ."
    )


def install_command(package: str, prefix: str = sys.prefix, python: str = sys.executable) -> str:
    """How to install ``package`` into the environment tui-report runs in."""
    place = Path(prefix).as_posix()
    if "/pipx/venvs/" in place:
        return f"pipx inject tui-report {package}"
    if "/uv/tools/" in place:
        return (
            f"uv tool install --reinstall --with {package} 加上当初安装 tui-report 时的来源"
            f"（如 uv tool install --reinstall --with {package} ./tui-report）"
        )
    return f"{python} -m pip install {package}"


def install_hint(package: str, prefix: str = sys.prefix, python: str = sys.executable) -> str:
    """How to install ``package``, as a sentence: the command for this environment (its
    own pip: not ``pip install 'tui-report[…]'``, which would look for tui-report on a
    package index, nor another Python's pip)."""
    command = install_command(package, prefix, python)
    return f"请在运行 tui-report 的同一环境中安装 {package}：{command}"


def missing_library(exc: ImportError) -> str | None:
    """The message for a library the program needs that is not installed, or None when
    ``exc`` is not about one of them (a bug: let it show)."""
    name = (getattr(exc, "name", None) or "").split(".")[0]
    package = PACKAGES.get(name)
    if package is None:
        return None
    purpose = NEEDED_FOR.get(package)
    used = f"（用于{purpose}）" if purpose else ""
    return f"缺少 tui-report 所需的程序库 {package}{used}。{install_hint(package)}"


DEBUG_VARIABLE = "TUI_REPORT_DEBUG"


def debugging() -> bool:
    """``TUI_REPORT_DEBUG=1``: say what only whoever fixes the program needs (the
    traceback of a validation rule that failed)."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")
