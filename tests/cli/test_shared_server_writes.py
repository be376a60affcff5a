"""Where the program writes on a shared county server (issue 20, the review's remaining
defects): user B prepares a trap in the group-writable folder user A writes to (a FIFO
where an export goes, a link to A's home among the output path's folders, a file that
appears while ``sum`` runs), or A (or root) replaces B's file; and files above a folder
(``agencies.toml``, ``.git``) that another user may have put there.

Two users are numeric uids of forked children (``as_user``) and, for the whole program,
``setpriv``; both need root and are skipped with that reason elsewhere."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tui_report.cli import main

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


def quiet_main(argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()):
        return main(argv)


# --- 1: never into a pipe or device another user put where the output goes --------------


def test_export_does_not_write_into_a_fifo_planted_at_the_output(shared: Shared, tmp_path: Path):
    """B's FIFO where A's export goes would hand B (its reader) A's report."""
    warm_up(tmp_path, "export", "{scratch}/r.toml", "-o", "{scratch}/r.txt")
    os.chmod(shared.report, 0o660)  # B may not read it: only through the FIFO
    fifo = shared.folder / "a-2024.txt"
    status, err = as_user(USER_B, os.mkfifo, str(fifo))
    assert status == 0, err
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # B reading: a write would not block
    try:
        for extra in ([], ["--force"]):
            status, err = as_user(
                USER_A, main, ["export", str(shared.report), "-o", str(fifo), *extra]
            )
            assert status == 2, err
            assert f"{fifo}" in err and "管道" in err and "Traceback" not in err, err
            try:
                leaked = os.read(reader, 1 << 16)
            except BlockingIOError:
                leaked = b""
            assert leaked == b"", "the report went into B's FIFO"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # left as it was


def test_a_users_own_fifo_still_receives_the_export(tmp_path: Path):
    """``mkfifo out; export -o out`` of the user's own: streamed, as a pipe always was."""
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert main(["export", str(EXAMPLE), "-o", str(fifo), "--quiet"]) == 0
        received = os.read(reader, 1 << 20)
    finally:
        os.close(reader)
    assert "示例市示例区人民政府".encode() in received


# --- 2: a file made anew is the running user's, whoever owned the file it replaces ---------


def replacing_commands(shared: Shared, out: Path) -> dict[str, list[str]]:
    return {
        "export": ["export", str(shared.report), "-o", str(out)],
        "sum": ["sum", str(shared.report), "-o", str(out)],
        "sum-xlsx": ["sum", str(shared.report), "--format", "xlsx", "-o", str(out)],
        "import": ["import", str(shared.published), "-o", str(out)],
    }


def bs_file(shared: Shared, name: str) -> Path:
    """A file of user B's in the shared folder, open to all (what A's output replaces)."""
    path = shared.folder / name
    path.write_bytes(b"B's file\n")
    os.chown(path, USER_B, GROUP)
    os.chmod(path, 0o666)
    return path


@pytest.mark.parametrize("command", ["export", "sum", "sum-xlsx", "import"])
def test_roots_forced_output_over_another_users_file_is_roots(shared: Shared, command: str):
    """Root's ``export``/``sum``/``import --force`` over B's file: the new file is root's
    (B may not change what root wrote), with a new file's mode, not B's 0666."""
    out = bs_file(shared, "out.xlsx" if command == "sum-xlsx" else "out.toml")
    old_umask = os.umask(0o022)
    try:
        status = quiet_main([*replacing_commands(shared, out)[command], "--force"])
    finally:
        os.umask(old_umask)
    assert status == 0
    st = out.stat()
    assert st.st_uid == 0, f"root's {command} was handed to uid {st.st_uid}"
    assert stat.S_IMODE(st.st_mode) == 0o644
    assert out.read_bytes() != b"B's file\n"


