"""Hostile and broken files, each made here, refused with a Dutch message or read with a note."""

from __future__ import annotations

import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from toolkit.errors import UnreadableFileError
from toolkit.findings import Severity
from toolkit.io.safety import inspect_file, member_bytes, open_package

BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1 if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>\n"
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)


# Writers for the files under test.


def normal_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Sleutelpersonen"
    sheet.append(["Persoon-ID", "Naam"])
    sheet.append(["P001", "Fatima"])
    workbook.save(path)
    return path


def normal_ods(path: Path, extra: dict[str, bytes] | None = None) -> Path:
    document = OpenDocumentSpreadsheet()
    table = Table(name="Sleutelpersonen")
    row = TableRow()
    cell = TableCell(valuetype="string")
    cell.addElement(P(text="Persoon-ID"))
    row.addElement(cell)
    table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    if extra:
        with zipfile.ZipFile(path, "a") as archive:
            for name, data in extra.items():
                archive.writestr(name, data)
    return path


def rewrite_zip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """A copy of a zip with some members replaced or added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename not in replace:
                new.writestr(info, old.read(info), compress_type=zipfile.ZIP_DEFLATED)
        for name, data in replace.items():
            new.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return target


def raw_zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    """A deflate zip written byte by byte: (name, compressed data, declared unpacked size).
    The declared size is written as given, so a test can state what a bomb would inflate to."""
    body, directory = b"", b""
    for name, data, size in entries:
        encoded = name.encode()
        offset = len(body)
        fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0, 0, len(data), size, len(encoded), 0)
        body += b"PK\x03\x04" + fields + encoded + data
        directory += (
            b"PK\x01\x02"
            + struct.pack("<HHHHHHIII", 20, 20, 0, 8, 0, 0, 0, len(data), size)
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset)
            + encoded
        )
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory),
                      len(body), 0)  # fmt: skip
    return body + directory + end


def deflated_zeros(megabytes: int) -> bytes:
    """A raw deflate stream that inflates to `megabytes` MiB of zeros, made in milliseconds:
    after a full flush the compressor starts afresh, so one segment can be repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = compressor.compress(bytes(1024**2)) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    return segment * megabytes + final


OOXML_PARTS = [("[Content_Types].xml", b"", 0), ("xl/workbook.xml", b"", 0)]


