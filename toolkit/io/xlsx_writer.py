"""Lay a workbook of one kind out as .xlsx with xlsxwriter.

The content (Toelichting lines, Gegevens rows, list columns, input titles) comes from
toolkit.template; this module decides how it looks in Excel: an Excel Table per data sheet,
dropdowns fed by defined names on the very hidden sheet Lijsten, validations with Dutch
messages, and fixed metadata so the same call writes the same bytes.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from toolkit.records import Value
from toolkit.schema import (
    GEGEVENS_SHEET,
    LIJSTEN_SHEET,
    SCHEMA_VERSION,
    TOELICHTING_SHEET,
    Column,
    ColumnType,
    GegevensField,
    Kind,
    SheetSchema,
)
from toolkit.schema.vocabularies import Vocabulary
from toolkit.template import (
    DATE_ERROR,
    EARLIEST_DATE,
    FIXED_CREATED,
    GEGEVENS_WIDTHS,
    KIND_PROPERTY,
    LATEST_DATE,
    LIST_ERROR,
    TEXT_TYPES,
    TOELICHTING_WIDTHS,
    VERSION_PROPERTY,
    WIJK_WARNING,
    Line,
    column_width,
    data_rows,
    gegevens_rows,
    input_title,
    list_name,
    lists,
    number_error,
    table_rows,
    toelichting,
)

DATE_FORMAT = "dd-mm-yyyy"  # Excel shows it as dd-mm-jjjj in a Dutch locale
TEXT_FORMAT = "@"  # keeps leading zeros of phone numbers and IDs
TABLE_STYLE = "Table Style Medium 2"
# Excel's limits on validation messages (xlsxwriter warns and drops the validation beyond).
MAX_TITLE = 32
MAX_MESSAGE = 255
# Toelichting: column widths (characters) and the points a line of text needs.
LINE_HEIGHT = 15.0
LINE_HEIGHTS = {"title": 21.0, "heading": 18.0}
PAPER_A4 = 9
ENTRY_COLOR = "#FFF2CC"
BORDER_COLOR = "#BFBFBF"


@dataclass(frozen=True)
class Styles:
    title: Format
    heading: Format
    header: Format
    text: Format
    label: Format
    date: Format
    plain: Format
    string: Format
    entry: Format  # a Gegevens value cell: shaded so it is clear where to type
    entry_date: Format


def write_xlsx(
    kind: Kind,
    target: Path,
    *,
    gegevens: Mapping[str, Value] | None,
    wijken: Sequence[str],
    data: Mapping[str, Sequence[Mapping[str, Value]]] | None,
) -> None:
    """Write the workbook of a kind to target (a plain write; atomic placement is the
    caller's job)."""
    options = {
        "in_memory": True,  # also fixes the zip entries' timestamps to 1-1-1980
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "nan_inf_to_errors": True,
    }
    workbook = Workbook(str(target), options)
    workbook.set_properties({"title": kind.title, "created": FIXED_CREATED})
    workbook.set_custom_property(KIND_PROPERTY, kind.id)
    workbook.set_custom_property(VERSION_PROPERTY, SCHEMA_VERSION)
    styles = _styles(workbook)
    _write_toelichting(workbook.add_worksheet(TOELICHTING_SHEET), toelichting(kind, wijken), styles)
    _write_gegevens(workbook.add_worksheet(GEGEVENS_SHEET), gegevens, styles)
    for sheet in kind.sheets:
        rows = data_rows(sheet, data)
        _write_data_sheet(workbook.add_worksheet(sheet.name), sheet, rows, wijken, styles)
    _write_lijsten(workbook, lists(kind, wijken))
    workbook.close()


def _styles(workbook: Workbook) -> Styles:
    top = {"valign": "top", "text_wrap": True}
    entry = {"bg_color": ENTRY_COLOR, "border": 1, "border_color": BORDER_COLOR}
    return Styles(
        title=workbook.add_format({"bold": True, "font_size": 14, **top}),
        heading=workbook.add_format({"bold": True, "font_size": 12, **top}),
        header=workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, **top}),
        text=workbook.add_format(top),
        label=workbook.add_format({"bold": True}),
        date=workbook.add_format({"num_format": DATE_FORMAT}),
        plain=workbook.add_format(),
        string=workbook.add_format({"num_format": TEXT_FORMAT}),
        entry=workbook.add_format({"num_format": TEXT_FORMAT, **entry}),
        entry_date=workbook.add_format({"num_format": DATE_FORMAT, **entry}),
    )


