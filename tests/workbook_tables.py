"""Test input at a glance: small markdown tables turned into real workbooks.

    write_workbook(path, {"Sleutelpersonen": '''
        | Persoon-ID | Naam  | Startdatum |
        | SP-001     | Anna  | 2025-03-01 |
    '''})

In a table cell, an ISO date (2025-03-01) becomes a date cell, a number a number cell, text in
double quotes a text cell as is ("2025-03-01" stays text), an empty cell stays empty and
everything else is text. Rows given as Python lists are written as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter
from openpyxl.utils import get_column_letter

from toolkit.schema import GEGEVENS_SHEET, KINDS_BY_ID, SCHEMA_VERSION, kind_by_id
from toolkit.template import KIND_PROPERTY, VERSION_PROPERTY

Rows = list[list[Any]]
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def table(text: str) -> Rows:
    """The rows of a markdown table (separator lines like |---| are skipped)."""
    rows = []
    for line in text.strip().splitlines():
        line = line.strip()
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        rows.append([_cell(part.strip()) for part in line.strip("|").split("|")])
    return rows


def _cell(text: str) -> Any:
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        return text[1:-1]
    if _ISO.fullmatch(text):
        return date.fromisoformat(text)
    if _NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    return text


def gegevens(
    gemeente: str = "Testdam", periode: str = "2026-K3", datum: date | str = date(2026, 10, 5)
) -> Rows:
    return [["Gemeente", gemeente], ["Periode", periode], ["Datum ingevuld", datum]]


def cell(kind: str, sheet: str, header: str, row: int) -> str:
    """Where write_workbook puts a column of a full-header sheet: its template position."""
    return f"{get_column_letter(_headers(kind, sheet).index(header) + 1)}{row}"


def _headers(kind: str, sheet: str) -> list[str]:
    return [column.header for column in kind_by_id(kind).sheet(sheet).columns]


def _full_header(rows: Rows, headers: list[str]) -> Rows:
    """The rows laid out with every template column in its place (missing ones empty), the
    table's own extra columns after them."""
    extra = [h for h in rows[0] if h not in headers]
    order = headers + extra
    where = [order.index(h) for h in rows[0]]
    result = []
    for row in rows:
        laid = [""] * len(order)
        for position, value in zip(where, row, strict=False):
            laid[position] = value
        result.append(laid)
    result[0] = order
    return result


def write_workbook(
    path: Path,
    sheets: Mapping[str, str | Rows],
    *,
    kind: str | None = None,
    version: str | None = SCHEMA_VERSION,
    full_header: bool = True,
) -> Path:
    """An .xlsx written by xlsxwriter. With kind: the template's custom properties (unless
    version is None), and with full_header each data sheet gets every template column in
    its template place, so that a table need only show the columns a test is about."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    if kind is not None and version is not None:
        book.set_custom_property(KIND_PROPERTY, kind)
        book.set_custom_property(VERSION_PROPERTY, version)
    dates = book.add_format({"num_format": "dd-mm-yyyy"})
    schema_sheets = {s.name for s in KINDS_BY_ID[kind].sheets} if kind in KINDS_BY_ID else set()
    for name, content in sheets.items():
        sheet = book.add_worksheet(name)
        rows = table(content) if isinstance(content, str) else content
        if full_header and name in schema_sheets and rows:
            rows = _full_header(rows, _headers(kind or "", name))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                _write(sheet, r, c, value, dates)
    book.close()
    return path


def _write(sheet: Any, r: int, c: int, value: Any, dates: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, (date, datetime)):
        sheet.write_datetime(r, c, value, dates)
    elif isinstance(value, bool):
        sheet.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        sheet.write_number(r, c, value)
    else:
        sheet.write_string(r, c, value)


def write_with_openpyxl(path: Path, sheets: Mapping[str, Rows], *, kind: str) -> Path:
    """An .xlsx written by openpyxl (so without custom properties): formulas stay without a
    computed value and strings like "#REF!" become error cells, as a broken formula leaves
    them. Data sheets get the full header as in write_workbook."""
    book = openpyxl.Workbook()
    assert book.active is not None
    book.remove(book.active)
    schema_sheets = {s.name for s in kind_by_id(kind).sheets}
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        if name in schema_sheets:
            rows = _full_header(rows, _headers(kind, name))
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def register_workbook(path: Path, rows: str | Rows, **options: Any) -> Path:
    """A register with Gegevens and the given Sleutelpersonen rows (header included)."""
    return write_workbook(
        path,
        {GEGEVENS_SHEET: gegevens(**options), "Sleutelpersonen": rows},
        kind="register",
    )
