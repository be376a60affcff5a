"""Reading report files: bytes → TOML data → ``Report``, with every mistake as data.

Files are parsed by the fastest TOML parser installed (``fast_toml``: toml-rs, else
the stdlib ``tomllib``, whose messages a user always sees); tomlkit is only loaded
when a file is written (see ``writing``). A file that cannot be
read at all raises ``ReportFileError`` (one clear message, with line and
column for TOML syntax errors); anything readable but wrong in content becomes
a ``Problem`` attached to the report, so that nothing a person wrote is lost.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..formats import DEFAULT_FORMAT, FORMATS, ReportFormat, Table
from ..report.domain import METADATA_KEYS, TEXT_KEY
from ..report.model import BadCell, CellRef, Report
from ..report.problems import Location, Problem
from ..report.rule_ids import RuleId, rule_problem
from ..report.values import InvalidValue, Value, from_stored, written_number
from . import fast_toml
from .files import os_reason, read_regular
from .toml_errors import syntax_error
from .toml_lines import key_lines

MAX_FILE_BYTES = 5 * 1024 * 1024
BOM = b"\xef\xbb\xbf"


class ReportFileError(Exception):
    """A file that cannot be read as a report. ``str()`` is the message for the user."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        reason: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.message = message
        self.reason = reason or message  # the cause alone, for a short line (the status bar)
        self.line = line
        self.column = column
        where = str(path)
        if line is not None:
            where += f":{line}" + (f":{column}" if column is not None else "")
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when read, to notice when someone else changed it."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, data: bytes, stat: os.stat_result) -> Fingerprint:
        import hashlib  # ~3 ms: only a file opened for editing is fingerprinted

        return cls(len(data), stat.st_mtime_ns, hashlib.sha256(data).hexdigest())


@dataclass
class LoadedReport:
    """A report with what is needed to check it and to save it back without loss."""

    report: Report
    path: Path
    source: str
    structure: list[Problem]  # problems in the file's shape (unknown keys, extra values …)
    fingerprint: Fingerprint | None = None
    bom: bool = False
    baseline: Report | None = None  # the report as read, to save only what changed
    unwritable: str | None = None  # why changes could not be written back (see read_report)

    def lines(self) -> dict[str, int]:
        return key_lines(self.source)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or ``ReportFileError`` with a plain reason."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except ValueError as exc:
        raise ReportFileError(path, str(exc)) from None
    except FileNotFoundError:
        raise ReportFileError(path, _not_found(path)) from None
    except PermissionError:
        raise ReportFileError(path, "没有读取这个文件的权限") from None
    except OSError as exc:
        raise ReportFileError(path, f"无法读取文件：{os_reason(exc)}") from None
    if len(data) > MAX_FILE_BYTES:
        try:
            size = f"{path.stat().st_size} 字节"
        except OSError:
            size = f"超过 {MAX_FILE_BYTES} 字节"
        raise ReportFileError(
            path, f"文件过大（{size}），报告文件不能超过 {MAX_FILE_BYTES // 1024 // 1024} MB"
        )
    return data


def _not_found(path: Path) -> str:
    """Why a file is not there: no such file, or a link to one that is not."""
    try:
        pointed = os.readlink(path)
    except OSError:
        return "找不到文件"
    return f"这是一个符号链接，它指向的 {pointed} 不存在"


def decode(path: Path, data: bytes) -> tuple[str, bool]:
    """UTF-8 text (a BOM is accepted and remembered), or ``ReportFileError``."""
    bom = data.startswith(BOM)
    try:
        text = data[len(BOM) :].decode("utf-8") if bom else data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReportFileError(
            path, "文件不是 UTF-8 编码的文本（报告文件须为 UTF-8；若是 GBK 编码，请先转换）", line
        ) from None
    if "\x00" in text:
        raise ReportFileError(path, "文件含有二进制内容，不是 TOML 文本")
    return text, bom


