"""Reading a workbook with python-calamine, keeping every value's place on its sheet.

Calamine gives the computed values; it hides formulas and turns error values (#REF!, #N/A)
into empty cells. Those are found by a quick scan of the sheet's XML, inflated from the bytes
the safety inspection already read, and parsed only when it contains a formula or an error
value at all.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from defusedxml import ElementTree
from python_calamine import CalamineWorkbook

from toolkit.errors import UnreadableFileError
from toolkit.findings import Finding
from toolkit.io.properties import PARTS, package_properties
from toolkit.io.safety import Package, open_package

FORMULA = "formula"
UNCALCULATED = "formula_uncalculated"
# Error values as Excel and LibreOffice show them; calamine reads them as empty cells.
ERROR_VALUES = frozenset(
    {"#REF!", "#N/A", "#NAME?", "#VALUE!", "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)

_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_CALCEXT_NS = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_OOXML_CELL = re.compile(rb"<c\b([^>]*?)(/>|>(.*?)</c>)", re.DOTALL)
_ATTRIBUTE = re.compile(rb'\b(r|t)="([^"]*)"')
_ADDRESS = re.compile(r"([A-Z]+)(\d+)")
_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet(\s[^>]*)>")  # not <sheets>: "s" is no space
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship(\s[^>]*)>")
_REL_ID = re.compile(rb"""\sId\s*=\s*["']([^"']*)""")
_TARGET = re.compile(rb"""\sTarget\s*=\s*["']([^"']*)""")
_SHEET_REL_ID = re.compile(rb"""\s[\w.-]+:id\s*=\s*["']([^"']*)""")  # r:id, not sheetId
# Within <sheetData> "<f" starts only a formula; after it, <formula1> of a data validation.
_OOXML_MARKERS = (b"<f", b't="e"')
_SHEET_DATA = b"<sheetData"
_ONE_BY_ONE = 16  # places of a marker's letter checked before searching for the marker
_ODF_MARKERS = (b"table:formula", b'value-type="error"')
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_ODF_CONTENT = "content.xml"
# Parts read whole once a workbook is open: inflated once, by its inspection.
_READ_WHOLE = frozenset({_WORKBOOK, _WORKBOOK_RELS, _ODF_CONTENT, *PARTS})


@cache
def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_address(row: int, col: int) -> str:
    """The A1 address of 0-based row and column indexes."""
    return f"{column_letter(col)}{row + 1}"


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


@dataclass
class RawSheet:
    """A sheet's values as calamine reads them: rows[0] is row 1, rows[r][0] is column A."""

    name: str
    rows: list[list[Any]]
    # (row, col) 0-based -> FORMULA, UNCALCULATED or an error value such as "#REF!"
    special: dict[tuple[int, int], str] = field(default_factory=dict)


class RawWorkbook:
    """An open workbook: calamine for the values, the inspected package's bytes for the
    properties and for finding formula and error cells. Use as a context manager so that
    calamine's file is closed."""

    def __init__(self, package: Package, book: CalamineWorkbook):
        self.path = package.path
        self.data = package.data  # the file's bytes, as inspected
        self.findings: list[Finding] = package.findings  # from the safety inspection
        self.sheet_names: list[str] = list(book.sheet_names)
        self.properties = package_properties(package)
        self._book = book
        self._package = package
        self._parts: list[str | None] | None = None
        self._odf: list[dict[tuple[int, int], str]] | None = None

    def __enter__(self) -> RawWorkbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self._book.close()

    def sheet(self, name: str) -> RawSheet:
        """The values of one sheet (read on demand) with its formula and error cells."""
        return RawSheet(name, self.rows(name), self._special(self.sheet_names.index(name)))

    def rows(self, name: str) -> list[list[Any]]:
        """The values of one sheet, without looking for formula and error cells."""
        try:
            rows: list[list[Any]] = self._book.get_sheet_by_name(name).to_python(
                skip_empty_area=False
            )
        except Exception as exc:  # calamine raises its own types for damaged parts
            raise UnreadableFileError(
                f"{self.path.name}: blad {name} is beschadigd en kan niet worden gelezen. "
                "Open het bestand in Excel of LibreOffice Calc en sla het opnieuw op."
            ) from exc
        return rows

    def _special(self, index: int) -> dict[tuple[int, int], str]:
        """Formula and error-value cells of the index-th sheet; {} when it has none."""
        package = self._package
        try:
            if _ODF_CONTENT in package.members:
                if self._odf is None:
                    self._odf = _odf_special(package.read(_ODF_CONTENT))
                return self._odf[index] if index < len(self._odf) else {}
            if self._parts is None:
                self._parts = _ooxml_sheet_parts(package)
            part = self._parts[index] if index < len(self._parts) else None
            if part is None or part not in package.members:
                return {}
            return _ooxml_special(package.read(part))
        except (zipfile.BadZipFile, zlib.error, KeyError, ElementTree.ParseError, ValueError):
            return {}


def open_workbook(path: Path) -> RawWorkbook:
    """Inspect a workbook (toolkit.io.safety) and open it for reading; UnreadableFileError
    when it must not or cannot be read."""
    package = open_package(path, whole=_READ_WHOLE)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # PasswordError, ZipError, XmlError, CalamineError, OSError …
        raise UnreadableFileError(
            f"{path.name} kan niet als werkmap worden gelezen ({type(exc).__name__}). Open het "
            "in Excel of LibreOffice Calc en sla het op als Excel-werkmap (.xlsx)."
        ) from exc
    return RawWorkbook(package, book)


def _has_special(data: bytes, markers: tuple[bytes, ...], end: int | None = None) -> bool:
    return any(data.find(marker, 0, end) >= 0 for marker in markers)


def _ooxml_has_special(data: bytes, end: int) -> bool:
    """_has_special(data, _OOXML_MARKERS, end), several times faster. bytes.find of one byte
    runs at memchr speed, so the cells are searched for the markers' letters f and e, which
    they seldom hold (elements c, row and v; numbers as values); the part before them, where
    both letters are common (namespaces, views, columns), for the markers themselves."""
    cells = data.find(_SHEET_DATA, 0, end)
    if cells < 0:
        return _has_special(data, _OOXML_MARKERS, end)
    cells += len(_SHEET_DATA)  # no marker can start in this tag and end after it
    return (
        _has_special(data, _OOXML_MARKERS, cells)
        or _occurs(data, b"<f", 1, cells, end)  # by "f"
        or _occurs(data, b't="e"', 3, cells, end)  # by "e"
    )


def _occurs(data: bytes, marker: bytes, letter: int, start: int, end: int) -> bool:
    """Whether marker occurs within data[start:end]: found by its byte at index letter while
    that byte is rare there, and where it proves common by a search for the marker itself."""
    byte, stop = marker[letter : letter + 1], max(end - len(marker) + letter + 1, 0)
    at = data.find(byte, start + letter, stop)
    for _ in range(_ONE_BY_ONE):
        if at < 0 or data.startswith(marker, at - letter):
            return at >= 0
        at = data.find(byte, at + 1, stop)
    return at >= 0 and data.find(marker, at - letter, end) >= 0


def _ooxml_sheet_parts(package: Package) -> list[str | None]:
    """The archive part of each sheet, in workbook order: the r:id of each <sheet> in
    workbook.xml and the Target of that Relationship. Read with patterns rather than an XML
    parser (several times faster); a file they misread only loses its formula notes."""
    targets = {}
    for element in _RELATIONSHIP.finditer(package.read(_WORKBOOK_RELS)):
        rel_id, target = _REL_ID.search(element[1]), _TARGET.search(element[1])
        if rel_id is not None and target is not None:
            targets[rel_id[1]] = html.unescape(target[1].decode("utf-8", "replace"))
    parts: list[str | None] = []
    for element in _SHEET.finditer(package.read(_WORKBOOK)):
        sheet_rel = _SHEET_REL_ID.search(element[1])
        found = targets.get(sheet_rel[1]) if sheet_rel is not None else None
        parts.append(None if found is None else _part_name(found))
    return parts


def _part_name(target: str) -> str:
    """The archive name of a relationship target of xl/workbook.xml."""
    if target.startswith("/"):
        return target.lstrip("/")
    name = "xl/" + target
    if "//" in name or "/." in name or name.endswith("/"):
        return posixpath.normpath(name)  # normpath is slow; only these can change by it
    return name


def _ooxml_special(data: bytes) -> dict[tuple[int, int], str]:
    cells = data.rfind(b"</sheetData>")  # searched from the end: what follows is short
    if not _ooxml_has_special(data, len(data) if cells < 0 else cells):
        return {}
    special = {}
    for match in _OOXML_CELL.finditer(data):
        body = match.group(3) or b""
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        is_error = attributes.get(b"t") == b"e"
        has_formula = b"<f" in body
        if not (is_error or has_formula) or b"r" not in attributes:
            continue
        address = _ADDRESS.fullmatch(attributes[b"r"].decode("ascii", "replace"))
        if address is None:
            continue
        key = (int(address.group(2)) - 1, _column_index(address.group(1)))
        value = re.search(rb"<v>([^<]*)</v>", body)
        if is_error:
            special[key] = value.group(1).decode("utf-8", "replace") if value else "#N/A"
        else:
            special[key] = FORMULA if value and value.group(1) else UNCALCULATED
    return special


def _odf_special(data: bytes) -> list[dict[tuple[int, int], str]]:
    """Formula and error-value cells of every table of an ODF content.xml."""
    if not _has_special(data, _ODF_MARKERS):
        return []
    root = ElementTree.fromstring(data)
    result = []
    for table in root.iter(f"{_TABLE_NS}table"):
        special: dict[tuple[int, int], str] = {}
        row = 0
        for element in table.iter(f"{_TABLE_NS}table-row"):
            _odf_row(element, row, special)
            row += int(element.get(f"{_TABLE_NS}number-rows-repeated", "1"))
        result.append(special)
    return result


def _odf_row(element: Any, row: int, special: dict[tuple[int, int], str]) -> None:
    col = 0
    for cell in element:
        if cell.tag not in (f"{_TABLE_NS}table-cell", f"{_TABLE_NS}covered-table-cell"):
            continue
        if cell.get(f"{_CALCEXT_NS}value-type") == "error":
            special[(row, col)] = "".join(cell.itertext()).strip() or "#N/A"
        elif cell.get(f"{_TABLE_NS}formula") is not None:
            special[(row, col)] = FORMULA
        col += int(cell.get(f"{_TABLE_NS}number-columns-repeated", "1"))
