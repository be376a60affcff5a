"""The ``tui-report`` command: new, check, export, edit.

Each command imports what it needs when it runs, so ``check`` and ``export``
never pay for Textual. A person's mistake (a missing file, a syntax error)
is one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    import argparse

    from .model import Report
    from .overview import OverviewWriter

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2
COMMANDS = ("new", "check", "export", "import", "diff", "sum", "edit")

DESCRIPTION = """\
政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）的编辑、校验与导出工具。

常用：
  tui-report 报告.toml              打开编辑器（文件不存在时先询问发布机关和年度）
  tui-report reports/               目录视图：全部报告的状态、合计、与上年比较、全县检查
  tui-report check reports/*.toml   校验勾稽关系等规则（有错误时退出码为 1）
  tui-report export 报告.toml       导出可上传门户网站的纯文本
  tui-report export 报告.toml --format docx -o 报告.docx   导出 Word 文档（官方模板表格）
"""


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from .cli_text import ChineseArgumentParser
    from .cli_text import install as install_chinese_argparse

    install_chinese_argparse()
    parser = ChineseArgumentParser(
        prog="tui-report",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    parser.add_argument(
        "--version", action="version", version=f"tui-report {__version__}", help="显示版本并退出"
    )
    commands = parser.add_subparsers(dest="command", title="命令", metavar="<命令>")

    new = _command(
        commands,
        "new",
        "新建报告：全零的空白报告，或用 --from 从上一年的报告开始（不会覆盖已有文件）",
    )
    new.add_argument("file", type=Path, help="要创建的报告文件（.toml）")
    new.add_argument(
        "--agency", help="发布机关，例如：巨鹿县官亭镇人民政府（用 --from 时默认沿用）"
    )
    new.add_argument(
        "--year", type=_year, help="报告年度，例如：2024（用 --from 时默认为上一年 + 1）"
    )
    new.add_argument(
        "--from",
        dest="last",
        type=Path,
        metavar="LAST.toml",
        help="上一年的报告：沿用发布机关，上年结转取自上年的“结转下年度继续办理”，现行有效件数沿用上年；"
        "给出目录时，在其中按 --agency 和年度查找上一年的报告",
    )
    new.add_argument("--keep-text", action="store_true", help="与 --from 一起用：沿用上一年的文字")
    new.add_argument(
        "--format",
        dest="format_version",
        choices=("2021", "2019"),
        help="格式版本（默认按年度：2019、2020 年用 2019 年试行格式，其余用 2021 年格式）",
    )

    check = _command(commands, "check", "校验报告：数值、勾稽关系、年份与文字说明")
    check.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="报告文件（.toml）或目录（查找其中所有 .toml）",
    )
    check.add_argument(
        "--previous",
        type=Path,
        metavar="LAST.toml",
        help="上一年的报告（不给出时，在所给文件和同一目录中按发布机关和年度自动查找）",
    )
    check.add_argument("--json", action="store_true", help="以 JSON 输出问题列表")
    check.add_argument(
        "-q", "--quiet", action="store_true", help="只逐条输出错误（警告不列出，但仍计入小结）"
    )

    export = _command(
        commands, "export", "导出报告：纯文本、网页 HTML、Word 文档（供发布），或 JSON、Markdown"
    )
    export.add_argument("file", type=Path, help="报告文件（.toml）")
    export.add_argument(
        "--format",
        dest="export_format",
        choices=("text", "html", "docx", "json", "markdown"),
        default="text",
        help="导出格式（默认 text）：text 纯文本，html 网页，docx Word 文档，json，markdown",
    )
    export.add_argument(
        "-o", "--output", type=Path, help="写入此文件（默认输出到屏幕；docx 须指定）"
    )
    export.add_argument(
        "--fragment",
        action="store_true",
        help="与 --format html 一起用：只输出正文（样式写在各元素上），"
        "供粘贴到门户网站编辑器的源代码中",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="报告有错误时仍然导出（无效或缺失的数以“？”标出）",
    )
    export.add_argument(
        "-q", "--quiet", action="store_true", help="不显示提示（如作为 git 的 textconv 时）"
    )
    export.add_argument(
        "--width",
        type=_width,
        default=100,
        help="纯文本表格的最大宽度（按半角字符计，默认 100；申请情况表最窄约 66）",
    )

    imp = _command(
        commands,
        "import",
        "从已发布的报告导入：PDF 或网页复制的文字、Word 表格、Markdown、"
        ".html、.pdf、.docx、本程序导出的纯文本",
    )
    imp.add_argument(
        "input", type=Path, metavar="INPUT", help="要导入的文件（.txt、.md、.html、.pdf、.docx 等）"
    )
    imp.add_argument("-o", "--output", type=Path, help="写入的报告文件（默认：与输入同名的 .toml）")
    imp.add_argument("--force", action="store_true", help="输出文件已存在时覆盖")
    imp.add_argument("--agency", help="发布机关（标题中找不到或不对时指定）")
    imp.add_argument("--year", type=_year, help="报告年度（标题中找不到或不对时指定）")
    imp.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="逐个列出按 0 导入的空单元格（默认每个表格只给一条小结）",
    )
    imp.add_argument(
        "--text",
        action="store_true",
        help="只显示从 PDF、网页或 Word 文件提取出的文字（导入信息中的行号即指这些行），不导入",
    )

    diff = _command(
        commands, "diff", "比较两份报告：列出每个改动的数值（官方标签、新旧两个数）和改动的段落"
    )
    diff.add_argument("old", type=Path, metavar="A.toml", help="原来的报告")
    diff.add_argument("new", type=Path, metavar="B.toml", help="新的报告")

    total = _command(commands, "sum", "汇总多份同一年度的报告（如全县各单位），并列出各单位概况")
    total.add_argument("files", nargs="+", type=Path, metavar="FILE_OR_DIR", help="报告文件或目录")
    total.add_argument(
        "-o",
        "--output",
        type=Path,
        help="把合计写成一份报告文件（.toml）；--format xlsx 时为 Excel 文件（.xlsx）",
    )
    total.add_argument("--agency", default=None, help="合计报告的发布机关（默认：合计）")
    total.add_argument(
        "--format",
        dest="overview_format",
        choices=("text", "json", "csv", "xlsx"),
        default="text",
        help="概况表的格式（默认 text）；xlsx：Excel 文件，第一页为各单位概况，"
        "第二页为合计（官方表格样式，含合并单元格），须用 -o 指定文件",
    )
    total.add_argument("--include-invalid", action="store_true", help="也计入有错误的报告")
    total.add_argument("--force", action="store_true", help="-o 的文件已存在时覆盖")

    edit = _command(
        commands,
        "edit",
        "在终端编辑器中打开报告，或打开目录视图（也可直接 tui-report 文件名或目录）",
    )
    edit.add_argument(
        "file",
        type=Path,
        help="报告文件（.toml，不存在时新建）；或目录：列出其中全部报告、合计和全县检查",
    )
    return parser


def _command(
    commands: argparse._SubParsersAction, name: str, help_text: str
) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=help_text, description=help_text, add_help=False)
    sub.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    return sub


def _year(text: str) -> int:
    import argparse

    from .storage.reading import MAX_YEAR, MIN_YEAR

    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"年度应为四位数字，例如 2024，而不是 {text!r}") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"年度应在 {MIN_YEAR} 至 {MAX_YEAR} 之间")
    return year


def _width(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"宽度应为整数，而不是 {text!r}") from None
    if value < 40:
        raise argparse.ArgumentTypeError("宽度至少为 40")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if len(args_list) == 1 and args_list[0] not in COMMANDS and not args_list[0].startswith("-"):
        return _edit(Path(args_list[0]), args_list[0])  # ``tui-report FILE``: to the editor
    if len(args_list) == 2 and args_list[0] == "edit" and not args_list[1].startswith("-"):
        return _edit(Path(args_list[1]), args_list[1])
    if args_list and args_list[0] not in COMMANDS and not args_list[0].startswith("-"):
        args_list.insert(0, "edit")  # ``tui-report FILE`` opens the editor
    if not args_list:
        args_list = ["--help"]
    args = build_parser().parse_args(args_list)
    try:
        if args.command == "new":
            return cmd_new(args)
        if args.command == "check":
            return cmd_check(args)
        if args.command == "export":
            return cmd_export(args)
        if args.command == "import":
            return cmd_import(args)
        if args.command == "diff":
            return cmd_diff(args)
        if args.command == "sum":
            return cmd_sum(args)
        return cmd_edit(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. ``tui-report export … | head``
        sys.stderr.close()
        return EXIT_OK


def _fail(message: str) -> int:
    from .visible import warn

    warn(f"tui-report: {message}")
    return EXIT_UNREADABLE


def cmd_new(args: argparse.Namespace) -> int:
    from .formats import FORMATS, format_for_year
    from .rules.metadata import format_year_mismatch
    from .storage import ReportFileError, create_report_file, read_report
    from .templates import new_report, new_year
    from .visible import echo

    last = None
    if args.last is not None and args.last.is_dir():
        found = _last_year_in(args)
        if isinstance(found, int):
            return found
    if args.last:
        try:
            last = read_report(args.last).report
        except ReportFileError as exc:
            return _fail(str(exc))
        if last.year is None:
            return _fail(f"{args.last}: 上一年的报告没有年度（year）")
    elif args.agency is None or args.year is None:
        return _fail("请给出 --agency 和 --year，或用 --from 指定上一年的报告")
    year = args.year or (last.year + 1 if last and last.year else 0)
    fmt = FORMATS[args.format_version] if args.format_version else format_for_year(year)
    mismatch = format_year_mismatch(year, fmt)
    if mismatch:  # what check would say of the file (format-year)
        return _fail(f"{mismatch}；请去掉 --format 或改用 --format {format_for_year(year).version}")
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
        echo(
            f"上年结转取自 {args.last} 的“结转下年度继续办理”；"
            "现行有效件数沿用上年，请按本年情况修改。"
        )
    return EXIT_OK


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


def cmd_check(args: argparse.Namespace) -> int:
    from .checking import check_files

    return check_files(args.files, as_json=args.json, quiet=args.quiet, previous=args.previous)


def cmd_export(args: argparse.Namespace) -> int:
    from .export import EXPORT_FORMATS, render
    from .problems import count
    from .rules import validate
    from .storage import ReportFileError, read_report, write_atomic
    from .storage.files import os_reason
    from .visible import warn

    try:
        loaded = read_report(args.file)
    except ReportFileError as exc:
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
    try:
        if output.exists():
            write_atomic(output, render_new(report).encode("utf-8"))
        else:
            create_report_file(report, output)
    except ReportFileError as exc:
        return _fail(str(exc))
    echo(
        f"已导入 {report.agency} {report.title}（{result.kind}，编码 {result.encoding}）"
        f"到 {output}，{len(result.warnings)} 个警告。"
        f"可运行 tui-report check {output} 检查勾稽关系。"
    )
    return EXIT_OK


_EXTRACTED_LINES = (
    "提示：行号是从 PDF、网页或 Word 文件提取出的文字中的行号，"
    "可用 tui-report import --text {path} 查看"
)


def cmd_diff(args: argparse.Namespace) -> int:
    from .diffing import changed_paragraphs, changed_values
    from .storage import ReportFileError, read_report
    from .visible import echo

    try:
        old, new = read_report(args.old).report, read_report(args.new).report
    except ReportFileError as exc:
        return _fail(str(exc))
    values, paragraphs = changed_values(old, new), changed_paragraphs(old, new)
    for line in values + paragraphs:
        echo(line)
    if not values and not paragraphs:
        echo("两份报告的内容相同")
        return EXIT_OK
    return EXIT_PROBLEMS


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
    for item in each_in_order(read_for_sum, [str(f) for f in files]):  # streamed
        if item.unreadable:
            warn(f"tui-report: {item.unreadable}（不计入）")
            unreadable += 1
            continue
        if item.errors:
            action = "仍计入" if args.include_invalid else "不计入"
            warn(f"tui-report: {item.path}: 有 {item.errors} 个错误，{action}合计")
            if not args.include_invalid:
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
        return _write_sum_workbook(args, rows, total, totals.counted, unreadable)
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
    args: argparse.Namespace, rows: OverviewWriter, total: Report, counted: int, unreadable: int
) -> int:
    """``sum --format xlsx``: the overview and the total in the template's tables."""
    import io

    from .export.xlsx import sum_workbook
    from .storage import ReportFileError, write_atomic
    from .storage.files import os_reason
    from .visible import warn

    buffer = io.BytesIO()
    sum_workbook(buffer, rows.columns, rows.spooled(), total)
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
        warn(f"已写入 Excel 文件 {args.output}（{counted} 份报告）")
    return EXIT_UNREADABLE if unreadable else EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    return _edit(args.file)


def _edit(path: Path, written: str = "") -> int:
    """The editor on a file, or the folder view on a folder (``written``: the argument
    as typed: ``reports/`` names a folder even when it does not exist)."""
    from .tui.launch import run_editor

    if written.endswith(("/", "\\")) and not path.is_dir():
        return _fail(f"{written}: 目录不存在")

    try:
        return run_editor(path)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
