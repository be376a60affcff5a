"""The commands that write files: ``new``, ``export``, ``import`` and ``sum``."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, _fail

if TYPE_CHECKING:
    import argparse

    from ..export.xlsx import LeftOutReport
    from ..folder.agencies import AgencyNames
    from ..folder.overview import OverviewWriter
    from ..formats import ReportFormat
    from ..report.model import Report


def cmd_new(args: argparse.Namespace) -> int:
    from ..formats import format_for_year
    from ..report.templates import new_report, new_year
    from ..storage import ReportFileError, create_report_file, read_report
    from ..storage.files import os_reason
    from ..storage.reading import MAX_YEAR, MIN_YEAR
    from ..storage.writing import ensure_new
    from ..text.visible import echo

    try:  # said first: before looking for last year's report, or reading it
        ensure_new(args.file)
    except ReportFileError as exc:
        return _fail(str(exc))
    except OSError as exc:  # a folder on the way that may not be looked into
        return _fail(f"{args.file}: 无法访问：{os_reason(exc)}")
    last = None
    if args.last is not None and args.last.is_dir():
        found = _last_year_in(args)
        if isinstance(found, int):
            return found
    if args.last:
        try:
            last = read_report(args.last, for_saving=False).report
        except ReportFileError as exc:
            return _fail(str(exc))
        if last.year is None:
            return _fail(f"{args.last}: 上一年的报告没有年度（year）")
    elif args.agency is None or args.year is None:
        return _fail("请给出 --agency 和 --year，或用 --from 指定上一年的报告")
    if args.year is not None:
        year = args.year
    else:
        assert last is not None and last.year is not None
        year = last.year + 1
        if not MIN_YEAR <= year <= MAX_YEAR:  # as --year is checked
            return _fail(
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
        return _fail(made)
    try:
        create_report_file(report, args.file)
    except ReportFileError as exc:
        _remove_folders(made)
        return _fail(str(exc))
    if made:
        echo(f"已创建目录 {made[-1]}")
    echo(f"已创建 {args.file}（{report.agency} {report.title}，{fmt.version} 年格式）")
    if last:
        echo(_carried_note(last, fmt, args.last))
    return EXIT_OK


def _make_folder_for(path: Path) -> list[Path] | str:
    """The folders missing above a new report file, made (``new 2026/x.toml``: a new
    year's folder), outermost first; or what stops it, as a message."""
    from ..storage.files import os_reason

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
    from ..folder.agencies import close_names
    from ..folder.yearly import last_year_in_folder

    if not args.agency:
        return _fail(
            f"--from {args.last} 是目录：请用 --agency 指定发布机关，以便在其中查找上一年的报告"
        )
    found, year, known = last_year_in_folder(args.last, args.agency, args.year)
    if not found:
        when = f" {year - 1} 年" if year else ""
        meant = close_names(args.agency, known)
        hint = f"；是否指：{'、'.join(meant)}？" if meant else ""
        return _fail(f"{args.last}: 目录中没有找到 {args.agency}{when}的报告{hint}")
    others = "、".join(f.path for f in found[1:])
    print(f"上一年的报告：{found[0].path}" + (f"（另有：{others}）" if others else ""))
    args.last = Path(found[0].path)  # its year + 1 is the new report's, checked as any
    return None


def cmd_export(args: argparse.Namespace) -> int:
    from ..export import EXPORT_FORMATS, ExportError, render
    from ..report.problems import count
    from ..rules import validate
    from ..storage import ReportFileError, read_report, write_atomic
    from ..storage.atomic import refuse_link
    from ..storage.files import os_reason
    from ..text.visible import warn

    if args.textconv:  # for git diff: every file shown, never refused (see textconv)
        from ..export import textconv

        return textconv.run(args.file, args.width)
    try:
        loaded = read_report(args.file, for_saving=False)
    except ReportFileError as exc:
        if args.force and args.export_format == "text" and args.output is None:
            return _export_unreadable(args, exc)
        return _fail(str(exc))
    if args.fragment and args.export_format != "html":
        return _fail("--fragment 只用于 --format html")
    if args.title and not args.fragment:
        return _fail("--title 只用于 --fragment（完整网页总有标题）")
    kind = EXPORT_FORMATS[args.export_format]
    if kind.binary and args.output is None and sys.stdout.isatty():
        return _fail(f"{kind.label}须用 -o 指定输出文件，例如 -o 报告{kind.suffix}")
    if args.output is not None and args.output.resolve() == args.file.resolve():
        return _fail("输出文件不能是报告文件本身")
    if args.output is not None and not _streamed(args.output):
        try:  # said first: before the export is made
            refuse_link(args.output)
        except ReportFileError as exc:
            return _fail(str(exc))
        if args.output.is_dir():
            return _fail(f"{args.output}: 这是一个目录；请用 -o 给出要写入的文件名")
        if os.path.lexists(args.output) and not args.force:
            return _fail(f"{args.output}: 文件已存在；如要覆盖，请加 --force")
    report = loaded.report
    errors, _ = count(validate(report, loaded.structure))
    if errors and not args.force:
        warn(
            f"tui-report: {args.file} 有 {errors} 个错误，未导出"
            f"（运行 tui-report check {args.file} 查看；如仍要导出，加 --force）"
        )
        return EXIT_PROBLEMS
    try:
        content = render(report, kind.name, args.width, args.fragment, args.title or None)
    except ExportError as exc:
        return _fail(exc.message)
    if not args.quiet:
        _export_notes(args, errors, report, content)
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        if _streamed(args.output):  # a pipe or a terminal: nothing is replaced
            with args.output.open("wb") as handle:
                handle.write(content)
        else:  # no more open than the report; replaced only with --force
            write_atomic(args.output, content, create=not args.force, made_from=args.file)
    except ReportFileError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{args.output}: 无法写入：{os_reason(exc)}")
    if not args.quiet:
        warn(f"已导出到 {args.output}")
    return EXIT_OK


def _streamed(output: Path) -> bool:
    """Whether ``-o`` names a pipe or a character device (``/dev/stdout``, a terminal,
    ``/dev/null``): written as a stream, never replaced. Through a link only where no
    one else could have put it there (not another user's link in a folder others may
    write to: it could lead to ``/dev/port``)."""
    try:
        mode = os.stat(output).st_mode
        link = os.lstat(output)
        if stat.S_ISLNK(link.st_mode) and link.st_uid != os.geteuid():
            folder = os.stat(output.parent).st_mode
            if folder & 0o022:
                return False
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _export_unreadable(args: argparse.Namespace, exc: Exception) -> int:
    """export --force of a file that is not a report (a typo in the TOML, a merge
    conflict's markers) as git's textconv: its own text, after a line saying so, so
    that `git diff` still compares the two versions instead of stopping."""
    from ..text.visible import for_editing, warn

    try:
        text = args.file.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return _fail(str(exc))
    note = f"（{exc}；无法读取为报告，以下是文件原文）\n"
    if not args.quiet:
        warn(f"tui-report: 注意：{exc}；按 --force 以原文导出")
    sys.stdout.flush()
    sys.stdout.buffer.write((note + for_editing(text)).encode("utf-8"))
    sys.stdout.buffer.flush()
    return EXIT_OK


def _export_notes(args: argparse.Namespace, errors: int, report: Report, content: bytes) -> None:
    """What a person should know about an export: a table wider than asked, and the
    unknown values of a report exported with errors."""
    from ..export.published import UNKNOWN, NumberText
    from ..text.textwidth import cjk_width
    from ..text.visible import warn

    if args.export_format == "text":
        lines = content.decode("utf-8").splitlines()
        widest = max((cjk_width(line) for line in lines if line.startswith(("+", "|"))), default=0)
        if widest > args.width:
            warn(f"tui-report: 注意：有的表格无法压缩到 {args.width} 列以内（最宽 {widest} 列）")
    if errors:
        unknown = NumberText(report).unknown()
        marked = f"；{unknown} 个无效或缺失的数以“{UNKNOWN}”标出" if unknown else ""
        warn(f"tui-report: 注意：{args.file} 有 {errors} 个错误，按 --force 仍然导出{marked}")


def cmd_import(args: argparse.Namespace) -> int:
    from ..importing import ImportFailure, extracted_text, import_file
    from ..storage import ReportFileError, create_report_file, render_new, write_atomic
    from ..storage.atomic import refuse_link
    from ..storage.files import not_regular
    from ..text.visible import echo, warn

    try:
        reason = not_regular(args.input.stat().st_mode)
    except FileNotFoundError:  # said first: not "the output is the input" for a.toml
        reason = "找不到文件"
    except OSError:
        reason = None  # the importer says what is wrong with it
    if reason:  # a FIFO would block the import for ever
        return _fail(f"{args.input}: {reason}")
    if args.text:
        try:
            text = extracted_text(args.input)[0]
        except ImportFailure as exc:
            return _fail(f"{args.input}: {exc.message}")
        for number, line in enumerate(text.split("\n"), start=1):
            echo(f"{number:>5}  {line}")
        return EXIT_OK
    output: Path = args.output or args.input.with_suffix(".toml")
    if output.resolve() == args.input.resolve():
        return _fail(f"{output}: 输出文件不能是输入文件本身，请用 -o 指定")
    try:
        refuse_link(output)  # never created or replaced through a link, even with --force
    except ReportFileError as exc:
        return _fail(str(exc))
    if os.path.lexists(output) and not args.force:
        return _fail(f"{output}: 文件已存在；如要覆盖，请加 --force")
    try:
        result = import_file(args.input, args.agency, args.year)
    except ImportFailure as exc:
        where = f"{args.input}:{exc.line}" if exc.line else str(args.input)
        warn(f"{where}: 错误 {exc.message}")
        if exc.line and exc.kind != "文本":
            warn(_EXTRACTED_LINES.format(path=args.input))
        warn("tui-report: 导入失败，未写入任何文件")
        return EXIT_UNREADABLE
    for warning in result.warnings:
        where = f"{args.input}:{warning.line}" if warning.line else str(args.input)
        echo(f"{where}: 警告 {warning.message}")
    for detail in result.details if args.verbose else []:
        where = f"{args.input}:{detail.line}" if detail.line else str(args.input)
        echo(f"{where}: 说明 {detail.message}")
    if result.kind != "文本" and any(warning.line for warning in result.warnings):
        echo(_EXTRACTED_LINES.format(path=args.input))
    report = result.report
    encoding = f"，编码 {result.encoding}" if result.encoding else ""  # PDF, Word: none
    try:
        if os.path.lexists(output):  # --force
            write_atomic(output, render_new(report).encode("utf-8"))
        else:
            create_report_file(report, output)
    except ReportFileError as exc:
        return _fail(str(exc))
    echo(
        f"已导入 {report.agency} {report.title}（{result.kind}{encoding}）"
        f"到 {output}，{len(result.warnings)} 个警告。"
        f"可运行 tui-report check {output} 检查勾稽关系。"
    )
    return EXIT_OK


_EXTRACTED_LINES = (
    "提示：行号是从 PDF、网页或 Word 文件提取出的文字中的行号，"
    "可用 tui-report import --text {path} 查看"
)


def cmd_sum(args: argparse.Namespace) -> int:
    from ..folder.agencies import agencies_or_error
    from ..folder.checking import collect
    from ..folder.index import ReportIndex
    from ..folder.listing import Unreachable
    from ..folder.overview import OverviewWriter
    from ..folder.parallel import each_in_order
    from ..folder.totals import SumRefused, Totals, overview_columns, overview_row, read_for_sum
    from ..formats import FORMATS
    from ..storage import ReportFileError
    from ..text.visible import warn

    excel = args.overview_format == "xlsx"
    if excel and args.output is None and sys.stdout.isatty():
        return _fail("Excel 文件须用 -o 指定，例如 -o 全县合计.xlsx")
    if args.output is not None and args.output.exists() and not args.force:
        return _fail(f"{args.output}: 文件已存在；如要覆盖，请加 --force")
    names, names_error = agencies_or_error(args.files)
    if names_error:  # a total named and counted by a wrong table must not go out
        return _fail(f"{names_error}（请改正后再汇总）")
    index = ReportIndex()
    unreachable: list[Unreachable] = []  # a folder without permission, a broken link
    files = collect(args.files, index=index, unreachable=unreachable)
    if args.output is not None and args.output.exists():  # not last run's total
        files = [f for f in files if f.resolve() != args.output.resolve()]
    # (agency, file, why): said in the workbook too, which goes where the terminal does not
    left_out: list[tuple[str, str, str]] = []
    for unreached in unreachable:
        warn(f"tui-report: {unreached.path}: {unreached.reason}（不计入）")
        left_out.append(("", str(unreached.path), unreached.reason))
    if not files:
        return _fail("没有找到要汇总的 .toml 文件")
    other_years = 0
    if args.year is not None:
        years = {identity.path: identity.year for identity in index.dated()}
        chosen = [f for f in files if _top_year(years, f) in (args.year, None)]
        other_years, files = len(files) - len(chosen), chosen
        if not files:
            return _fail(f"没有找到 {args.year} 年度的报告（其他年度 {other_years} 份）")
    totals, rows = Totals(names), None
    unreadable = 0 if args.skip_unreadable else len(unreachable)
    for item in each_in_order(read_for_sum, [str(f) for f in files]):  # streamed
        if args.year is not None and item.year not in (args.year, None):
            other_years += 1  # its top did not tell (an unusual layout): told now
            continue
        if item.unreadable:
            warn(f"tui-report: {item.unreadable}（不计入）")
            left_out.append(("", item.path, item.unreadable))
            unreadable += 1
            continue
        if item.total_of is not None:  # a total written by sum: its reports are here already
            warn(f"tui-report: {item.path}: 是 {item.total_of} 份报告的合计（sum 写出），不计入")
            continue
        if item.errors:
            action = "仍计入" if args.include_invalid else "不计入"
            warn(f"tui-report: {item.path}: 有 {item.errors} 个错误，{action}合计")
            if not args.include_invalid:
                left_out.append((names.unified(item.agency), item.path, f"有 {item.errors} 个错误"))
                continue
        if rows is None:
            rows = OverviewWriter(overview_columns(FORMATS[item.version]), args.overview_format)
        totals.add(item)
        rows.add([names.unified(item.agency), *item.row[1:]])
    if rows is None:
        return _fail("没有可以汇总的报告")
    twice = totals.duplicates()
    if twice:
        rows.close()
        return _fail(f"同一机关同一年度有多份报告，不能确定用哪一份：{twice}（请只保留一份）")
    try:
        total = totals.report(args.agency or f"合计（{totals.counted} 个单位）")
    except SumRefused as exc:
        rows.close()
        if len(totals.years) > 1:
            latest = max((y for y in totals.years if y is not None), default=None)
            example = f"，例如 --year {latest}" if latest else ""
            return _fail(f"{exc}；请用 --year 指定要汇总的年度{example}")
        return _fail(str(exc))
    if other_years:
        warn(f"tui-report: 只汇总 {args.year} 年度的报告；其他年度的 {other_years} 份未计入")
    rows.add(overview_row(total, None, "合计"))
    if excel:
        return _write_sum_workbook(
            args, rows, total, (totals.counted, unreadable), left_out, (files, names)
        )
    rows.write(sys.stdout)
    if args.output:
        try:
            _write_new_or_forced(args.output, total, args.force)
        except ReportFileError as exc:
            return _fail(f"{exc}（如要覆盖，请加 --force）")
        warn(f"已写入合计报告 {args.output}（{totals.counted} 份报告）")
    return EXIT_UNREADABLE if unreadable else EXIT_OK


def _top_year(years: dict[str, int | None], path: Path) -> int | None:
    """A file's year as its top says (``years``: those the folders' walk indexed; None:
    not told there, or not a year: the file is read to know)."""
    from ..folder.index import identity_from_top, read_top

    name = str(path)
    if name not in years:
        top = read_top(name)
        identity = identity_from_top(name, top) if top is not None else None
        years[name] = identity.year if identity is not None else None
    return years[name]


def _write_new_or_forced(path: Path, total: Report, force: bool) -> None:
    from ..storage import create_report_file, render_new, write_atomic

    if path.exists() and force:
        write_atomic(path, render_new(total).encode("utf-8"))
    else:
        create_report_file(total, path)


def _write_sum_workbook(
    args: argparse.Namespace,
    rows: OverviewWriter,
    total: Report,
    counts: tuple[int, int],
    left_out: list[tuple[str, str, str]],
    folder: tuple[list[Path], AgencyNames],
) -> int:
    """``sum --format xlsx``: the overview, what the total leaves out (the reports not
    counted, the agencies with no report this year) and the total in the template's
    tables."""
    import io

    from ..export.xlsx import MissingReport, sum_workbook
    from ..folder.totals import missing_reports
    from ..storage import ReportFileError, write_atomic
    from ..storage.files import os_reason
    from ..text.visible import warn

    (counted, unreadable), (files, names) = counts, folder
    assert total.year is not None  # a sum has one year
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
    else:
        try:
            write_atomic(args.output, buffer.getvalue())
        except ReportFileError as exc:
            return _fail(str(exc))
        except OSError as exc:
            return _fail(f"{args.output}: 无法写入：{os_reason(exc)}")
        listed = []
        if left_out:
            listed.append(f"不计入 {len(left_out)} 份")
        if missing:
            listed.append(f"本年没有报告的单位 {len(missing)} 个")
        where = f"；{'、'.join(listed)}，列在“未计入合计”页" if listed else ""
        warn(f"已写入 Excel 文件 {args.output}（{counted} 份报告{where}）")
    return EXIT_UNREADABLE if unreadable else EXIT_OK


def _left_out_report(agency: str, path: str, reason: str) -> LeftOutReport:
    """A report the total leaves out, for the workbook: an unreadable file's agency as
    its first lines say (where they can be read), its message without the file name."""
    import re

    from ..export.xlsx import LeftOutReport
    from ..folder.index import written_identity

    if not agency:
        identity = written_identity(path)
        agency = identity.agency if identity is not None else ""
        rest = reason.removeprefix(f"{path}:").lstrip()
        line = re.match(r"(\d+)(?::\d+)?: ", rest)
        reason = f"第 {line.group(1)} 行：{rest[line.end() :]}" if line else rest
    return LeftOutReport(agency, path, reason)
