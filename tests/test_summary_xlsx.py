"""toolkit.summary.XlsxCanvas: its tables hold the XML of the same cells written one at a time
on xlsxwriter's own Worksheets, each value as the summary shows it (a hidden value as its
label in the hidden format, a boolean as Ja or Nee, the total lines bold)."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from toolkit.stats.suppression import Hidden
from toolkit.summary import Canvas, Chart, Col, Series, XlsxCanvas, key

SMALL, OTHER = Hidden(small=True), Hidden(small=False)


class CellByCell(XlsxCanvas):
    """The canvas on xlsxwriter's own Worksheets, a cell at a time: the lines of a table and
    then its total lines, each a column at a time, top down, each format numbered as its
    first cell is written (as toolkit.io.xlsx_rows numbers them)."""

    def sheet(self, name: str) -> str:
        ws = self.book.add_worksheet(name)
        ws.set_landscape()
        ws.set_paper(9)
        self.sheets[name] = ws
        return name

    def write_columns(
        self,
        sheet: str,
        top: int,
        left: int,
        columns: Any,
        styles: Any,
        *,
        total_rows: int = 0,
    ) -> None:
        body = (len(columns[0]) if columns else 0) - total_rows
        for start, end, formats in ((0, body, self.styles), (body, None, self.total_styles)):
            for col, (values, style) in enumerate(zip(columns, styles, strict=True), left):
                for row, value in enumerate(values[start:end], top + start):
                    self._cell(sheet, row, col, value, formats, style)

    def _cell(
        self, sheet: str, row: int, col: int, value: Any, formats: dict[str, Any], style: str
    ) -> None:
        fmt = formats[style]
        if isinstance(value, Hidden):
            value, fmt = self.hidden_label(value), formats["hidden"]
        elif isinstance(value, bool):
            value = "Ja" if value else "Nee"
        elif isinstance(value, date):
            value = str(value)
        fmt._get_xf_index()
        if isinstance(value, str) and value:
            self.sheets[sheet].write_string(row, col, value, fmt)
        else:
            self.sheets[sheet].write(row, col, value, fmt)


COLS = [
    Col("Gemeente", key("gemeente"), "text", 20),
    Col("Aantal", key("cijfers", "aantal")),
    Col("Aandeel %", key("cijfers", "aandeel"), "pct"),
    Col("Klopt", key("klopt"), "text"),
    Col("Toelichting", key("tekst"), "wrap", 40),
]
ROWS: list[dict[str, Any]] = [
    {"gemeente": "Aa", "cijfers": {"aantal": 3, "aandeel": 48.3}, "klopt": True, "tekst": ""},
    {"gemeente": "Bb", "cijfers": {"aantal": SMALL, "aandeel": 0.0}, "klopt": False},
    {"gemeente": "Cc", "cijfers": {"aantal": OTHER, "aandeel": -0.0}, "tekst": "z" * 40_000},
    {"gemeente": "Aa", "cijfers": {"aantal": 0, "aandeel": SMALL}, "tekst": date(2026, 7, 1)},
    {"gemeente": "Dd", "cijfers": None, "klopt": True, "tekst": "=1+1"},
    {"gemeente": "Totaal", "cijfers": {"aantal": SMALL, "aandeel": 1e20}, "klopt": True},
]


def draw(canvas: Canvas) -> None:
    """A titled table with a bold total line, a table beside it, cells written twice and a
    chart over hidden values."""
    ws = canvas.sheet("Blad")
    top = canvas.title(ws, "Titel", "Ondertitel")
    canvas.freeze(ws, top + 1, 1)
    end = canvas.table(ws, top, COLS, ROWS, total_rows=1)
    beside = [Col("Fase", key(0), "text"), Col("Aantal", key(1), "count")]
    canvas.table(ws, top, beside, [("Benaderd", 9), ("Geselecteerd", SMALL)], left=7)
    canvas.write(ws, top + 2, 1, 99, "count")  # over a table's cell
    note = [["Noot"], [SMALL], [True], [None]]
    canvas.write_columns(ws, end, 0, note, ["text", "count", "pct", "text"])
    series = (Series(top, top + 1, top + len(ROWS), 0, 1),)
    canvas.chart(ws, end + 2, 0, Chart("column", "Aantal", series))
    canvas.close()


def parts(path: Path) -> dict[str, str]:
    """Each part of the workbook, as text; rows without their spans attribute (an optional
    hint that toolkit.io.xlsx_rows leaves out)."""
    with zipfile.ZipFile(path) as archive:
        texts = {name: archive.read(name).decode() for name in archive.namelist()}
    return {
        name: re.sub(r'(<row [^>]*?) spans="[0-9:]*"', r"\1", text) for name, text in texts.items()
    }


def test_the_tables_are_the_cells_written_one_at_a_time(tmp_path: Path) -> None:
    draw(XlsxCanvas(tmp_path / "ours.xlsx", 5))
    draw(CellByCell(tmp_path / "theirs.xlsx", 5))
    ours, theirs = parts(tmp_path / "ours.xlsx"), parts(tmp_path / "theirs.xlsx")
    assert ours.keys() == theirs.keys()
    for name, text in theirs.items():
        assert ours[name] == text, name
