"""Writing report files: a readable, diff-friendly TOML layout, saved atomically.

A new file is written in the canonical layout (every value beside its official
label). A file that was read is saved by changing, in its tomlkit document,
only the values that differ from what was read: so an unchanged save is
byte-identical, one edited cell changes one line, and hand-written comments
and keys survive.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..formats import ReportFormat, Row, Table
from ..report.domain import TEXT_KEY
from ..report.model import Report
from ..report.values import Value, format_value, same_value
from ..text.visible import BIDI_CONTROLS
from .atomic import refuse_link, remove_stale_temporaries, write_atomic
from .reading import (
    BOM,
    MAX_FILE_BYTES,
    Fingerprint,
    LoadedReport,
    ReportFileError,
    read_bytes,
)

__all__ = ["remove_stale_temporaries", "write_atomic"]  # saved atomically: see atomic.py

ROW_COMMENT_GAP = "  "


# --- values as TOML text ---------------------------------------------------


def toml_string(text: str) -> str:
    """A basic (single-line) TOML string."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        else:
            out.append(_escape_control(ch))
    out.append('"')
    return "".join(out)


def toml_text(text: str) -> str:
    """Narrative as a multi-line string, one paragraph per line: ``\"\"\"\\n…\\n\"\"\"``."""
    if text == "":
        return '""'
    body = "".join(
        ch if ch in "\n\t" else "\\\\" if ch == "\\" else _escape_control(ch) for ch in text
    ).replace('"""', '""\\"')
    return f'"""\n{body}\n"""'


# Written as ``\uXXXX``: controls (C0, DEL, C1), bidi embeddings, overrides, isolates
# and marks, line and paragraph separators. Raw, they would reorder or break what
# ``cat``, ``less`` and ``git diff`` show of the file (reading gives them back as they were).
ESCAPED = (
    frozenset(
        chr(code)
        for code in (*range(0x20), 0x7F, *range(0x80, 0xA0), 0x061C, 0x200E, 0x200F, 0x2028, 0x2029)
    )
    | BIDI_CONTROLS
)


def _escape_control(ch: str) -> str:
    if ch in ESCAPED:
        return f"\\u{ord(ch):04x}"
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be written as UTF-8
        return "\ufffd"
    return ch


def row_text(table: Table, values: list[Value | None]) -> str:
    """A row's values: a scalar for one-column tables, else an array on one line."""
    if any(v is None for v in values):
        raise ValueError("a new file cannot hold unknown values")
    shown = [format_value(v) for v in values if v is not None]
    return shown[0] if table.is_single_value else f"[{', '.join(shown)}]"


def row_comment(row: Row) -> str:
    """The official label beside a stored row, with its innermost group for context."""
    return " ".join((*row.groups[-1:], row.label))


# --- a new file --------------------------------------------------------------


def render_new(report: Report) -> str:
    """The canonical layout of a report, used for files the program creates."""
    fmt = report.format
    out: list[str] = [
        "# 政府信息公开工作年度报告数据文件（tui-report）。",
        "# 各表中的合计数（总计）由程序计算，不在此保存。",
        f"format = {toml_string(fmt.version)}",
        f"agency = {toml_string(report.agency)}",
    ]
    if report.year is not None:
        out.append(f"year = {report.year}")
    if report.total_of is not None:
        count = report.total_of
        out.append(
            f"total_of = {count}{ROW_COMMENT_GAP}# {count} 份报告的合计（sum 写出），不再计入合计"
        )
    out += ["", *_text_block(fmt, fmt.intro_key, report)]
    for section in fmt.sections:
        if section.text_key:
            out += ["", *_text_block(fmt, section.text_key, report)]
        for i, table in enumerate(section.tables):
            out.append("")
            if i == 0:
                out.append(f"# {section.heading}")
            out += _table_block(table, report)
    return "\n".join(out) + "\n"


def _text_block(fmt: ReportFormat, key: str, report: Report) -> list[str]:
    return [f"[{key}]  # {fmt.text_label(key)}", f"{TEXT_KEY} = {toml_text(report.texts[key])}"]


def _table_block(table: Table, report: Report) -> list[str]:
    columns = "、".join(c.label for c in table.entered_columns)
    header = f"[{table.key}]"
    lines: list[str] = []
    if table.is_single_value:
        caption = " ".join(x for x in (table.title, columns) if x)
        lines.append(f"{header}  # {caption}")
    else:
        if table.title:
            header += f"  # {table.title}"
        lines += [f"# 每行 {len(table.entered_columns)} 个数，依次为：{columns}", header]
    for row in table.entered_rows:
        values = report.cells[table.key][row.key]
        lines.append(f"{row.key} = {row_text(table, values)}{ROW_COMMENT_GAP}# {row_comment(row)}")
    return lines


