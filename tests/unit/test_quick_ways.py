"""Each quick way of reading and checking gives exactly what the plain way gives: a row of
plain counts taken as it is, key lines found without reading past the keys wanted, hidden
characters looked for by one search, files read by their size, and the quick ways of the
import. (Those whose gain no user feels were removed: BENCHMARKS.md, "快速写法".)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_report.folder.checking import check_file
from tui_report.rules import narrative
from tui_report.storage import files, reading, render_new
from tui_report.storage.toml_lines import key_lines
from tui_report.text import visible

from ..builders import balanced_reports
from ..conftest import EXAMPLE, SAMPLES
from .test_fast_reading import EDITS, damaged_texts


def outcome(path: Path) -> tuple:
    result = check_file(str(path))
    if result.unreadable:
        bad = result.unreadable
        return ("unreadable", bad.message, bad.line, bad.column)
    problems = [(p.rule, p.severity, p.message, p.location, p.cells) for p in result.problems]
    return (*problems, result.facts)


def plain_ways(patched: pytest.MonkeyPatch) -> None:
    """The quick way of reading a file turned off: every value read on its own."""
    patched.setattr(reading, "_plain_counts", lambda table: None)


def quick_and_plain(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple, tuple]:
    quick = outcome(path)
    with monkeypatch.context() as patched:
        plain_ways(patched)
        plain = outcome(path)
    return quick, plain


def test_the_plain_ways_are_really_taken(tmp_path: Path, monkeypatch):
    """The patches above reach the code (else the comparisons below prove nothing)."""
    taken: list[str] = []
    monkeypatch.setattr(reading, "_plain_counts", lambda t: taken.append("rows"))
    check_file(str(EXAMPLE))
    assert {"rows"} <= set(taken)


@pytest.mark.parametrize(("old", "new"), EDITS, ids=range(len(EDITS)))
def test_quick_and_plain_say_the_same_about_edited_samples(tmp_path, monkeypatch, old, new):
    path = tmp_path / "r.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    quick, plain = quick_and_plain(path, monkeypatch)
    assert quick == plain


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_quick_and_plain_say_the_same_about_the_samples(sample: Path, monkeypatch):
    quick, plain = quick_and_plain(sample, monkeypatch)
    assert quick == plain


@pytest.mark.slow
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(damaged_texts())
def test_quick_and_plain_say_the_same_about_damaged_reports(tmp_path, monkeypatch, text):
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    quick, plain = quick_and_plain(path, monkeypatch)
    assert quick == plain


# Sentences about applications, periods and titles, in both widths and with odd characters.
PIECES = [
    "全年共收到政府信息公开申请 51 件",
    "本年度收到依申请公开申请１２件",
    "未收到政府信息公开申请",
    "其中自然人申请 3 件",
    "报告中所列数据统计期限为 2023 年 1 月 1 日至 12 月 31 日",
    "2022年度政府信息公开工作年度报告",
    "《2021 年政府信息公开工作年度报告》",
    "全市共受理政府信息公开申请 9 件",
    "上年结转 4 件",
    "2024 年",
    "ﾞ申请",
    "\u00a0",
    "\n",
    "。",
    "；",
    "，",
]


# --- key lines ---------------------------------------------------------------------------


def key_lines_as_before(source: str) -> dict[str, int]:
    """``key_lines`` as it was written first: every line through both patterns."""
    from tui_report.storage.toml_lines import _HEADER, _KEY, _dotted, _opened_multiline

    lines: dict[str, int] = {}
    table = ""
    open_quote = None
    for number, line in enumerate(source.splitlines(), start=1):
        if open_quote is not None:
            if line.count(open_quote) % 2 == 1:
                open_quote = None
            continue
        header = _HEADER.match(line)
        if header and not line.lstrip().startswith("[["):
            table = _dotted(header.group(1))
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if not key:
            continue
        dotted = _dotted(key.group(1))
        lines.setdefault(f"{table}.{dotted}" if table else dotted, number)
        open_quote = _opened_multiline(line[key.end() :])
    return lines


LINE_PIECES = [
    "[applications]",
    "  [ art20_1 ]  # 注",
    "[[list]]",
    "[a.'b c'.\"d\"]",
    "granted = [1, 2]",
    'a."b.c" = 1',
    "  x . y = 2",
    'text = """',
    'text = """一行"""',
    "text = '''",
    "'''",
    '"""',
    'x = "\\"""',
    "# [applications]",
    "",
    "   ",
    "\t# 注释",
    "[applications] = 1",
    "carried_over = [3, 1]  # 二、上年结转",
    '"quoted key" = 1',
    "\u3000[overview]",
]


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES) | st.text(max_size=12), max_size=30))
def test_key_lines_are_found_as_before(lines: list[str]):
    source = "\n".join(lines)
    found = key_lines(source)
    assert found == key_lines_as_before(source)
    for wanted in list(found)[:4]:  # stopping once the keys wanted are found
        assert key_lines(source, {wanted})[wanted] == found[wanted]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_key_lines_of_the_samples_are_found_as_before(sample: Path):
    source = sample.read_text(encoding="utf-8")
    assert key_lines(source) == key_lines_as_before(source)


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(balanced_reports())
def test_key_lines_of_written_reports_are_found_as_before(report):
    source = render_new(report)
    assert key_lines(source) == key_lines_as_before(source)


