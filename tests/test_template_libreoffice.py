"""A real client: LibreOffice headless opens every .xlsx template and converts it to .ods and
to PDF; the converted .ods still has the sheets, headers, list validations and properties."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
from defusedxml import ElementTree
from python_calamine import CalamineWorkbook

from toolkit.schema import (
    GEGEVENS_SHEET,
    KINDS,
    LIJSTEN_SHEET,
    TOELICHTING_SHEET,
    ColumnType,
    kind_by_id,
)
from toolkit.template import (
    KIND_PROPERTY,
    WIJKEN_SHEET,
    generate_templates,
    read_wijken,
    write_workbook,
)

pytestmark = pytest.mark.libreoffice

Convert = Callable[[Path, str], Path]
KIND_IDS = [k.id for k in KINDS]
NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}


def _attr(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


@pytest.fixture(scope="module")
def xlsx_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths = generate_templates(KINDS, tmp_path_factory.mktemp("lo-xlsx"), "xlsx")
    return {kind.id: path for kind, path in zip(KINDS, paths, strict=True)}


@pytest.fixture(scope="module")
def as_ods(xlsx_templates: dict[str, Path], soffice_convert: Convert) -> dict[str, Path]:
    return {kind_id: soffice_convert(path, "ods") for kind_id, path in xlsx_templates.items()}


@pytest.fixture(scope="module")
def as_pdf(xlsx_templates: dict[str, Path], soffice_convert: Convert) -> dict[str, Path]:
    return {kind_id: soffice_convert(path, "pdf") for kind_id, path in xlsx_templates.items()}


def _xml(path: Path, part: str) -> Element:
    with zipfile.ZipFile(path) as archive:
        root: Element = ElementTree.fromstring(archive.read(part))
    return root


def _expand(elements: list[Element], repeat: str) -> Iterator[Element]:
    for element in elements:
        for _ in range(int(element.get(_attr("table", repeat), "1"))):
            yield element


def _validation_names(table: Element, row_index: int, width: int) -> list[str | None]:
    """The content validation of each of the first width cells of a row (0-based)."""
    rows = table.iter(_attr("table", "table-row"))
    row = next(
        r for i, r in enumerate(_expand(list(rows), "number-rows-repeated")) if i == row_index
    )
    cells = _expand(list(row), "number-columns-repeated")
    return [cell.get(_attr("table", "content-validation-name")) for cell in islice(cells, width)]


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_libreoffice_renders_every_template_as_pdf(as_pdf: dict[str, Path], kind_id: str) -> None:
    pdf = as_pdf[kind_id].read_bytes()
    pages = re.findall(rb"/Type\s*/Page\b", pdf)
    assert pdf.startswith(b"%PDF") and len(pages) >= 2  # Toelichting alone fills a page


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_converted_ods_keeps_sheets_headers_and_hidden_lijsten(
    as_ods: dict[str, Path], kind_id: str
) -> None:
    kind = kind_by_id(kind_id)
    workbook = CalamineWorkbook.from_path(str(as_ods[kind_id]))
    names = [TOELICHTING_SHEET, GEGEVENS_SHEET, *(s.name for s in kind.sheets), LIJSTEN_SHEET]
    assert workbook.sheet_names == names
    for sheet in kind.sheets:
        rows = workbook.get_sheet_by_name(sheet.name).to_python()
        assert rows[0] == [c.header for c in sheet.columns]
    content = _xml(as_ods[kind_id], "content.xml")
    lijsten = next(
        t
        for t in content.iter(_attr("table", "table"))
        if t.get(_attr("table", "name")) == LIJSTEN_SHEET
    )
    style_name = lijsten.get(_attr("table", "style-name"))
    style = next(
        s
        for s in content.iter(_attr("style", "style"))
        if s.get(_attr("style", "name")) == style_name
    )
    properties = style.find("style:table-properties", NS)
    assert properties is not None and properties.get(_attr("table", "display")) == "false"


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_converted_ods_keeps_list_and_date_validations(
    as_ods: dict[str, Path], kind_id: str
) -> None:
    kind = kind_by_id(kind_id)
    content = _xml(as_ods[kind_id], "content.xml")
    conditions = {
        v.get(_attr("table", "name")): v.get(_attr("table", "condition"))
        for v in content.iter(_attr("table", "content-validation"))
    }
    ranges = {
        r.get(_attr("table", "name")): r.get(_attr("table", "cell-range-address"))
        for r in content.iter(_attr("table", "named-range"))
    }
    lists = CalamineWorkbook.from_path(str(as_ods[kind_id])).get_sheet_by_name(LIJSTEN_SHEET)
    columns = list(zip(*lists.to_python(skip_empty_area=False), strict=True))
    values = {column[0]: [v for v in column[1:] if v != ""] for column in columns}
    tables = {t.get(_attr("table", "name")): t for t in content.iter(_attr("table", "table"))}
    for sheet in kind.sheets:
        names = _validation_names(tables[sheet.name], 1, len(sheet.columns))
        for column, name in zip(sheet.columns, names, strict=True):
            condition = conditions.get(name) or ""
            if column.vocabulary is not None:
                vocabulary = column.vocabulary.name
                assert condition == f"of:cell-content-is-in-list({vocabulary})", column.header
                assert ranges[vocabulary].startswith(f"${LIJSTEN_SHEET}.")
                assert values[vocabulary] == list(column.vocabulary.values)
            elif column.type is ColumnType.DATE:
                assert "cell-content-is-date()" in condition, column.header


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_converted_ods_keeps_the_kind_property(as_ods: dict[str, Path], kind_id: str) -> None:
    meta = _xml(as_ods[kind_id], "meta.xml")
    fields = {
        f.get(_attr("meta", "name")): f.text for f in meta.iter(_attr("meta", "user-defined"))
    }
    assert fields[KIND_PROPERTY] == kind_id


def test_read_wijken_from_a_diversiteitsmatrix_saved_by_libreoffice(
    tmp_path: Path, soffice_convert: Convert
) -> None:
    rows = [{"wijk": "Binnenstad"}, {"wijk": "Overvecht"}]
    filled = write_workbook(
        kind_by_id("diversiteit"), tmp_path / "matrix.xlsx", data={WIJKEN_SHEET.name: rows}
    )
    assert read_wijken(soffice_convert(filled, "ods")) == ["Binnenstad", "Overvecht"]