def parse_toml(path: Path, text: str, fast: bool = True) -> dict[str, Any]:
    """TOML → data with floats as ``Decimal``; syntax errors name line and column
    (``fast``: see ``fast_toml.loads``)."""
    try:
        return fast_toml.loads(text, fast)
    except RecursionError:
        raise ReportFileError(path, "TOML 嵌套层数过多（数组或表套了太多层）") from None
    except ValueError as exc:
        import tomllib  # its error type: loaded when there is an error to tell

        if not isinstance(exc, tomllib.TOMLDecodeError):  # e.g. an integer of 5000 digits
            raise ReportFileError(path, "文件中有位数过多、无法处理的数") from None
        message, line, column = syntax_error(str(exc), text)
        raise ReportFileError(path, message, line, column) from None


def read_report(
    path: Path | str, for_saving: bool = True, fast: bool | None = None
) -> LoadedReport:
    """Read a report file for editing (``for_saving``: with what saving it back needs,
    a fingerprint, a copy as read, and ``unwritable`` when the writer could not write
    this file back) or only for reading it (checking, adding up, comparing, exporting).
    ``fast``: by the fast parser; by default only a file not read for editing (the
    editor reads by tomllib, see ``fast_toml.loads``)."""
    path = Path(path)
    data = read_bytes(path)
    text, bom = decode(path, data)
    parsed = parse_toml(path, text, fast=not for_saving if fast is None else fast)
    report, structure = report_from_data(path, parsed)
    if not for_saving:
        return LoadedReport(report, path, text, structure, None, bom)
    try:
        fingerprint = Fingerprint.of(data, path.stat())
    except OSError:
        fingerprint = None
    loaded = LoadedReport(report, path, text, structure, fingerprint, bom, baseline=report.copy())
    if writer_refuses(parsed, text):
        loaded.unwritable = (
            f"文件中的 TOML 嵌套超过 {WRITER_MAX_NESTING} 层（如超过 {WRITER_MAX_NESTING} 段的键"
            f" a.b.….z、[t.t.….t]，或数组套数组），"
            "check 可以校验它，但本程序无法把修改写回这样的文件；请用文本编辑器删去或改浅该处"
        )
    return loaded


# tomlkit, the writer, refuses a key of more than 100 parts (``a.b.….z = 1``, a table's
# ``[a.b.….z]``) and values nested more than 100 deep; tomllib, the reader, accepts both.
WRITER_MAX_NESTING = 100


def writer_refuses(data: dict[str, Any], text: str) -> bool:
    """Whether the writer (tomlkit) would refuse to write ``text`` back, so that the
    editor says so when the file is opened, not when its edits cannot be saved.

    A file whose every value is reached by no more than ``WRITER_MAX_NESTING`` keys and
    brackets in all (every report) is certainly written back; for the rare deeper one
    the writer itself is asked, which counts as it counts (a key's parts, a value's
    brackets)."""
    if nesting_depth(data, WRITER_MAX_NESTING) <= WRITER_MAX_NESTING:
        return False
    import tomlkit  # ~30 ms: only for a file nested deeper than tomlkit can write

    try:
        tomlkit.parse(text)
    except Exception:  # its ParseError, or deeper than Python's stack (an older tomlkit)
        return True
    return False


def nesting_depth(data: Any, stop_above: int) -> int:
    """How many keys and array levels lead to the deepest value in ``data`` (1 for a
    top-level ``x = 1``; a dotted key of 101 parts is 101 deep), counted without
    recursion; counting stops once past ``stop_above``."""
    deepest = 0
    pending: list[tuple[Any, int]] = (
        [(v, 1) for v in data.values()] if isinstance(data, dict) else []
    )
    while pending:
        value, depth = pending.pop()
        deepest = max(deepest, depth)
        if deepest > stop_above:
            return deepest
        if isinstance(value, dict):
            pending.extend((child, depth + 1) for child in value.values())
        elif isinstance(value, list):
            pending.extend((child, depth + 1) for child in value)
    return deepest


def report_from_data(path: Path, data: dict[str, Any]) -> tuple[Report, list[Problem]]:
    """Build a report from parsed TOML data; shape problems are returned, never raised.

    Only a format version we do not know is fatal: without it nothing can be read.
    """
    structure: list[Problem] = []
    report_format = _format(path, data, structure)
    report = Report(report_format, "", None, {}, {t.key: {} for t in report_format.tables})
    report.agency = _agency(data, structure)
    report.year = _year(report, data)
    report.total_of = _total_of(data, structure)
    for key in report_format.text_keys:
        report.texts[key] = _text(report_format, data, key, structure)
    for table in report_format.tables:
        _read_table(report, table, data.get(table.key), structure)
    known = {*METADATA_KEYS, *report_format.text_keys, *report_format.table_index}
    structure += [_unknown_key(key) for key in data if key not in known]
    return report, structure