# --- what reaches a terminal, and reading a file -----------------------------------------


@pytest.mark.slow
def test_hidden_characters_are_found_by_one_search_as_one_by_one():
    for code in range(0x110000):
        ch = chr(code)
        assert (visible._SPECIAL.search(ch) is not None) == visible._special(ch), hex(code)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.text())
def test_texts_shown_as_they_are_have_no_hidden_character(text: str):
    if visible.for_editing(text) == text:
        assert not any(visible._special(ch) for ch in text)
    assert visible.from_editing(visible.for_editing(text)) == text


@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 5000])
def test_files_are_read_whole_up_to_one_byte_past_the_limit(tmp_path: Path, size: int):
    path = tmp_path / "f.toml"
    data = bytes(range(256)) * (size // 256 + 1)
    path.write_bytes(data[:size])
    assert files.read_regular(path, 100) == data[: min(size, 101)]


def test_a_file_growing_while_read_is_read_on_to_the_limit(tmp_path: Path, monkeypatch):
    path = tmp_path / "f.toml"
    path.write_bytes(b"a" * 10)
    real_read = files.os.read
    grown = []

    def read(fd: int, size: int) -> bytes:
        if not grown:  # another program appends right after the size was taken
            grown.append(True)
            with open(path, "ab") as handle:
                handle.write(b"b" * 50)
        return real_read(fd, size)

    monkeypatch.setattr(files.os, "read", read)
    assert files.read_regular(path, 30) == (b"a" * 10 + b"b" * 50)[:31]


# --- export and import ---------------------------------------------------------------------


@pytest.mark.slow
def test_text_to_clean_is_found_by_one_search_as_one_by_one():
    from tui_report.export import sanitize

    for code in range(0x110000):
        ch = chr(code)
        assert (sanitize._TOUCHED.search(ch) is not None) == (
            sanitize._dropped(ch) or ch in "\t\n\ufffe\uffff"  # the last two: ⟨U+FFFF⟩
        ), hex(code)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    # a list of characters, not st.text(alphabet): text() draws from the union of the two
    # alphabets evenly, and the listed characters almost never come up
    st.lists(
        st.sampled_from(list("示例 1\t\n\r\x1b[31m\x07\u202e\x85\uffff")) | st.characters(),
        max_size=40,
    ).map("".join)
)
def test_clean_text_quickly_is_clean_text_char_by_char(text: str):
    from tui_report.export import sanitize

    plain = sanitize._ESCAPE.sub("", text.replace("\r\n", "\n"))
    plain = "".join(
        ch
        if ch == "\n"
        else " "
        if ch == "\t"
        else f"⟨U+{ord(ch):04X}⟩"
        if ch in "\ufffe\uffff"
        else ""
        if sanitize._dropped(ch)
        else ch
        for ch in plain
    )
    assert sanitize.clean_text(text) == plain


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("1２、,，.．一（）() 　\t“”")) | st.characters(), max_size=20
    ).map("".join)
)
def test_label_keys_skip_the_item_number_pattern_only_where_it_finds_nothing(text: str):
    import unicodedata

    from tui_report.importing import labels

    plain = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(labels._DROP))
    assert labels.key(text) == labels._ITEM_NUMBER.sub(r"\1.", plain)


