"""``tui-report new``: a blank report, or this year's started from last year's (``--from``
a report, or a folder in which last year's report of ``--agency`` is looked for)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import storage
from ..folder.agencies import close_names
from ..folder.listing import unlisted_name
from ..folder.yearly import last_year_in_folder
from ..formats import ReportFormat, format_for_year
from ..report.domain import MAX_YEAR, MIN_YEAR
from ..report.model import Report
from ..report.templates import new_report, new_year
from ..storage import ReportFileError, read_report
from ..storage.files import os_reason
from ..storage.writing import ensure_new
from ..text.visible import echo
from .output import EXIT_OK, fail


def run(args: argparse.Namespace) -> int:
    """Create a new report file; the exit status."""
    try:  # said first: before looking for last year's report, or reading it
        ensure_new(args.file)
    except ReportFileError as exc:
        return fail(str(exc))
    except OSError as exc:  # a folder on the way that may not be looked into
        return fail(f"{args.file}: 无法访问：{os_reason(exc)}")
    unlisted = unlisted_name(args.file)  # check, sum and the folder view would skip it
    if unlisted:
        return fail(unlisted)
    last = None
    if args.last is not None and args.last.is_dir():
        found = _last_year_in(args)
        if isinstance(found, int):
            return found
    if args.last:
        try:
            last = read_report(args.last, for_saving=False).report
        except ReportFileError as exc:
            return fail(str(exc))
        if last.year is None:
            return fail(f"{args.last}: 上一年的报告没有年度（year）")
    elif args.agency is None or args.year is None:
        return fail("请给出 --agency 和 --year，或用 --from 指定上一年的报告")
    if args.year is not None:
        year = args.year
    else:
        assert last is not None and last.year is not None
        year = last.year + 1
        if not MIN_YEAR <= year <= MAX_YEAR:  # as --year is checked
            return fail(
                f"{args.last}: 上一年的报告年度为 {last.year}，其下一年 {year} 不在 {MIN_YEAR} 至 "
                f"{MAX_YEAR} 之间；请先改正该报告的年度（year），或用 --year 指定新报告的年度"
            )
    fmt = format_for_year(year)  # the year decides: check refuses any other (format-year)
    if last:
        report = new_year(last, year, fmt, keep_text=args.keep_text)
        if args.agency:
            report.agency = args.agency
    else:
        report = new_report(args.agency, year, fmt)
    made = _make_folder_for(args.file)
    if isinstance(made, str):
        return fail(made)
    try:
        storage.create_report_file(report, args.file)
    except ReportFileError as exc:
        _remove_folders(made)
        return fail(str(exc))
    if made:
        echo(f"已创建目录 {made[-1]}")
    echo(f"已创建 {args.file}（{report.agency} {report.title}，{fmt.version} 年格式）")
    if last:
        echo(_carried_note(last, fmt, args.last))
    return EXIT_OK


def _make_folder_for(path: Path) -> list[Path] | str:
    """The folders missing above a new report file, made (``new 2026/x.toml``: a new
    year's folder), outermost first; or what stops it, as a message."""
    missing: list[Path] = []
    folder = path.parent
    while not folder.exists():
        if folder.is_symlink():  # a link to nowhere: never made through
            return f"{folder}: 是指向不存在位置的符号链接，不能在其中创建文件"
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    if not folder.is_dir():
        return f"{folder}: 不是目录，不能在其中创建文件"
    made: list[Path] = []
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except OSError as exc:
            _remove_folders(made)
            return f"{folder}: 无法创建目录：{os_reason(exc)}"
        made.append(folder)
    return made


def _remove_folders(made: list[Path]) -> None:
    """Take back the folders ``_make_folder_for`` made (a new report could not be written)."""
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:
            return


def _carried_note(last: Report, fmt: ReportFormat, path: Path) -> str:
    """What ``new --from`` took from last year's report: 上年结转 always, and the running
    totals (现行有效件数) only where both years' formats have them."""
    note = f"上年结转取自 {path} 的“结转下年度继续办理”"
    totals = {
        fmt.table(link.table).column(column).label
        for link in fmt.year_links
        if link.plus or link.minus
        for _, last_row in link.rows
        for column in link.columns
        if last.format.has_cell(link.table, last_row, column)
    }
    if totals:
        return f"{note}；{'、'.join(sorted(totals))}沿用上年，请按本年情况修改。"
    return f"{note}。"


def _last_year_in(args: argparse.Namespace) -> int | None:
    """``new --from FOLDER``: take last year's report of ``--agency`` found in the folder
    (by the agency and year inside the files); an exit status when there is none."""
    if not args.agency:
        return fail(
            f"--from {args.last} 是目录：请用 --agency 指定发布机关，以便在其中查找上一年的报告"
        )
    found, year, known = last_year_in_folder(args.last, args.agency, args.year)
    if not found:
        when = f" {year - 1} 年" if year else ""
        meant = close_names(args.agency, known)
        hint = f"；是否指：{'、'.join(meant)}？" if meant else ""
        return fail(f"{args.last}: 目录中没有找到 {args.agency}{when}的报告{hint}")
    others = "、".join(f.path for f in found[1:])
    echo(f"上一年的报告：{found[0].path}" + (f"（另有：{others}）" if others else ""))
    args.last = Path(found[0].path)  # its year + 1 is the new report's, checked as any
    return None
