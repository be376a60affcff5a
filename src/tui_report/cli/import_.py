"""``tui-report import``: a published report (text, a web page, Word, PDF, JSON) read into
a report file; ``--text`` shows the text the importer reads, with its line numbers."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .. import storage
from ..folder.listing import unlisted_name
from ..importing import ImportFailure, extracted_text, import_file
from ..storage import ReportFileError
from ..storage.atomic import refuse_link
from ..storage.files import not_regular
from ..text.visible import echo, warn
from .output import EXIT_OK, EXIT_UNREADABLE, fail


def run(args: argparse.Namespace) -> int:
    """Import a published report into a report file; the exit status."""
    try:
        reason = not_regular(args.input.stat().st_mode)
    except FileNotFoundError:  # said first: not "the output is the input" for a.toml
        reason = "找不到文件"
    except OSError:
        reason = None  # the importer says what is wrong with it
    if reason:  # a FIFO would block the import for ever
        return fail(f"{args.input}: {reason}")
    if args.text:
        try:
            text = extracted_text(args.input)[0]
        except ImportFailure as exc:
            return fail(f"{args.input}: {exc.message}")
        for number, line in enumerate(text.split("\n"), start=1):
            echo(f"{number:>5}  {line}")
        return EXIT_OK
    output: Path = args.output or args.input.with_suffix(".toml")
    if output.resolve() == args.input.resolve():
        return fail(f"{output}: 输出文件不能是输入文件本身，请用 -o 指定")
    unlisted = unlisted_name(output)  # check, sum and the folder view would skip it
    if unlisted:
        return fail(unlisted)
    try:
        refuse_link(output)  # never created or replaced through a link, even with --force
    except ReportFileError as exc:
        return fail(str(exc))
    if os.path.lexists(output) and not args.force:
        return fail(f"{output}: 文件已存在；如要覆盖，请加 --force")
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
        if args.force:
            storage.write_atomic(output, storage.render_new(report).encode("utf-8"))
        else:  # only if still free: a file that appeared during the import is not replaced
            storage.create_report_file(report, output)
    except ReportFileError as exc:
        return fail(f"{exc}（如要覆盖，请加 --force）" if not args.force else str(exc))
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