def test_a_file_read_for_editing_is_read_by_tomllib_as_the_fast_parser_reads_it(monkeypatch):
    """The editor reads one file: tomllib, not the compiled parser (its memory); the
    report is the same either way."""
    from tui_report.storage import fast_toml, read_report

    for sample in SAMPLES:
        quick = read_report(sample, for_saving=False)
        with monkeypatch.context() as patched:
            patched.setattr(fast_toml, "fast_loads", lambda text: pytest.fail("fast parser"))
            editing = read_report(sample)
        assert editing.report == quick.report and editing.structure == quick.structure


async def test_the_editor_reads_last_years_report_by_tomllib(tmp_path: Path, monkeypatch):
    from tui_report.storage import fast_toml
    from tui_report.tui.launch import make_app

    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "2023.toml").write_text(text.replace("year = 2024", "year = 2023"), "utf-8")
    (tmp_path / "2024.toml").write_text(text, "utf-8")
    monkeypatch.setattr(fast_toml, "fast_loads", lambda text: pytest.fail("fast parser"))
    app = make_app(tmp_path / "2024.toml", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.previous.path == str(tmp_path / "2023.toml")


# --- the index ----------------------------------------------------------------------------


def test_a_folder_is_indexed_as_each_top_written_by_the_program_reads(tmp_path: Path):
    from tui_report.folder import index as report_index
    from tui_report.storage import tops

    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(40):
        (tmp_path / f"{i}.toml").write_text(text.replace("示例市", f"第{i}市"), encoding="utf-8")
    index = report_index.ReportIndex()
    index.add_folder(tmp_path)
    assert sorted(index.dated()) == sorted(
        tops.written_report_id(str(p)) for p in tmp_path.iterdir()
    )


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    st.text(st.sampled_from("0123456789０１２ ,.-+²①٣𝟙a　\t"), max_size=8)
    | st.from_regex(r"\d{1,12}", fullmatch=True)
)
def test_cells_of_digits_are_read_quickly_as_the_plain_way_reads_them(text: str):
    """A cell of plain digits skips NFKC and the patterns; any cell is what they make it."""
    import unicodedata

    from tui_report.formats.spec import COUNT
    from tui_report.importing import cells, tables
    from tui_report.report.values import InvalidValue, checked

    plain = unicodedata.normalize("NFKC", text).strip()
    kind = cells._kind(plain)
    cell = cells._cell(text, 1)
    assert (cell.text, cell.kind) == (plain if kind != "text" else text.strip(), kind)
    if cell.kind == "number":
        try:
            expected = checked(cell.value, COUNT, cell.text)
        except InvalidValue:
            expected = None
        column = type("Column", (), {"kind": COUNT})()
        reader = tables.TableReader.__new__(tables.TableReader)
        if expected is not None:
            assert reader._value(None, column, cell) == expected  # type: ignore[arg-type]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=8).map("".join))
def test_text_looked_through_quickly_finds_what_the_patterns_find(text: str):
    narrative._without_space.cache_clear()
    assert narrative._without_space(text) == narrative._SPACE.sub("", text)


# --- reading a published report quickly --------------------------------------------------

