"""The commands that write files: ``new``, ``export``, ``import`` and ``sum``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .cli import EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, _fail

if TYPE_CHECKING:
    import argparse

    from .formats import ReportFormat
    from .model import Report
    from .overview import OverviewWriter


def cmd_new(args: argparse.Namespace) -> int:
    from .formats import format_for_year
    from .storage import ReportFileError, create_report_file, read_report
    from .storage.writing import ensure_new
    from .templates import new_report, new_year
    from .visible import echo

    try:  # said first: before looking for last year's report, or reading it
        ensure_new(args.file)
    except ReportFileError as exc:
        return _fail(str(exc))
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
    year = args.year or (last.year + 1 if last and last.year else 0)
    fmt = format_for_year(year)  # the year decides: check refuses any other (format-year)
    if last:
        report = new_year(last, year, fmt, keep_text=args.keep_text)
        if args.agency:
            report.agency = args.agency
    else:
        report = new_report(args.agency, year, fmt)
    try:
        create_report_file(report, args.file)
    except ReportFileError as exc:
        return _fail(str(exc))
    echo(f"已创建 {args.file}（{report.agency} {report.title}，{fmt.version} 年格式）")
    if last:
        echo(_carried_note(last, fmt, args.last))
    return EXIT_OK


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
    from .yearly import last_year_in_folder

    if not args.agency:
        return _fail(
            f"--from {args.last} 是目录：请用 --agency 指定发布机关，以便在其中查找上一年的报告"
        )
    found, year = last_year_in_folder(args.last, args.agency, args.year)
    if not found:
        when = f" {year - 1} 年" if year else ""
        return _fail(f"{args.last}: 目录中没有找到 {args.agency}{when}的报告")
    others = "、".join(f.path for f in found[1:])
    print(f"上一年的报告：{found[0].path}" + (f"（另有：{others}）" if others else ""))
    args.last, args.year = Path(found[0].path), year
    return None


def cmd_export(args: argparse.Namespace) -> int:
    from .export import EXPORT_FORMATS, render
    from .problems import count
    from .rules import validate
    from .storage import ReportFileError, read_report, write_atomic
    from .storage.files import os_reason
    from .visible import warn

    if args.textconv:  # for git diff: every file shown, never refused (see textconv)
        from . import textconv

        return textconv.run(args.file, args.width)
    try:
        loaded = read_report(args.file, for_saving=False)
    except ReportFileError as exc:
        if args.force and args.export_format == "text" and args.output is None:
            return _export_unreadable(args, exc)
        return _fail(str(exc))
    if args.fragment and args.export_format != "html":
        return _fail("--fragment 只用于 --format html")
    kind = EXPORT_FORMATS[args.export_format]
    if kind.binary and args.output is None and sys.stdout.isatty():
        return _fail(f"{kind.label}须用 -o 指定输出文件，例如 -o 报告{kind.suffix}")
    if args.output is not None and args.output.resolve() == args.file.resolve():
        return _fail("输出文件不能是报告文件本身")
    report = loaded.report
    errors, _ = count(validate(report, loaded.structure))
    if errors and not args.force:
        warn(
            f"tui-report: {args.file} 有 {errors} 个错误，未导出"
            f"（运行 tui-report check {args.file} 查看；如仍要导出，加 --force）"
        )
        return EXIT_PROBLEMS
    content = render(report, kind.name, width=args.width, fragment=args.fragment)
    if not args.quiet:
        _export_notes(args, errors, report, content)
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        if args.output.exists() and not args.output.is_file():  # a pipe or a device
            with args.output.open("wb") as handle:
                handle.write(content)
        else:
            write_atomic(args.output, content)
    except ReportFileError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{args.output}: 无法写入：{os_reason(exc)}")
    if not args.quiet:
        warn(f"已导出到 {args.output}")
    return EXIT_OK


def _export_unreadable(args: argparse.Namespace, exc: Exception) -> int:
    """export --force of a file that is not a report (a typo in the TOML, a merge
    conflict's markers) as git's textconv: its own text, after a line saying so, so
    that `git diff` still compares the two versions instead of stopping."""
    from .visible import for_editing, warn

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
    from .export.published import UNKNOWN, NumberText
    from .textwidth import cjk_width
    from .visible import warn

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
    from .importing import ImportFailure, extracted_text, import_file
    from .storage import ReportFileError, create_report_file, render_new, write_atomic
    from .storage.files import not_regular
    from .visible import echo, warn

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
    if output.exists() and not args.force:
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
        if output.exists():
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
    from .agencies import agencies_or_error
    from .checking import collect
    from .formats import FORMATS
    from .overview import OverviewWriter
    from .parallel import each_in_order
    from .storage import ReportFileError
    from .summing import SumRefused, Totals, overview_columns, overview_row, read_for_sum
    from .visible import warn

    excel = args.overview_format == "xlsx"
    if excel and args.output is None and sys.stdout.isatty():
        return _fail("Excel 文件须用 -o 指定，例如 -o 全县合计.xlsx")
    if args.output is not None and args.output.exists() and not args.force:
        return _fail(f"{args.output}: 文件已存在；如要覆盖，请加 --force")
    names, names_error = agencies_or_error(args.files)
    if names_error:  # a total named and counted by a wrong table must not go out
        return _fail(f"{names_error}（请改正后再汇总）")
    files = collect(args.files)
    if args.output is not None and args.output.exists():  # not last run's total
        files = [f for f in files if f.resolve() != args.output.resolve()]
    if not files:
        return _fail("没有找到要汇总的 .toml 文件")
    totals, unreadable, rows = Totals(names), 0, None
    left_out: list[str] = []  # said in the workbook too: it goes where the terminal does not
    for item in each_in_order(read_for_sum, [str(f) for f in files]):  # streamed
        if item.unreadable:
            warn(f"tui-report: {item.unreadable}（不计入）")
            left_out.append(item.unreadable)
            unreadable += 1
            continue
        if item.total_of is not None:  # a total written by sum: its reports are here already
            warn(f"tui-report: {item.path}: 是 {item.total_of} 份报告的合计（sum 写出），不计入")
            continue
        if item.errors:
            action = "仍计入" if args.include_invalid else "不计入"
            warn(f"tui-report: {item.path}: 有 {item.errors} 个错误，{action}合计")
            if not args.include_invalid:
                left_out.append(f"{item.path}: 有 {item.errors} 个错误")
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
        return _fail(str(exc))
    rows.add(overview_row(total, None, "合计"))
    if excel:
        return _write_sum_workbook(args, rows, total, totals.counted, unreadable, left_out)
    rows.write(sys.stdout)
    if args.output:
        try:
            _write_new_or_forced(args.output, total, args.force)
        except ReportFileError as exc:
            return _fail(f"{exc}（如要覆盖，请加 --force）")
        warn(f"已写入合计报告 {args.output}（{totals.counted} 份报告）")
    return EXIT_UNREADABLE if unreadable else EXIT_OK


def _write_new_or_forced(path: Path, total: Report, force: bool) -> None:
    from .storage import create_report_file, render_new, write_atomic

    if path.exists() and force:
        write_atomic(path, render_new(total).encode("utf-8"))
    else:
        create_report_file(total, path)


def _write_sum_workbook(
    args: argparse.Namespace,
    rows: OverviewWriter,
    total: Report,
    counted: int,
    unreadable: int,
    left_out: list[str],
) -> int:
    """``sum --format xlsx``: the overview and the total in the template's tables."""
    import io

    from .export.xlsx import sum_workbook
    from .storage import ReportFileError, write_atomic
    from .storage.files import os_reason
    from .visible import warn

    buffer = io.BytesIO()
    sum_workbook(buffer, rows.columns, rows.spooled(), total, left_out)
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
        skipped = f"；不计入 {len(left_out)} 份，列在“各单位概况”的合计行下" if left_out else ""
        warn(f"已写入 Excel 文件 {args.output}（{counted} 份报告{skipped}）")
    return EXIT_UNREADABLE if unreadable else EXIT_OK