def _write_toelichting(worksheet: Worksheet, lines: Sequence[Line], styles: Styles) -> None:
    """The instructions: one-cell lines span all columns, table lines fill one cell each."""
    for col, width in enumerate(TOELICHTING_WIDTHS):
        worksheet.set_column(col, col, width)
    last_col = len(TOELICHTING_WIDTHS) - 1
    for row, line in enumerate(lines):
        style = getattr(styles, line.style)
        if len(line.cells) == 1:
            worksheet.merge_range(row, 0, row, last_col, line.cells[0], style)
            widths = [sum(TOELICHTING_WIDTHS)]
        else:
            for col, text in enumerate(line.cells):
                worksheet.write_string(row, col, text, style)
            widths = list(TOELICHTING_WIDTHS[: len(line.cells)])
        # Excel does not fit the height of merged cells itself, so every row gets one.
        per_line = LINE_HEIGHTS.get(line.style, LINE_HEIGHT)
        worksheet.set_row(row, per_line * _line_count(line.cells, widths))
    worksheet.hide_gridlines(2)
    _print_setup(worksheet)
    worksheet.fit_to_pages(1, 0)
    worksheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})


def _print_setup(worksheet: Worksheet) -> None:
    worksheet.set_paper(PAPER_A4)
    worksheet.set_landscape()


def _line_count(cells: Sequence[str], widths: Sequence[int]) -> int:
    """The wrapped lines the tallest cell needs."""
    return max(_wrapped_lines(text, width) for text, width in zip(cells, widths, strict=True))


@functools.lru_cache(maxsize=1024)  # the same schema texts recur in every workbook
def _wrapped_lines(text: str, width: int) -> int:
    """Lines of text word-wrapped at a column width in characters."""
    return len(textwrap.wrap(text, width)) or 1


def _write_gegevens(
    worksheet: Worksheet, values: Mapping[str, Value] | None, styles: Styles
) -> None:
    """Labels in column A, values in column B, each value cell with its input message."""
    for col, width in enumerate(GEGEVENS_WIDTHS):
        worksheet.set_column(col, col, width)
    for row, (field, value) in enumerate(gegevens_rows(values)):
        worksheet.write_string(row, 0, field.label, styles.label)
        style = styles.entry_date if field.type is ColumnType.DATE else styles.entry
        _write_value(worksheet, row, 1, value, style)
        worksheet.data_validation(row, 1, row, 1, _gegevens_validation(field))


def _gegevens_validation(field: GegevensField) -> dict[str, Any]:
    message = {"input_title": field.label[:MAX_TITLE], "input_message": field.help[:MAX_MESSAGE]}
    if field.type is ColumnType.DATE:
        return {**_date_validation(), **message}
    return {"validate": "any", **message}


def _write_data_sheet(
    worksheet: Worksheet,
    sheet: SheetSchema,
    rows: Sequence[Mapping[str, Value]],
    wijken: Sequence[str],
    styles: Styles,
) -> None:
    """An Excel Table with a frozen header, a format and a validation per column, and rows."""
    last_row = table_rows(rows)
    formats = [_column_format(column, styles) for column in sheet.columns]
    widths = [column_width(column) for column in sheet.columns]
    for col, (width, style) in enumerate(zip(widths, formats, strict=True)):
        worksheet.set_column(col, col, width, style)
    worksheet.add_table(
        0,
        0,
        last_row,
        len(sheet.columns) - 1,
        {
            "name": f"Tabel_{sheet.name}",
            "style": TABLE_STYLE,
            "columns": [
                {"header": c.header, "header_format": styles.header, "format": f}
                for c, f in zip(sheet.columns, formats, strict=True)
            ],
        },
    )
    headers = [c.header for c in sheet.columns]
    worksheet.set_row(0, LINE_HEIGHT * _line_count(headers, widths))
    worksheet.freeze_panes(1, 0)
    _print_setup(worksheet)
    worksheet.repeat_rows(0)
    for col, column in enumerate(sheet.columns):
        worksheet.data_validation(1, col, last_row, col, _column_validation(column, wijken))
    for row, values in enumerate(rows, start=1):
        for col, (column, style) in enumerate(zip(sheet.columns, formats, strict=True)):
            value = values.get(column.key)
            if value is not None:  # an empty cell already has its column's format
                _write_value(worksheet, row, col, value, style)