# What the start of a line may hold: what the key drops (quotes, spaces, their full-width
# forms), then part numbers, what NFKC makes them or other Chinese characters from (Kangxi
# radicals, compatibility ideographs), full-width forms, marks that join with what is before.
DROPPED_FIRST = " \t\u3000\u00a0\u2003“”\"'‘’「」『』|＂｜＇"
LINE_STARTS = "一二六十中（(1１、.⼀⼆⼗㆒\uf9d1\u3038\u0301\u00a8ＡA"
line_starts = st.tuples(
    st.text(st.sampled_from(DROPPED_FIRST), max_size=3),
    st.lists(st.sampled_from(LINE_STARTS + DROPPED_FIRST) | st.text(max_size=2), max_size=4),
).map(lambda parts: parts[0] + "".join(parts[1]))


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(line_starts, st.sampled_from(["一二三四五六七八九十", "一", "六", "十"]))
def test_lines_passed_over_as_headings_have_no_key_starting_with_a_part_number(
    text: str, firsts: str
):
    from tui_report.importing import headings, labels

    if not labels.key_may_start_with(text, firsts):
        assert labels.key(text)[:1] not in set(firsts)
        assert headings._heading_key(text)[:1] not in set(firsts)


def test_an_official_heading_found_as_it_is_is_as_similar_as_difflib_says():
    from difflib import SequenceMatcher

    from tui_report.formats import FORMATS
    from tui_report.importing import headings

    for fmt in FORMATS.values():
        for section in fmt.sections:
            wanted = headings._official_heading_key(section.heading)
            assert SequenceMatcher(None, wanted, wanted, autojunk=False).ratio() == 1.0


def official_label_keys() -> list[str]:
    from tui_report.formats import FORMATS
    from tui_report.importing.labels import official_key

    return sorted(
        {
            official_key(label.label)
            for fmt in FORMATS.values()
            for table in fmt.tables
            for label in (*table.rows, *table.columns)
        }
    )


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_label_scores_one_exactly_where_the_text_ends_with_it(data):
    """_find takes a text ending with the label as found without scoring it: the score
    would be 1.0 there and only there."""
    from tui_report.importing.labels import ends_with_label

    labels = official_label_keys()
    label = data.draw(st.sampled_from(labels) | st.text(min_size=1, max_size=8))
    pieces = st.sampled_from([label, label[1:], label[:-1], label[::-1], *labels[:20]])
    text = data.draw(st.lists(pieces | st.text(max_size=3), max_size=4).map("".join))
    assert (ends_with_label(text, label) == 1.0) == text.endswith(label)


def test_where_each_column_is_put_in_a_row_is_where_the_plain_search_finds_it():
    from tui_report.formats import FORMATS
    from tui_report.importing import tables

    for fmt in FORMATS.values():
        for table in fmt.tables:
            for columns in (table.columns, table.entered_columns):
                for column, position, bounds in tables._placed(table, columns):
                    plain = next(
                        (i for i, c in enumerate(table.entered_columns) if c.key == column.key),
                        None,
                    )
                    assert position == (None if column.derived else plain)
                    assert column.derived == (plain is None)
                    kind = column.kind
                    assert bounds == ((kind.minimum, kind.maximum) if kind.is_integer else None)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(st.sampled_from("0123456789０１ ,.-/²一二\t　"), max_size=6) | st.text(max_size=4),
        max_size=8,
    )
)
def test_the_cells_of_a_row_are_each_read_as_one_cell_is(parts: list[str]):
    from tui_report.importing import cells

    assert cells._cells(parts, 7) == [cells._cell(part, 7) for part in parts]


