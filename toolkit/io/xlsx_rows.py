"""An xlsxwriter worksheet that takes its cells a run at a time and writes a row's XML in one
piece.

xlsxwriter keeps a tuple per cell and, when the workbook closes, writes each cell's XML through
a chain of calls; for a quarter of a million cells (a national summary) that is most of the
time spent. RowSheet.write_cells renders a run of plain cells to XML as it is given: an int or
a finite float as a number, a str as text (always text, as write_string does), None or "" as
an empty cell with its format. The shared-string and format indexes are xlsxwriter's own, so
the sheet holds the XML xlsxwriter writes for the same cells.

Any other cell (another type, a text longer than a cell takes, a cell without a format) goes
through Worksheet.write, and everything else about the sheet (row heights, merged cells,
panes, charts) is xlsxwriter's. write_cells and the overrides below rely on xlsxwriter's
internals (those of 3.3, the lowest release pyproject.toml allows: the shared-string table and
its count, the sheet's dimension, the row writing): tests/test_xlsx_rows.py compares the XML
with xlsxwriter's own, byte for byte, so a release that changes them fails there.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import isfinite
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

# The longest text taken whole; Worksheet.write_string truncates a longer one to Excel's
# 32767 UTF-16 units (a character takes at most two).
_LONGEST_TEXT = 32767 // 2

# A run of cells on a row: its first column, each cell's XML ("" for a cell that went through
# Worksheet.write), and the values, for the charts' caches.
Run = tuple[int, list[str], Sequence[Any]]


class _NumberTexts(dict[int | float, str]):
    """A number's text in a cell ({:.16G}, as xlsxwriter writes it), made once. An int and
    the float equal to it have the same text: int formats a float presentation as float."""

    def __missing__(self, value: int | float) -> str:
        text = self[value] = f"{value:.16G}"
        return text


class RowSheet(Worksheet):  # type: ignore[misc]  # xlsxwriter has no py.typed
    """A Worksheet with write_cells, for large tables of plain values."""

    # Worksheet's dimension of the sheet (None: nothing in it yet), which _stretch widens
    dim_rowmin: int | None
    dim_rowmax: int | None
    dim_colmin: int | None
    dim_colmax: int | None

    def __init__(self) -> None:
        super().__init__()
        self.runs: dict[int, list[Run]] = {}
        self.style_attributes: dict[Format, str] = {}  # a format's s="index" of a cell
        self.column_names: list[str] = []  # A, B, ..., Z, AA, ... as far as written
        self.number_texts = _NumberTexts()

    def write_cells(
        self, row: int, col: int, values: Sequence[Any], formats: Sequence[Format | None]
    ) -> None:
        """Write values on row from column col on, each with its format (as many formats
        as values). Of two writes to a cell the last counts, here or through another method."""
        if not values:
            return
        last = col + len(values) - 1
        if (
            self.constant_memory  # rows are written as they come: nowhere to keep runs
            or not (0 <= row < self.xls_rowmax and col >= 0 and last < self.xls_colmax)
        ):
            for index, (value, fmt) in enumerate(zip(values, formats, strict=True), start=col):
                self._write_one(row, index, value, fmt)
            return
        while len(self.column_names) <= last:
            self.column_names.append(xl_col_to_name(len(self.column_names)))
        refs, number = self.column_names[col : last + 1], str(row + 1)
        styles, numbers = self.style_attributes, self.number_texts
        strings, shared = self.str_table.string_table, self.str_table._get_shared_string_index
        xml: list[str] = []
        whole = True  # every cell written here
        again = 0  # texts already in the shared strings: each use counts there
        for ref, value, fmt in zip(refs, values, formats, strict=True):
            style = styles.get(fmt)
            if style is None and fmt is not None:
                style = styles[fmt] = f' s="{fmt._get_xf_index()}"'
            kind = value.__class__
            if style is None:  # the row's or the column's format may apply: xlsxwriter's part
                whole = False
                self._write_one(row, col + len(xml), value, fmt)
                xml.append("")
            elif kind is str and value and len(value) <= _LONGEST_TEXT:
                index = strings.get(value)
                if index is None:
                    index = shared(value)
                else:
                    again += 1
                xml.append(f'<c r="{ref}{number}"{style} t="s"><v>{index}</v></c>')
            elif kind is int or (kind is float and isfinite(value)):
                # 0.0 and -0.0 are one key but two texts: a float zero is not looked up
                text = numbers[value] if value or kind is int else f"{value:.16G}"
                xml.append(f'<c r="{ref}{number}"{style}><v>{text}</v></c>')
            elif value is None or value == "":
                xml.append(f'<c r="{ref}{number}"{style}/>')
            else:
                whole = False
                self._write_one(row, col + len(xml), value, fmt)
                xml.append("")
        self.str_table.count += again
        stock = self.table.get(row)
        if stock:  # cells written the other way before: the run's own replace them
            for index, cell in enumerate(xml, start=col):
                if cell:
                    stock.pop(index, None)
        first, end = (col, last) if whole else _own_columns(col, xml)
        if first <= end:
            self._stretch(row, first, end)
        run = (col, xml, tuple(values))
        runs = self.runs.get(row)
        if runs is None:
            self.runs[row] = [run]
        else:
            runs.append(run)

    def _stretch(self, row: int, first: int, last: int) -> None:
        """The sheet's dimension over cells first to last of row, as _check_dimensions sets
        it for each cell (one within the sheet, not in constant_memory mode)."""
        if self.dim_rowmin is None or row < self.dim_rowmin:
            self.dim_rowmin = row
        if self.dim_rowmax is None or row > self.dim_rowmax:
            self.dim_rowmax = row
        if self.dim_colmin is None or first < self.dim_colmin:
            self.dim_colmin = first
        if self.dim_colmax is None or last > self.dim_colmax:
            self.dim_colmax = last

    def _write_one(self, row: int, col: int, value: Any, fmt: Format | None) -> None:
        """A cell the other way: into xlsxwriter's table."""
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
            if plain and info is None and not cells and runs and len(runs) == 1:
                line = "".join(runs[0][1])
                if line:
                    fh.write(f'<row r="{row + 1}">{line}</row>')
                    continue
            written = _row_xml(runs or [])
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


def _own_columns(col: int, xml: list[str]) -> tuple[int, int]:
    """The first and last column of a run's own cells (first > last: none)."""
    first = next((i for i, cell in enumerate(xml) if cell), len(xml))
    last = next((i for i in range(len(xml) - 1, -1, -1) if xml[i]), -1)
    return col + first, col + last


def _row_xml(runs: list[Run]) -> dict[int, str]:
    """Each column's cell XML, the last run's where runs overlap."""
    written: dict[int, str] = {}
    for col, xml, _ in runs:
        for index, cell in enumerate(xml, start=col):
            if cell:
                written[index] = cell
    return written


def _row_values(runs: list[Run]) -> dict[int, Any]:
    """Each column's value, as _row_xml."""
    values: dict[int, Any] = {}
    for col, xml, given in runs:
        for index, (cell, value) in enumerate(zip(xml, given, strict=True), start=col):
            if cell:
                values[index] = value
    return values


def _cached(value: Any) -> str:
    """A value as a chart caches it, as Worksheet._get_range_data gives it."""
    if value is None or value == "":
        return ""
    return value if isinstance(value, str) else f"{value:.16g}"
