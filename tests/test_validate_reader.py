"""The fast paths of reading give the results of the plain ones: whole-column converters,
the quick look for formula and error cells, formula scans however a workbook names its sheet
parts, and reading in worker processes."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from workbook_tables import gegevens, write_with_openpyxl

from toolkit.schema import KINDS
from toolkit.schema.model import Column
from toolkit.validate import load_workbooks, validate_workbook
from toolkit.validate.coerce import Issue, column_converter, converter
from toolkit.validate.reader import _ONE_BY_ONE, _OOXML_MARKERS, _has_special, _ooxml_has_special

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
COLUMNS = [column for kind in KINDS for sheet in kind.sheets for column in sheet.columns]


def _cell_values(column: Column) -> st.SearchStrategy[Any]:
    """What calamine hands over for a cell: the column's own values and their near misses,
    text with spaces, error values, numbers, dates, booleans and empty cells."""
    vocabulary = list(column.vocabulary.values) if column.vocabulary else ["Ja"]
    return st.one_of(
        st.just(""),
        st.sampled_from(vocabulary),
        st.sampled_from(vocabulary).map(lambda value: f" {value.lower()} "),
        st.sampled_from(["#REF!", "#N/A", " #N/A ", "  ", "x", "4", "4,0", "3-2-2026", "a@b.nl"]),
        st.text(max_size=12),
        st.integers(min_value=-(10**6), max_value=10**6),
        st.floats(allow_nan=False, min_value=-1e6, max_value=1e6),
        st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
        st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 12, 31)),
        st.booleans(),
    )


def _comparable(result: Any) -> Any:
    if isinstance(result, Issue):
        return ("issue", result.code, result.kept, result.params)
    return (type(result), result)


@st.composite
def columns_and_cells(draw: st.DrawFn) -> tuple[Column, list[Any]]:
    column = draw(st.sampled_from(COLUMNS))
    return column, draw(st.lists(_cell_values(column), max_size=12))


@settings(max_examples=300, deadline=None)
@given(columns_and_cells())
def test_column_converters_give_what_the_cell_converters_give(
    case: tuple[Column, list[Any]],
) -> None:
    column, cells = case
    whole, doubtful = column_converter(column)(cells)
    one_by_one = [converter(column)(cell) for cell in cells]
    assert [_comparable(r) for r in whole] == [_comparable(r) for r in one_by_one]
    assert doubtful or not any(isinstance(r, Issue) for r in whole)  # the fast paths' promise


# Pieces of sheet XML, with runs of the letters looked for: as many as are checked one by
# one, so that a marker may come just after them.
SHEET_PIECES = [
    b"<sheetData>", b"</sheetData>", b"<sheetData", b'<c r="A1" t="e">', b"<f>", b"<f", b"f",
    b"e", b"f" * _ONE_BY_ONE, b"e" * _ONE_BY_ONE, b"<", b"t=", b'"e"', b't="e"', b"x",
    b'xmlns="of"',
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(SHEET_PIECES), max_size=12), st.integers(0, 6))
def test_the_quick_look_for_special_cells_finds_what_the_plain_one_finds(
    pieces: list[bytes], cut: int
) -> None:
    data = b"".join(pieces)
    end = max(len(data) - cut, 0)  # a marker may end just before or just after end
    assert _ooxml_has_special(data, end) == _has_special(data, _OOXML_MARKERS, end)


def _formula_workbook(path: Path) -> Path:
    header = ["Persoon-ID", "Naam", "Wijk", "Rol", "Kerngroep", "Startdatum"]
    start = date(2024, 1, 1)
    return write_with_openpyxl(
        path,
        {
            "Gegevens": gegevens(),
            "Sleutelpersonen": [
                header,
                ["SP-001", "Anna", "C", "#N/A", "Ja", start],
                ["SP-002", '=B2&"x"', "C", "Verbinder", "Ja", start],
            ],
        },
        kind="register",
    )


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# The sheets in other parts, named in another style: single quotes, Id last or spaced out,
# a relative and an absolute target.
MOVED_RELS = (
    "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
    f"<Relationship Type='{_REL}/worksheet' Target='bladen/b.xml' Id='rId1'/>"
    f"<Relationship Id = 'rId2' Type='{_REL}/worksheet' Target='/xl/a-blad.xml' />"
    f"<Relationship Type='{_REL}/styles' Target='styles.xml' Id='rId3'/>"
    f"<Relationship Type='{_REL}/theme' Target='theme/theme1.xml' Id='rId4'/>"
    "</Relationships>"
)
MOVES = {"xl/worksheets/sheet1.xml": "xl/bladen/b.xml", "xl/worksheets/sheet2.xml": "xl/a-blad.xml"}


def _moved_sheet_parts(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = MOVED_RELS.encode()
            new.writestr(MOVES.get(info.filename, info.filename), data)
    return target


def test_formulas_are_found_wherever_the_sheet_parts_are(tmp_path: Path) -> None:
    plain = _formula_workbook(tmp_path / "gewoon.xlsx")
    moved = _moved_sheet_parts(plain, tmp_path / "verplaatst.xlsx")
    with zipfile.ZipFile(plain) as archive:  # the moves above are of the parts openpyxl wrote
        assert set(MOVES) <= set(archive.namelist())
    expected = {("G2", "error_value"), ("B3", "formula_uncalculated")}
    for path in (plain, moved):
        parsed = validate_workbook(path, today=date(2026, 10, 5))
        special = {(f.cell, f.code) for f in parsed.findings if f.code in dict(expected).values()}
        assert special == expected, path.name


def test_worker_processes_give_the_same_workbooks_and_records() -> None:
    paths = [SAMPLES, SAMPLES / "met-fouten"]
    serial = load_workbooks(paths, today=date(2026, 10, 5))
    parallel = load_workbooks(paths, jobs=2, today=date(2026, 10, 5))
    assert len(serial) >= 10 and sum(len(s.records) for w in serial for s in w.sheets.values())
    assert parallel == serial
