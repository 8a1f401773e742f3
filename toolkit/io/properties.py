"""Custom document properties of a workbook: docProps/custom.xml (.xlsx, .xlsm) or the
user-defined fields of meta.xml (.ods). The templates record their kind and schema version
there, so a file can be recognised whatever its sheets look like."""

from __future__ import annotations

import re
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
# docProps/custom.xml as Excel, LibreOffice and our templates (xlsxwriter) write it, its
# names and values printable ASCII without " & < > (which XML reads as written): read with
# patterns, several times faster than creating a parser for a few hundred bytes. Any other
# part is parsed (tests/test_properties.py: both read every part alike).
_PLAIN = rb'[^\x00-\x1f"&<>\x7f-\xff]*'
_PROPERTY = (
    rb'<property fmtid="%s" pid="[0-9]+" name="(?P<name>%s)">'
    rb"<vt:(?P<type>[a-z][a-z0-9]*)>(?P<value>%s)</vt:(?P=type)></property>"
) % (_PLAIN, _PLAIN, _PLAIN)
_USUAL_PROPERTY = re.compile(_PROPERTY)
_USUAL_OOXML = re.compile(
    rb'(?:<\?xml version="1\.0" encoding="UTF-8" standalone="yes"\?>)?[ \t\r\n]*'
    rb'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
    rb' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    rb"((?:%s)*)</Properties>[ \t\r\n]*" % _PROPERTY
)


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
    usual = _usual_ooxml(data)
    return _parsed_ooxml(data) if usual is None else usual


def _usual_ooxml(data: bytes) -> dict[str, str] | None:
    """What _parsed_ooxml gives, for a part in the usual form; None for any other part."""
    usual = _USUAL_OOXML.fullmatch(data)
    if usual is None:
        return None
    return {
        name.decode("ascii"): value.decode("ascii").strip()
        for name, _, value in _USUAL_PROPERTY.findall(usual[1])
    }


def _parsed_ooxml(data: bytes) -> dict[str, str]:
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
