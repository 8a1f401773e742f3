"""Custom document properties of a workbook: docProps/custom.xml (.xlsx, .xlsm) or the
user-defined fields of meta.xml (.ods). The templates record their kind and schema version
there, so a file can be recognised whatever its sheets look like."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from toolkit.errors import UnreadableFileError
from toolkit.io.safety import Package, open_package

_MAX_PART = 1_000_000  # bytes: a properties part is a few hundred; refuse anything huge
_OOXML_PART = "docProps/custom.xml"
_ODF_PART = "meta.xml"
PARTS = (_OOXML_PART, _ODF_PART)  # what package_properties reads, for open_package's whole
_ODF_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"


def read_properties(path: Path) -> dict[str, str]:
    """The custom properties of a workbook as name -> text; {} when it has none or they
    cannot be read (a missing or damaged part only means the file is recognised otherwise)."""
    try:
        return package_properties(open_package(path))
    except UnreadableFileError:
        return {}


def package_properties(package: Package) -> dict[str, str]:
    """read_properties for a file already read and inspected. The standard library's parser
    is safe here: open_package refused every XML part that declares a DOCTYPE or entity."""
    try:
        if _OOXML_PART in package.members:
            return _ooxml(_read_part(package, _OOXML_PART))
        if _ODF_PART in package.members:
            return _odf(_read_part(package, _ODF_PART))
    except (zipfile.BadZipFile, zlib.error, ValueError, ElementTree.ParseError):
        return {}
    return {}


def _read_part(package: Package, name: str) -> bytes:
    if package.members[name].file_size > _MAX_PART:
        raise ValueError(f"{name} is too large")
    return package.read(name)


def _ooxml(data: bytes) -> dict[str, str]:
    root = ElementTree.fromstring(data)
    result = {}
    for prop in root:
        name = prop.get("name")
        if name is not None and len(prop):
            result[name] = (prop[0].text or "").strip()
    return result


def _odf(data: bytes) -> dict[str, str]:
    root = ElementTree.fromstring(data)
    return {
        element.get(f"{_ODF_META}name", ""): (element.text or "").strip()
        for element in root.iter(f"{_ODF_META}user-defined")
    }
