"""A save keeps what the file carries besides its bytes (issue 20, item 4): extended
attributes and the POSIX ACL (``system.posix_acl_access``). A 0600 report with
``user:1234:rw`` came back 0660 without its ACL: the user lost access, the group gained
it. Where an attribute cannot be kept, the save is refused and says which."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tui_report.report.model import CellRef
from tui_report.storage import ReportFileError, read_report, save_report
from tui_report.storage.attributes import ACL

NATURAL = CellRef("applications", "new_received", "natural_person")


def edit_and_save(path: Path, value: int = 7) -> None:
    loaded = read_report(path)
    loaded.report.set(NATURAL, value)
    save_report(loaded)


def xattrs_or_skip(path: Path) -> None:
    try:
        os.setxattr(path, "user.probe", b"1")
        os.removexattr(path, "user.probe")
    except OSError as exc:
        pytest.skip(f"this file system keeps no user extended attributes ({exc.strerror})")


def setfacl_or_skip(*args: str) -> None:
    if shutil.which("setfacl") is None:
        pytest.skip("setfacl (package acl) is not installed")
    done = subprocess.run(["setfacl", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"this file system keeps no ACLs: {done.stderr.strip()}")


def test_extended_attributes_are_kept(example: Path):
    xattrs_or_skip(example)
    os.setxattr(example, "user.reviewed-by", "李四".encode())
    os.setxattr(example, "user.empty", b"")
    edit_and_save(example)
    assert read_report(example).report.get(NATURAL) == 7  # it was saved
    assert set(os.listxattr(example)) >= {"user.reviewed-by", "user.empty"}
    assert os.getxattr(example, "user.reviewed-by") == "李四".encode()
    assert os.getxattr(example, "user.empty") == b""


def test_an_acl_is_kept_with_the_mode(example: Path):
    os.chmod(example, 0o600)
    setfacl_or_skip("-m", "u:1234:rw", str(example))
    acl = os.getxattr(example, ACL)
    mode = stat.S_IMODE(example.stat().st_mode)  # 0660: the group bits show the ACL's mask
    edit_and_save(example)
    assert os.getxattr(example, ACL) == acl
    assert stat.S_IMODE(example.stat().st_mode) == mode
    shown = subprocess.run(["getfacl", "-c", str(example)], capture_output=True, text=True)
    assert "user:1234:rw-" in shown.stdout.splitlines()
    assert "group::---" in shown.stdout.splitlines()  # the group gained nothing


def test_a_folders_default_acl_is_not_added_to_a_file_without_one(tmp_path: Path):
    """The temporary is made in the folder and inherits its default ACL: the saved file
    must not gain an ACL (user 1234 reading a 0600 report) it did not have."""
    folder = tmp_path / "reports"
    folder.mkdir()
    report = folder / "r.toml"
    shutil.copy(Path(__file__).parents[2] / "reports" / "example-2024.toml", report)
    os.chmod(report, 0o600)
    setfacl_or_skip("-d", "-m", "u:1234:rw", str(folder))
    assert ACL not in os.listxattr(report)
    edit_and_save(report)
    assert ACL not in os.listxattr(report)
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


def test_an_attribute_that_cannot_be_kept_refuses_the_save(example: Path, monkeypatch):
    xattrs_or_skip(example)
    os.setxattr(example, "user.reviewed-by", b"li")
    before = example.read_bytes()
    real_setxattr = os.setxattr

    def refused(path, name, value, *args, **kwargs):
        if name == "user.reviewed-by":
            raise OSError(errno.EPERM, os.strerror(errno.EPERM))
        return real_setxattr(path, name, value, *args, **kwargs)

    monkeypatch.setattr(os, "setxattr", refused)
    with pytest.raises(ReportFileError) as failed:
        edit_and_save(example)
    message = failed.value.message
    assert "user.reviewed-by" in message and "没有权限" in message and "未改动" in message
    assert example.read_bytes() == before
    assert [p.name for p in example.parent.iterdir() if p.suffix == ".tmp"] == []
    assert os.getxattr(example, "user.reviewed-by") == b"li"


def test_an_acl_that_cannot_be_kept_is_named_as_an_acl(example: Path, monkeypatch):
    setfacl_or_skip("-m", "u:1234:r", str(example))
    real_setxattr = os.setxattr

    def refused(path, name, value, *args, **kwargs):
        if name == ACL:
            raise OSError(errno.EOPNOTSUPP, os.strerror(errno.EOPNOTSUPP))
        return real_setxattr(path, name, value, *args, **kwargs)

    monkeypatch.setattr(os, "setxattr", refused)
    with pytest.raises(ReportFileError) as failed:
        edit_and_save(example)
    assert "访问控制列表（ACL）" in failed.value.message
