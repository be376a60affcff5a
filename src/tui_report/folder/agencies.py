"""``agencies.toml``: the names of one agency spelled several ways, counted as one.

A county's folder holds years of reports by dozens of units, and a unit's name is not
always written the same way: with or without the city (洪泽区人民政府 / 淮安市洪泽区人民政府),
or renamed (洪泽县人民政府 became 洪泽区人民政府). The small file ``agencies.toml`` in the
folder says which names are one agency::

    # 同一机关的不同写法：等号左边是统一使用的名称，右边是其他写法
    [agencies]
    "淮安市洪泽区人民政府" = ["洪泽区人民政府", "洪泽县人民政府"]

``check`` finds last year's report through it, ``sum`` adds up and names agencies by
it (two spellings of one agency in one year are two reports of one agency), and the
folder view does both. The file is found in the folder worked on or the nearest folder
above it, up to the top of the git repository; it is never read as a report.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from .. import storage
from ..storage.planted import placed_by_another
from ..storage.reading import ReportFileError, decode, parse_toml, read_bytes
from ..storage.toml_lines import key_lines
from ..storage.tops import AGENCIES_FILE
from ..text.visible import warn
from .names import agency_key, same_agency

TABLE = "agencies"
HEADER_COMMENT = "# 同一机关的不同写法：等号左边是统一使用的名称，右边是其他写法（tui-report 使用）"


class AgenciesError(ReportFileError):
    """An ``agencies.toml`` that cannot be used (``str()``: ``FILE:LINE: message``)."""


@dataclass
class AgencyNames:
    """Names → the one name of their agency. Empty when there is no ``agencies.toml``."""

    files: list[Path] = field(default_factory=list)
    _unified: dict[str, str] = field(default_factory=dict)  # key of any name → unified name
    _groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # unified key → keys
    _where: dict[str, str] = field(default_factory=dict)  # key → "FILE:LINE", for conflicts

    def __len__(self) -> int:
        return len(self._groups)

    def unified(self, name: str) -> str:
        """The name to use for ``name`` (itself when the file does not list it)."""
        return self._unified.get(agency_key(name), name)

    def key(self, name: str) -> str:
        """The normalised name of the agency ``name`` belongs to."""
        return agency_key(self.unified(name))

    def aliases(self, key: str) -> tuple[str, ...]:
        """The other names (normalised) of the agency of the normalised name ``key``."""
        unified = self._unified.get(key)
        if unified is None:
            return ()
        return tuple(k for k in self._groups[agency_key(unified)] if k != key)

    def all_names(self) -> list[str]:
        """Every name the table gives: the unified ones as written, the others as compared."""
        return list(dict.fromkeys([*self._unified.values(), *self._unified]))

    def listed(self, name: str) -> bool:
        return agency_key(name) in self._unified

    def same(self, a: str, b: str) -> bool:
        """One agency: listed as one here, or the same name with a region prefix added
        or dropped (see ``index.same_agency``)."""
        return self.key(a) == self.key(b) or same_agency(a, b)

    def add_group(self, unified: str, others: Iterable[str], where: str) -> None:
        """Record that ``others`` are ``unified``'s agency (``where``: for messages)."""
        group_key = agency_key(unified)
        if not group_key:
            raise ValueError("统一使用的名称不能为空")
        keys = [group_key]
        for name in others:
            key = agency_key(name)
            if not key:
                raise ValueError(f"“{unified}”的其他写法中有空的名称")
            if key not in keys:
                keys.append(key)
        for key in keys:
            before = self._unified.get(key)
            if before is not None and agency_key(before) != group_key:
                raise ValueError(
                    f"“{key}”已在 {self._where[key]} 归入“{before}”，不能再归入“{unified}”"
                )
        if group_key in self._groups:  # the same name given twice (in two files): merged
            keys = list(dict.fromkeys([*self._groups[group_key], *keys]))
        self._groups[group_key] = tuple(keys)
        for key in keys:
            self._unified[key] = unified
            self._where.setdefault(key, where)


def read_agencies(path: Path, names: AgencyNames | None = None) -> AgencyNames:
    """The mapping in ``path`` (added to ``names`` when given); ``AgenciesError`` with the
    line when the file cannot be used."""
    names = names if names is not None else AgencyNames()
    try:
        text, _ = decode(path, read_bytes(path))
        data = parse_toml(path, text)
    except ReportFileError as exc:
        message = f"发布机关名称对照表无法读取：{exc.message}"
        raise AgenciesError(path, message, exc.line, exc.column) from None
    lines = key_lines(text)
    for key in data:
        if key != TABLE:
            raise AgenciesError(
                path,
                f"不认识的键“{key}”：发布机关名称对照表只应有 [{TABLE}] 表"
                f'（如 "统一的名称" = ["其他写法"]）',
                lines.get(key),
            )
    table = data.get(TABLE, {})
    if not isinstance(table, dict):
        raise AgenciesError(path, f"{TABLE} 应是一个表（[{TABLE}]）", lines.get(TABLE))
    for unified, others in table.items():
        line = lines.get(f"{TABLE}.{unified}") or lines.get(TABLE)
        listed = [others] if isinstance(others, str) else others
        if not isinstance(listed, list) or not all(isinstance(n, str) for n in listed):
            raise AgenciesError(
                path,
                f'“{unified}”的值应是名称的列表，如 ["其他写法"]，实为 {_kind(others)}',
                line,
            )
        try:
            names.add_group(unified, listed, f"{path}:{line}" if line else str(path))
        except ValueError as exc:
            raise AgenciesError(path, str(exc), line) from None
    names.files.append(path)
    return names


