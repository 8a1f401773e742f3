"""toolkit.io.xlsx_rows: a RowSheet holds the XML xlsxwriter writes for the same cells.

RowSheet overrides xlsxwriter internals; these tests fail when an xlsxwriter release changes
what it relies on. Every cell goes in twice: through RowSheet.write_columns, and through
xlsxwriter's own Worksheet, one cell at a time (by_cell)."""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from toolkit.io.xlsx_rows import RowSheet

Cells = Callable[[Worksheet, int, int, Sequence[Sequence[Any]], Sequence[Format | None]], None]
Layout = Callable[[xlsxwriter.Workbook, Callable[[str | None], Worksheet], Cells], None]
OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def by_columns(sheet: Worksheet, row: int, col: int, columns: Any, formats: Any) -> None:
    sheet.write_columns(row, col, columns, formats)


def by_cell(sheet: Worksheet, row: int, col: int, columns: Any, formats: Any) -> None:
    """What write_columns stands for: a column at a time, top down, text as write_string,
    anything else as write, a (text, format) pair in its own format; each format numbered
    as its first cell is written (xlsxwriter numbers them as it saves the sheets)."""
    for index, (values, fmt) in enumerate(zip(columns, formats, strict=True), start=col):
        for number, value in enumerate(values, start=row):
            own = fmt
            if isinstance(value, tuple):
                value, own = value
            if own is not None:
                own._get_xf_index()
            if isinstance(value, str) and value:
                sheet.write_string(number, index, value, own)
            else:
                sheet.write(number, index, value, own)


def line(values: Sequence[Any]) -> list[list[Any]]:
    """A line of cells, as columns of one cell."""
    return [[value] for value in values]


