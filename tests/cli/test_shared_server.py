"""Writes on a shared county server (issue 20, items 1-3): two users of one group-writable
folder. User B plants a symlink where user A will write (a dangling one to A's
``~/.ssh/authorized_keys``, or one to A's notes); A's ``import``, ``new``, ``export -o``
and ``sum -o`` must neither create nor overwrite the link's target. And an export never
replaces a file without ``--force``, nor is it more open than its report.

The two users are numeric uids of forked children (``os.setuid``) and, for the whole
program as a user runs it, ``setpriv``; both need root (CI and these machines run as
root), and are skipped with that reason elsewhere."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tui_report.cli import main
from tui_report.storage import ReportFileError, create_report_file, read_report, write_atomic

from ..conftest import EXAMPLE
from .two_users import (
    GROUP,
    ROOT_ONLY,
    USER_A,
    USER_B,
    Shared,
    as_user,
    warm_up,
)


def refused_without_writing(shared: Shared, status: int, err: str) -> None:
    assert status == 2, err
    assert "符号链接" in err and "Traceback" not in err, err
    assert not shared.keys.exists(), "A's authorized_keys was created through B's link"
    assert shared.notes.read_bytes() == b"A's own notes\n", "A's notes were overwritten"


# --- item 1: never through a planted link -------------------------------------------------


def test_import_into_a_planted_dangling_link_is_refused(shared: Shared, tmp_path: Path):
    warm_up(tmp_path, "import", "{scratch}/p.txt", "-o", "{scratch}/imported.toml")
    link = shared.plant("2024.toml", shared.keys)
    for extra in ([], ["--force"]):
        status, err = as_user(
            USER_A, main, ["import", str(shared.published), "-o", str(link), *extra]
        )
        refused_without_writing(shared, status, err)
    assert link.is_symlink()  # B's link is left as it was


def test_new_into_a_planted_dangling_link_is_refused(shared: Shared, tmp_path: Path):
    warm_up(tmp_path, "new", "{scratch}/n.toml", "--agency", "某局", "--year", "2024")
    link = shared.plant("2025.toml", shared.keys)
    status, err = as_user(
        USER_A, main, ["new", str(link), "--agency", "某县某局", "--year", "2025"]
    )
    refused_without_writing(shared, status, err)


@pytest.mark.parametrize("pointing_to", ["keys", "notes", "device"])  # dangling, A's, a device
def test_export_into_a_planted_link_is_refused(shared: Shared, tmp_path: Path, pointing_to):
    warm_up(tmp_path, "export", "{scratch}/r.toml", "-o", "{scratch}/r.txt")
    link = shared.plant("a-2024.txt", getattr(shared, pointing_to))
    for extra in ([], ["--force"]):
        status, err = as_user(USER_A, main, ["export", str(shared.report), "-o", str(link), *extra])
        refused_without_writing(shared, status, err)


def test_sum_into_a_planted_link_is_refused(shared: Shared, tmp_path: Path):
    warm_up(tmp_path, "sum", "{scratch}/r.toml", "-o", "{scratch}/total.toml")
    link = shared.plant("total.toml", shared.keys)
    with contextlib.redirect_stdout(io.StringIO()):
        status, err = as_user(USER_A, main, ["sum", str(shared.report), "-o", str(link)])
    refused_without_writing(shared, status, err)


def test_the_editors_create_refuses_a_link_planted_while_it_asks(shared: Shared):
    """The editor asks for agency and year before it creates the file: a link planted
    meanwhile must not receive the report (``create_report_file`` checks as it writes)."""
    from tui_report.report.templates import new_report

    link = shared.plant("2026.toml", shared.keys)

    def create() -> int:
        try:
            create_report_file(new_report("某县某局", 2026), link)
        except ReportFileError as exc:
            print(exc.message, file=sys.stderr)
            return 2
        return 0

    status, err = as_user(USER_A, create)
    refused_without_writing(shared, status, err)


def setpriv(uid: int) -> list[str]:
    return ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]


def _program_runs_as(uid: int) -> bool:
    probe = subprocess.run(
        [*setpriv(uid), sys.executable, "-c", "import tui_report.cli.new"],
        capture_output=True,
        timeout=60,
    )
    return probe.returncode == 0


def test_the_program_run_by_another_user_refuses_a_planted_link(shared: Shared):
    """The whole program, started by user A with ``setpriv`` as A would start it."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is not installed")
    if not _program_runs_as(USER_A):
        pytest.skip(f"uid {USER_A} cannot read this checkout of the program (a private home)")
    os.chmod(shared.folder, 0o1777)  # A is of no group here (--clear-groups)
    link = shared.plant("2024.toml", shared.keys)
    command = ["import", str(shared.published), "-o", str(link)]
    result = subprocess.run(
        [*setpriv(USER_A), sys.executable, "-m", "tui_report", *command],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(shared.home)},
    )
    refused_without_writing(shared, result.returncode, result.stderr)


def test_a_link_planted_between_the_check_and_the_write_is_not_followed(tmp_path: Path):
    """``create``: the new file takes the name only if nothing took it meanwhile."""
    target = tmp_path / "victim.txt"
    path = tmp_path / "new.toml"
    real_mkstemp = tempfile.mkstemp

    def plant_then_mkstemp(*args, **kwargs):
        path.symlink_to(target)  # after every check, before the name is taken
        return real_mkstemp(*args, **kwargs)

    tempfile.mkstemp = plant_then_mkstemp
    try:
        with pytest.raises(ReportFileError) as refused:
            write_atomic(path, b"x = 1\n", create=True)
    finally:
        tempfile.mkstemp = real_mkstemp
    assert "已存在" in refused.value.message
    assert not target.exists() and path.is_symlink()
    assert [p.name for p in tmp_path.iterdir()] == ["new.toml"]  # no temporary left