# --- saving a file that was read ---------------------------------------------


def apply_changes(document: Any, baseline: Report, report: Report) -> list[str]:
    """Write into ``document`` every value of ``report`` that differs from ``baseline``.

    Returns the cells that had no value in the file and were written as 0 because
    a neighbour in the same row was edited (the editor tells the user).
    """
    import tomlkit  # ~30 ms: loaded when a file is written, never by check or export

    filled: list[str] = []
    if report.format is not baseline.format:
        document["format"] = report.format.version
    if report.agency != baseline.agency:
        document["agency"] = _string_item(report.agency)
    if report.year != baseline.year and report.year is not None:
        document["year"] = report.year
    for key in report.format.text_keys:
        if report.texts[key] != baseline.texts[key]:
            _set_text(document, report.format, key, report.texts[key])
    for table in report.format.tables:
        for row in table.entered_rows:
            new = report.cells[table.key][row.key]
            old = baseline.cells[table.key][row.key]
            changed = [
                i for i, (a, b) in enumerate(zip(new, old, strict=True)) if not same_value(a, b)
            ]
            if changed:
                filled += _set_row(document, tomlkit, table, row, new, changed)
            if _lost_published(baseline, report, table, row.key):
                _drop_published_values(document, table, row.key)
        for row in table.rows:
            if row.derived and _lost_published(baseline, report, table, row.key):
                section = document.get(table.key)
                if isinstance(section, dict) and row.key in section:
                    del section[row.key]
    return filled


def _lost_published(baseline: Report, report: Report, table: Table, row: str) -> bool:
    """Whether totals written in the file for this row were dropped by an edit."""
    return any(
        ref.table == table.key and ref.row == row and ref not in report.published
        for ref in baseline.published
    )


def _drop_published_values(document: Any, table: Table, row: str) -> None:
    """Remove the totals written after a row's own values (the program computes them)."""
    section = document.get(table.key)
    current = section.get(row) if isinstance(section, dict) else None
    width = len(table.entered_columns)
    if isinstance(current, list) and len(current) > width:
        del current[width:]


class ShapeError(ValueError):
    """The file holds something else where a value must be written; saving would lose it."""


def _string_item(text: str) -> Any:
    """A single-line string written as ``toml_string`` writes it (tomlkit's own writer
    leaves bidi controls raw)."""
    from tomlkit.items import String, StringType, Trivia  # (with tomlkit, above)

    return String(StringType.SLB, text, toml_string(text)[1:-1], Trivia())


def _set_text(document: Any, fmt: ReportFormat, key: str, text: str) -> None:
    import tomlkit  # ~30 ms: loaded when a file is written, never by check or export
    from tomlkit.items import String, StringType, Trivia  # (with tomlkit, above)

    if text:
        raw = toml_text(text)[3:-3]
        item: Any = String(StringType.MLB, text + "\n", raw, Trivia())
    else:
        item = tomlkit.string("")
    section = document.get(key)
    if section is None:
        section = tomlkit.table()
        section.comment(fmt.text_label(key))
        document[key] = section
    elif not isinstance(section, dict):
        raise ShapeError(f"文件中的 {key} 不是表（应写成 [{key}] 和 text = …），无法保存对它的修改")
    section[TEXT_KEY] = item


def _toml_item(tomlkit: Any, value: Value) -> Any:
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    if isinstance(exponent, int) and exponent < 0:  # (a value is never NaN: 'n')
        from tomlkit.items import Float, Trivia  # (with tomlkit)

        return Float(float(value), Trivia(), format_value(value))
    return tomlkit.integer(int(value))


def _set_row(
    document: Any,
    tomlkit: Any,
    table: Table,
    row: Row,
    values: list[Value | None],
    changed: list[int],
) -> list[str]:
    """Change the given positions of a stored row in place, or write the row whole."""
    section = document.get(table.key)
    if section is None:
        section = tomlkit.table()
        document[table.key] = section
    elif not isinstance(section, dict):
        raise ShapeError(f"文件中的 {table.key} 不是表（应写成 [{table.key}]），无法保存对它的修改")
    current = section.get(row.key)
    width = len(table.entered_columns)
    if table.is_single_value and current is not None and not isinstance(current, list):
        section[row.key] = _toml_item(tomlkit, values[0])  # type: ignore[arg-type]
        return []
    if isinstance(current, list) and len(current) >= width and not table.is_single_value:
        for i in changed:
            current[i] = _toml_item(tomlkit, values[i])  # type: ignore[arg-type]
        return []
    filled = [table.entered_columns[i].label for i, v in enumerate(values) if v is None]
    whole = [v if v is not None else 0 for v in values]
    if table.is_single_value:
        item = _toml_item(tomlkit, whole[0])
    else:
        item = tomlkit.array()
        item.extend(_toml_item(tomlkit, v) for v in whole)
    item.comment(row_comment(row))
    item.trivia.comment_ws = ROW_COMMENT_GAP
    section[row.key] = item
    return [f"{row.qualified_label} · {label}" for label in filled]


