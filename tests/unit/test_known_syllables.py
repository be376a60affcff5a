"""The pinyin of agency names kept between runs of the folder view (``KnownSyllables``):
the same keys as pypinyin's without loading it, and a cache that never gets in the way
(another pypinyin, a broken, huge or planted file: read anew, nothing raised)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tui_report.text import collation
from tui_report.tui.folder import known_syllables
from tui_report.tui.folder.columns import SortKeys
from tui_report.tui.folder.known_syllables import KnownSyllables, kept_at

NAMES = ["重庆市民政局", "厦门市思明区人民政府", "长安区教育局", "示例县第２单位", "Unit 7"]


def keys_of(names: list[str], known: KnownSyllables | None) -> list[collation.PinyinKey]:
    keys = SortKeys(known)
    return [keys[name] for name in names]


def test_names_read_once_are_sorted_next_time_without_pypinyin(monkeypatch):
    first = KnownSyllables.load()
    expected = keys_of(NAMES, None)
    assert keys_of(NAMES, first) == expected and first.added
    first.save()
    assert stat.S_IMODE(os.stat(kept_at()).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(kept_at().parent).st_mode) == 0o700

    def not_loaded() -> None:
        raise AssertionError("pypinyin loaded for a name it had read before")

    monkeypatch.setattr(collation, "_segmenter", not_loaded)
    again = KnownSyllables.load()
    assert keys_of(NAMES, again) == expected and not again.added
    with pytest.raises(AssertionError):  # (a new name does need it)
        keys_of(["北京市民政局"], again)


def test_syllables_read_by_another_pypinyin_are_read_anew(monkeypatch):
    known = KnownSyllables.load()
    keys_of(NAMES, known)
    known.save()
    monkeypatch.setattr(known_syllables, "tables_stamp", lambda: "another pypinyin")
    assert KnownSyllables.load() == {}


@pytest.mark.parametrize(
    "content",
    [
        b"not json {",
        b"\xff\xfe",
        b"[1, 2]",
        json.dumps({"pypinyin": "@", "names": {"甲": "jia"}}).encode(),
        json.dumps({"pypinyin": "@", "names": {"甲": ["jia", 3]}}).encode(),
        json.dumps({"pypinyin": "@", "names": []}).encode(),
    ],
)
def test_a_file_that_does_not_hold_what_it_should_is_ignored(content: bytes):
    stamp = known_syllables.tables_stamp()
    kept_at().parent.mkdir(parents=True, exist_ok=True)
    kept_at().write_bytes(content.replace(b"@", (stamp or "").encode()))
    known = KnownSyllables.load()
    assert known == {}
    assert keys_of(NAMES[:1], known) == keys_of(NAMES[:1], None)
    known.save()  # (and replaced by a good one)
    assert json.loads(kept_at().read_text(encoding="utf-8"))["names"] == {
        "重庆市民政局": ["chong", "qing", "shi", "min", "zheng", "ju"]
    }


def test_a_huge_file_is_not_read(monkeypatch):
    monkeypatch.setattr(known_syllables, "MAX_BYTES", 100)
    known = KnownSyllables.load()
    keys_of(NAMES, known)
    known.save()
    assert os.path.getsize(kept_at()) > 100
    assert KnownSyllables.load() == {}


def test_a_link_planted_at_the_file_is_never_written_through(tmp_path: Path):
    target = tmp_path / "someone-elses.txt"
    target.write_text("keep me", encoding="utf-8")
    kept_at().parent.mkdir(parents=True, exist_ok=True)
    kept_at().symlink_to(target)
    known = KnownSyllables.load()
    assert known == {}  # (a link is not read either)
    keys_of(NAMES, known)
    known.save()
    assert target.read_text(encoding="utf-8") == "keep me"
    assert kept_at().is_symlink()  # (left as it is: the names are read again next time)


def test_only_the_names_sorted_last_are_kept(monkeypatch):
    monkeypatch.setattr(known_syllables, "MAX_NAMES", 2)
    known = KnownSyllables.load()
    keys_of(NAMES, known)
    known.save()
    assert list(KnownSyllables.load()) == ["长安区教育局", "示例县第2单位"]  # (NFKC)


def test_a_file_nested_too_deep_for_json_is_ignored():
    kept_at().parent.mkdir(parents=True, exist_ok=True)
    kept_at().write_text("[" * 100_000, encoding="utf-8")  # (far under MAX_BYTES)
    assert KnownSyllables.load() == {}


def test_only_names_that_can_be_written_are_kept_and_no_paths():
    """A name from a file name that is no UTF-8 (a folder unpacked from a Windows zip)
    cannot be written as JSON text: left out, the others kept; a path (one agency's
    reports of one year are ordered by it) is not kept at all."""
    known = KnownSyllables.load()
    gbk = b"\xb1\xa8\xb8\xe6".decode("utf-8", "surrogateescape")
    keys_of(["示例县公安局", f"示例县{gbk}局", "/county/2024/示例县教育局.toml"], known)
    known.save()
    assert list(KnownSyllables.load()) == ["示例县公安局"]


def test_syllables_read_another_way_of_ours_are_read_anew(monkeypatch):
    known = KnownSyllables.load()
    keys_of(NAMES, known)
    known.save()
    monkeypatch.setattr(known_syllables, "KEYS", "keys-2")
    assert KnownSyllables.load() == {}
