"""Reading the data rows of one sheet into records: every cell converted by its column's
converter, then the rules of one row (required, required_when, expected_when, only_when).

The work goes column by column: a converter mapped over a column costs little more than the
converter itself, which keeps a 100,000-row register within seconds.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from itertools import repeat
from typing import Any

from toolkit.findings import make_finding
from toolkit.records import ParsedSheet, Record, Value
from toolkit.schema.model import Column, When
from toolkit.template import condition_text
from toolkit.validate.coerce import Issue, column_converter
from toolkit.validate.locate import Layout
from toolkit.validate.reader import (
    ERROR_VALUES,
    FORMULA,
    UNCALCULATED,
    RawSheet,
    column_letter,
)
from toolkit.validate.sink import Sink


def holds(when: When, values: dict[str, Value]) -> bool:
    """Whether a row's condition holds, on its cleaned values."""
    value = values.get(when.column)
    result = value is not None if when.values is None else value in when.values
    return not result if when.negate else result


def _blank(row: list[Any]) -> bool:
    """Whether a row looks empty: nothing, or only spaces. A cell holding 0 is not empty."""
    first = row[0] if row else ""
    if first and (first.__class__ is not str or not first.isspace()):
        return False  # the usual data row: its first cell filled
    if any(row):  # at C speed; then stop at the first cell with more than spaces
        return not any(value.__class__ is not str or value.strip() for value in row)
    return all(value == "" for value in row)


def read_rows(raw: RawSheet, layout: Layout, sink: Sink) -> ParsedSheet:
    """Records for every non-empty row below the header; an empty row between data rows is
    one warning per run of empty rows; empty rows at the bottom are ignored."""
    kept = _data_rows(raw.rows, layout, sink)
    data = [raw.rows[r] for r in kept]
    width = 1 + max(layout.columns.values(), default=0)
    if data and min(map(len, data)) < width:
        data = [row + [""] * (width - len(row)) for row in data]
    count = len(kept)
    # Rows are at least width long (longer ones are cut to the shortest): no column is lost.
    transposed = list(zip(*data, strict=False))
    columns: dict[str, list[Value]] = {}
    for key, index in layout.columns.items():
        column = layout.schema.column(key)
        cells = transposed[index] if count else ()
        columns[key] = _convert_column(cells, kept, index, column, layout.sheet, sink)
    if raw.special:
        _special_cells(raw, kept, columns, layout, sink)
    keys = [column.key for column in layout.schema.columns]
    empty: list[Value] = [None] * count
    ordered = [columns.get(key, empty) for key in keys]
    collecting = gc.isenabled()
    gc.disable()  # a register builds 100,000 dicts at once; collecting meanwhile is waste
    try:
        rows = [r + 1 for r in kept]
        records = list(
            map(Record, rows, map(dict, map(zip, repeat(keys), zip(*ordered, strict=True))))
        )
    finally:
        if collecting:
            gc.enable()
    _row_rules(records, columns, layout, sink)
    return ParsedSheet(layout.schema.name, records)


def _data_rows(rows: list[list[Any]], layout: Layout, sink: Sink) -> list[int]:
    """0-based indexes of the non-empty rows below the header, reporting gaps."""
    last = len(rows) - 1
    while last > layout.header_row and _blank(rows[last]):
        last -= 1
    kept: list[int] = []
    gap_start: int | None = None
    for r in range(layout.header_row + 1, last + 1):
        if _blank(rows[r]):
            gap_start = r if gap_start is None else gap_start
            continue
        if gap_start is not None and kept:  # empty rows right below the header are fine
            _report_gap(layout, gap_start, r, sink)
        gap_start = None
        kept.append(r)
    return kept


def _report_gap(layout: Layout, start: int, end: int, sink: Sink) -> None:
    rows = f"Regel {start + 1} is" if end - start == 1 else f"Regels {start + 1} t/m {end} zijn"
    sink.add(
        make_finding(
            "empty_row", sheet=layout.sheet, cell=f"A{start + 1}", row=start + 1, rows=rows
        )
    )


def _convert_column(
    raw: Sequence[Any], kept: list[int], index: int, column: Column, sheet: str, sink: Sink
) -> list[Value]:
    converted: list[Any] = column_converter(column)(raw)
    if Issue not in set(map(type, converted)):
        return converted  # the usual column: nothing to report
    problems = [i for i, value in enumerate(converted) if value.__class__ is Issue]
    letter = column_letter(index)
    for i in problems:
        issue: Issue = converted[i]
        value = raw[i]
        converted[i] = issue.kept
        code = issue.code
        if isinstance(value, str):
            text = value.strip()
            if not text:
                continue  # only spaces: an empty cell
            if text in ERROR_VALUES:
                code, value = "error_value", text
                converted[i] = None
        row = kept[i] + 1
        sink.add(
            make_finding(
                code,
                sheet=sheet,
                cell=f"{letter}{row}",
                row=row,
                column=column.header,
                value=value,
                **issue.params,
            )
        )
    return converted


def _special_cells(
    raw: RawSheet, kept: list[int], columns: dict[str, list[Value]], layout: Layout, sink: Sink
) -> None:
    """Formula cells (a note, the computed value kept) and error values or formulas without
    a computed value (the cell counts as empty)."""
    position = {r: i for i, r in enumerate(kept)}
    keys = {index: key for key, index in layout.columns.items()}
    for (r, c), mark in sorted(raw.special.items()):
        key = keys.get(c)
        if key is None or r not in position:
            continue
        if mark == FORMULA:
            code, value = "formula", raw.rows[r][c]
        else:
            code, value = (
                ("formula_uncalculated", None) if mark == UNCALCULATED else ("error_value", mark)
            )
            columns[key][position[r]] = None
        sink.add(
            make_finding(
                code,
                sheet=layout.sheet,
                cell=f"{column_letter(c)}{r + 1}",
                row=r + 1,
                column=layout.schema.column(key).header,
                value=value,
            )
        )


def _row_rules(
    records: list[Record], columns: dict[str, list[Value]], layout: Layout, sink: Sink
) -> None:
    schema = layout.schema
    for column in schema.columns:
        cleaned = columns.get(column.key)
        if cleaned is None:
            continue
        conditional = (column.required_when, column.expected_when)
        if column.required or any(conditional):
            for i in [i for i, value in enumerate(cleaned) if value is None]:
                _check_empty(column, records[i], layout, sink)
        if column.only_when is not None:
            for i in [i for i, value in enumerate(cleaned) if value is not None]:
                if not holds(column.only_when, records[i].values):
                    _add_rule(column, records[i], "only_when", column.only_when, layout, sink)


def _check_empty(column: Column, record: Record, layout: Layout, sink: Sink) -> None:
    if column.required:
        _add_rule(column, record, "required", None, layout, sink)
    elif column.required_when is not None and holds(column.required_when, record.values):
        _add_rule(column, record, "required_when", column.required_when, layout, sink)
    elif column.expected_when is not None and holds(column.expected_when, record.values):
        _add_rule(column, record, "expected_when", column.expected_when, layout, sink)


def _add_rule(
    column: Column, record: Record, code: str, when: When | None, layout: Layout, sink: Sink
) -> None:
    sink.add(
        make_finding(
            code,
            sheet=layout.sheet,
            cell=layout.cell(column.key, record.row),
            row=record.row,
            column=column.header,
            value=record.values[column.key],
            condition=condition_text(when, layout.schema) if when is not None else "",
        )
    )