# --- the save operations ------------------------------------------------------


def ensure_new(path: Path) -> None:
    """``ReportFileError`` when ``path`` exists, or is a symlink (dangling or not): a
    new report never overwrites a file, nor is created where a link points."""
    refuse_link(path)
    if os.path.lexists(path):
        raise ReportFileError(path, "文件已存在，不会覆盖")


def create_report_file(report: Report, path: Path | str) -> LoadedReport:
    """Write a new report file; refuses to overwrite an existing one or to write
    through a symlink (even one planted between this check and the write)."""
    path = Path(path)
    ensure_new(path)
    text = render_new(report)
    write_atomic(path, text.encode("utf-8"), create=True)
    return _after_write(report, path, text, bom=False)


def render_changes(loaded: LoadedReport, report: Report) -> tuple[str, list[str]]:
    """The file's text with ``report``'s changes (against what was read) applied, and
    the cells filled with 0 (see ``apply_changes``). Nothing is written."""
    import tomlkit  # ~30 ms: loaded when a file is written, never by check or export

    # A fresh document from what is on disk as far as we know: if a write fails,
    # nothing of this attempt lingers to be written by the next one.
    if loaded.unwritable:
        raise ReportFileError(loaded.path, loaded.unwritable)
    baseline = loaded.baseline or report
    try:
        document = tomlkit.parse(loaded.source)
        filled = apply_changes(document, baseline, report)
        return document.as_string(), filled
    except ShapeError as exc:
        raise ReportFileError(loaded.path, f"{exc}；请先用文本编辑器改正该处") from None
    except Exception:  # tomlkit refusing what tomllib read: never a crash that loses edits
        raise ReportFileError(
            loaded.path,
            "本程序无法把修改写回这个文件的 TOML 写法；请用文本编辑器修改",
            reason="本程序无法写回这个文件的 TOML 写法",
        ) from None


def save_report(
    loaded: LoadedReport, report: Report | None = None
) -> tuple[LoadedReport, list[str]]:
    """Save ``report`` (default: ``loaded.report``) over the file it was read from.

    Returns the new ``LoadedReport`` and the cells filled with 0 (see ``apply_changes``).
    The caller decides beforehand what to do when the file changed on disk.
    """
    report = report or loaded.report
    text, filled = render_changes(loaded, report)
    data = (BOM if loaded.bom else b"") + text.encode("utf-8")
    refuse_too_large(loaded.path, len(data))
    write_atomic(loaded.path, data, through_link=True, saving=True)  # the file opened
    saved = _after_write(report, loaded.path, text, loaded.bom)
    saved.structure = loaded.structure
    return saved, filled


def refuse_too_large(path: Path, size: int) -> None:
    """``ReportFileError`` for a report file that would be larger than a report may be
    (the program would refuse to open what it saved)."""
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise ReportFileError(
            path,
            f"保存后的文件将有 {size / 1024 / 1024:.1f} MB，超过报告文件的上限 {limit} MB"
            "（本程序将无法再打开它），所以没有保存；请删减正文后再保存",
            reason=f"文件将超过报告文件的上限 {limit} MB",
        )


def _after_write(report: Report, path: Path, text: str, bom: bool) -> LoadedReport:
    data = (BOM if bom else b"") + text.encode("utf-8")
    try:
        fingerprint: Fingerprint | None = Fingerprint.of(data, path.stat())
    except OSError:
        fingerprint = None
    return LoadedReport(report, path, text, [], fingerprint, bom, baseline=report.copy())


def changed_on_disk(loaded: LoadedReport) -> bool:
    """Whether the file is no longer what was read or last saved (a git pull, another editor)."""
    if loaded.fingerprint is None:
        return loaded.path.exists()
    try:
        current = loaded.path.stat()
    except OSError:
        return True  # deleted or unreadable: saving would not overwrite someone's work, but ask
    fp = loaded.fingerprint
    if current.st_size == fp.size and current.st_mtime_ns == fp.mtime_ns:
        return False
    try:
        data = read_bytes(loaded.path)
    except ReportFileError:
        return True
    return Fingerprint.of(data, current).sha256 != fp.sha256