def _column_format(column: Column, styles: Styles) -> Format:
    if column.type is ColumnType.DATE:
        return styles.date
    if column.type in TEXT_TYPES:
        return styles.string
    return styles.plain


def _column_validation(column: Column, wijken: Sequence[str]) -> dict[str, Any]:
    """The validation of a column's input cells, with its help text as input message."""
    message = {"input_title": input_title(column), "input_message": column.help[:MAX_MESSAGE]}
    source = list_name(column, wijken)
    if source is not None:
        alert = "stop" if column.vocabulary is not None else "warning"
        error = LIST_ERROR if column.vocabulary is not None else WIJK_WARNING
        rule = {"validate": "list", "source": f"={source}", "error_type": alert}
        return {**rule, "error_title": column.header[:MAX_TITLE], "error_message": error, **message}
    if column.type is ColumnType.DATE:
        return {**_date_validation(), **message}
    if column.type in (ColumnType.INTEGER, ColumnType.NUMBER):
        return {**_number_validation(column), **message}
    return {"validate": "any", **message}


def _date_validation() -> dict[str, Any]:
    return {
        "validate": "date",
        "criteria": "between",
        "minimum": EARLIEST_DATE,
        "maximum": LATEST_DATE,
        "error_title": "Geen geldige datum",
        "error_message": DATE_ERROR,
    }


def _number_validation(column: Column) -> dict[str, Any]:
    """Whole or decimal numbers within the schema's minimum and maximum, where given."""
    whole = column.type is ColumnType.INTEGER
    low, high = column.minimum, column.maximum
    bounds: dict[str, Any]
    if low is not None and high is not None:
        bounds = {"criteria": "between", "minimum": low, "maximum": high}
    elif low is not None:
        bounds = {"criteria": ">=", "value": low}
    elif high is not None:
        bounds = {"criteria": "<=", "value": high}
    else:
        bounds = {"criteria": "between", "minimum": -1e15, "maximum": 1e15}
    return {
        "validate": "integer" if whole else "decimal",
        **bounds,
        "error_title": "Geen geldig getal",
        "error_message": number_error(column),
    }


def _write_value(worksheet: Worksheet, row: int, col: int, value: Value, style: Format) -> None:
    """A value with its own type; text is always a text cell, never a formula."""
    if value is None:
        worksheet.write_blank(row, col, None, style)
    elif isinstance(value, str):
        worksheet.write_string(row, col, value, style)
    elif isinstance(value, date):
        worksheet.write_datetime(row, col, value, style)
    else:
        worksheet.write_number(row, col, value, style)


def _write_lijsten(workbook: Workbook, vocabularies: Sequence[Vocabulary]) -> None:
    """One column per list: its name above, its values below, the values a defined name."""
    worksheet = workbook.add_worksheet(LIJSTEN_SHEET)
    sheet = quote_sheetname(LIJSTEN_SHEET)
    for col, vocabulary in enumerate(vocabularies):
        worksheet.set_column(col, col, max(len(v) for v in vocabulary.values) + 2)
        worksheet.write_string(0, col, vocabulary.name)
        for row, value in enumerate(vocabulary.values, start=1):
            worksheet.write_string(row, col, value)
        first = xl_rowcol_to_cell(1, col, row_abs=True, col_abs=True)
        last = xl_rowcol_to_cell(len(vocabulary.values), col, row_abs=True, col_abs=True)
        workbook.define_name(vocabulary.name, f"={sheet}!{first}:{last}")
    worksheet.very_hidden()
