"""Whatever users type into any column, the validator reports findings and never crashes."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from workbook_tables import gegevens, write_workbook

from toolkit.findings import CATALOGUE
from toolkit.schema import KINDS, Kind
from toolkit.validate import validate_workbook

TRICKY = [
    "#REF!",
    "#N/A",
    " ja ",
    "X",
    "4",
    "4,0",
    "31-02-2024",
    "3-2-2026",
    "2026-02-03",
    "2026-13-45",
    "=1+1",
    "GM 0363",
    "SP-001",
    "nvt",
    "-1",
    "1e309",
    "  ",
]
cells = st.one_of(
    st.none(),
    st.sampled_from(TRICKY),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 12, 31)),
    st.booleans(),
)


@st.composite
def workbooks(draw: st.DrawFn) -> tuple[Kind, dict[str, list[list[Any]]]]:
    kind = draw(st.sampled_from(KINDS))
    sheets: dict[str, list[list[Any]]] = {"Gegevens": gegevens(datum=draw(cells))}
    for sheet in kind.sheets:
        headers = [column.header for column in sheet.columns]
        rows = draw(
            st.lists(st.lists(cells, min_size=len(headers), max_size=len(headers)), max_size=4)
        )
        sheets[sheet.name] = [headers, *rows]
    return kind, sheets


@settings(max_examples=40, deadline=None)
@given(workbooks())
def test_random_cell_contents_never_crash_the_validator(
    case: tuple[Kind, dict[str, list[list[Any]]]],
) -> None:
    kind, sheets = case
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(Path(folder) / "random.xlsx", sheets, kind=kind.id)
        parsed = validate_workbook(path, today=date(2026, 10, 5))
    assert parsed.kind == kind.id
    assert all(finding.code in CATALOGUE for finding in parsed.findings)
    cells_seen = [(f.sheet, f.cell) for f in parsed.findings if f.cell is not None]
    assert len(cells_seen) == len(set(cells_seen))  # one finding per cell
    for sheet in kind.sheets:
        data_rows = [row for row in sheets[sheet.name][1:] if any(v not in (None, "") for v in row)]
        parsed_sheet = parsed.sheets[sheet.name]
        records = parsed_sheet.records
        assert len(records) <= len(data_rows)
        assert all(set(r.values) == {c.key for c in sheet.columns} for r in records)
        assert parsed_sheet.columns.keys() == parsed_sheet.letters.keys()
        for key, column in parsed_sheet.columns.items():  # what checks read a column at a time
            assert column == [r.values[key] for r in records]
