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
from toolkit.schema.model import Column, SheetSchema, When
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
    by_key = {column.key: column for column in layout.schema.columns}
    columns: dict[str, list[Value]] = {}
    for key, index in layout.columns.items():
        cells = transposed[index] if count else ()
        columns[key] = _convert_column(cells, kept, index, by_key[key], layout.sheet, sink)
    if raw.special:
        _special_cells(raw, kept, columns, layout, sink)
    collecting = gc.isenabled()
    gc.disable()  # a register builds 100,000 dicts at once; collecting meanwhile is waste
    try:
        records = _records(kept, columns, layout.schema)
    finally:
        if collecting:
            gc.enable()
    _row_rules(records, columns, layout, sink)
    return ParsedSheet(layout.schema.name, records, columns=columns)


def _records(kept: list[int], columns: dict[str, list[Value]], schema: SheetSchema) -> list[Record]:
    """One Record per kept row, its values in schema order (None for a column the sheet
    lacks): copies of one template, filled a column at a time, so that each dict is made
    at its final size at once."""
    template: dict[str, Value] = dict.fromkeys(column.key for column in schema.columns)
    dicts = list(map(dict.copy, repeat(template, len(kept))))
    for key, cleaned in columns.items():
        for values, value in zip(dicts, cleaned, strict=True):
            values[key] = value
    return list(map(Record, [r + 1 for r in kept], dicts))


def _data_rows(rows: list[list[Any]], layout: Layout, sink: Sink) -> list[int]:
    """0-based indexes of the non-empty rows below the header, reporting gaps."""
    start = layout.header_row + 1
    blank = [r for r in _doubtful(rows, start) if _blank(rows[r])]
    end = len(rows)
    while blank and blank[-1] == end - 1:  # empty rows at the bottom are ignored
        blank.pop()
        end -= 1
    if not blank:
        return list(range(start, end))  # the usual sheet
    for gap_start, gap_end in _runs(blank):
        if gap_start > start:  # empty rows right below the header are fine
            _report_gap(layout, gap_start, gap_end, sink)
    skipped = set(blank)
    return [r for r in range(start, end) if r not in skipped]


def _doubtful(rows: list[list[Any]], start: int) -> list[int]:
    """Indexes from start of the rows that may be empty: all but those whose first cell
    holds more than spaces (the usual data row, settled here without calling _blank)."""
    return [
        r
        for r, row in enumerate(rows[start:], start)
        if not row or not row[0] or (row[0].__class__ is str and row[0].isspace())
    ]


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """(first, last + 1) of each run of consecutive numbers, for numbers in ascending order."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number:
            runs[-1] = (runs[-1][0], number + 1)
        else:
            runs.append((number, number + 1))
    return runs


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
    converted, doubtful = column_converter(column)(raw)
    if not doubtful or Issue not in set(map(type, converted)):
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
    """The rules of each column, a column at a time: conditions are tested on the cleaned
    column they name (None throughout for a column absent from the sheet)."""
    absent: list[Value] = [None] * len(records)
    for column in layout.schema.columns:
        cleaned = columns.get(column.key)
        if cleaned is None:
            continue
        rules = column.required or column.required_when or column.expected_when
        if rules and None in cleaned:  # at C speed: most such columns are filled throughout
            empty = [i for i, value in enumerate(cleaned) if value is None]
            _empty_rules(column, empty, columns, absent, records, layout, sink)
        when = column.only_when
        if when is not None:
            filled = [i for i, value in enumerate(cleaned) if value is not None]
            allowed = set(_holding(when, columns.get(when.column, absent), filled))
            for i in filled:
                if i not in allowed:
                    _add_rule(column, records[i], "only_when", when, layout, sink)


def _empty_rules(
    column: Column,
    empty: list[int],
    columns: dict[str, list[Value]],
    absent: list[Value],
    records: list[Record],
    layout: Layout,
    sink: Sink,
) -> None:
    """For each row where column is empty: required, else required_when when its condition
    holds, else expected_when when its condition holds."""
    if column.required:
        for i in empty:
            _add_rule(column, records[i], "required", None, layout, sink)
        return
    conditional = (("required_when", column.required_when), ("expected_when", column.expected_when))
    for code, when in conditional:
        if when is None or not empty:
            continue
        met = _holding(when, columns.get(when.column, absent), empty)
        for i in met:
            _add_rule(column, records[i], code, when, layout, sink)
        if met:
            reported = set(met)
            empty = [i for i in empty if i not in reported]


def _holding(when: When, values: list[Value], rows: list[int]) -> list[int]:
    """Those of rows (indexes) where when holds, given the cleaned values of its column:
    holds() for many rows at once."""
    if when.values is None:
        return [i for i in rows if (values[i] is not None) != when.negate]
    return [i for i in rows if (values[i] in when.values) != when.negate]


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
