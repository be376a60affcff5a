"""Report files: TOML on disk, read with toml-rs (else tomllib), written by tomlkit atomically."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .reading import (
    MAX_FILE_BYTES,
    LoadedReport,
    ReportFileError,
    normalize_text,
    read_report,
    report_from_data,
)

if TYPE_CHECKING:
    from .writing import (
        changed_on_disk,
        create_report_file,
        remove_stale_temporaries,
        render_changes,
        render_new,
        save_report,
        write_atomic,
    )

_WRITING = {
    "changed_on_disk",
    "create_report_file",
    "remove_stale_temporaries",
    "render_changes",
    "render_new",
    "save_report",
    "write_atomic",
}


def __getattr__(name: str) -> Any:
    """Writing is loaded when first used: reading (check, the editor's start) needs none of it."""
    if name in _WRITING:
        from . import writing  # tomlkit's ~30 ms only for a program that writes

        return getattr(writing, name)
    raise AttributeError(name)


__all__ = [
    "MAX_FILE_BYTES",
    "LoadedReport",
    "ReportFileError",
    "changed_on_disk",
    "create_report_file",
    "normalize_text",
    "read_report",
    "remove_stale_temporaries",
    "render_changes",
    "render_new",
    "report_from_data",
    "save_report",
    "write_atomic",
]