CELL_TEXTS = ["0", "7", "12", "1,234", "12.50", "-3", "１２", "", "/", "-", "99999999999", "1O"]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_row_of_counts_is_read_quickly_as_each_value_is_read_on_its_own(data):
    """_take_row reads the usual count itself; with no bounds to read by, each value goes
    through _value (the plain way): the report, totals, blanks and failures are the same."""
    from unittest.mock import patch

    from tui_report.formats import FORMATS
    from tui_report.importing import cells, tables
    from tui_report.importing.problems import ImportFailure
    from tui_report.report.model import Report

    fmt = data.draw(st.sampled_from(list(FORMATS.values())))
    section = data.draw(st.sampled_from([s for s in fmt.sections if s.tables]))
    table = data.draw(st.sampled_from(section.tables))
    row = data.draw(st.sampled_from(table.rows))
    width = data.draw(st.sampled_from([len(table.columns), len(table.entered_columns)]))
    texts = st.sampled_from(CELL_TEXTS) | st.from_regex(r"[0-9]{1,12}", fullmatch=True)
    found = [
        cells._cell(text, 5) for text in data.draw(st.lists(texts, min_size=width, max_size=width))
    ]

    def outcome(placed) -> tuple:
        reader = tables.TableReader(Report.empty("某", 2024, fmt), section, [], 1)
        with patch.object(tables, "_placed", placed):
            try:
                reader._take_row(table, row, cells.Segment("x", found, 5))
            except ImportFailure as failure:
                return ("failure", failure.message, failure.line)
        report = reader.report
        return (repr(report.cells), reader.published, reader.blanks, reader.published_lines)

    quick = tables._placed

    def without_bounds(table, columns):
        return tuple((column, at, None) for column, at, _ in quick(table, columns))

    assert outcome(quick) == outcome(without_bounds)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["#", "##", " ", "**", "*", "一、", "a"]) | st.text(max_size=3)))
def test_lines_without_marks_are_left_as_the_patterns_leave_them(pieces: list[str]):
    from tui_report.importing import lines

    text = "".join(pieces)
    plain = lines._MARKDOWN_STRONG.sub("", lines._MARKDOWN_HEADING.sub("", text))
    assert lines.without_markdown_marks([(1, text)]) == [(1, plain)]


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"信息内容规章一（）() 　ａＡa²①፩\u0301\t/-—"]) | st.text(max_size=2),
        max_size=6,
    ).map("".join)
)
def test_cells_of_letters_are_read_quickly_as_the_plain_way_reads_them(text: str):
    """A cell of letters only (信息内容) is text without the patterns."""
    import unicodedata

    from tui_report.importing import cells

    plain = unicodedata.normalize("NFKC", text).strip()
    kind = cells._kind(plain)
    cell = cells._cell(text, 1)
    assert (cell.text, cell.kind) == (plain if kind != "text" else text.strip(), kind)


def split_row_as_before(text: str, number: int) -> list:
    """cells._split_row as it was written before it was made quicker."""
    from tui_report.importing.cells import _cell

    parts = text.split("\t") if "\t" in text else text.split("|")
    while parts and not parts[0].strip():
        parts = parts[1:]
    if "\t" not in text and parts and not parts[-1].strip():
        parts = parts[:-1]
    row = [_cell(part, number) for part in parts]
    labels = [i for i, cell in enumerate(row) if cell.kind == "text"]
    merged = (
        any(cell.kind == "blank" and not cell.text for cell in row[: labels[-1]])
        if labels
        else False
    )
    if len(labels) >= 2 and merged and not any(cell.kind in ("number", "bad") for cell in row):
        row = [cell for cell in row if cell.kind != "blank" or cell.text]
    return row


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["", " ", "/", "12", "1O", "申请人", "商业企业", "总计"]), max_size=8),
    st.sampled_from(["\t", "|"]),
)
def test_rows_are_split_into_cells_as_before(parts: list[str], separator: str):
    from tui_report.importing import cells

    text = separator.join(parts)
    assert cells._split_row(text, 3) == split_row_as_before(text, 3)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"“”\"'‘’「」『』 \t\u3000|\u00a0\u2003\u3000＂｜１、,，一（"])
        | st.text(max_size=2),
        max_size=8,
    ).map("".join)
)
def test_label_keys_drop_quotes_and_spaces_by_one_search_as_one_by_one(text: str):
    import unicodedata

    from tui_report.importing import labels

    plain = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(labels._DROP))
    assert labels._DROPPED_OR_SPACE.sub("", unicodedata.normalize("NFKC", text)) == plain
