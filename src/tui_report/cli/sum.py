"""``tui-report sum``: the reports of a year added up into one, with an overview per
agency (text, CSV, JSON, or an Excel workbook with what the total leaves out).

What the total counts is the one rule of ``folder.year_total`` (the folder view's total
line follows it too); the reading and adding up is ``folder.summing``; this module says
what happens and writes the results.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from pathlib import Path

from .. import storage
from ..export.xlsx import LeftOutReport, MissingReport, sum_workbook
from ..folder.agencies import AgencyNames
from ..folder.index import ReportIndex, ReportPaths
from ..folder.listing import Unreachable, unlisted_name
from ..folder.overview import OverviewWriter
from ..folder.parallel import workers_started_early
from ..folder.report_folder import ReportFolder
from ..folder.summing import Summing, SumStep
from ..folder.totals import (
    OverviewRow,
    SumRefused,
    missing_reports,
    overview_columns,
    overview_row,
)
from ..folder.year_total import LeftOut, errors_in_words
from ..formats import FORMATS
from ..report.model import Report
from ..storage import ReportFileError
from ..storage.atomic import refuse_link
from ..storage.files import os_reason
from ..storage.tops import read_top, report_id_from_top, written_report_id
from ..text.visible import warn
from .output import EXIT_OK, EXIT_UNREADABLE, fail


def run(args: argparse.Namespace) -> int:
    """Add up the reports given; the exit status (2 when a report could not be read, or
    an agency's reports of the year could not be told apart)."""
    excel = args.overview_format == "xlsx"
    if excel and args.output is None and sys.stdout.isatty():
        return fail("Excel 文件须用 -o 指定，例如 -o 全县合计.xlsx")
    # -o is the total as a report file (but for Excel): check, sum and the folder view
    # would skip one whose name they do not read
    unlisted = unlisted_name(args.output) if args.output is not None and not excel else None
    if unlisted:
        return fail(unlisted)
    if args.output is not None:
        try:  # said first, not after a long run: never written through a link
            refuse_link(args.output)
        except ReportFileError as exc:
            return fail(str(exc))
    if args.output is not None and args.output.exists() and not args.force:
        return fail(f"{args.output}: 文件已存在；如要覆盖，请加 --force")
    # for a folder the worker processes first, so that they carry none of its index
    with workers_started_early(any(os.path.isdir(f) for f in args.files)):
        return _add_up(args, excel)


def _add_up(args: argparse.Namespace, excel: bool) -> int:
    """``run`` once the output is known to be free: the reports read and added up."""
    reports = ReportFolder.around(args.files)
    if reports.names_error:  # a total named and counted by a wrong table must not go out
        return fail(f"{reports.names_error}（请改正后再汇总）")
    names = reports.names
    unreachable: list[Unreachable] = []  # a folder without permission, a broken link
    files = reports.collect_paths(args.files, unreachable=unreachable)  # numbers, no str
    index = reports.index
    if args.output is not None and args.output.exists():  # not last run's total
        output = args.output.resolve()
        files = ReportPaths(
            index, [n for n in files.numbers if Path(index.path(n)).resolve() != output]
        )
    said = Said(names)
    for unreached in unreachable:
        warn(f"tui-report: {unreached.path}: {unreached.reason}（不计入）")
        said.left_out.append(("", str(unreached.path), unreached.reason))
    if not files:
        return fail("没有找到要汇总的 .toml 文件")
    other_years = 0
    if args.year is not None:
        chosen = ReportPaths(
            index, [n for n in files.numbers if _top_year(index, n) in (args.year, None)]
        )
        other_years, files = len(files) - len(chosen), chosen
        if not files:
            return fail(f"没有找到 {args.year} 年度的报告（其他年度 {other_years} 份）")
    summing = Summing(reports, files, year=args.year, include_invalid=args.include_invalid)
    # what the workbook needs of the files (their folders), not a Path for each report
    folders = [Path(f) for f in {os.path.dirname(f): f for f in files}.values()]
    del files
    totals, rows = summing.totals, None
    unreadable = 0 if args.skip_unreadable else len(unreachable)
    try:
        for step in summing:  # streamed
            if step.item.unreadable is not None:
                unreadable += 1
            if step.left_out is None and rows is None:
                columns = overview_columns(FORMATS[step.item.version])
                rows = OverviewWriter(columns, args.overview_format)
            said.step(step, rows)
    except SumRefused as exc:
        if rows is not None:
            rows.close()
        return fail(str(exc))
    other_years += summing.other_years
    if summing.twins:
        if rows is not None:
            rows.close()
        return fail(
            f"同一机关同一年度有多份报告，不能确定用哪一份：{summing.twins_said()}（请只保留一份）"
        )
    try:
        summing.years.one_year()
        if rows is None or not totals.counted:
            raise SumRefused("没有可以汇总的报告")
        total = totals.report(args.agency or f"合计（{totals.counted} 个单位）")
    except SumRefused as exc:
        if rows is not None:
            rows.close()
        if len(summing.years.count) > 1:
            latest = summing.years.latest()
            example = f"，例如 --year {latest}" if latest else ""
            return fail(f"{exc}；请用 --year 指定要汇总的年度{example}")
        return fail(str(exc))
    if other_years:
        warn(f"tui-report: 只汇总 {args.year} 年度的报告；其他年度的 {other_years} 份未计入")
    rows.add(overview_row(total, None, "合计"))
    status = EXIT_UNREADABLE if unreadable else EXIT_OK
    if excel:
        written = _write_sum_workbook(args, rows, total, said.left_out, (folders, names))
        return written if written != EXIT_OK else status
    rows.write(sys.stdout)
    if args.output:
        try:
            _write_new_or_forced(args.output, total, args.force)
        except ReportFileError as exc:
            return fail(f"{exc}（如要覆盖，请加 --force）")
        warn(f"已写入合计报告 {args.output}（{totals.counted} 份报告）")
    return status


class Said:
    """What ``sum`` says of each report as it comes, and what it keeps of those left out
    (agency, file, why) for the workbook, which goes where the terminal does not."""

    def __init__(self, names: AgencyNames) -> None:
        self.names = names
        self.left_out: list[tuple[str, str, str]] = []

    def step(self, step: SumStep, rows: OverviewWriter | None) -> None:
        item, left_out = step.item, step.left_out
        agency = self.names.unified(item.agency)
        if left_out is None:
            if item.errors or item.link_errors:
                said = errors_in_words(item.errors, item.link_errors)
                warn(f"tui-report: {item.path}: {said}，仍计入合计")
            assert rows is not None and item.row is not None
            errors = item.errors + item.link_errors
            rows.add(OverviewRow(agency=agency, counts=item.row.counts, errors=errors))
            return
        if left_out.why is LeftOut.UNREADABLE:
            warn(f"tui-report: {item.unreadable}（不计入）")
            self.left_out.append(("", item.path, item.unreadable or ""))
        elif left_out.why is LeftOut.TOTAL:  # its reports are here already: nothing left out
            warn(f"tui-report: {item.path}: {left_out.reason}，不计入")
        elif left_out.why is LeftOut.DUPLICATE:  # the sum is refused at the end (``twins``)
            pass
        else:
            warn(f"tui-report: {item.path}: {left_out.reason}，不计入合计")
            self.left_out.append((agency, item.path, left_out.reason))


def _top_year(index: ReportIndex, number: int) -> int | None:
    """A file's year as its top says: as the folders' walk indexed it, or (not told there,
    or not a year) the file is read to know."""
    name = index.path(number)
    year = index.dated_year(name)
    if year is None:
        top = read_top(name)
        found = report_id_from_top(name, top) if top is not None else None
        year = found.year if found is not None else None
    return year


def _write_new_or_forced(path: Path, total: Report, force: bool) -> None:
    """Without ``--force`` the total takes the name only if it is still free (the file
    was absent when ``sum`` began; one that appeared meanwhile is not replaced)."""
    if force:
        storage.write_atomic(path, storage.render_new(total).encode("utf-8"))
    else:
        storage.create_report_file(total, path)


def _write_sum_workbook(
    args: argparse.Namespace,
    rows: OverviewWriter,
    total: Report,
    left_out: list[tuple[str, str, str]],
    folder: tuple[list[Path], AgencyNames],
) -> int:
    """``sum --format xlsx``: the overview, what the total leaves out (the reports not
    counted, the agencies with no report this year) and the total in the template's
    tables."""
    files, names = folder
    assert total.year is not None and total.total_of is not None  # a sum has one year
    missing = [MissingReport(*found) for found in missing_reports(files, total.year, names)]
    buffer = io.BytesIO()
    sum_workbook(
        buffer,
        rows.columns,
        rows.spooled(),
        total,
        [_left_out_report(*item) for item in left_out],
        missing,
        args.agency or "",
    )
    rows.close()
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(buffer.getvalue())
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        # created only if still free: a file that appeared during the run is not replaced
        storage.write_atomic(args.output, buffer.getvalue(), create=not args.force)
    except ReportFileError as exc:
        return fail(f"{exc}（如要覆盖，请加 --force）" if not args.force else str(exc))
    except OSError as exc:
        return fail(f"{args.output}: 无法写入：{os_reason(exc)}")
    listed = []
    if left_out:
        listed.append(f"不计入 {len(left_out)} 份")
    if missing:
        listed.append(f"本年没有报告的单位 {len(missing)} 个")
    where = f"；{'、'.join(listed)}，列在“未计入合计”页" if listed else ""
    warn(f"已写入 Excel 文件 {args.output}（{total.total_of} 份报告{where}）")
    return EXIT_OK


def _left_out_report(agency: str, path: str, reason: str) -> LeftOutReport:
    """A report the total leaves out, for the workbook: an unreadable file's agency as
    its first lines say (where they can be read), its message without the file name."""
    if not agency:
        found = written_report_id(path)
        agency = found.agency if found is not None else ""
        rest = reason.removeprefix(f"{path}:").lstrip()
        line = re.match(r"(\d+)(?::\d+)?: ", rest)
        reason = f"第 {line.group(1)} 行：{rest[line.end() :]}" if line else rest
    return LeftOutReport(agency, path, reason)
