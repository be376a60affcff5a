"""Report files: TOML on disk, read fast with tomllib, written with tomlkit, saved atomically."""

from .reading import (
    MAX_FILE_BYTES,
    LoadedReport,
    ReportFileError,
    normalize_text,
    read_report,
    report_from_data,
)
from .writing import (
    changed_on_disk,
    create_report_file,
    render_changes,
    render_new,
    save_report,
    write_atomic,
)

__all__ = [
    "MAX_FILE_BYTES",
    "LoadedReport",
    "ReportFileError",
    "changed_on_disk",
    "create_report_file",
    "normalize_text",
    "read_report",
    "render_changes",
    "render_new",
    "report_from_data",
    "save_report",
    "write_atomic",
]