def ole2(streams: dict[str, bytes]) -> bytes:
    """A compound file (MS-CFB version 3, 512-byte sectors) holding the given streams in
    regular sectors: sector 0 is the FAT, then the directory, then the stream data."""
    sector = 512
    entries = [("Root Entry", 5, 0xFFFFFFFE, 0)]
    directory_sectors = (len(streams) + 1 + 3) // 4
    data, chains, next_free = b"", [], 1 + directory_sectors
    for name, content in streams.items():
        padded = content + bytes(-len(content) % sector)
        count = len(padded) // sector
        entries.append((name, 2, next_free if count else 0xFFFFFFFE, len(content)))
        chains.append(list(range(next_free, next_free + count)))
        data += padded
        next_free += count
    fat = [0xFFFFFFFF] * (sector // 4)
    fat[0] = 0xFFFFFFFD
    for chain in [list(range(1, 1 + directory_sectors)), *chains]:
        for here, there in zip(chain, [*chain[1:], 0xFFFFFFFE], strict=True):
            fat[here] = there
    directory = b""
    for index, (name, kind, start, size) in enumerate(entries):
        encoded = (name + "\0").encode("utf-16-le")
        child = 1 if kind == 5 and len(entries) > 1 else 0xFFFFFFFF
        right = index + 1 if kind == 2 and index + 1 < len(entries) else 0xFFFFFFFF
        directory += (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBBIII", len(encoded), kind, 1, 0xFFFFFFFF, right, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )
    directory = directory.ljust(directory_sectors * sector, b"\0")
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        + struct.pack("<I", 0)
        + b"\xff" * (108 * 4)
    )
    assert len(header) == sector
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + data


def refused(path: Path) -> str:
    with pytest.raises(UnreadableFileError) as caught:
        inspect_file(path)
    assert caught.value.exit_code == 3
    message = str(caught.value)
    assert path.name in message or str(path) in message
    return message


# Files that are fine.


def test_normal_xlsx_has_no_findings(tmp_path: Path) -> None:
    assert inspect_file(normal_xlsx(tmp_path / "register.xlsx")) == []


def test_xlsxwriter_workbook_has_no_findings(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    workbook = xlsxwriter.Workbook(path)
    workbook.add_worksheet("Sleutelpersonen").write_row(0, 0, ["Persoon-ID", "Naam"])
    workbook.set_custom_property("sleutelnet-kind", "register")
    workbook.close()
    assert inspect_file(path) == []


def test_normal_ods_has_no_findings(tmp_path: Path) -> None:
    assert inspect_file(normal_ods(tmp_path / "register.ods")) == []


@pytest.mark.libreoffice
@pytest.mark.parametrize("target", ["xlsx", "ods"])
def test_libreoffice_saved_workbook_has_no_findings(
    tmp_path: Path, soffice_convert: Callable[[Path, str], Path], target: str
) -> None:
    if target == "ods":
        source = normal_xlsx(tmp_path / "lo-source.xlsx")
    else:
        source = normal_ods(tmp_path / "lo-source.ods")
    assert inspect_file(soffice_convert(source, target)) == []


def test_macro_workbook_is_read_with_a_note(tmp_path: Path) -> None:
    plain = normal_xlsx(tmp_path / "plain.xlsx")
    path = rewrite_zip(plain, tmp_path / "macro.xlsm", {"xl/vbaProject.bin": b"\xd0\xcf" * 64})
    [finding] = inspect_file(path)
    assert finding.code == "macro_ignored"
    assert finding.severity is Severity.NOTE
    assert "macro" in finding.message and "uitgevoerd" in finding.message


def test_ods_with_basic_macros_is_read_with_a_note(tmp_path: Path) -> None:
    module = b'<?xml version="1.0" encoding="UTF-8"?><script:module/>'
    path = normal_ods(tmp_path / "macro.ods", {"Basic/Standard/Module1.xml": module})
    assert [f.code for f in inspect_file(path)] == ["macro_ignored"]


# Files that are not there, empty, too large, or not spreadsheets.


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="bestaat niet"):
        inspect_file(tmp_path / "weg.xlsx")


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="is een map"):
        inspect_file(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "leeg.xlsx"
    path.write_bytes(b"")
    assert "leeg (0 bytes)" in refused(path)


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "groot.xlsx"
    with path.open("wb") as stream:  # sparse: takes no disk space and no time
        stream.write(b"PK\x03\x04")
        stream.truncate(101 * 1024**2)
    assert "101 MB groot" in refused(path)


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "ruis.xlsx"
    path.write_bytes(random.Random(4).randbytes(5000).replace(b"PK", b"pk"))
    assert "geen werkmap" in refused(path)


def test_text_file_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "lijst.xlsx"
    path.write_text("Persoon-ID;Naam\nP001;Fatima\n", encoding="utf-8")
    message = refused(path)
    assert "tekstbestand" in message and ".xlsx" in message


def test_html_saved_as_xls(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>P001</td></tr></table></body></html>")
    assert "webpagina (HTML)" in refused(path)


def test_pdf(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert "PDF" in refused(path)


def test_word_document_in_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "brief.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert "Word-document" in refused(path)


def test_plain_zip(tmp_path: Path) -> None:
    path = tmp_path / "bestanden.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("register.xlsx", b"PK")
    assert "zip-bestand, maar geen werkmap" in refused(path)


def test_opendocument_text(tmp_path: Path) -> None:
    path = tmp_path / "notulen.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "geen rekenblad" in refused(path)


# Legacy and encrypted Office files (OLE2 compound files).


def test_xls_from_bytes(tmp_path: Path) -> None:
    path = tmp_path / "oud.xls"
    path.write_bytes(ole2({"Workbook": bytes(4096), "\x05SummaryInformation": bytes(4096)}))
    message = refused(path)
    assert "oud Excel-bestand (.xls)" in message and "sla het op als" in message


@pytest.mark.libreoffice
def test_xls_saved_by_libreoffice(
    tmp_path: Path, soffice_convert: Callable[[Path, str], Path]
) -> None:
    xls = soffice_convert(normal_xlsx(tmp_path / "echt.xlsx"), "xls")
    assert xls.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    assert "oud Excel-bestand (.xls)" in refused(xls)


def test_encrypted_workbook(tmp_path: Path) -> None:
    path = tmp_path / "geheim.xlsx"
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0"?><encryption/>'
    package = struct.pack("<Q", 5000) + random.Random(1).randbytes(5000)
    path.write_bytes(ole2({"EncryptionInfo": info, "EncryptedPackage": package}))
    message = refused(path)
    assert "beveiligd met een wachtwoord" in message and "haal het wachtwoord weg" in message


def test_other_office_document(tmp_path: Path) -> None:
    path = tmp_path / "brief.xls"
    path.write_bytes(ole2({"WordDocument": bytes(4096)}))
    assert "ander (oud) Office-document" in refused(path)


def test_corrupt_ole2(tmp_path: Path) -> None:
    path = tmp_path / "kapot.xls"
    path.write_bytes(ole2({"Workbook": bytes(4096)})[:700])
    assert "beschadigd" in refused(path)


def test_ole2_with_a_directory_loop_terminates(tmp_path: Path) -> None:
    data = bytearray(ole2({"Workbook": bytes(4096)}))
    struct.pack_into("<I", data, 512 + 4, 1)  # FAT: directory sector 1 points to itself
    path = tmp_path / "lus.xls"
    path.write_bytes(bytes(data))
    assert "oud Excel-bestand" in refused(path)


# Broken zips.


def test_truncated_xlsx(tmp_path: Path) -> None:
    whole = normal_xlsx(tmp_path / "heel.xlsx").read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert "beschadigd of onvolledig" in refused(path)


def test_zip_with_a_garbled_central_directory(tmp_path: Path) -> None:
    data = bytearray(normal_xlsx(tmp_path / "heel.xlsx").read_bytes())
    start = data.find(b"PK\x01\x02")
    data[start : start + 60] = b"\xee" * 60
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(bytes(data))
    assert "beschadigd" in refused(path)


def test_zip_with_a_garbled_member(tmp_path: Path) -> None:
    source = normal_xlsx(tmp_path / "heel.xlsx")
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("xl/workbook.xml")
    data = bytearray(source.read_bytes())
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start : start + 16] = b"\xff" * 16  # BTYPE 11 is reserved: inflating fails at once
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(bytes(data))
    assert "een onderdeel kan niet worden uitgepakt" in refused(path)


# Zip bombs: refused from the central directory, before anything is inflated.


def test_zip_bomb_of_one_gigabyte(tmp_path: Path) -> None:
    bomb = deflated_zeros(1024)
    assert len(bomb) < 2 * 1024**2
    path = tmp_path / "bom.xlsx"
    path.write_bytes(raw_zip([*OOXML_PARTS, ("xl/worksheets/sheet1.xml", bomb, 1024**3)]))
    # A real bomb: its first MiB inflates to zeros.
    with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as stream:
        assert stream.read(1024**2) == bytes(1024**2)
    message = refused(path)
    assert "zip-bom" in message and "1.024 MB" in message


def test_zip_bomb_is_refused_without_inflating(tmp_path: Path) -> None:
    # The member holds no valid deflate data: inflating it would fail as "beschadigd",
    # so the zip-bomb message proves the verdict came from the declared sizes alone.
    garbage = b"\xff" * 1000
    path = tmp_path / "bom.xlsx"
    path.write_bytes(raw_zip([*OOXML_PARTS, ("xl/worksheets/sheet1.xml", garbage, 200 * 1024**2)]))
    message = refused(path)
    assert "zip-bom" in message and "meer dan 100 keer" in message


def test_many_small_members_adding_up(tmp_path: Path) -> None:
    members = [(f"xl/media/image{n}.bin", b"\xff" * 10, 4 * 1024**2) for n in range(130)]
    path = tmp_path / "bom.ods"
    path.write_bytes(raw_zip([*OOXML_PARTS, *members]))
    assert "Uitgepakt zou het 520 MB zijn" in refused(path)


def test_too_many_members(tmp_path: Path) -> None:
    path = tmp_path / "veel.xlsx"
    path.write_bytes(raw_zip([(f"xl/part{n}.bin", b"", 0) for n in range(10_001)]))
    assert "10001 onderdelen" in refused(path)


def test_unusual_compression_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bzip.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_BZIP2) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "ingepakt op een manier" in refused(path)


# XML entity bombs and declarations: refused from the first bytes of the part.


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/workbook.xml"])
def test_billion_laughs(tmp_path: Path, part: str) -> None:
    plain = normal_xlsx(tmp_path / "plain.xlsx")
    path = rewrite_zip(plain, tmp_path / "lachen.xlsx", {part: BILLION_LAUGHS.encode()})
    message = refused(path)
    assert "XML-bom" in message and part in message


def test_external_entity_in_ods_content(tmp_path: Path) -> None:
    plain = normal_ods(tmp_path / "plain.ods")
    xxe = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x/>'
    path = rewrite_zip(plain, tmp_path / "xxe.ods", {"content.xml": xxe})
    assert "content.xml" in refused(path)


def test_doctype_hidden_behind_comments_and_utf16(tmp_path: Path) -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?>\n' + "<!-- <sst> -->\n" * 50
    text += BILLION_LAUGHS.split("\n", 1)[1]
    plain = normal_xlsx(tmp_path / "plain.xlsx")
    path = rewrite_zip(
        plain, tmp_path / "verstopt.xlsx", {"xl/sharedStrings.xml": text.encode("utf-16")}
    )
    assert "XML-bom" in refused(path)


def test_endless_prolog_is_refused(tmp_path: Path) -> None:
    padding = b'<?xml version="1.0"?>' + b" " * (70 * 1024) + b"<sst/>"
    plain = normal_xlsx(tmp_path / "plain.xlsx")
    path = rewrite_zip(plain, tmp_path / "lang.xlsx", {"xl/sharedStrings.xml": padding})
    assert "begint niet zoals een werkmap" in refused(path)


# Reading from the bytes in memory: bounded, and as strict as reading through zipfile.


def test_open_package_keeps_every_member_as_zipfile_reads_it(tmp_path: Path) -> None:
    path = normal_xlsx(tmp_path / "register.xlsx")
    package = open_package(path)
    assert package.data == path.read_bytes() and package.findings == []
    with zipfile.ZipFile(path) as archive:
        assert set(package.members) == set(archive.namelist())
        for name in archive.namelist():
            assert package.read(name) == archive.read(name)


def test_a_member_is_never_inflated_beyond_its_declared_size(tmp_path: Path) -> None:
    # Declared 1,000 bytes, really a MiB of zeros: small enough to pass the ratio check.
    zeros = deflated_zeros(1)
    path = tmp_path / "liegt.xlsx"
    path.write_bytes(raw_zip([*OOXML_PARTS, ("xl/media/image1.bin", zeros, 1000)]))
    package = open_package(path)
    assert package.read("xl/media/image1.bin") == bytes(1000)
    assert member_bytes(package.data, package.members["xl/media/image1.bin"], 10) == bytes(10)


def test_parts_read_whole_are_inflated_once_and_checked(tmp_path: Path) -> None:
    path = normal_xlsx(tmp_path / "register.xlsx")
    whole = {"xl/workbook.xml", "docProps/custom.xml"}  # openpyxl writes no custom.xml
    package = open_package(path, whole=whole)
    assert {info.filename for info in package.inflated} == {"xl/workbook.xml"}
    with zipfile.ZipFile(path) as archive:
        assert package.read("xl/workbook.xml") == archive.read("xl/workbook.xml")
    laughs = rewrite_zip(
        path, tmp_path / "lachen.xlsx", {"xl/workbook.xml": BILLION_LAUGHS.encode()}
    )
    with pytest.raises(UnreadableFileError, match="XML-bom"):
        open_package(laughs, whole=whole)


def test_a_part_read_whole_damaged_after_its_first_bytes_is_left_to_its_reader(
    tmp_path: Path,
) -> None:
    # A good first block, then a reserved block type: inflating fails only past 500 bytes.
    text = b'<?xml version="1.0"?><Properties>' + b" " * 500
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    damaged = compressor.compress(text) + compressor.flush(zlib.Z_FULL_FLUSH) + b"\xff" * 16
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(raw_zip([*OOXML_PARTS, ("docProps/custom.xml", damaged, 2000)]))
    package = open_package(path, whole={"docProps/custom.xml"})  # not refused, as without whole
    assert package.inflated == {} and inspect_file(path) == []
    with pytest.raises(zlib.error):
        package.read("docProps/custom.xml")


def test_doctype_in_a_stored_part_is_refused(tmp_path: Path) -> None:
    plain = normal_xlsx(tmp_path / "plain.xlsx")
    path = tmp_path / "opgeslagen.xlsx"
    with zipfile.ZipFile(plain) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/styles.xml":
                data = BILLION_LAUGHS.encode()
            new.writestr(info.filename, data, compress_type=zipfile.ZIP_STORED)
    assert "XML-bom" in refused(path) and "xl/styles.xml" in refused(path)


def test_doctype_behind_empty_deflate_blocks_is_refused(tmp_path: Path) -> None:
    # 20,000 empty stored blocks inflate to nothing: the first 100 KB of compressed data
    # give no text at all, so a check that gave up there would see no DOCTYPE.
    empty_blocks = b"\x00\x00\x00\xff\xff" * 20_000
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = empty_blocks + compressor.compress(BILLION_LAUGHS.encode()) + compressor.flush()
    path = tmp_path / "leeg-begin.xlsx"
    size = len(BILLION_LAUGHS.encode())
    path.write_bytes(raw_zip([*OOXML_PARTS, ("xl/sharedStrings.xml", bomb, size)]))
    assert "XML-bom" in refused(path)


def test_the_directory_is_read_as_zipfile_reads_it(tmp_path: Path) -> None:
    commented = normal_xlsx(tmp_path / "opmerking.xlsx")
    with zipfile.ZipFile(commented, "a") as archive:
        archive.comment = b"a zip comment: read by zipfile, not by the quick path"
    unicode_name = normal_ods(tmp_path / "namen.ods", {"Pictures/ë.png": b"x"})
    for path in (normal_xlsx(tmp_path / "gewoon.xlsx"), unicode_name, commented):
        package = open_package(path)
        with zipfile.ZipFile(path) as archive:
            listed = {
                info.filename: (info.compress_type, info.compress_size, info.file_size)
                for info in archive.infolist()
            }
        found = {
            name: (member.compress_type, member.compress_size, member.file_size)
            for name, member in package.members.items()
        }
        assert found == listed, path.name
