"""Helpers for the statistics tests: small registers written as markdown tables, turned into
the ParsedWorkbook the validator hands over (pyxform style: the input is visible in the test).

Headers are the Dutch headers of the schema; a cell of a date column holds an ISO date, a
cell of an integer column a number, an empty cell None. A column "(fout)" holding x marks the
row as having an error (the validator's has_error)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from toolkit.records import ParsedSheet, ParsedWorkbook, Record, Value
from toolkit.schema import ColumnType, kind_by_id

ERROR_MARK = "(fout)"


def table(text: str) -> list[dict[str, str]]:
    """Markdown table -> rows: "a | b" over "1 | 2" gives [{"a": "1", "b": "2"}]. Outer
    pipes are optional, separator lines skipped, missing trailing cells empty."""
    rows = []
    for line in (line.strip() for line in text.strip().splitlines()):
        cells = [cell.strip() for cell in line.split("|")]
        if line.startswith("|"):
            cells = cells[1:-1]
        if line and not set(line) <= set("|-: "):
            rows.append(cells)
    header, body = rows[0], rows[1:]
    return [dict(zip(header, row + [""] * (len(header) - len(row)), strict=True)) for row in body]


def _cell(column_type: ColumnType, text: str) -> Value:
    if not text:
        return None
    if column_type is ColumnType.DATE:
        return date.fromisoformat(text)
    if column_type is ColumnType.INTEGER:
        return int(text)
    if column_type is ColumnType.NUMBER:
        return float(text)
    return text


def sheet(kind_id: str, sheet_name: str, text: str) -> ParsedSheet:
    schema = kind_by_id(kind_id).sheet(sheet_name)
    by_header = {c.header: c for c in schema.columns} | {
        alias: c for c in schema.columns for alias in c.aliases
    }
    records = []
    for number, row in enumerate(table(text), start=2):
        values = {
            by_header[h].key: _cell(by_header[h].type, v) for h, v in row.items() if h != ERROR_MARK
        }
        records.append(Record(number, values, has_error=row.get(ERROR_MARK) == "x"))
    return ParsedSheet(sheet_name, records)


def workbook(
    kind_id: str, gemeente: str, periode: str | None = "2026-K3", **sheets: str
) -> ParsedWorkbook:
    """sheets: sheet name -> markdown table (a sheet left out has no rows)."""
    parsed = {name: sheet(kind_id, name, text) for name, text in sheets.items()}
    return ParsedWorkbook(
        Path(f"{gemeente}-{kind_id}.xlsx"),
        kind_id,
        "1",
        gegevens={"gemeente": gemeente, "periode": periode},
        sheets=parsed,
    )


def register(gemeente: str, text: str, periode: str | None = "2026-K3") -> ParsedWorkbook:
    return workbook("register", gemeente, periode, Sleutelpersonen=text)