@pytest.mark.parametrize("command", ["export", "sum-xlsx"])
def test_a_users_forced_output_over_another_users_file_is_theirs(
    shared: Shared, tmp_path: Path, command: str
):
    """A replaces B's file in the 2775 folder (no sticky bit: A may): A's file now."""
    warm_up(tmp_path, "sum", "{scratch}/r.toml", "--format", "xlsx", "-o", "{scratch}/t.xlsx")
    warm_up(tmp_path, "export", "{scratch}/r.toml", "-o", "{scratch}/r.txt")
    if os.stat(shared.folder).st_mode & stat.S_ISVTX:
        pytest.skip("in a sticky folder A may not replace B's file (the kernel refuses)")
    out = bs_file(shared, "out.xlsx" if command == "sum-xlsx" else "out.txt")
    argv = [*replacing_commands(shared, out)[command], "--force"]
    old_umask = os.umask(0o022)  # the forked user's
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            status, err = as_user(USER_A, main, argv)
    finally:
        os.umask(old_umask)
    assert status == 0, err
    st = out.stat()
    assert st.st_uid == USER_A
    assert stat.S_IMODE(st.st_mode) == 0o644, "the new file took B's file's mode"


# --- 3: an export carries its report's ACL, never more open than the report --------------

READER = 1234  # the user the report's ACL lets read


def readable_by(uid: int, path: Path, groups: list[int]) -> bool:
    def read() -> int:
        try:
            path.read_bytes()
        except PermissionError:
            return 1
        return 0

    status, err = as_user(uid, read, groups=groups)
    assert status in (0, 1), err
    return status == 0


def set_acl(path: Path, entry: str) -> None:
    if shutil.which("setfacl") is None:
        pytest.skip("setfacl (package acl) is not installed")
    done = subprocess.run(["setfacl", "-m", entry, str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"this file system keeps no ACLs: {done.stderr.decode().strip()}")


@pytest.mark.parametrize("kind", ["text", "docx"])
def test_an_export_of_a_report_with_an_acl_is_no_more_open_than_the_report(
    shared: Shared, kind: str
):
    """A's 0600 report readable by uid 1234 through ``user:1234:r`` shows as 0640 (the
    group bits are the ACL's mask): its export must not let the group read it."""
    os.chmod(shared.report, 0o600)
    set_acl(shared.report, f"u:{READER}:r")
    assert stat.S_IMODE(shared.report.stat().st_mode) == 0o640  # the mask, not the group
    assert not readable_by(USER_B, shared.report, [GROUP])
    out = shared.folder / f"a-2024.{kind}"
    old_umask = os.umask(0o022)
    try:
        assert quiet_main(["export", str(shared.report), "--format", kind, "-o", str(out)]) == 0
    finally:
        os.umask(old_umask)
    assert not readable_by(USER_B, out, [GROUP]), "the group reads the export, not the report"
    assert readable_by(READER, out, []), "the report's ACL entry was not carried over"
    assert not readable_by(USER_B, out, [])  # others: as the report


# --- 4: a file asked to be created never replaces one that appeared meanwhile ------------


def appears_meanwhile(monkeypatch, module: str, name: str, out: Path) -> None:
    """``module.name`` (a step of the command, after its check that ``out`` is free)
    first puts a file of B's at ``out``, as if B saved one during a long run."""
    import importlib

    owner = importlib.import_module(module)
    original = getattr(owner, name)

    def then(*args, **kwargs):
        if not out.exists():
            out.write_bytes(b"B's file\n")
            os.chmod(out, 0o666)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, then)


@pytest.mark.parametrize(
    ("command", "step"),
    [
        ("sum-xlsx", ("tui_report.cli.sum", "overview_row")),
        ("sum", ("tui_report.cli.sum", "overview_row")),
        ("import", ("tui_report.cli.import_", "import_file")),
    ],
)
def test_a_file_that_appears_during_the_run_is_not_replaced(
    tmp_path: Path, monkeypatch, capsys, command: str, step: tuple[str, str]
):
    report = tmp_path / "a-2024.toml"
    shutil.copy(EXAMPLE, report)
    published = tmp_path / "published.txt"
    published.write_bytes(render_text(report))
    out = tmp_path / ("total.xlsx" if command == "sum-xlsx" else "out.toml")
    argv = {
        "sum": ["sum", str(report), "-o", str(out)],
        "sum-xlsx": ["sum", str(report), "--format", "xlsx", "-o", str(out)],
        "import": ["import", str(published), "-o", str(out)],
    }[command]
    appears_meanwhile(monkeypatch, *step, out)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "已存在" in err and "Traceback" not in err, err
    assert out.read_bytes() == b"B's file\n" and stat.S_IMODE(out.stat().st_mode) == 0o666
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a-2024.toml", "published.txt", out.name]
    )  # no temporary left