def test_a_deleted_report_is_not_saved_again_through_a_link_put_in_its_place(
    example: Path, tmp_path: Path
):
    """The editor may save a report deleted meanwhile (it recreates it): a link put in
    its place is not followed, since that would create the link's target."""
    from tui_report.storage import save_report

    loaded = read_report(example)
    loaded.report.agency = "改名后的机关"
    victim = tmp_path / "elsewhere" / "authorized_keys"
    victim.parent.mkdir()
    example.unlink()
    example.symlink_to(victim)
    with pytest.raises(ReportFileError) as refused:
        save_report(loaded)
    assert "符号链接" in refused.value.message
    assert not victim.exists()
    example.unlink()
    save_report(loaded)  # with the name free again it is recreated, as before
    assert read_report(example).report.agency == "改名后的机关"


# --- item 2: an export replaces a file only with --force -----------------------------------


def test_export_does_not_overwrite_without_force(tmp_path: Path, capsys):
    last_year = tmp_path / "g2023.toml"
    shutil.copy(EXAMPLE, last_year)
    before = last_year.read_bytes()
    status = main(["export", str(EXAMPLE), "-o", str(last_year)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{last_year}: 文件已存在" in err and "--force" in err
    assert last_year.read_bytes() == before
    assert main(["export", str(EXAMPLE), "-o", str(last_year), "--force"]) == 0
    assert last_year.read_bytes().startswith("示例市示例区人民政府".encode())


def test_export_still_streams_into_a_pipe_or_a_device(tmp_path: Path, capsys):
    assert main(["export", str(EXAMPLE), "-o", os.devnull]) == 0  # no --force needed
    assert "已存在" not in capsys.readouterr().err


def test_export_to_a_folder_says_so(tmp_path: Path, capsys):
    assert main(["export", str(EXAMPLE), "-o", str(tmp_path)]) == 2
    assert "目录" in capsys.readouterr().err


# --- item 3: an export is no more open than its report ---------------------------------------


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("kind", ["text", "docx"])
def test_the_export_of_a_private_report_is_private(tmp_path: Path, kind: str):
    report = tmp_path / "private.toml"
    shutil.copy(EXAMPLE, report)
    os.chmod(report, 0o600)
    exported = tmp_path / f"private.{kind}"
    old_umask = os.umask(0o022)
    try:
        assert main(["export", str(report), "--format", kind, "-o", str(exported)]) == 0
    finally:
        os.umask(old_umask)
    assert mode_of(exported) == 0o600


def test_overwriting_an_open_export_makes_it_no_more_open_than_the_report(tmp_path: Path):
    report = tmp_path / "private.toml"
    shutil.copy(EXAMPLE, report)
    os.chmod(report, 0o600)
    exported = tmp_path / "private.txt"
    exported.write_text("old\n")
    os.chmod(exported, 0o644)
    assert main(["export", str(report), "-o", str(exported), "--force"]) == 0
    assert mode_of(exported) == 0o600


def test_the_export_of_a_group_report_keeps_the_umask(tmp_path: Path):
    report = tmp_path / "shared.toml"
    shutil.copy(EXAMPLE, report)
    os.chmod(report, 0o664)
    exported = tmp_path / "shared.txt"
    old_umask = os.umask(0o022)
    try:
        assert main(["export", str(report), "-o", str(exported)]) == 0
    finally:
        os.umask(old_umask)
    assert mode_of(exported) == 0o644  # as any new file: never more open than the umask


def test_an_export_that_cannot_take_the_reports_group_drops_the_group_bits(tmp_path: Path):
    """User B reads A's 0640 report through an ACL entry (``user:B:r``), not as one of its
    group: B's export gets B's own group, whose members the report does not let read."""
    if os.geteuid() != 0:
        pytest.skip(ROOT_ONLY)
    if shutil.which("setfacl") is None:
        pytest.skip("setfacl (package acl) is not installed")
    warm_up(tmp_path, "export", "{scratch}/r.toml", "-o", "{scratch}/r.txt")
    base = Path(tempfile.mkdtemp(prefix="tui-report-acl-"))
    try:
        os.chmod(base, 0o755)
        report = base / "a-2024.toml"
        shutil.copy(EXAMPLE, report)
        os.chown(report, USER_A, GROUP)
        os.chmod(report, 0o640)
        acl = subprocess.run(["setfacl", "-m", f"u:{USER_B}:r", str(report)], capture_output=True)
        if acl.returncode != 0:
            pytest.skip(f"this file system keeps no ACLs: {acl.stderr.decode().strip()}")
        out = base / "b"
        out.mkdir()
        os.chown(out, USER_B, USER_B)
        status, err = as_user(
            USER_B, main, ["export", str(report), "-o", str(out / "r.txt")], groups=[]
        )
        assert status == 0, err
        st = (out / "r.txt").stat()
        assert st.st_gid == USER_B and stat.S_IMODE(st.st_mode) == 0o600
    finally:
        shutil.rmtree(base)


def test_an_export_takes_the_reports_group(tmp_path: Path):
    """Root (and any member of the group) gives the export the report's group, so that
    the group bits mean the same people."""
    if os.geteuid() != 0:
        pytest.skip(ROOT_ONLY)
    report = tmp_path / "group.toml"
    shutil.copy(EXAMPLE, report)
    os.chown(report, 0, GROUP)
    os.chmod(report, 0o640)
    exported = tmp_path / "group.txt"
    assert main(["export", str(report), "-o", str(exported)]) == 0
    assert exported.stat().st_gid == GROUP and mode_of(exported) == 0o640 & ~current_umask()


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