def _format(path: Path, data: dict[str, Any], structure: list[Problem]) -> ReportFormat:
    version = data.get("format")
    if version is None:
        structure.append(
            rule_problem(
                RuleId.FORMAT_MISSING,
                f"文件缺少 format 键，按 {DEFAULT_FORMAT.version} 年格式读取",
                Location(key="format"),
            )
        )
        return DEFAULT_FORMAT
    found = FORMATS.get(str(version))
    if found is None:
        known = "、".join(f'"{v}"' for v in FORMATS)
        raise ReportFileError(path, f"不认识的格式版本 format = {version!r}（可用：{known}）")
    return found


def _metadata_problem(rule: RuleId, key: str, message: str) -> Problem:
    return rule_problem(rule, message, Location(key=key))


def _agency(data: dict[str, Any], structure: list[Problem]) -> str:
    agency = data.get("agency")
    if isinstance(agency, str):
        return agency
    if agency is not None:
        structure.append(
            _metadata_problem(RuleId.AGENCY_TYPE, "agency", "发布机关（agency）应为文字")
        )
        return str(agency)
    return ""


def _year(report: Report, data: dict[str, Any]) -> int | None:
    """The year, or None; a value that is not a year is kept for the metadata rule
    (which also sees the editor's changes)."""
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        report.bad_fields["year"] = BadCell(_written(year), "应为四位整数")
        return None
    return year


def _total_of(data: dict[str, Any], structure: list[Problem]) -> int | None:
    """How many reports a total written by ``sum`` adds up (None: not such a total)."""
    value = data.get("total_of")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        structure.append(
            _metadata_problem(
                RuleId.TOTAL_OF_TYPE,
                "total_of",
                f"合计的份数（total_of）应为正整数，实为 {value!r}",
            )
        )
        return 1  # still a total: never added to another
    return value


def _text(
    report_format: ReportFormat, data: dict[str, Any], key: str, structure: list[Problem]
) -> str:
    section = data.get(key)
    label = report_format.text_label(key)
    if section is None:
        return ""
    if not isinstance(section, dict):
        structure.append(
            _metadata_problem(
                RuleId.TEXT_TYPE, key, f"{label}：[{key}] 应为一个表，其中 text 为正文"
            )
        )
        return ""
    text = section.get(TEXT_KEY, "")
    structure += [_unknown_key(f"{key}.{extra}") for extra in section if extra != TEXT_KEY]
    if not isinstance(text, str):
        structure.append(
            _metadata_problem(
                RuleId.TEXT_TYPE, f"{key}.{TEXT_KEY}", f"{label}：正文应为文字，实为 {text!r}"
            )
        )
        return str(text)
    return normalize_text(text)


def normalize_text(text: str) -> str:
    """Narrative as held in the model: LF line ends, no final newline."""
    text = text.replace("\r\n", "\n")
    return text[:-1] if text.endswith("\n") else text


@lru_cache(maxsize=64)
def _plain_counts(table: Table) -> tuple[int, int, int] | None:
    """(columns, least, greatest) of a table whose entered cells are all counts of one
    kind: a row of just such integers is taken as it is (nothing to say of any value),
    without reading each value on its own (``_read_row``: 1.4x the CPU of a report's
    check, BENCHMARKS.md)."""
    kinds = {column.kind for column in table.entered_columns}
    if len(kinds) != 1 or not (kind := kinds.pop()).is_integer:
        return None
    return len(table.entered_columns), int(kind.minimum), int(kind.maximum)