def render_text(report: Path) -> bytes:
    from tui_report.export import render
    from tui_report.storage import read_report

    return render(read_report(report).report, "text")


# --- 5: never through another user's link among the output path's folders ----------------


def plant_folder_link(shared: Shared, name: str) -> Path:
    """B's link in the shared folder to A's private home (A may write there, B may not)."""
    return shared.plant(name, shared.home)


def folder_link_commands(shared: Shared, link: Path) -> dict[str, list[str]]:
    return {
        "export": ["export", str(shared.report), "-o", str(link / "r.txt")],
        "export-docx": ["export", str(shared.report), "--format", "docx", "-o", f"{link}/r.docx"],
        "sum": ["sum", str(shared.report), "-o", str(link / "total.toml")],
        "sum-xlsx": ["sum", str(shared.report), "--format", "xlsx", "-o", str(link / "t.xlsx")],
        "import": ["import", str(shared.published), "-o", str(link / "2025.toml")],
        "new": ["new", str(link / "2025.toml"), "--agency", "某县某局", "--year", "2025"],
    }


@pytest.mark.parametrize("command", ["export", "export-docx", "sum", "sum-xlsx", "import", "new"])
def test_a_folder_link_planted_in_the_output_path_is_not_followed(
    shared: Shared, tmp_path: Path, command: str
):
    warm_up(tmp_path, "export", "{scratch}/r.toml", "--format", "docx", "-o", "{scratch}/r.docx")
    warm_up(tmp_path, "sum", "{scratch}/r.toml", "--format", "xlsx", "-o", "{scratch}/t.xlsx")
    warm_up(tmp_path, "new", "{scratch}/n.toml", "--agency", "某局", "--year", "2024")
    warm_up(tmp_path, "import", "{scratch}/p.txt", "-o", "{scratch}/i.toml")
    before = sorted(p.name for p in shared.home.iterdir())
    link = plant_folder_link(shared, "2025")
    argv = folder_link_commands(shared, link)[command]
    for extra in ([], [] if command == "new" else ["--force"]):
        with contextlib.redirect_stdout(io.StringIO()):
            status, err = as_user(USER_A, main, [*argv, *extra])
        assert status == 2, err
        assert f"{link}" in err and "符号链接" in err and f"uid {USER_B}" in err, err
        assert "Traceback" not in err
    assert sorted(p.name for p in shared.home.iterdir()) == before, "written into A's home"


def test_the_editors_create_refuses_a_folder_link_planted_in_its_path(shared: Shared):
    from tui_report.report.templates import new_report
    from tui_report.storage import ReportFileError, create_report_file

    link = plant_folder_link(shared, "2026")

    def create() -> int:
        try:
            create_report_file(new_report("某县某局", 2026), link / "r.toml")
        except ReportFileError as exc:
            print(exc.message, file=sys.stderr)
            return 2
        return 0

    status, err = as_user(USER_A, create)
    assert status == 2 and "符号链接" in err, err
    assert not (shared.home / "r.toml").exists()


def test_a_folder_link_of_the_users_own_is_followed(shared: Shared, tmp_path: Path):
    """A's own link in the shared folder to A's folder: A put it there, A's export goes
    where it leads, as before."""
    warm_up(tmp_path, "export", "{scratch}/r.toml", "-o", "{scratch}/r.txt")
    link = shared.folder / "mine"
    status, err = as_user(USER_A, os.symlink, str(shared.home), str(link))
    assert status == 0, err
    status, err = as_user(USER_A, main, ["export", str(shared.report), "-o", f"{link}/r.txt"])
    assert status == 0, err
    assert (shared.home / "r.txt").stat().st_uid == USER_A


# --- 6: no agencies.toml or .git above the folder that another user may have put there ----


