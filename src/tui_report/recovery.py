"""Recovery copies: unsaved edits kept outside the report file, so that a dropped SSH
session, a killed process or a power cut loses at most a few seconds of work.

The editor writes a copy of the report *with* its unsaved changes a moment
after each edit, and at once on SIGHUP/SIGTERM; saving or discarding removes
it. The copies live in the user's state directory ($XDG_STATE_HOME, or
~/.local/state), not next to the report, so they never end up in git.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .model import Report
from .storage.reading import LoadedReport, ReportFileError, parse_toml, report_from_data


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "tui-report" / "recovery"


def recovery_path(report_path: Path) -> Path:
    """One recovery file per report file (by its absolute path)."""
    absolute = str(Path(os.path.realpath(report_path)))
    digest = hashlib.sha256(absolute.encode("utf-8")).hexdigest()[:16]
    return state_dir() / f"{report_path.name}.{digest}.json"


@dataclass(frozen=True)
class Recovery:
    file: str
    saved_at: str  # local time, for people
    base_sha256: str | None  # the file the edits were made on
    text: str  # the whole report file, with the edits


def write_recovery(loaded: LoadedReport, report: Report) -> Path:
    """Keep ``report`` (with unsaved edits) as a recovery copy; returns where."""
    import datetime
    import json

    from .storage.writing import render_changes, write_atomic

    text, _ = render_changes(loaded, report)
    recovery = {
        "file": str(loaded.path),
        "saved_at": datetime.datetime.now().strftime("%Y年%m月%d日%H:%M:%S"),
        "base_sha256": loaded.fingerprint.sha256 if loaded.fingerprint else None,
        "text": text,
    }
    target = recovery_path(loaded.path)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic(target, json.dumps(recovery, ensure_ascii=False).encode("utf-8"))
    return target


def read_recovery(report_path: Path) -> Recovery | None:
    """The recovery copy for a report file, if there is a usable one."""
    target = recovery_path(report_path)
    if not target.exists():
        return None
    import json

    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        return Recovery(data["file"], data["saved_at"], data.get("base_sha256"), data["text"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def keep_aside(report_path: Path, recovery: Recovery) -> Path:
    """Save a recovery copy as a report file beside the report (never over another file),
    so that putting off the decision loses nothing; the copy itself is then removed."""
    import datetime

    from .storage.writing import write_atomic

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in range(1, 1000):
        suffix = "" if number == 1 else f"-{number}"
        target = report_path.with_name(f"{report_path.stem}.恢复-{stamp}{suffix}.toml")
        if not target.exists():
            break
    write_atomic(target, recovery.text.encode("utf-8"))
    discard_recovery(report_path)
    return target


def discard_recovery(report_path: Path) -> None:
    with contextlib.suppress(OSError):
        recovery_path(report_path).unlink()


def recovered(loaded: LoadedReport, recovery: Recovery) -> LoadedReport:
    """The report as it was in the recovery copy, over the file as it is now: its
    edits show as unsaved changes, and saving writes them (atomically, as any save)."""
    report, _ = report_from_data(loaded.path, parse_toml(loaded.path, recovery.text))
    if report.format is not loaded.report.format:
        raise ReportFileError(loaded.path, "恢复副本的格式版本与文件不同，无法恢复")
    return LoadedReport(
        report,
        loaded.path,
        loaded.source,
        loaded.structure,
        loaded.fingerprint,
        loaded.bom,
        baseline=loaded.baseline,
    )


def base_changed(loaded: LoadedReport, recovery: Recovery) -> bool:
    """Whether the file changed since the edits in the recovery copy were made."""
    return bool(
        recovery.base_sha256
        and loaded.fingerprint
        and recovery.base_sha256 != loaded.fingerprint.sha256
    )
