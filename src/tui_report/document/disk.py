"""The file on disk changed since it was opened (a git pull, another editor): what
changed there and here, and the merge of this session's edits with it. No Textual:
the editor asks (``tui/editor/disk_change``), this works it out."""

from __future__ import annotations

from ..report.diffing import changed_paragraphs, changed_values
from ..report.merging import CannotMerge, ReportMerge, merge_reports
from ..storage.reading import LoadedReport, ReportFileError, read_report
from .document import ReportDocument


def located(exc: ReportFileError) -> str:
    """Why the file on disk cannot be read, with the line and column where known (the
    file name is the one the question already names)."""
    if exc.line is None:
        return exc.message
    where = f"第 {exc.line} 行" + (f"第 {exc.column} 列" if exc.column is not None else "")
    return f"{where}：{exc.message}"


def merged_with_disk(document: ReportDocument) -> tuple[LoadedReport, ReportMerge] | str:
    """The file on disk now and the merge of this session's edits with it, or why they
    cannot be merged (in Chinese)."""
    opened = document.loaded.baseline
    if opened is None:
        return "编辑器不知道文件打开时的内容"
    try:
        on_disk = read_report(document.loaded.path)
    except ReportFileError as exc:
        return f"磁盘上的文件现在无法读取：{located(exc)}"
    try:
        return on_disk, merge_reports(opened, document.report, on_disk.report)
    except CannotMerge as exc:
        return str(exc)


def merge_lines(merge: ReportMerge | str) -> list[str]:
    """What 合并 would do, for the differences."""
    if isinstance(merge, str):
        return [f"不能合并：{merge}。"]
    if not merge.conflicts:
        return ["两边改动的地方不重叠：合并会把编辑器中的修改放到磁盘上的文件上，不用逐个选择。"]
    lines = [f"两边都改了的 {len(merge.conflicts)} 处（合并时逐个选择保留哪一边）："]
    for conflict in merge.conflicts:
        lines.append(f"  {conflict.label}")
        lines += [f"    磁盘上：{line}" for line in conflict.theirs.split("\n")]
        lines += [f"    编辑器中：{line}" for line in conflict.mine.split("\n")]
    return lines


def differences(document: ReportDocument) -> str:
    """What changed on disk since the file was opened, what was edited here, and what
    合并 would do."""
    try:
        on_disk = read_report(document.loaded.path).report
    except ReportFileError as exc:
        return f"磁盘上的文件现在无法读取：{located(exc)}\n\n（覆盖会用编辑器中的内容替换它。）"
    opened = document.loaded.baseline
    report = document.report
    parts: list[str] = []
    if opened is not None:
        theirs = changed_values(opened, on_disk) + changed_paragraphs(opened, on_disk)
        parts.append("打开后磁盘上的文件被改动的地方（重新载入会采用，覆盖会丢失）：")
        parts += [f"  {line}" for line in theirs] or ["  （数值和文字没有变化）"]
        ours = changed_values(opened, report) + changed_paragraphs(opened, report)
        parts.append("")
        parts.append("在编辑器中修改、尚未保存的地方（覆盖会保存，重新载入会放弃）：")
        parts += [f"  {line}" for line in ours] or ["  （没有）"]
        merge = merged_with_disk(document)
        parts += ["", *merge_lines(merge[1] if isinstance(merge, tuple) else merge)]
    else:
        lines = changed_values(on_disk, report) + changed_paragraphs(on_disk, report)
        parts.append("磁盘上的文件 → 编辑器中的内容：")
        parts += [f"  {line}" for line in lines] or ["  （数值和文字相同）"]
    return "\n".join(parts)