class Above:
    """``base/srv`` (root's, group-writable ``2775``) holding ``work/``, the folder worked
    on; B may put an ``agencies.toml`` or a ``.git`` in ``srv``."""

    def __init__(self, base: Path) -> None:
        self.srv = base / "srv"
        self.srv.mkdir()
        os.chown(self.srv, 0, GROUP)
        os.chmod(self.srv, 0o2775)
        self.work = self.srv / "work"
        self.work.mkdir()
        shutil.copy(EXAMPLE, self.work / "a-2024.toml")

    def put(self, name: str, owner: int) -> Path:
        entry = self.srv / name
        if name == ".git":
            entry.mkdir()
        else:
            entry.write_text('[agencies]\n"某县合并后的局" = ["示例市示例区人民政府"]\n')
        os.chown(entry, owner, GROUP)
        return entry


@pytest.fixture
def above(tmp_path: Path) -> Above:
    if os.geteuid() != 0:
        pytest.skip(ROOT_ONLY)
    os.chmod(tmp_path, 0o755)
    return Above(tmp_path)


def test_an_agencies_file_another_user_put_above_the_folder_is_not_taken(above: Above, capsys):
    from tui_report.folder.agencies import agencies_file_for
    from tui_report.folder.year_folders import repository_roots

    names = above.put("agencies.toml", USER_B)
    git = above.put(".git", USER_B)
    assert agencies_file_for(above.work) is None
    # (outside git the folder itself is looked through: never the one with the planted .git)
    assert git.parent not in repository_roots(above.work)
    assert all(root == above.work for root in repository_roots(above.work))
    assert agencies_file_for(above.work) is None  # asked again: said once
    err = capsys.readouterr().err
    assert err.count(f"{names} 属于其他用户（uid {USER_B}）") == 1, err
    assert err.count(f"{git} 属于其他用户（uid {USER_B}）") == 1, err
    assert "不予采用" in err


def test_sum_does_not_merge_agencies_by_a_planted_file_above(above: Above, capsys):
    above.put("agencies.toml", USER_B)
    above.put(".git", USER_B)
    status = main(["sum", str(above.work), "--format", "csv"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "某县合并后的局" not in out and "示例市示例区人民政府" in out
    assert "不予采用" in err


@pytest.mark.parametrize("owner", ["root", "the folder's owner"])
def test_an_agencies_file_above_that_no_other_user_could_put_is_taken(above: Above, owner: str):
    from tui_report.folder.agencies import agencies_file_for
    from tui_report.folder.year_folders import repository_roots

    if owner == "root":
        names = above.put("agencies.toml", 0)
        above.put(".git", 0)
    else:  # B's own folder, that only B may write to: B's tree
        names = above.put("agencies.toml", USER_B)
        above.put(".git", USER_B)
        os.chown(above.srv, USER_B, GROUP)
        os.chmod(above.srv, 0o755)
    assert agencies_file_for(above.work) == names
    assert repository_roots(above.work) == [above.srv]


def test_a_planted_folder_link_is_seen_where_the_path_goes_back_out_of_it(tmp_path: Path):
    """``out/../r.txt`` goes through ``out`` (the kernel follows it, then its ``..``):
    the path is looked at as written, not normalized to ``r.txt``."""
    from tui_report.storage import ReportFileError
    from tui_report.storage.planted import refuse_planted_folders

    if os.geteuid() != 0:
        pytest.skip(ROOT_ONLY)
    os.chmod(tmp_path, 0o1777)
    elsewhere = tmp_path / "elsewhere" / "deeper"
    elsewhere.mkdir(parents=True)
    link = tmp_path / "out"
    link.symlink_to(elsewhere)
    refuse_planted_folders(link / ".." / "r.txt")  # root's own link: followed
    os.lchown(link, USER_B, USER_B)
    with pytest.raises(ReportFileError) as refused:
        refuse_planted_folders(link / ".." / "r.txt")
    assert f"{link} 是其他用户（uid {USER_B}）" in refused.value.message
    os.chmod(tmp_path, 0o755)  # nobody else may put a link here: it is followed
    refuse_planted_folders(link / ".." / "r.txt")
