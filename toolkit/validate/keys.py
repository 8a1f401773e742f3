"""Keys: unique columns within a sheet, and references to IDs on another sheet, in the same
workbook or in another workbook of the same municipality."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from toolkit.findings import Finding, Severity, display, make_finding
from toolkit.records import ParsedSheet, Value
from toolkit.schema.model import Column, Ref, SheetSchema


def unique_keys(schema: SheetSchema, sheet: ParsedSheet) -> Iterator[Finding]:
    """A second row with the same key (all parts filled): an error on its first key cell."""
    records = sheet.records
    for key in schema.unique:
        if not all(part in sheet.letters for part in key):
            continue
        parts = list(zip(*[sheet.columns[part] for part in key], strict=True))
        if len(set(parts)) == len(parts):
            continue  # no two rows alike, the usual sheet
        columns = [schema.column(part) for part in key]
        seen: dict[tuple[Value, ...], int] = {}
        for record, values in zip(records, parts, strict=True):
            if None in values:
                continue
            first = seen.setdefault(values, record.row)
            if first != record.row:
                yield make_finding(
                    "duplicate_key",
                    sheet=sheet.source,
                    cell=sheet.cell(key[0], record.row),
                    row=record.row,
                    column=columns[0].header,
                    value=values[0],
                    what=_describe(columns, values),
                    first_row=first,
                )


def _describe(columns: list[Column], values: tuple[Value, ...]) -> str:
    parts = [
        f'{column.header} "{value}"'
        if isinstance(value, str)
        else f"{column.header} {display(value)}"
        for column, value in zip(columns, values, strict=True)
    ]
    return " met ".join(parts)


def target_values(sheets: Iterable[ParsedSheet], column: str) -> set[Value]:
    """Every value of a column on the given sheets: the IDs a reference may point to."""
    found: set[Value] = set().union(*(sheet.columns.get(column, ()) for sheet in sheets))
    found.discard(None)
    return found


def broken_references(
    schema: SheetSchema,
    sheet: ParsedSheet,
    ref: Ref,
    targets: set[Value],
    where: str,
) -> Iterator[Finding]:
    """Each value of the columns that reference ref and is not among targets."""
    for column in schema.columns:
        if column.references != ref or column.key not in sheet.letters:
            continue
        key = column.key
        missing = set(sheet.columns[key]) - targets
        missing.discard(None)
        if not missing:
            continue  # every reference found, the usual column
        severity = Severity(column.reference_severity)
        for record in sheet.records:
            value = record.values[key]
            if value in missing:
                yield make_finding(
                    "reference_missing",
                    severity=severity,
                    sheet=sheet.source,
                    cell=sheet.cell(key, record.row),
                    row=record.row,
                    column=column.header,
                    value=value,
                    target=where,
                )


def references_of(schema: SheetSchema) -> set[Ref]:
    return {column.references for column in schema.columns if column.references is not None}
