"""Hostile and broken files: look at a file's bytes before any parser touches it.

`inspect_file` refuses what cannot or must not be read (empty, not a spreadsheet, .xls,
password-protected, corrupt, a zip bomb, an XML entity bomb, too large) with one Dutch
message that says what to do, and returns findings for what can be read but is notable
(macros). It never inflates a zip member beyond the first bytes of its XML parts and never
expands an entity: the zip central directory's declared sizes are checked first.
"""

from __future__ import annotations

import mmap
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import UnreadableFileError
from toolkit.findings import Finding, make_finding


@dataclass(frozen=True)
class Limits:
    """What a workbook of a key-person network may reasonably be; a 100,000-row register
    is about 3 MB on disk, 30 MB unpacked and compressed about 10:1."""

    file_bytes: int = 100 * 1024**2
    unpacked_bytes: int = 500 * 1024**2
    members: int = 10_000
    ratio: int = 100  # deflate reaches ~1000:1 on zeros; real sheets stay under 20:1
    ratio_from_bytes: int = 4 * 1024**2  # small members may compress better, harmlessly
    prolog_bytes: int = 64 * 1024  # an XML part's root element must start within these


LIMITS = Limits()

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
XML_SUFFIXES = (".xml", ".rels", ".vml")
ALLOWED_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
SAVE_AS = "Open het in Excel of LibreOffice Calc en sla het op als Excel-werkmap (.xlsx)."


def inspect_file(path: Path, limits: Limits = LIMITS) -> list[Finding]:
    """Check path before parsing: raise UnreadableFileError (Dutch) for a file that must not
    be read, return notes for what can be read but deserves a word (a macro workbook)."""
    size = _size(path)
    if size > limits.file_bytes:
        raise UnreadableFileError(
            f"{path.name} is {_megabytes(size)} groot; sleutelnet leest werkmappen tot "
            f"{_megabytes(limits.file_bytes)}. Controleer of dit het juiste bestand is."
        )
    head = _head(path)
    if head.startswith(OLE2_MAGIC):
        _refuse_ole2(path)
    if not head.startswith(ZIP_MAGICS):
        raise UnreadableFileError(f"{path.name} is geen werkmap: {_what_it_is(head)} {SAVE_AS}")
    return _inspect_zip(path, limits)


def _size(path: Path) -> int:
    try:
        if path.is_dir():
            raise UnreadableFileError(f"{path} is een map, geen bestand.")
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise UnreadableFileError(f"{path} bestaat niet. Controleer de naam en de map.") from exc
    except OSError as exc:
        raise UnreadableFileError(f"{path} kan niet worden gelezen: {exc.strerror}.") from exc
    if size == 0:
        raise UnreadableFileError(
            f"{path.name} is leeg (0 bytes), misschien doordat opslaan of kopiëren is mislukt. "
            "Sla de werkmap opnieuw op of vraag het bestand opnieuw op."
        )
    return size


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(4096)
    except OSError as exc:
        raise UnreadableFileError(f"{path} kan niet worden gelezen: {exc.strerror}.") from exc


def _megabytes(size: int) -> str:
    return f"{size / 1024**2:,.0f} MB".replace(",", ".")


# Not a spreadsheet: name what it is where the first bytes tell, so the user knows what to do.
_TEXT_KINDS = (
    ("urn:schemas-microsoft-com:office:spreadsheet", "een Excel 2003 XML-werkmap."),
    ("<office:document", "een platte OpenDocument-werkmap (.fods)."),
    ("<html", "een webpagina (HTML), ook al heeft het misschien de extensie .xls."),
    ("<table", "een webpagina (HTML), ook al heeft het misschien de extensie .xls."),
)


