"""Structural changes to a written .xlsx, made with openpyxl as a user's spreadsheet program
would make them: rename a header, move a column, put a title row above the header.

The Excel Table, validations and column widths move along, so Excel opens the result
without repairs. Files are saved with fixed timestamps: the same change gives the same bytes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from toolkit.io.atomic import atomic_path
from toolkit.template import FIXED_CREATED

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class _FixedTimeZip(ZipFile):
    """A zip archive whose members all carry the same timestamp."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = ZipInfo(zinfo_or_arcname, date_time=_ZIP_TIME)
            zinfo_or_arcname.compress_type = ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        # openpyxl writes worksheets from temporary files, which carry the current time.
        self.writestr(str(arcname or filename), Path(filename).read_bytes())


def _save(workbook: Workbook, target: Path) -> None:
    workbook.properties.modified = FIXED_CREATED
    with atomic_path(target) as temporary:
        archive = _FixedTimeZip(temporary, "w", ZIP_DEFLATED)
        ExcelWriter(workbook, archive).save()  # closes the archive


def _edit(path: Path, sheet: str, change: Callable[[Worksheet], str]) -> str:
    """Apply change to one sheet of the file in place; return the cell it names."""
    workbook = load_workbook(path)
    cell = change(workbook[sheet])
    _save(workbook, path)
    return cell


def _header_column(worksheet: Worksheet, header: str, row: int = 1) -> int:
    for cell in worksheet[row]:
        if cell.value == header:
            return int(cell.column)
    raise KeyError(header)


def rename_header(path: Path, sheet: str, header: str, new: str) -> str:
    """Give a column another header text (a typo); return the header cell."""

    def change(worksheet: Worksheet) -> str:
        column = _header_column(worksheet, header)
        worksheet.cell(1, column).value = new
        for table in worksheet.tables.values():
            for table_column in table.tableColumns:
                if table_column.name == header:
                    table_column.name = new
        return f"{get_column_letter(column)}1"

    return _edit(path, sheet, change)


def move_column_to_end(path: Path, sheet: str, header: str) -> str:
    """Move a column behind the last one; return its new header cell."""

    def change(worksheet: Worksheet) -> str:
        moved = _header_column(worksheet, header)
        width, height = worksheet.max_column, worksheet.max_row
        letter = get_column_letter
        worksheet.move_range(f"{letter(moved)}1:{letter(moved)}{height}", cols=width + 1 - moved)
        worksheet.move_range(f"{letter(moved + 1)}1:{letter(width + 1)}{height}", cols=-1)
        order = [c for c in range(1, width + 1) if c != moved] + [moved]
        new_position = {old: new for new, old in enumerate(order, start=1)}
        _permute_dimensions(worksheet, order)
        for validation in worksheet.data_validations.dataValidation:
            validation.sqref = " ".join(
                _move_range(str(r), new_position) for r in validation.sqref.ranges
            )
        for table in worksheet.tables.values():
            table.tableColumns = [table.tableColumns[old - 1] for old in order]
        return f"{letter(width)}1"

    return _edit(path, sheet, change)


def _permute_dimensions(worksheet: Worksheet, order: list[int]) -> None:
    dimensions = worksheet.column_dimensions
    saved = [copy.copy(dimensions[get_column_letter(old)]) for old in order]
    for new, dimension in enumerate(saved, start=1):
        dimension.index = get_column_letter(new)
        dimension.min = dimension.max = new
        dimensions[get_column_letter(new)] = dimension


def _bounds(cells: str) -> tuple[int, int, int, int]:
    min_col, min_row, max_col, max_row = range_boundaries(cells)
    assert min_col and min_row and max_col and max_row, f"{cells} is a bounded range"
    return min_col, min_row, max_col, max_row


def _move_range(cells: str, new_position: dict[int, int]) -> str:
    """A range within one column, moved to that column's new position."""
    min_col, min_row, max_col, max_row = _bounds(cells)
    assert min_col == max_col, "validations here cover one column each"
    letter = get_column_letter(new_position[min_col])
    return f"{letter}{min_row}:{letter}{max_row}"


def insert_title_row(path: Path, sheet: str, title: str) -> str:
    """Put a title in a new first row above the header; return its cell."""

    def change(worksheet: Worksheet) -> str:
        header_height = worksheet.row_dimensions[1].height
        worksheet.insert_rows(1)
        worksheet.row_dimensions[2].height = header_height
        worksheet.row_dimensions[1].height = None
        worksheet["A1"] = title
        worksheet.freeze_panes = "A3"
        for validation in worksheet.data_validations.dataValidation:
            validation.sqref = " ".join(_shift_down(str(r)) for r in validation.sqref.ranges)
        for table in worksheet.tables.values():
            table.ref = _shift_down(table.ref)
            if table.autoFilter is not None:
                table.autoFilter.ref = _shift_down(table.autoFilter.ref)
        return "A1"

    return _edit(path, sheet, change)


def _shift_down(cells: str) -> str:
    min_col, min_row, max_col, max_row = _bounds(cells)
    first, last = get_column_letter(min_col), get_column_letter(max_col)
    return f"{first}{min_row + 1}:{last}{max_row + 1}"
