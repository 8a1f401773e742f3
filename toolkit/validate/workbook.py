"""One workbook alone: read it, recognise it, and check everything that needs no other file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from toolkit.findings import Finding, Severity, make_finding
from toolkit.records import ParsedSheet, ParsedWorkbook
from toolkit.schema import GEGEVENS_SHEET, Kind
from toolkit.validate.checks import Context, run_checks
from toolkit.validate.coerce import normalise
from toolkit.validate.gegevens import read_gegevens
from toolkit.validate.keys import broken_references, references_of, target_values, unique_keys
from toolkit.validate.locate import find_layout, find_sheet, recognise_kind
from toolkit.validate.reader import RawWorkbook, column_letter, open_workbook
from toolkit.validate.rows import read_rows
from toolkit.validate.sink import Sink


def validate_workbook(path: Path, *, today: date | None = None) -> ParsedWorkbook:
    """Read and check one workbook on its own. Raises UnreadableFileError when the file is
    not a readable spreadsheet; every problem in its content is a finding."""
    sink = Sink()
    with open_workbook(path) as book:
        sink.extend(book.findings)
        kind, version, findings = recognise_kind(book.properties, book.sheet_names)
        sink.extend(findings)
        parsed = ParsedWorkbook(path, kind.id if kind else None, version, data=book.data)
        parsed.gegevens = read_gegevens(book, sink)
        if kind is not None:
            parsed.sheets = _read_sheets(book, kind, sink)
    if kind is not None:
        filled = parsed.gegevens.get("datum_ingevuld")
        today = filled if isinstance(filled, date) else today or date.today()
        _check_sheets(kind, parsed.sheets, Context(today, parsed.sheets), sink)
    parsed.findings = in_reading_order(sink.findings, kind)
    mark_errors(parsed)
    return parsed


def in_reading_order(findings: list[Finding], kind: Kind | None) -> list[Finding]:
    """The file's own findings first, then Gegevens, then each sheet in template order,
    row by row and left to right within a sheet."""
    order = {normalise(GEGEVENS_SHEET): 1}
    if kind is not None:
        order.update({normalise(s.name): i for i, s in enumerate(kind.sheets, start=2)})

    def key(finding: Finding) -> tuple[int, int, int, str]:
        sheet = 0 if finding.sheet is None else order.get(normalise(finding.sheet), 99)
        letters = (finding.cell or "").rstrip("0123456789")
        return sheet, finding.row or 0, len(letters), letters

    return sorted(findings, key=key)


def _read_sheets(book: RawWorkbook, kind: Kind, sink: Sink) -> dict[str, ParsedSheet]:
    sheets: dict[str, ParsedSheet] = {}
    for position, schema in enumerate(kind.sheets):
        name = find_sheet(book.sheet_names, schema.name)
        if name is None:
            severity = Severity.ERROR if position == 0 else Severity.WARNING
            sink.add(make_finding("sheet_missing", severity=severity, sheet=schema.name))
            continue
        raw = book.sheet(name)
        if not any(any(row) for row in raw.rows):
            sheets[schema.name] = ParsedSheet(schema.name, source=name)
            continue  # an empty sheet: nothing to check, no rows to count
        layout = find_layout(raw.rows, schema, name)
        if layout is None:
            headers = ", ".join(column.header for column in schema.columns[:6])
            sink.add(make_finding("header_missing", sheet=name, headers=headers + ", …"))
            continue
        sink.extend(layout.findings)
        sheet = read_rows(raw, layout, sink)
        sheet.source = name
        sheet.letters = {key: column_letter(index) for key, index in layout.columns.items()}
        sheets[schema.name] = sheet
    return sheets


def _check_sheets(kind: Kind, sheets: dict[str, ParsedSheet], context: Context, sink: Sink) -> None:
    for schema in kind.sheets:
        sheet = sheets.get(schema.name)
        if sheet is None:
            continue
        sink.extend(list(run_checks(schema, sheet, context)))
        sink.extend(list(unique_keys(schema, sheet)))
        for ref in references_of(schema):
            target = sheets.get(ref.sheet)
            if ref.kind != kind.id or target is None or ref.column not in target.letters:
                continue
            header = kind.sheet(ref.sheet).column(ref.column).header
            where = f"kolom {header} op blad {target.source}"
            values = target_values([target], ref.column)
            sink.extend(list(broken_references(schema, sheet, ref, values, where)))


def mark_errors(parsed: ParsedWorkbook) -> None:
    """Set has_error on every record with an error finding in one of its cells."""
    rows = {
        (finding.sheet, finding.row)
        for finding in parsed.findings
        if finding.severity is Severity.ERROR and finding.row is not None
    }
    sheets = {sheet for sheet, _ in rows}
    for sheet in parsed.sheets.values():
        if sheet.source not in sheets:
            continue  # records start without errors and findings are only ever added
        for record in sheet.records:
            record.has_error = (sheet.source, record.row) in rows


def unreadable(path: Path, reason: str) -> ParsedWorkbook:
    """The entry of a file that could not be read at all."""
    parsed = ParsedWorkbook(path, None, None)
    parsed.findings = [make_finding("unreadable", reason=reason)]
    return parsed
