"""What a save keeps and refuses (issue 13, items 7 and 8): owner, group and mode; hard
links; read-only files even for root; temporaries of killed saves; messages."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import stat
import tempfile
from pathlib import Path

import pytest

from tui_report.report.model import CellRef
from tui_report.rules import validate
from tui_report.storage import ReportFileError, read_report, save_report, write_atomic, writing

from ..conftest import EXAMPLE

NATURAL = CellRef("applications", "new_received", "natural_person")
ROOT_ONLY = "changing a file's owner to another user needs root (CI and these machines run as root)"


def edit_and_save(path: Path, value: int = 7) -> None:
    loaded = read_report(path)
    loaded.report.set(NATURAL, value)
    save_report(loaded)


def owner(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)


# --- item 7: owner, group, mode --------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason=ROOT_ONLY)
@pytest.mark.parametrize("before", [(4343, 5000, 0o664), (0, 5000, 0o640), (4343, 4343, 0o600)])
def test_root_saving_keeps_owner_group_and_mode(example: Path, before):
    uid, gid, mode = before
    os.chown(example, uid, gid)
    os.chmod(example, mode)
    edit_and_save(example)
    assert owner(example) == before
    assert read_report(example).report.get(NATURAL) == 7


def _save_as_user(path: str, uid: int, groups: list[int]) -> None:
    os.setgroups(groups)
    os.setgid(uid)
    os.setuid(uid)
    edit_and_save(Path(path), 9)


@pytest.mark.skipif(os.geteuid() != 0, reason=ROOT_ONLY)
def test_another_member_of_the_group_keeps_the_group_and_mode():
    """4343:5000 0664 in a shared folder, saved by user 4242 (a member of group 5000)."""
    shared = Path(tempfile.mkdtemp(prefix="tui-report-shared-"))
    try:
        os.chmod(shared, 0o777)
        path = shared / "report.toml"
        shutil.copy(EXAMPLE, path)
        os.chown(path, 4343, 5000)
        os.chmod(path, 0o664)
        child = multiprocessing.get_context("fork").Process(
            target=_save_as_user, args=(str(path), 4242, [5000])
        )
        child.start()
        child.join(60)
        assert child.exitcode == 0
        uid, gid, mode = owner(path)
        assert (gid, mode) == (5000, 0o664)  # the group can still edit it
        assert uid == 4242  # only root may give a file to another user
        assert read_report(path).report.get(NATURAL) == 9
    finally:
        shutil.rmtree(shared)


def test_a_file_with_two_names_is_not_split(example: Path):
    other = example.with_name("other-name.toml")
    os.link(example, other)
    before = example.read_bytes()
    with pytest.raises(ReportFileError) as refused:
        edit_and_save(example)
    assert "硬链接" in refused.value.message
    assert example.read_bytes() == before and other.read_bytes() == before
    assert example.stat().st_ino == other.stat().st_ino  # still one file


def test_a_read_only_file_is_refused_even_for_root(example: Path):
    os.chmod(example, 0o444)
    before = example.read_bytes()
    with pytest.raises(ReportFileError) as refused:
        edit_and_save(example)
    assert "只读" in refused.value.message
    assert example.read_bytes() == before


def test_the_mode_of_a_private_file_is_kept(example: Path):
    os.chmod(example, 0o600)
    edit_and_save(example)
    assert stat.S_IMODE(example.stat().st_mode) == 0o600


# --- item 8: temporaries of killed saves, messages --------------------------------------------


def _save_and_die_before_replacing(path: str) -> None:
    def killed(*_args):
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = killed  # the save dies between writing its temporary and replacing
    edit_and_save(Path(path), 5)


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_temporaries_of_a_killed_save_are_removed_at_the_next_save(example: Path):
    child = multiprocessing.get_context("fork").Process(
        target=_save_and_die_before_replacing, args=(str(example),)
    )
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL
    assert len(leftovers(example.parent)) == 1  # what git status would show
    edit_and_save(example, 6)
    assert leftovers(example.parent) == []
    assert read_report(example).report.get(NATURAL) == 6


def test_temporaries_of_a_killed_save_are_removed_when_the_editor_opens_the_file(example: Path):
    from tui_report.tui.launch import make_app

    child = multiprocessing.get_context("fork").Process(
        target=_save_and_die_before_replacing, args=(str(example),)
    )
    child.start()
    child.join(60)
    assert len(leftovers(example.parent)) == 1
    make_app(example)
    assert leftovers(example.parent) == []


def test_save_failures_are_said_once_in_chinese(example: Path, monkeypatch):
    import errno

    def disk_full(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", disk_full)
    before = example.read_bytes()
    with pytest.raises(ReportFileError) as failed:
        edit_and_save(example)
    message = failed.value.message
    assert "磁盘空间不足" in message and "No space" not in message
    assert "保存失败" not in message  # the caller says what failed (the editor: 保存失败：…)
    assert example.read_bytes() == before
    assert leftovers(example.parent) == []


def test_locations_never_show_none(tmp_path: Path):
    from tui_report.cli import main

    path = tmp_path / "r.toml"
    path.write_bytes(b'format = "2021"\nagency = "\xff"\n')
    with pytest.raises(ReportFileError) as unreadable:
        read_report(path)
    assert unreadable.value.line == 2
    assert "None" not in str(unreadable.value)
    assert str(unreadable.value).startswith(f"{path}:2: ")
    assert main(["check", str(path)]) == 2


def test_a_target_that_is_not_a_regular_file_is_refused_without_opening_it(tmp_path: Path):
    from tui_report.storage import write_atomic

    pipe = tmp_path / "report.txt"
    os.mkfifo(pipe)  # opening it to write would block until someone reads
    with pytest.raises(ReportFileError) as refused:
        write_atomic(pipe, b"text")
    assert "不是普通文件" in refused.value.message
    assert stat.S_ISFIFO(pipe.stat().st_mode)


# --- issue 20: what a save refuses or escapes ----------------------------------------------


@pytest.mark.slow
def test_a_save_larger_than_a_report_may_be_is_refused(example: Path):
    """The editor saved a report over 5 MB that it then refused to open (item 13)."""
    from tui_report.storage import MAX_FILE_BYTES

    loaded = read_report(example)
    loaded.report.texts["overview"] = "很长的正文。" * (MAX_FILE_BYTES // 18 + 1)
    before = example.read_bytes()
    with pytest.raises(ReportFileError) as refused:
        save_report(loaded)
    assert "5 MB" in refused.value.message and "没有保存" in refused.value.message
    assert example.read_bytes() == before
    loaded.report.texts["overview"] = "很长的正文。" * (MAX_FILE_BYTES // 18 - 20_000)
    save_report(loaded)  # just below the limit: saved, and it opens again
    assert read_report(example).report.texts["overview"] == loaded.report.texts["overview"]


BIDI_AND_CONTROLS = "甲\u202e乙丙\u202c，\u2066丁\u2069\u200f\u061c\x1b[31m\x85\u2028末"


def test_bidi_and_control_characters_are_written_escaped(example: Path, new_file):
    """A paragraph holding U+202E was written raw: ``cat`` and ``git diff`` showed the
    line reordered (item 17). Written as ``\\u202e``, read back as it was."""
    from tui_report.report.templates import new_report

    report = new_report("某\u202e局", 2024)
    report.texts["overview"] = BIDI_AND_CONTROLS
    created = new_file(report)
    loaded = read_report(example)
    loaded.report.agency = "某\u202e局"
    loaded.report.texts["overview"] = BIDI_AND_CONTROLS + "\n第二段\u202e"
    save_report(loaded)
    for path, text in (
        (created, BIDI_AND_CONTROLS),
        (example, BIDI_AND_CONTROLS + "\n第二段\u202e"),
    ):
        data = path.read_text(encoding="utf-8")
        assert not any(ch in data for ch in "\u202e\u202c\u2066\u2069\u200f\u061c\x1b\x85\u2028")
        assert "\\u202e" in data
        again = read_report(path).report
        assert again.agency == "某\u202e局"
        assert again.texts["overview"] == text


def test_a_failed_save_leaves_nothing_for_the_next_save(example: Path, monkeypatch):
    loaded = read_report(example)
    loaded.report.set(NATURAL, 99)
    real_write = writing.write_atomic

    def full_disk(path, data, **_kwargs):
        raise ReportFileError(path, "保存失败：No space left on device（原文件未改动）")

    monkeypatch.setattr(writing, "write_atomic", full_disk)
    with pytest.raises(ReportFileError):
        save_report(loaded)
    monkeypatch.setattr(writing, "write_atomic", real_write)
    loaded.report.set(NATURAL, 42)  # undone
    save_report(loaded)
    assert "new_received = [42, 5, 1, 0, 2, 1]" in example.read_text(encoding="utf-8")


def test_write_atomic_refuses_to_replace_a_pipe(tmp_path: Path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(ReportFileError, match="不是普通文件"):
        write_atomic(pipe, b"x")
    assert pipe.is_fifo()


def test_edit_drops_hand_written_totals_that_no_longer_hold(example: Path):
    text = example.read_text(encoding="utf-8")
    text = text.replace(
        "new_received = [42, 5, 1, 0, 2, 1]", "new_received = [42, 5, 1, 0, 2, 1, 51]"
    )
    text = text.replace(
        "carried_forward = [", "total = [44, 6, 1, 0, 2, 0, 53]\ncarried_forward = ["
    )
    example.write_text(text, encoding="utf-8")
    loaded = read_report(example)
    assert len(loaded.report.published) == 8
    assert validate(loaded.report, loaded.structure) == []
    loaded.report.set(NATURAL, 43)
    assert CellRef("applications", "new_received", "total") not in loaded.report.published
    save_report(loaded)
    after = example.read_text(encoding="utf-8")
    assert "new_received = [43, 5, 1, 0, 2, 1]  #" in after
    assert "total = [44, 6, 1, 0, 2, 0, 53]" in after  # （七）总计 does not include row 一
    again = read_report(example)
    assert [p.rule for p in validate(again.report, again.structure) if p.is_error] == [
        "applicant-balance",
        "applicant-balance",
    ]


def test_edit_in_an_outcome_row_drops_the_written_total_row(example: Path):
    text = example.read_text(encoding="utf-8")
    text = text.replace(
        "carried_forward = [", "total = [44, 6, 1, 0, 2, 0, 53]\ncarried_forward = ["
    )
    example.write_text(text, encoding="utf-8")
    loaded = read_report(example)
    dropped = loaded.report.set(CellRef("applications", "granted", "natural_person"), 21)
    assert len(dropped) == 7
    save_report(loaded)
    assert "\ntotal = " not in example.read_text(encoding="utf-8")


def _text_not_a_table(text: str) -> str:
    start = text.index("[overview]")
    end = text.index("# 二、")
    return (
        text[:start].replace("year = 2024\n", 'year = 2024\noverview = "我的文字"\n') + text[end:]
    )


@pytest.mark.parametrize(
    ("change", "edit_cell"),
    [
        (lambda t: t.replace("[applications]\n", "[[applications]]\n", 1), True),
        (_text_not_a_table, False),
    ],
    ids=["array-of-tables", "text-not-a-table"],
)
def test_wrongly_shaped_section_refuses_the_save(example: Path, change, edit_cell: bool):
    text = change(example.read_text(encoding="utf-8"))
    example.write_text(text, encoding="utf-8")
    loaded = read_report(example)
    if edit_cell:
        loaded.report.set(CellRef("applications", "new_received", "business"), 9)
    else:
        loaded.report.texts["overview"] = "新的文字"
    with pytest.raises(ReportFileError, match="不是表"):
        save_report(loaded)
    assert example.read_text(encoding="utf-8") == text
