"""A workbook saved by LibreOffice (headless) validates the same as the original: the .ods and
the .xlsx it writes keep every value, formula and error at its cell."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter
from workbook_tables import cell, gegevens

from toolkit.records import ParsedWorkbook
from toolkit.schema import SCHEMA_VERSION, kind_by_id
from toolkit.template import KIND_PROPERTY, VERSION_PROPERTY
from toolkit.validate import validate_workbook

pytestmark = pytest.mark.libreoffice
TODAY = date(2026, 10, 5)
HEADERS = [column.header for column in kind_by_id("register").sheets[0].columns]


def R(header: str, row: int) -> str:
    return cell("register", "Sleutelpersonen", header, row)


def _register(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    book.set_custom_property(KIND_PROPERTY, "register")
    book.set_custom_property(VERSION_PROPERTY, SCHEMA_VERSION)
    dates = book.add_format({"num_format": "dd-mm-yyyy"})
    info = book.add_worksheet("Gegevens")
    for r, row in enumerate(gegevens()):
        info.write(r, 0, row[0])
        info.write(r, 1, row[1], dates)
    sheet = book.add_worksheet("Sleutelpersonen")
    sheet.write_row(0, 0, HEADERS)
    rows = [
        ("SP-001", "Anna", "Centrum", "Verbinder", "Ja", date(2024, 3, 1)),
        ("SP-002", "Bram", "Noord", "verbinder", "ja ", "3-2-2025"),
        ("SP-003", "Cas", "Oost", "Baas", "Nee", "31-02-2025"),
    ]
    for r, (pid, name, wijk, role, core, start) in enumerate(rows, start=2):
        sheet.write_string(R("Persoon-ID", r), pid)
        sheet.write_string(R("Naam", r), name)
        sheet.write_string(R("Wijk", r), wijk)
        sheet.write_string(R("Rol", r), role)
        sheet.write_string(R("Kerngroep", r), core)
        if isinstance(start, date):
            sheet.write_datetime(R("Startdatum", r), start, dates)
        else:
            sheet.write_string(R("Startdatum", r), start)
        sheet.write_datetime(R("AVG-toestemming (datum)", r), date(2024, 1, 1), dates)
    sheet.write_formula(R("Opmerkingen", 2), '="nieuw"', None, "nieuw")
    sheet.write_formula(R("Opmerkingen", 3), "=1/0", None, "#DIV/0!")
    book.close()
    return path


def _findings(parsed: ParsedWorkbook) -> list[tuple[str, str, str]]:
    return sorted((f.sheet or "", f.cell or "", f.code) for f in parsed.findings)


def _summary(parsed: ParsedWorkbook) -> tuple[object, ...]:
    records = [r.values for r in parsed.sheets["Sleutelpersonen"].records]
    return parsed.kind, parsed.schema_version, parsed.gegevens, _findings(parsed), records


@pytest.mark.parametrize("target", ["ods", "xlsx"])
def test_a_libreoffice_copy_validates_the_same(
    tmp_path: Path, soffice_convert: Callable[[Path, str], Path], target: str
) -> None:
    original = _register(tmp_path / "register.xlsx")
    parsed = validate_workbook(original, today=TODAY)
    assert {(cell_, code) for _, cell_, code in _findings(parsed)} == {
        (R("Rol", 3), "value_normalised"),
        (R("Kerngroep", 3), "value_normalised"),
        (R("Startdatum", 3), "date_text"),
        (R("Rol", 4), "not_in_list"),
        (R("Startdatum", 4), "date_invalid"),
        (R("Opmerkingen", 2), "formula"),
        (R("Opmerkingen", 3), "error_value"),
    }
    source = soffice_convert(original, "ods") if target == "xlsx" else original
    copy = soffice_convert(source, target)
    assert _summary(validate_workbook(copy, today=TODAY)) == _summary(parsed)
