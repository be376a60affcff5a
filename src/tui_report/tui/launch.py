"""``tui-report edit FILE``: read the file first, so that a broken file is reported
and never opens as an empty report that could overwrite it."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from ..storage import ReportFileError, read_report


def run_editor(path: Path) -> int:
    loaded = None
    if path.exists() or path.is_symlink():
        try:
            loaded = read_report(path)
        except ReportFileError as exc:
            print(f"tui-report: {exc}", file=sys.stderr)
            print("tui-report: 文件未被修改；请用文本编辑器改正后再打开", file=sys.stderr)
            return 2
    elif not path.parent.is_dir():
        print(f"tui-report: {path.parent}: 目录不存在", file=sys.stderr)
        return 2
    from .app import ReportApp

    last_year = datetime.date.today().year - 1
    result = ReportApp(path, loaded, default_year=last_year).run()
    return int(result or 0)