def build(lay_out: Layout, fast: bool) -> bytes:
    """The workbook lay_out draws, on RowSheets (fast) or on xlsxwriter's Worksheets."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {**OPTIONS, "in_memory": True})
    book.set_properties({"created": datetime(2026, 7, 1)})
    sheet_class = RowSheet if fast else Worksheet
    lay_out(
        book, lambda name: book.add_worksheet(name, sheet_class), by_columns if fast else by_cell
    )
    book.close()
    return buffer.getvalue()


def parts(lay_out: Layout, fast: bool) -> dict[str, str]:
    """Each part of the workbook, as text; xlsxwriter's rows without their spans attribute,
    an optional hint that RowSheet leaves out."""
    with zipfile.ZipFile(io.BytesIO(build(lay_out, fast))) as archive:
        texts = {name: archive.read(name).decode() for name in archive.namelist()}
    return {
        name: re.sub(r'(<row [^>]*?) spans="[0-9:]*"', r"\1", text) for name, text in texts.items()
    }


def summary_like(
    book: xlsxwriter.Workbook, add: Callable[[str | None], Worksheet], cells: Cells
) -> None:
    """A table with a title, a tall header, a bold total line and a table beside it with a
    chart over it; a merged note, comments; cells of every kind, and some that take the slow
    way."""
    bold, header = book.add_format({"bold": True}), book.add_format({"bg_color": "#DDEBF7"})
    count, tenth = book.add_format({"num_format": "0"}), book.add_format({"num_format": "0.0"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = add("Tabel")
    cells(sheet, 0, 0, line(["Titel & <ondertitel>"]), [bold])
    cells(sheet, 2, 0, line(["Gemeente", "Aantal", "Aandeel %", "Opmerking"]), [header] * 4)
    cells(sheet, 2, 6, line(["Fase", "Aantal"]), [header] * 2)
    sheet.set_row(2, 30)
    texts = [" spatie voor", "één \"twee\" 'drie'", "=1+1", "http://example.org", "a\nb"]
    numbers: list[Any] = [0, -0.0, 0.1 + 0.2, 1e20, 123456789012345678, -7, 2.5e-9, 48.3]
    for i in range(12):
        number = numbers[i % len(numbers)]
        values = [f"Gemeente {i % 5}", i * 3 if i % 4 else None, number, texts[i % len(texts)]]
        cells(sheet, 3 + i, 0, line(values), [count if i else bold, count, tenth, count])
        if i < 3:
            values = [["Benaderd", "In gesprek", ""][i], [9, None, 2.5][i]]
            cells(sheet, 3 + i, 6, line(values), [count] * 2)
    cells(sheet, 15, 0, line(["Totaal", 99, "", None]), [bold] * 4)
    odd: list[Any] = [True, date(2026, 7, 1), 7, "x" * 40_000, None, 5]
    cells(sheet, 17, 1, line(odd), [count, day, None, count, None, count])
    sheet.merge_range(19, 0, 19, 1, "", count)
    sheet.write_string(19, 0, "Een notitie over twee kolommen.", count)
    sheet.set_row(19, 30)
    sheet.set_column(0, 0, 26)
    sheet.set_row(21, 20)  # a row with a height and no cells
    sheet.write_comment(3, 1, "Bij een cel.")
    sheet.write_comment(22, 2, "Op een lege rij.")
    cells(sheet, 22, 0, [[None]], [None])  # nothing: no format
    sheet.freeze_panes(3, 1)
    chart = book.add_chart({"type": "bar"})
    assert chart is not None
    for col in (1, 2):
        chart.add_series(
            {"categories": ["Tabel", 3, 0, 15, 0], "values": ["Tabel", 3, col, 15, col]}
        )
    chart.add_series({"categories": ["Tabel", 3, 6, 6, 6], "values": ["Tabel", 3, 7, 6, 7]})
    chart.add_series({"categories": ["Tabel", 16, 0, 18, 0], "values": ["Tabel", 16, 3, 18, 4]})
    sheet.insert_chart(2, 10, chart)
    away = add("Ver weg")
    away.set_default_row(18)  # every row's height written
    away.set_column(8, 8, 12, count)  # a column with a format: in the dimension, as cells are
    cells(away, 40, 3, line(["Rechts onder", 1]), [count, count])
    cells(away, 41, 2, line([None, "", None]), [None, None, None])  # nothing: no format
    add("Leeg")
    blocks(book, add("Blokken"), cells)


def blocks(book: xlsxwriter.Workbook, sheet: Worksheet, cells: Cells) -> None:
    """Tables a block of columns at a time: texts, numbers and empty cells over and over,
    pairs in a format of their own, values that go another way (booleans among numbers,
    -0.0 among zeros, long texts), a bold total line, tables side by side, cells written
    twice, and a chart over it all."""
    count, bold = book.add_format({"num_format": "0"}), book.add_format({"bold": True})
    tenth, hidden = book.add_format({"num_format": "0.0"}), book.add_format({"italic": True})
    small, other, long = ("<5", hidden), ("x", hidden), "y" * 40_000
    names = [f"Naam {i % 6}" for i in range(9)]  # new texts, numbered in the order they come
    numbers: list[Any] = [3, None, small, 0, True, 1, other, False, (7, hidden)]
    shares: list[Any] = [0.0, -0.0, 0, 48.3, None, small, 0.1 + 0.2, -0.0, 1e20]
    texts: list[Any] = ["", long, "Gemeente 1", None, ("Gemeente 2", hidden), ("", hidden)]
    texts += ["a\nb", long, "=1+1"]
    formats = [count, count, tenth, count]
    sheet.write_number(3, 3, 5)  # before a table over it
    cells(sheet, 2, 0, [names, numbers, shares, texts], formats)
    cells(sheet, 11, 0, line(["Totaal", 99, -0.0, ""]), [bold] * 4)
    cells(sheet, 2, 5, [names[:3], [1, 2, 3]], [None, count])  # beside: rows of two tables
    cells(sheet, 4, 1, [[5, 6]], [bold])  # over a table
    sheet.write_string(6, 0, "Later", bold)  # over a table's cell
    cells(sheet, 13, 0, [names, shares[::-1], numbers, texts[::-1]], formats)  # all known
    cells(sheet, 23, 0, [[-0.0, 0.0, -0.0, 0]], [tenth])  # -0.0 first
    first, then = book.add_format({"underline": 1}), book.add_format({"font_strikeout": True})
    cells(sheet, 24, 0, [[("", first)], ["daarna"]], [None, then])  # formats numbered in turn
    chart = book.add_chart({"type": "column"})
    assert chart is not None
    for col in (1, 2, 3):
        chart.add_series(
            {"categories": ["Blokken", 2, 0, 11, 0], "values": ["Blokken", 2, col, 11, col]}
        )
    sheet.insert_chart(2, 8, chart)


def test_the_sheets_are_the_ones_xlsxwriter_writes() -> None:
    ours, theirs = parts(summary_like, fast=True), parts(summary_like, fast=False)
    assert ours.keys() == theirs.keys()
    for name, text in theirs.items():
        assert ours[name] == text, name


def test_a_value_xlsxwriter_refuses_is_refused() -> None:
    with xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True}) as book:
        sheet = book.add_worksheet(worksheet_class=RowSheet)
        with pytest.raises(TypeError):  # as Worksheet.write_number without nan_inf_to_errors
            sheet.write_columns(0, 0, [[1], [math.nan]], [None, book.add_format()])


def test_cells_outside_the_sheet_are_left_out_as_xlsxwriter_does() -> None:
    assert parts(_outside, fast=True) == parts(_outside, fast=False)


def _outside(
    book: xlsxwriter.Workbook, add: Callable[[str | None], Worksheet], cells: Cells
) -> None:
    sheet, fmt = add(None), book.add_format({"bold": True})
    cells(sheet, 0, 16_382, line([1, 2, 3]), [fmt] * 3)
    cells(sheet, 1_048_574, 0, [["voorlaatste rij", "laatste rij", "voorbij"]], [fmt])
    cells(sheet, 1_048_575, 0, line(["laatste rij"]), [fmt])


VALUES = st.one_of(
    st.none(),
    st.just(""),
    st.booleans(),
    st.integers(-(10**18), 10**18),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 0.0, -0.0, 1, 1.0]),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
    st.tuples(st.sampled_from(["", "x", "<5", "a b"]), st.integers(0, 3)),  # a pair
)


@st.composite
def writes(draw: st.DrawFn) -> tuple[bool, int, int, list[list[Any]], list[int]]:
    """A block of cells (columns as long), or (single=True) one cell by Worksheet.write."""
    height, width = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    columns = draw(
        st.lists(st.lists(VALUES, min_size=height, max_size=height), min_size=width, max_size=width)
    )
    styles = draw(st.lists(st.integers(0, 3), min_size=width, max_size=width))
    return draw(st.booleans()), draw(st.integers(0, 6)), draw(st.integers(0, 5)), columns, styles


@settings(max_examples=80, deadline=None)
@given(st.lists(writes(), max_size=10))
def test_writes_anywhere_are_the_ones_written_cell_by_cell(
    blocks: list[tuple[bool, int, int, list[list[Any]], list[int]]],
) -> None:
    """Blocks overlapping each other and cells written the other way, in any order, give
    the XML of the same cells written one at a time: the last write of a cell counts."""

    def lay_out(
        book: xlsxwriter.Workbook, add: Callable[[str | None], Worksheet], cells: Cells
    ) -> None:
        styles = [None, *(book.add_format(p) for p in ({"bold": True}, {"num_format": "0.0"}))]
        styles.append(book.add_format({"italic": True, "num_format": "0"}))
        sheet = add(None)
        for single, row, col, columns, style in blocks:
            shown = [
                [(v[0], styles[v[1]]) if isinstance(v, tuple) else v for v in c] for c in columns
            ]
            formats = [styles[s] for s in style]
            if single:
                by_cell(sheet, row, col, [shown[0][:1]], formats[:1])
            else:
                cells(sheet, row, col, shown, formats)

    assert parts(lay_out, fast=True) == parts(lay_out, fast=False)
