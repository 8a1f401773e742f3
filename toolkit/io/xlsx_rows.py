"""An xlsxwriter worksheet that takes its cells a block of columns at a time and writes each
row's XML in one piece.

xlsxwriter keeps a tuple per cell and, when the workbook closes, writes each cell's XML through
a chain of calls; for a quarter of a million cells (a national summary) that is most of the
time spent. RowSheet.write_columns renders plain cells to XML as they are given: an int or a
finite float as a number, a str as text (always text, as write_string does), None or "" as an
empty cell with its format. A cell's XML after its row number depends only on its value and
format: it is made once for each and looked up for every other such cell, and the rows of a
block are joined from these pieces without a Python call per cell. The shared-string and
format indexes are xlsxwriter's own, so the sheet holds the XML xlsxwriter writes for the same
cells written one at a time, a column at a time, top down (the order in which texts get their
numbers); a format is numbered as its first cell is written, where xlsxwriter numbers it as it
saves the sheet.

Any other cell (another type, a text longer than a cell takes, a cell without a format) goes
through Worksheet.write, and everything else about the sheet (row heights, merged cells,
panes, charts) is xlsxwriter's. write_columns and the overrides below rely on xlsxwriter's
internals (those of 3.3, the lowest release pyproject.toml allows: the shared-string table and
its count, a format's number, the sheet's dimension, the row writing): tests/test_xlsx_rows.py
compares the XML with xlsxwriter's own, byte for byte, so a release that changes them fails
there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from itertools import repeat
from math import copysign, isfinite
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

# The longest text taken whole; Worksheet.write_string truncates a longer one to Excel's
# 32767 UTF-16 units (a character takes at most two).
_LONGEST_TEXT = 32767 // 2

# The kinds of value whose cells are looked up by value (a dict takes True for 1); a
# (text, format) pair is a tuple.
_LOOKED_UP = frozenset({str, int, float, type(None), tuple})

# A run of cells on a row: its first column, each cell's XML after the row number ("" for a
# cell that went through Worksheet.write), the values (for the charts' caches), and the row's
# element when the run is all there is on it ("" when some cell went through Worksheet.write).
Run = tuple[int, Sequence[str], Sequence[Any], str]


class RowSheet(Worksheet):  # type: ignore[misc]  # xlsxwriter has no py.typed
    """A Worksheet with write_columns, for large tables of plain values."""

    # Worksheet's dimension of the sheet (None: nothing in it yet), which _stretch widens
    dim_rowmin: int | None
    dim_rowmax: int | None
    dim_colmin: int | None
    dim_colmax: int | None

    def __init__(self) -> None:
        super().__init__()
        self.runs: dict[int, list[Run]] = {}
        self.column_names: list[str] = []  # A, B, ..., Z, AA, ... as far as written
        # per format, a value's cell XML after the row number: '" s="3"><v>12</v></c>'
        self.tails: dict[Format | None, dict[Any, str]] = {}

    def write_columns(
        self, row: int, col: int, columns: Sequence[Sequence[Any]], formats: Sequence[Format | None]
    ) -> None:
        """Write columns of values (all as long) from row down, the first in column col, each
        cell in its column's format; a (text, format) pair is a text in a format of its own.
        Of two writes to a cell the last counts, here or through another method."""
        height = len(columns[0]) if columns else 0
        last = col + len(columns) - 1
        if not height:
            return
        if (
            self.constant_memory  # rows are written as they come: nowhere to keep runs
            or not (row >= 0 and row + height <= self.xls_rowmax)
            or not (col >= 0 and last < self.xls_colmax)
        ):
            for number, values in enumerate(zip(*columns, strict=True), start=row):
                for index, (value, fmt) in enumerate(zip(values, formats, strict=True), start=col):
                    self._write_one(number, index, value, fmt)
            return
        while len(self.column_names) <= last:
            self.column_names.append(xl_col_to_name(len(self.column_names)))
        tails = [
            self._column(row, index, values, fmt)
            for index, (values, fmt) in enumerate(zip(columns, formats, strict=True), start=col)
        ]
        lines = list(zip(*tails, strict=True))
        for number in self.table.keys() & range(row, row + height):
            stock = self.table[number]  # cells written the other way before: ours replace them
            for index, tail in enumerate(lines[number - row], start=col):
                if tail:
                    stock.pop(index, None)
        elements: Iterable[str] = repeat("")
        if not any("" in column for column in tails):
            elements = self._elements(row, col, tails)
            self._stretch(row, row + height - 1, col, last)
        else:  # the dimension over our own cells: xlsxwriter's are in it already
            for number, line in enumerate(lines, start=row):
                first, end = _own_columns(col, line)
                if first <= end:
                    self._stretch(number, number, first, end)
        given = zip(*columns, strict=True)
        for number, run in enumerate(zip(repeat(col), lines, given, elements), start=row):
            self.runs.setdefault(number, []).append(run)

    def _elements(self, row: int, col: int, tails: list[list[str]]) -> list[str]:
        """The element of each row from row down, of the cells of tails from column col on:
        joined at C speed."""
        numbers = list(map(str, range(row + 1, row + len(tails[0]) + 1)))
        names = self.column_names[col : col + len(tails)]
        pieces: list[Iterable[str]] = [repeat('<row r="'), numbers, repeat('">')]
        for name, column in zip(names, tails, strict=True):
            pieces += (repeat(f'<c r="{name}'), numbers, column)
        pieces.append(repeat("</row>"))
        return list(map("".join, zip(*pieces, strict=False)))  # the repeats are endless

    def _column(self, row: int, col: int, values: Sequence[Any], fmt: Format | None) -> list[str]:
        """The XML after the row number of each cell of values, from row down in column col;
        "" for a cell written the other way. The texts are numbered (shared strings) in the
        order they come, as when written cell by cell."""
        kinds = list(map(type, values))
        kind_set = set(kinds)
        if not _LOOKED_UP.issuperset(kind_set):  # a dict takes True for 1: each cell apart
            return [
                self._tail_or_write(at, col, value, fmt) for at, value in enumerate(values, row)
            ]
        tails = self.tails.setdefault(fmt, {})
        # Each use of a text counts, as each write_string counts it: here all texts (a pair's
        # included) but those made or written the other way below, which count themselves.
        texts = kinds.count(tuple) + (kinds.count(str) - values.count("") if str in kind_set else 0)
        for value in dict.fromkeys(values):
            if value in tails:
                continue
            tail = self._tail(abs(value) if value == 0 else value, fmt)  # -0.0: see below
            if tail:
                tails[value] = tail
                uses = 1  # counted, if a text
            else:
                uses = 0
                for at in _positions(values, value):
                    self._write_one(row + at, col, values[at], fmt)
                    uses += 1
            if value.__class__ is tuple or (value.__class__ is str and value):
                texts -= uses
        self.str_table.count += texts
        found = list(map(tails.get, values, repeat("")))
        if float in kind_set:  # -0.0, which a dict takes for 0, has a text of its own
            for at in _positions(values, 0):
                if found[at] and copysign(1.0, values[at]) < 0:
                    found[at] = self._tail(values[at], fmt)
        return found

    def _tail_or_write(self, row: int, col: int, value: Any, fmt: Format | None) -> str:
        """The _tail of a cell, or "" when it is written the other way (now)."""
        tail = self._tail(value, fmt)
        if not tail:
            self._write_one(row, col, value, fmt)
        return tail

    def _tail(self, value: Any, fmt: Format | None) -> str:
        """The XML of a cell of value in format fmt after its row number; "" for a cell that
        Worksheet.write takes."""
        if value.__class__ is tuple:  # a text in a format of its own: a shared string or none
            value, fmt = value
            if value.__class__ is not str or not value:
                return ""
        if fmt is None:  # the row's or the column's format may apply: xlsxwriter's part
            return ""
        style = fmt._get_xf_index()
        kind = value.__class__
        if kind is str and value and len(value) <= _LONGEST_TEXT:
            index = self.str_table._get_shared_string_index(value)
            return f'" s="{style}" t="s"><v>{index}</v></c>'
        if kind is int or (kind is float and isfinite(value)):
            return f'" s="{style}"><v>{value:.16G}</v></c>'
        if value is None or value == "":
            return f'" s="{style}"/>'
        return ""

    def _stretch(self, first_row: int, last_row: int, first_col: int, last_col: int) -> None:
        """The sheet's dimension over the cells of those rows and columns, as
        _check_dimensions sets it for each cell (one within the sheet, not in constant_memory
        mode)."""
        if self.dim_rowmin is None or first_row < self.dim_rowmin:
            self.dim_rowmin = first_row
        if self.dim_rowmax is None or last_row > self.dim_rowmax:
            self.dim_rowmax = last_row
        if self.dim_colmin is None or first_col < self.dim_colmin:
            self.dim_colmin = first_col
        if self.dim_colmax is None or last_col > self.dim_colmax:
            self.dim_colmax = last_col

    def _write_one(self, row: int, col: int, value: Any, fmt: Format | None) -> None:
        """A cell the other way: into xlsxwriter's table, its format numbered now, as ours."""
        if value.__class__ is tuple:  # a text in a format of its own
            value, fmt = value
        if fmt is not None:
            fmt._get_xf_index()
        if value.__class__ is str and value:
            self.write_string(row, col, value, fmt)  # text stays text
        else:
            self.write(row, col, value, fmt)

    # Overrides of xlsxwriter's internals -------------------------------------------------

    def _write_rows(self) -> None:
        """Worksheet._write_rows, with the runs: each row's cells in column order. As in
        xlsxwriter's constant_memory mode, rows carry no spans attribute (an optional hint)."""
        if not self.runs:
            super()._write_rows()
            return
        table, row_info, comments, fh = self.table, self.row_info, self.comments, self.fh
        rows = sorted(
            {*self.runs, *(r for r, cells in table.items() if cells), *row_info, *comments}
        )
        # rows without properties of their own, as Worksheet._write_row writes them
        plain = self.default_row_height == self.original_row_height and self.excel_version == 2007
        for row in rows:
            runs, cells, info = self.runs.get(row), table.get(row), row_info.get(row)
            if plain and info is None and not cells and runs and len(runs) == 1 and runs[0][3]:
                fh.write(runs[0][3])
                continue
            written = self._row_xml(row, runs or [])
            if written or cells:
                self._write_row(row, None, info)
                for col in sorted({*written, *(cells or ())}):
                    if cells and col in cells:  # written later than the runs' cell
                        self._write_cell(row, col, cells[col])
                    else:
                        fh.write(written[col])
                self._xml_end_tag("row")
            elif info is not None or row in comments:  # a row height or a comment only
                self._write_empty_row(row, None, info)

    def _row_xml(self, row: int, runs: list[Run]) -> dict[int, str]:
        """Each column's cell XML on row, the last run's where runs overlap."""
        number, written = str(row + 1), {}
        for col, tails, _, _ in runs:
            for index, tail in enumerate(tails, start=col):
                if tail:
                    written[index] = f'<c r="{self.column_names[index]}{number}{tail}'
        return written

    def _get_range_data(self, row_start: int, col_start: int, row_end: int, col_end: int) -> Any:
        """Worksheet._get_range_data (the data a chart caches), with the runs' values."""
        if not self.runs:
            return super()._get_range_data(row_start, col_start, row_end, col_end)
        data: list[Any] = []
        for row in range(row_start, row_end + 1):
            values, cells = _row_values(self.runs.get(row, [])), self.table.get(row) or {}
            if not values:
                data.extend(super()._get_range_data(row, col_start, row, col_end))
                continue
            for col in range(col_start, col_end + 1):
                if col in values and col not in cells:
                    data.append(_cached(values[col]))
                else:
                    data.extend(super()._get_range_data(row, col, row, col))
        return data


def _own_columns(col: int, tails: Sequence[str]) -> tuple[int, int]:
    """The first and last column of a run's own cells (first > last: none)."""
    first = next((i for i, tail in enumerate(tails) if tail), len(tails))
    last = next((i for i in range(len(tails) - 1, -1, -1) if tails[i]), -1)
    return col + first, col + last


def _row_values(runs: list[Run]) -> dict[int, Any]:
    """Each column's value, as _row_xml."""
    values: dict[int, Any] = {}
    for col, tails, given, _ in runs:
        for index, (tail, value) in enumerate(zip(tails, given, strict=True), start=col):
            if tail:
                values[index] = value
    return values


def _cached(value: Any) -> str:
    """A value as a chart caches it, as Worksheet._get_range_data gives it."""
    if value.__class__ is tuple:  # a text in a format of its own
        value = value[0]
    if value is None or value == "":
        return ""
    return value if isinstance(value, str) else f"{value:.16g}"


def _positions(items: Sequence[Any], item: Any) -> Iterator[int]:
    """Where item is in items (is it, or equal to it), found at C speed."""
    at = -1
    with suppress(ValueError):
        while True:
            at = items.index(item, at + 1)
            yield at
