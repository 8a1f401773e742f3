"""The summary workbook as an OpenDocument spreadsheet (.ods), written with odfpy.

The same sheets, tables, formats and frozen headers as the .xlsx (toolkit.summary lays them
out); without the charts, which odfpy cannot draw. Cells are collected first and the
document is built at close, since an .ods table is written row by row. The rows of the
tables are written as XML text, not as an odfpy element per cell (many times faster for a
national summary); the rest of the document is odfpy's.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any

from odf import config, number
from odf.element import Element
from odf.namespaces import TABLENS
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import (
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableRowProperties,
    TextProperties,
)
from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
from odf.teletype import addTextToElement
from odf.text import P

from toolkit.stats.suppression import Hidden
from toolkit.summary import STYLES, TOTAL_STYLE, Canvas, Chart

Cell = tuple[Any, str, bool]  # value, style, in a total row
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters XML cannot hold
_DEFAULT_WIDTH = 10
_NOTE_HEIGHT = "0.45in"  # two lines of text


class OdsCanvas(Canvas):
    """Sheets collected cell by cell, written as one .ods at close."""

    def __init__(self, path: Path, threshold: int) -> None:
        super().__init__(threshold)
        self.path = path
        self.cells: dict[str, dict[int, dict[int, Cell]]] = {}  # sheet -> row -> col -> cell
        self.column_widths: dict[str, dict[int, int]] = {}
        self.frozen: dict[str, tuple[int, int]] = {}
        self.notes: dict[str, set[int]] = {}
        self.paragraphs: dict[str, str] = {}  # text -> its text:p, see _paragraph_xml

    def sheet(self, name: str) -> str:
        self.cells[name], self.column_widths[name], self.notes[name] = {}, {}, set()
        return name

    def write(
        self, sheet: str, row: int, col: int, value: Any, style: str, *, total: bool = False
    ) -> None:
        self.cells[sheet].setdefault(row, {})[col] = (value, style, total)

    def set_width(self, sheet: str, col: int, width: int) -> None:
        self.column_widths[sheet][col] = width

    def set_lines(self, sheet: str, row: int, lines: int) -> None:
        """Nothing to do: rows of an .ods without a stored height get their optimal height,
        wrapped text included, when LibreOffice opens the file."""

    def freeze(self, sheet: str, row: int, col: int) -> None:
        self.frozen[sheet] = (row, col)

    def note(self, sheet: str, row: int, text: str) -> None:
        self.write(sheet, row, 0, text, "wrap")
        self.notes[sheet].add(row)

    def chart(self, sheet: str, row: int, col: int, chart: Chart) -> None:
        """odfpy draws no charts: the .ods holds their data tables only."""

    def close(self) -> None:
        doc = OpenDocumentSpreadsheet()
        styles = _Styles(doc)
        for name, cells in self.cells.items():
            doc.spreadsheet.addElement(self._table(name, cells, styles))
        doc.settings.addElement(_view_settings(self.frozen))
        doc.save(str(self.path))

    def _table(self, name: str, rows: dict[int, dict[int, Cell]], styles: _Styles) -> Element:
        table = Table(name=name)
        widths = self.column_widths[name]
        for col in range(max((max(cells) for cells in rows.values()), default=0) + 1):
            table.addElement(TableColumn(stylename=styles.column(widths.get(col, _DEFAULT_WIDTH))))
        written: list[str] = []  # rows as XML, added in runs between the note rows
        for row in range(max(rows, default=0) + 1):
            cells = rows.get(row, {})
            if row in self.notes[name]:
                table.addElement(_RawRows("".join(written)))
                written.clear()
                table.addElement(self._note(cells[0], styles))
                continue
            line = "".join(
                self._cell_xml(cells[col], styles) if col in cells else "<table:table-cell/>"
                for col in range(max(cells, default=-1) + 1)
            )
            written.append(f"<table:table-row>{line}</table:table-row>" if line else _EMPTY_ROW)
        table.addElement(_RawRows("".join(written)))
        return table

    def _note(self, cell: Cell, styles: _Styles) -> Element:
        """A row whose one text spans two columns, two lines high."""
        line = TableRow(stylename=styles.note_row)
        element = self._cell(cell, styles)
        element.setAttribute("numbercolumnsspanned", "2")
        line.addElement(element)
        line.addElement(CoveredTableCell())
        return line

    def _shown(self, cell: Cell) -> tuple[Any, str]:
        value, style, _ = cell
        if isinstance(value, Hidden):
            return self.hidden_label(value), "hidden"
        if isinstance(value, bool):
            return "Ja" if value else "Nee", style
        return value, style

    def _cell(self, cell: Cell, styles: _Styles) -> Element:
        value, style = self._shown(cell)
        stylename = styles.cell(style, cell[2])
        if value is None or value == "":
            return TableCell(stylename=stylename)
        if isinstance(value, (int, float)):
            element = TableCell(stylename=stylename, valuetype="float", value=repr(value))
            element.addElement(P(text=str(value)))
            return element
        element = TableCell(stylename=stylename, valuetype="string")
        element.addElement(_paragraph(str(value)))
        return element

    def _cell_xml(self, cell: Cell, styles: _Styles) -> str:
        """_cell as XML text: the same markup, without an odfpy element per cell (a national
        summary has a quarter of a million cells)."""
        value, style = self._shown(cell)
        name = styles.cell_name(style, cell[2])
        if value is None or value == "":
            return f'<table:table-cell table:style-name="{name}"/>'
        if isinstance(value, (int, float)):
            return (
                f'<table:table-cell table:style-name="{name}" office:value-type="float" '
                f'office:value="{value!r}"><text:p>{value}</text:p></table:table-cell>'
            )
        return (
            f'<table:table-cell table:style-name="{name}" office:value-type="string">'
            f"{_paragraph_xml(str(value), self.paragraphs)}</table:table-cell>"
        )


_EMPTY_ROW = "<table:table-row/>"


def _paragraph(text: str) -> Element:
    """A text:p holding text, its spaces, tabs and line breaks as ODF spells them."""
    paragraph = P()
    addTextToElement(paragraph, _NOT_XML.sub("", text))
    return paragraph


def _paragraph_xml(text: str, known: dict[str, str]) -> str:
    """_paragraph as XML text, each text made once per document (most texts of a summary
    recur: names, codes, categories)."""
    if text not in known:
        out = StringIO()
        _paragraph(text).toXml(1, out)
        known[text] = out.getvalue()
    return known[text]


class _RawRows(Element):  # type: ignore[misc]  # odfpy has no type hints
    """Table rows already written as XML, put in the document as they are."""

    qname = (TABLENS, "table-row")

    def __init__(self, xml: str) -> None:
        super().__init__(check_grammar=False)
        self.xml = xml

    def toXml(self, level: int, f: Any) -> None:
        f.write(self.xml)


class _Styles:
    """Automatic styles, made once each: cell looks (from STYLES), column widths."""

    def __init__(self, doc: OpenDocumentSpreadsheet) -> None:
        self.doc = doc
        self.cells: dict[tuple[str, bool], Style] = {}
        self.columns: dict[int, Style] = {}
        self.numbers: dict[str, str] = {}
        self.note_row = Style(name="ro1", family="table-row")
        self.note_row.addElement(TableRowProperties(rowheight=_NOTE_HEIGHT))
        doc.automaticstyles.addElement(self.note_row)

    def cell_name(self, name: str, total: bool) -> str:
        return str(self.cell(name, total).getAttribute("name"))

    def cell(self, name: str, total: bool) -> Style:
        if (name, total) not in self.cells:
            props = {**STYLES[name], **(TOTAL_STYLE if total else {})}
            style = Style(name=f"ce{len(self.cells) + 1}", family="table-cell")
            if "num_format" in props:
                style.setAttribute("datastylename", self.number(props["num_format"]))
            style.addElement(TableCellProperties(**_cell_properties(props)))
            style.addElement(TextProperties(**_text_properties(props)))
            if props.get("align") == "right":
                style.addElement(ParagraphProperties(textalign="end"))
            self.doc.automaticstyles.addElement(style)
            self.cells[(name, total)] = style
        return self.cells[(name, total)]

    def number(self, pattern: str) -> str:
        """The data style of an Excel number format "0", "0.0", "0.00" ..."""
        if pattern not in self.numbers:
            name = f"N{len(self.numbers) + 1}"
            decimals = len(pattern.partition(".")[2])
            style = number.NumberStyle(name=name)
            style.addElement(number.Number(decimalplaces=str(decimals), minintegerdigits="1"))
            self.doc.automaticstyles.addElement(style)
            self.numbers[pattern] = name
        return self.numbers[pattern]

    def column(self, width: int) -> Style:
        """A column width characters wide (Calc's default font: about 7 px each)."""
        if width not in self.columns:
            style = Style(name=f"co{len(self.columns) + 1}", family="table-column")
            inches = (width * 7 + 5) / 96
            style.addElement(TableColumnProperties(columnwidth=f"{inches:.4f}in"))
            self.doc.automaticstyles.addElement(style)
            self.columns[width] = style
        return self.columns[width]


def _cell_properties(props: dict[str, Any]) -> dict[str, str]:
    found = {}
    if props.get("text_wrap"):
        found["wrapoption"] = "wrap"
    if props.get("valign") == "top":
        found["verticalalign"] = "top"
    if "bg_color" in props:
        found["backgroundcolor"] = str(props["bg_color"]).lower()
    if props.get("top"):
        found["bordertop"] = "0.5pt solid #000000"
    return found


def _text_properties(props: dict[str, Any]) -> dict[str, str]:
    found = {}
    if props.get("bold"):
        found["fontweight"] = "bold"
    if props.get("italic"):
        found["fontstyle"] = "italic"
    if "font_size" in props:
        found["fontsize"] = f"{props['font_size']}pt"
    if "font_color" in props:
        found["color"] = str(props["font_color"]).lower()
    return found


def _view_settings(frozen: dict[str, tuple[int, int]]) -> Element:
    """LibreOffice's view settings: each frozen sheet split above row and left of col."""
    tables = config.ConfigItemMapNamed(name="Tables")
    for sheet, (row, col) in frozen.items():
        entry = config.ConfigItemMapEntry(name=sheet)
        for name, type_, value in (
            ("HorizontalSplitMode", "short", "2"),
            ("VerticalSplitMode", "short", "2"),
            ("HorizontalSplitPosition", "int", str(col)),
            ("VerticalSplitPosition", "int", str(row)),
            ("ActiveSplitRange", "short", "2"),
            ("PositionLeft", "int", "0"),
            ("PositionRight", "int", str(col)),
            ("PositionTop", "int", "0"),
            ("PositionBottom", "int", str(row)),
        ):
            entry.addElement(config.ConfigItem(name=name, type=type_, text=value))
        tables.addElement(entry)
    view = config.ConfigItemMapEntry()
    view.addElement(config.ConfigItem(name="ViewId", type="string", text="view1"))
    view.addElement(tables)
    views = config.ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = config.ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    return settings