def _what_it_is(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "het is een PDF-document."
    if b"\x00" in head:
        return "de inhoud is geen Excel- of OpenDocument-werkmap."
    text = head.decode("utf-8", errors="replace").casefold()
    for marker, kind in _TEXT_KINDS:
        if marker in text:
            return f"het is {kind}"
    return "het is een tekstbestand (bijvoorbeeld CSV)."


# OLE2 (compound file): legacy .xls, or an encrypted .xlsx (Office wraps those in OLE2).
_ENDOFCHAIN = 0xFFFFFFFA  # sector numbers from here up are markers, not sectors
_MAX_SECTORS = 100_000  # bounds every chain walk, so a crafted loop cannot hang us


def _refuse_ole2(path: Path) -> None:
    names = _ole2_stream_names(path)
    if {"EncryptionInfo", "EncryptedPackage"} & names:
        raise UnreadableFileError(
            f"{path.name} is beveiligd met een wachtwoord, dus sleutelnet kan het niet lezen. "
            "Open het en haal het wachtwoord weg: in Excel via Bestand > Info > Werkmap "
            "beveiligen > Versleutelen met wachtwoord (maak het veld leeg), in LibreOffice "
            "via Bestand > Opslaan als zonder 'Opslaan met wachtwoord'. Sla daarna op en "
            "controleer opnieuw; bewaar het bestand wel op een beveiligde plek."
        )
    if {"Workbook", "Book"} & names:
        raise UnreadableFileError(
            f"{path.name} is een oud Excel-bestand (.xls), dat sleutelnet niet leest. {SAVE_AS}"
        )
    raise UnreadableFileError(
        f"{path.name} is geen werkmap maar een ander (oud) Office-document. {SAVE_AS}"
    )


def _ole2_stream_names(path: Path) -> set[str]:
    """The names in an OLE2 compound file's directory, read without any library."""
    try:
        with (
            path.open("rb") as stream,
            mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            return _Ole2(data).directory_names()
    except (struct.error, IndexError, ValueError) as exc:
        raise UnreadableFileError(
            f"{path.name} lijkt een oud Office-bestand, maar is beschadigd. {SAVE_AS}"
        ) from exc


class _Ole2:
    """Just enough of [MS-CFB] to list the directory: header, DIFAT, FAT, directory chain."""

    def __init__(self, data: mmap.mmap) -> None:
        self.data = data
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):
            raise ValueError("sector size")
        self.sector_size = 1 << shift
        self.fat_sectors = self._difat()

    def _sector(self, number: int) -> bytes:
        start = (number + 1) * self.sector_size
        if number >= _ENDOFCHAIN or start + self.sector_size > len(self.data):
            raise ValueError("sector outside the file")
        return self.data[start : start + self.sector_size]

    def _difat(self) -> list[int]:
        count = struct.unpack_from("<I", self.data, 0x2C)[0]
        if count > _MAX_SECTORS:
            raise ValueError("FAT too large")
        entries = list(struct.unpack_from("<109I", self.data, 0x4C))
        number = struct.unpack_from("<I", self.data, 0x44)[0]
        per_sector = self.sector_size // 4
        while number < _ENDOFCHAIN and len(entries) < count:
            values = struct.unpack(f"<{per_sector}I", self._sector(number))
            entries += values[:-1]
            number = values[-1]
        return entries[:count]

    def _next(self, number: int) -> int:
        per_sector = self.sector_size // 4
        fat_sector = self.fat_sectors[number // per_sector]
        return int(struct.unpack_from("<I", self._sector(fat_sector), number % per_sector * 4)[0])

    def directory_names(self) -> set[str]:
        names: set[str] = set()
        number, seen = struct.unpack_from("<I", self.data, 0x30)[0], set[int]()
        while number < _ENDOFCHAIN and number not in seen and len(seen) < _MAX_SECTORS:
            seen.add(number)
            sector = self._sector(number)
            for offset in range(0, self.sector_size, 128):
                length, kind = struct.unpack_from("<HB", sector, offset + 64)
                if kind in (1, 2, 5) and 2 <= length <= 64:
                    names.add(sector[offset : offset + length - 2].decode("utf-16-le", "replace"))
            number = self._next(number)
        return names


# Zip containers: .xlsx, .xlsm (Office Open XML) and .ods (OpenDocument).


def _inspect_zip(path: Path, limits: Limits) -> list[Finding]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_directory(path, members, limits)
            names = {info.filename for info in members}
            _check_is_spreadsheet(path, archive, names)
            for info in members:
                if info.filename.lower().endswith(XML_SUFFIXES):
                    _check_xml_prolog(path, archive, info, limits)
    except zipfile.BadZipFile as exc:
        raise UnreadableFileError(
            f"{path.name} is beschadigd of onvolledig (bijvoorbeeld een afgebroken download of "
            "kopie). Vraag het bestand opnieuw op of open het in Excel of LibreOffice, dat het "
            "soms kan herstellen, en sla het opnieuw op."
        ) from exc
    except (zlib.error, EOFError) as exc:
        raise UnreadableFileError(
            f"{path.name} is beschadigd: een onderdeel kan niet worden uitgepakt. Open het in "
            "Excel of LibreOffice en sla het opnieuw op, of vraag het bestand opnieuw op."
        ) from exc
    return _macro_findings(names)


def _check_directory(path: Path, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse a zip bomb from the central directory alone, before inflating anything."""
    bomb = (
        f"{path.name} is geweigerd: het is opgebouwd als een zogenaamde zip-bom, die bij "
        "uitpakken de computer kan laten vastlopen. Een gewone werkmap ziet er nooit "
        "zo uit; controleer waar het bestand vandaan komt."
    )
    if len(members) > limits.members:
        raise UnreadableFileError(f"{bomb} (Het bevat {len(members)} onderdelen.)")
    unpacked = sum(info.file_size for info in members)
    if unpacked > limits.unpacked_bytes:
        raise UnreadableFileError(f"{bomb} (Uitgepakt zou het {_megabytes(unpacked)} zijn.)")
    for info in members:
        if info.file_size > limits.ratio_from_bytes and (
            info.file_size > limits.ratio * max(info.compress_size, 1)
        ):
            raise UnreadableFileError(
                f"{bomb} (Onderdeel {info.filename} is meer dan {limits.ratio} keer samengeperst.)"
            )
        if info.flag_bits & 0x1:
            raise UnreadableFileError(
                f"{path.name} bevat onderdelen met een wachtwoord en kan niet worden gelezen. "
                "Sla de werkmap op zonder wachtwoord en controleer opnieuw."
            )
        if info.compress_type not in ALLOWED_COMPRESSION:
            raise UnreadableFileError(
                f"{path.name} is geweigerd: onderdeel {info.filename} is ingepakt op een manier "
                "die Excel en LibreOffice niet gebruiken. Sla de werkmap opnieuw op in Excel of "
                "LibreOffice."
            )


def _check_is_spreadsheet(path: Path, archive: zipfile.ZipFile, names: set[str]) -> None:
    lower = {name.lower() for name in names}
    if "[content_types].xml" in lower:
        if "xl/workbook.xml" in lower:
            return
        what = (
            "een binaire Excel-werkmap (.xlsb)"
            if "xl/workbook.bin" in lower
            else "een Word-document"
            if any(name.startswith("word/") for name in lower)
            else "een PowerPoint-presentatie"
            if any(name.startswith("ppt/") for name in lower)
            else "een Office-document zonder werkmap"
        )
        raise UnreadableFileError(f"{path.name} is geen werkmap maar {what}. {SAVE_AS}")
    if "mimetype" in names:
        with archive.open("mimetype") as stream:
            mimetype = stream.read(200).decode("ascii", errors="replace").strip()
        if mimetype == ODS_MIMETYPE:
            return
        if mimetype.startswith("application/vnd.oasis.opendocument"):
            raise UnreadableFileError(
                f"{path.name} is een OpenDocument-bestand, maar geen rekenblad ({mimetype}). "
                "Gebruik een werkmap uit LibreOffice Calc (.ods) of Excel (.xlsx)."
            )
    raise UnreadableFileError(
        f"{path.name} is een zip-bestand, maar geen werkmap. Pak het uit en kies de werkmap "
        "(.xlsx of .ods) die erin zit."
    )


def _check_xml_prolog(
    path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits
) -> None:
    """Read an XML part only up to its root element (bounded): a DOCTYPE there can declare
    entities (billion laughs, external files); a workbook part never has one."""
    prefix = b""
    with archive.open(info) as stream:
        while len(prefix) < limits.prolog_bytes:
            chunk = stream.read(4096)
            prefix += chunk
            verdict = _prolog(_decode(prefix), at_end=not chunk)
            if verdict == "root":
                return
            if verdict == "declaration":
                raise UnreadableFileError(
                    f"{path.name} is geweigerd: onderdeel {info.filename} bevat een "
                    "DOCTYPE- of ENTITY-declaratie (een zogenaamde XML-bom of een verwijzing "
                    "naar andere bestanden). Excel en LibreOffice schrijven dat nooit; "
                    "controleer waar het bestand vandaan komt."
                )
    raise UnreadableFileError(
        f"{path.name} is geweigerd: onderdeel {info.filename} begint niet zoals een werkmap. "
        "Controleer waar het bestand vandaan komt, of sla het opnieuw op in Excel of LibreOffice."
    )


def _decode(prefix: bytes) -> str:
    if prefix.startswith((b"\xff\xfe", b"\xfe\xff")):
        return prefix.decode("utf-16", errors="ignore")
    if prefix[:1] == b"\x00" or prefix[1:2] == b"\x00":
        return prefix.decode("utf-16-be" if prefix[:1] == b"\x00" else "utf-16-le", "ignore")
    return prefix.decode("utf-8", errors="ignore").lstrip("\ufeff")


def _prolog(text: str, *, at_end: bool) -> str:
    """'root' once the root element starts, 'declaration' on <!DOCTYPE or any other
    markup declaration before it, 'more' when the text so far ends inside the prolog."""
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        rest = text[position:]
        if len(rest) < 4 and not at_end:
            return "more"
        for opener, closer in (("<?", "?>"), ("<!--", "-->")):
            if rest.startswith(opener):
                end = rest.find(closer, len(opener))
                if end < 0:
                    return "root" if at_end else "more"
                position += end + len(closer)
                break
        else:
            # "<!" other than a comment is a DOCTYPE, ENTITY or similar declaration.
            return "declaration" if rest.startswith("<!") else "root"


def _macro_findings(names: set[str]) -> list[Finding]:
    has_vba = any(name.lower().endswith("vbaproject.bin") for name in names)
    has_basic = any(
        name.startswith(("Basic/", "Scripts/")) and name.count("/") >= 2 for name in names
    )
    return [make_finding("macro_ignored")] if has_vba or has_basic else []
