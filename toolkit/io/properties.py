"""Custom document properties of a workbook: docProps/custom.xml (.xlsx, .xlsm) or the
user-defined fields of meta.xml (.ods). The templates record their kind and schema version
there, so a file can be recognised whatever its sheets look like."""

from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

_MAX_PART = 1_000_000  # bytes: a properties part is a few hundred; refuse anything huge
_OOXML_PART = "docProps/custom.xml"
_ODF_PART = "meta.xml"
_ODF_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"


def read_properties(path: Path) -> dict[str, str]:
    """The custom properties of a workbook as name -> text; {} when it has none or they
    cannot be read (a missing or damaged part only means the file is recognised otherwise)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive_properties(archive)
    except (OSError, zipfile.BadZipFile):
        return {}


def archive_properties(archive: zipfile.ZipFile) -> dict[str, str]:
    """read_properties for an archive that is already open."""
    names = set(archive.namelist())
    try:
        if _OOXML_PART in names:
            return _ooxml(_read_part(archive, _OOXML_PART))
        if _ODF_PART in names:
            return _odf(_read_part(archive, _ODF_PART))
    except (OSError, zipfile.BadZipFile, ValueError, DefusedXmlException, ElementTree.ParseError):
        return {}
    return {}


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    if archive.getinfo(name).file_size > _MAX_PART:
        raise ValueError(f"{name} is too large")
    return archive.read(name)


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