def describe_agencies(names: AgencyNames) -> str:
    """What a table holds, in a few words: 发布机关名称对照表：2 个机关，3 种其他写法."""
    others = sum(len(keys) - 1 for keys in names._groups.values())
    return f"发布机关名称对照表：{len(names)} 个机关，{others} 种其他写法"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, int | float):
        return "数字"
    if isinstance(value, dict):
        return "表"
    if isinstance(value, list):
        return "含非文字项的列表"
    return type(value).__name__


def close_names(name: str, known: Iterable[str], limit: int = 5) -> list[str]:
    """The names of ``known`` that ``name`` may mean (柳林乡 → 某县柳林乡人民政府): those
    holding it whole, then those spelled much alike, each in the order of ``known``."""
    key = agency_key(name)
    names = list(dict.fromkeys(known))
    holding = [n for n in names if key and key in agency_key(n)]
    alike = get_close_matches(name, names, n=limit, cutoff=0.75)
    return list(dict.fromkeys([*holding, *alike]))[:limit]


# --- where the file is ----------------------------------------------------------------


def agencies_file_for(argument: Path) -> Path | None:
    """The ``agencies.toml`` that applies to a folder (or to a file's folder): in it, or in
    the nearest folder above it up to the top of its git repository (outside a
    repository, only in the folder itself). A folder that may not be looked into (no
    permission) has none."""
    if argument.name == AGENCIES_FILE and _is(argument, Path.is_file):
        return argument
    folder = argument if _is(argument, Path.is_dir) else argument.parent
    try:
        folder = folder.resolve()
    except OSError:
        return None
    found: Path | None = None
    for place in (folder, *folder.parents):
        candidate = place / AGENCIES_FILE
        above = place != folder  # the folder's own are the user's choice
        if found is None and _taken(candidate, Path.is_file, above, "不按其中的机关名称对照"):
            found = candidate
        if _taken(place / ".git", Path.exists, above, f"不把 {place} 当作 git 仓库的顶层"):
            return found  # the top of the repository: no further
    own = folder / AGENCIES_FILE
    return own if _is(own, Path.is_file) else None


_SAID: set[str] = set()  # the files ignored, said once each


def planted_above(entry: Path, ignored: str) -> bool:
    """Whether ``entry`` (an ``agencies.toml`` or ``.git`` above the folder worked on) is
    another user's in a folder others may write to (``/srv/agencies.toml`` put in a
    group-writable ``/srv`` by a colleague, ``/tmp/.git`` by anyone): not taken, and
    said once on stderr, with what is done instead (``ignored``)."""
    try:
        placed, folder = os.lstat(entry), os.stat(entry.parent)
    except OSError:
        return False
    if not placed_by_another(placed, folder):
        return False
    if str(entry) not in _SAID:
        _SAID.add(str(entry))
        warn(
            f"tui-report: 注意：{entry} 属于其他用户（uid {placed.st_uid}），所在目录别人也可写入，"
            f"可能是别人放的，不予采用（{ignored}）；如确实要用，请由自己或 root 建立它"
        )
    return True


def _taken(entry: Path, test: Callable[[Path], bool], above: bool, ignored: str) -> bool:
    """Whether ``entry`` is there (``test``) and may be taken: above the folder, not
    one another user may have put there (``planted_above``)."""
    return _is(entry, test) and not (above and planted_above(entry, ignored))


def _is(path: Path, test: Callable[[Path], bool]) -> bool:
    """``test(path)``, False where it cannot be told (Python 3.11 raises PermissionError)."""
    try:
        return test(path)
    except OSError:
        return False


def agencies_for(arguments: Iterable[Path]) -> AgencyNames:
    """The mapping for the files and folders worked on (every file that applies, merged);
    ``AgenciesError`` when one of them cannot be used."""
    names = AgencyNames()
    seen: set[Path] = set()
    for argument in arguments:
        path = agencies_file_for(argument)
        if path is None:
            continue
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            read_agencies(path, names)
    return names


def agencies_or_error(arguments: Iterable[Path]) -> tuple[AgencyNames, str | None]:
    """The mapping, or none and the reason when it cannot be used (a command goes on
    without it, says why, and ends with status 2)."""
    try:
        return agencies_for(arguments), None
    except AgenciesError as exc:
        return AgencyNames(), str(exc)


# --- adding a group ---------------------------------------------------------------------


def add_to_file(path: Path, unified: str, others: list[str]) -> None:
    """Write ``others`` as names of ``unified`` into ``path`` (created if missing; its
    comments and other lines kept), atomically. ``AgenciesError`` if the result would
    not be a usable mapping."""
    import tomlkit  # ~30 ms: only when a name is recorded (check and sum only read the file)

    if path.exists():
        read_agencies(path)  # refuse to edit a file that is wrong already
        text, _ = decode(path, read_bytes(path))
        document = tomlkit.parse(text)
    else:
        document = tomlkit.document()
        document.add(tomlkit.comment(HEADER_COMMENT.removeprefix("# ")))
    table = document.get(TABLE)
    if table is None:
        table = tomlkit.table()
        document.add(TABLE, table)
    names = list(table.get(unified, []))
    names += [n for n in others if n not in names and n != unified]
    array = tomlkit.array()
    array.extend(names)
    table[unified] = array
    rendered = tomlkit.dumps(document)
    check = AgencyNames()
    try:  # the new text must read back as a mapping
        for key, listed in parse_toml(path, rendered).get(TABLE, {}).items():
            check.add_group(key, listed, str(path))
    except ValueError as exc:
        raise AgenciesError(path, str(exc)) from None
    storage.write_atomic(path, rendered.encode("utf-8"), saving=True)  # edited, kept as it was
