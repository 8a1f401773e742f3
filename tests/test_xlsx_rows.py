"""toolkit.io.xlsx_rows: a RowSheet holds the XML xlsxwriter writes for the same cells.

RowSheet overrides xlsxwriter internals; these tests fail when an xlsxwriter release changes
what it relies on. Every cell goes in twice: through RowSheet.write_cells, and through
xlsxwriter's own Worksheet, one cell at a time."""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from toolkit.io.xlsx_rows import RowSheet

Cells = Callable[[Worksheet, int, int, Sequence[Any], Sequence[Format | None]], None]
Layout = Callable[[xlsxwriter.Workbook, Callable[[str | None], Worksheet], Cells], None]
OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def by_row(sheet: Worksheet, row: int, col: int, values: Sequence[Any], formats: Any) -> None:
    sheet.write_cells(row, col, values, formats)


def by_cell(sheet: Worksheet, row: int, col: int, values: Sequence[Any], formats: Any) -> None:
    """What write_cells stands for: text as write_string, anything else as write."""
    for index, (value, fmt) in enumerate(zip(values, formats, strict=True), start=col):
        if isinstance(value, str) and value:
            sheet.write_string(row, index, value, fmt)
        else:
            sheet.write(row, index, value, fmt)


def build(lay_out: Layout, fast: bool) -> bytes:
    """The workbook lay_out draws, on RowSheets (fast) or on xlsxwriter's Worksheets."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {**OPTIONS, "in_memory": True})
    book.set_properties({"created": datetime(2026, 7, 1)})
    sheet_class = RowSheet if fast else Worksheet
    lay_out(book, lambda name: book.add_worksheet(name, sheet_class), by_row if fast else by_cell)
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
    cells(sheet, 0, 0, ["Titel & <ondertitel>"], [bold])
    cells(sheet, 2, 0, ["Gemeente", "Aantal", "Aandeel %", "Opmerking"], [header] * 4)
    cells(sheet, 2, 6, ["Fase", "Aantal"], [header] * 2)
    sheet.set_row(2, 30)
    texts = [" spatie voor", "één \"twee\" 'drie'", "=1+1", "http://example.org", "a\nb"]
    numbers: list[Any] = [0, -0.0, 0.1 + 0.2, 1e20, 123456789012345678, -7, 2.5e-9, 48.3]
    for i in range(12):
        number = numbers[i % len(numbers)]
        line = [f"Gemeente {i % 5}", i * 3 if i % 4 else None, number, texts[i % len(texts)]]
        cells(sheet, 3 + i, 0, line, [count if i else bold, count, tenth, count])
        if i < 3:
            cells(
                sheet, 3 + i, 6, [["Benaderd", "In gesprek", ""][i], [9, None, 2.5][i]], [count] * 2
            )
    cells(sheet, 15, 0, ["Totaal", 99, "", None], [bold] * 4)
    odd: list[Any] = [True, date(2026, 7, 1), 7, "x" * 40_000, None, 5]
    cells(sheet, 17, 1, odd, [count, day, None, count, None, count])
    sheet.merge_range(19, 0, 19, 1, "", count)
    sheet.write_string(19, 0, "Een notitie over twee kolommen.", count)
    sheet.set_row(19, 30)
    sheet.set_column(0, 0, 26)
    sheet.set_row(21, 20)  # a row with a height and no cells
    sheet.write_comment(3, 1, "Bij een cel.")
    sheet.write_comment(22, 2, "Op een lege rij.")
    cells(sheet, 22, 0, [None], [None])  # nothing: no format
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
    cells(away, 40, 3, ["Rechts onder", 1], [count, count])
    cells(away, 41, 2, [None, "", None], [None, None, None])  # nothing: no format
    add("Leeg")


def test_the_sheets_are_the_ones_xlsxwriter_writes() -> None:
    ours, theirs = parts(summary_like, fast=True), parts(summary_like, fast=False)
    assert ours.keys() == theirs.keys()
    for name, text in theirs.items():
        assert ours[name] == text, name


def test_a_value_xlsxwriter_refuses_is_refused() -> None:
    with xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True}) as book:
        sheet = book.add_worksheet(worksheet_class=RowSheet)
        with pytest.raises(TypeError):  # as Worksheet.write_number without nan_inf_to_errors
            sheet.write_cells(0, 0, [1, math.nan], [None, book.add_format()])


def test_cells_outside_the_sheet_are_left_out_as_xlsxwriter_does() -> None:
    assert parts(_outside, fast=True) == parts(_outside, fast=False)


def _outside(
    book: xlsxwriter.Workbook, add: Callable[[str | None], Worksheet], cells: Cells
) -> None:
    sheet, fmt = add(None), book.add_format({"bold": True})
    cells(sheet, 0, 16_382, [1, 2, 3], [fmt] * 3)
    cells(sheet, 1_048_575, 0, ["laatste rij"], [fmt])
    cells(sheet, 1_048_576, 0, ["voorbij de laatste rij"], [fmt])


VALUES = st.one_of(
    st.none(),
    st.just(""),
    st.booleans(),
    st.integers(-(10**18), 10**18),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
)
# Runs of cells, and now and then (single=True) one cell written by Worksheet.write
WRITES = st.lists(
    st.tuples(
        st.booleans(),
        st.integers(0, 6),
        st.integers(0, 5),
        st.lists(st.tuples(VALUES, st.integers(0, 3)), max_size=8),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(WRITES)
def test_writes_anywhere_read_back_as_cell_by_cell(
    writes: list[tuple[bool, int, int, list[tuple[Any, int]]]],
) -> None:
    """Runs overlapping each other and cells written the other way, in any order, read back
    (openpyxl) as the same values written cell by cell: the last write of a cell counts."""

    def lay_out(
        book: xlsxwriter.Workbook, add: Callable[[str | None], Worksheet], cells: Cells
    ) -> None:
        styles = [None, *(book.add_format(p) for p in ({"bold": True}, {"num_format": "0.0"}))]
        styles.append(book.add_format({"italic": True, "num_format": "0"}))
        sheet = add(None)
        for single, row, col, line in writes:
            values, formats = [v for v, _ in line], [styles[s] for _, s in line]
            if single:
                by_cell(sheet, row, col, values[:1], formats[:1])
            else:
                cells(sheet, row, col, values, formats)

    assert _read_back(lay_out, fast=True) == _read_back(lay_out, fast=False)


def _read_back(lay_out: Layout, fast: bool) -> list[Any]:
    sheet = openpyxl.load_workbook(io.BytesIO(build(lay_out, fast))).active
    assert sheet is not None
    return [
        (c.coordinate, c.value, c.data_type, c.number_format, c.font.b, c.font.i)
        for line in sheet.iter_rows()
        for c in line
        if c.has_style or c.value is not None
    ]
