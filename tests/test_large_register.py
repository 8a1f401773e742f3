"""A register of 100,000 rows (issue 4, hostile and broken files): read in full, every row
accounted for, and a mistake at the very end still found at its cell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xlsxwriter

from toolkit.findings import Severity
from toolkit.schema import GEGEVENS_SHEET, kind_by_id
from toolkit.validate import validate_workbook

ROWS = 100_000
SHEET = kind_by_id("register").sheets[0]
KEYS = ("person_id", "name", "wijk", "role", "core_group", "start_date", "consent_date")


def _write_register(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    gegevens = book.add_worksheet(GEGEVENS_SHEET)
    gegevens.write_row(0, 0, ["Gemeente", "Grootstad"])  # constant_memory: row by row
    gegevens.write_row(1, 0, ["Periode", "2026-K3"])
    sheet = book.add_worksheet(SHEET.name)
    dates = book.add_format({"num_format": "dd-mm-yyyy"})
    # every header (a header row holds at least half of them), data in the first few only
    sheet.write_row(0, 0, [SHEET.column(key).header for key in KEYS])
    others = [c.header for c in SHEET.columns if c.key not in KEYS]
    sheet.write_row(0, len(KEYS), others)
    for row in range(1, ROWS + 1):
        role = "Onbekende rol" if row == ROWS else "Verbinder"  # the last row is wrong
        sheet.write_row(row, 0, [f"SP-{row:06d}", f"Persoon {row}", "Centrum", role, "Nee"])
        sheet.write_datetime(row, 5, date(2024, 1, 1 + row % 28), dates)
        sheet.write_datetime(row, 6, date(2024, 2, 1 + row % 28), dates)
    book.close()


def test_a_100000_row_register_is_read_in_full(tmp_path: Path) -> None:
    path = tmp_path / "groot-register.xlsx"
    _write_register(path)
    parsed = validate_workbook(path, today=date(2026, 10, 5))
    assert parsed.kind == "register"
    records = parsed.sheets[SHEET.name].records
    assert len(records) == ROWS
    assert records[-1].row == ROWS + 1 and records[-1].has_error
    errors = [f for f in parsed.findings if f.severity is Severity.ERROR]
    assert [(f.code, f.cell) for f in errors] == [("not_in_list", f"D{ROWS + 1}")]