def _read_table(report: Report, table: Table, data: Any, structure: list[Problem]) -> None:
    entered = report.cells[table.key]
    if not isinstance(data, dict):
        for row in table.entered_rows:
            entered[row.key] = [None] * len(table.entered_columns)
        if data is not None:
            structure.append(
                _metadata_problem(RuleId.TABLE_TYPE, table.key, f"[{table.key}] 应为一个表")
            )
        return
    plain = _plain_counts(table)
    for row in table.rows:
        raw = data.get(row.key)
        if row.derived:
            if raw is not None:
                _read_published_row(report, table, row.key, raw, structure)
            continue
        if plain is not None:  # the usual row: nothing to say about any of its values
            size, least, greatest = plain
            if type(raw) is list:
                if (
                    len(raw) == size
                    and all(type(v) is int for v in raw)
                    and least <= min(raw)
                    and max(raw) <= greatest
                ):
                    entered[row.key] = raw
                    continue
            elif type(raw) is int and size == 1 and least <= raw <= greatest:
                entered[row.key] = [raw]
                continue
        entered[row.key] = _read_row(report, table, row.key, raw, structure)
    known = set(table.row_index)
    structure += [_unknown_key(f"{table.key}.{key}") for key in data if key not in known]


def _read_row(
    report: Report, table: Table, row: str, raw: Any, structure: list[Problem]
) -> list[Value | None]:
    """Values of the entered columns of a row; derived columns given in the file are published."""
    columns = table.entered_columns
    if raw is None:
        return [None] * len(columns)
    items = [raw] if table.is_single_value and not isinstance(raw, list) else raw
    if not isinstance(items, list):
        items = [raw]
    values: list[Value | None] = []
    for column, item in zip(columns, items, strict=False):
        try:
            values.append(from_stored(item, column.kind))
        except InvalidValue as exc:
            report.bad_cells[CellRef(table.key, row, column.key)] = BadCell(
                _written(item), exc.message
            )
            values.append(None)
    for column in columns[len(values) :]:
        values.append(None)
        report.bad_cells[CellRef(table.key, row, column.key)] = BadCell("", "缺少数值")
    derived = [c for c in table.columns if c.derived]
    extra = items[len(columns) :]
    if not extra:
        pass
    elif len(extra) == len(derived):
        for column, item in zip(derived, extra, strict=True):
            value = _cell(report, CellRef(table.key, row, column.key), item, published=True)
            if value is not None:
                report.published[CellRef(table.key, row, column.key)] = value
    else:
        expected = f"{len(columns)} 个" + (
            f"（或连同总计 {len(columns) + len(derived)} 个）" if derived else ""
        )
        structure.append(
            rule_problem(
                RuleId.ROW_LENGTH,
                f"{table.row(row).qualified_label}：应有 {expected}数值，实有 {len(items)} 个",
                Location(table=table.key, row=row, key=f"{table.key}.{row}"),
                tuple(CellRef(table.key, row, c.key) for c in columns),
            )
        )
    return values


def _read_published_row(
    report: Report, table: Table, row: str, raw: Any, structure: list[Problem]
) -> None:
    items = raw if isinstance(raw, list) else [raw]
    if len(items) not in (len(table.entered_columns), len(table.columns)):
        structure.append(
            rule_problem(
                RuleId.ROW_LENGTH,
                f"{table.row(row).qualified_label}：应有 {len(table.entered_columns)} 个数值，"
                f"实有 {len(items)} 个",
                Location(table=table.key, row=row, key=f"{table.key}.{row}"),
            )
        )
        return
    for column, item in zip(table.columns, items, strict=False):
        ref = CellRef(table.key, row, column.key)
        value = _cell(report, ref, item, published=True)
        if value is not None:
            report.published[ref] = value


def _cell(report: Report, ref: CellRef, raw: Any, published: bool = False) -> Value | None:
    kind = report.format.table(ref.table).column(ref.column).kind
    try:
        return from_stored(raw, kind)
    except InvalidValue as exc:
        report.bad_cells[ref] = BadCell(_written(raw), exc.message)
        return None


def _written(raw: Any) -> str:
    if isinstance(raw, bool):
        return str(raw).lower()
    if isinstance(raw, int | Decimal):
        return written_number(raw)
    if isinstance(raw, str):
        return repr(raw[:40])
    return type(raw).__name__


def _unknown_key(key: str) -> Problem:
    return rule_problem(
        RuleId.UNKNOWN_KEY,
        f"不认识的键 {key}（拼写错误？程序会原样保留它）",
        Location(key=key),
    )
