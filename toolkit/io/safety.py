"""Hostile and broken files: look at a file's bytes before any parser touches it.

`open_package` refuses what cannot or must not be read (empty, not a spreadsheet, .xls,
password-protected, corrupt, a zip bomb, an XML entity bomb, too large) with one Dutch
message that says what to do, and returns the file's bytes with its zip directory and
findings for what can be read but is notable (macros). It inflates no more of a zip member
than the first bytes of an XML part (or, up to Limits.prolog_bytes, all of a part its caller
will read anyway) and never expands an entity: the zip central directory's declared sizes are
checked first.

What the XML check protects. Our own readers would mostly survive such a part: calamine's
quick-xml expands no DTD entity, the formula scan reads workbook.xml and its relationships
with patterns and an .ods content.xml with defusedxml; only docProps/custom.xml and meta.xml
go to the standard library's expat (which bounds entity expansion since expat 2.4), and only
after this check. So the check is defence in depth, and it keeps such parts away from the
programs that open a user's file after us (openpyxl and odfpy when annotating, Excel,
LibreOffice). It costs a few microseconds per part: the first 96 bytes of every XML part,
inflated from the bytes already in memory.
"""

from __future__ import annotations

import io
import mmap
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

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


class Member(NamedTuple):
    """What a zip's central directory says about one member (the fields of ZipInfo we use)."""

    filename: str
    compress_type: int
    flag_bits: int
    compress_size: int
    file_size: int
    header_offset: int


@dataclass(frozen=True)
class Package:
    """A zip workbook that passed inspection: its bytes, read once, and its directory, so
    that properties and the formula scan need not open or read the file again."""

    path: Path
    data: bytes
    members: dict[str, Member]
    findings: list[Finding]  # notes on the file as a whole (macros)
    inflated: dict[Member, bytes]  # parts inflated whole during the inspection

    def read(self, name: str) -> bytes:
        """A member inflated whole, at most its declared size: KeyError when absent,
        zipfile.BadZipFile or zlib.error when damaged."""
        info = self.members[name]
        whole = self.inflated.get(info)
        return member_bytes(self.data, info, info.file_size) if whole is None else whole


def inspect_file(path: Path, limits: Limits = LIMITS) -> list[Finding]:
    """Check path before parsing: raise UnreadableFileError (Dutch) for a file that must not
    be read, return notes for what can be read but deserves a word (a macro workbook)."""
    return open_package(path, limits).findings


def open_package(path: Path, limits: Limits = LIMITS, whole: Collection[str] = ()) -> Package:
    """inspect_file, keeping what it read: the file's bytes and its zip directory, and the XML
    parts named in whole (which the caller will read) inflated whole as they are checked,
    rather than their first bytes now and all of them again later."""
    size = _size(path)
    if size > limits.file_bytes:
        raise UnreadableFileError(
            f"{path.name} is {_megabytes(size)} groot; sleutelnet leest werkmappen tot "
            f"{_megabytes(limits.file_bytes)}. Controleer of dit het juiste bestand is."
        )
    data = _read(path)
    if data.startswith(OLE2_MAGIC):
        _refuse_ole2(path)
    if not data.startswith(ZIP_MAGICS):
        raise UnreadableFileError(
            f"{path.name} is geen werkmap: {_what_it_is(data[:4096])} {SAVE_AS}"
        )
    return _inspect_zip(path, data, limits, whole)


def _size(path: Path) -> int:
    try:
        status = path.stat()
    except FileNotFoundError as exc:
        raise UnreadableFileError(f"{path} bestaat niet. Controleer de naam en de map.") from exc
    except OSError as exc:
        raise UnreadableFileError(f"{path} kan niet worden gelezen: {exc.strerror}.") from exc
    if stat.S_ISDIR(status.st_mode):
        raise UnreadableFileError(f"{path} is een map, geen bestand.")
    size = status.st_size
    if size == 0:
        raise UnreadableFileError(
            f"{path.name} is leeg (0 bytes), misschien doordat opslaan of kopiëren is mislukt. "
            "Sla de werkmap opnieuw op of vraag het bestand opnieuw op."
        )
    return size


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
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


def _inspect_zip(path: Path, data: bytes, limits: Limits, whole: Collection[str]) -> Package:
    try:
        members = _directory(data)
        _check_directory(path, members, limits)
        by_name = {info.filename: info for info in members}
        _check_is_spreadsheet(path, data, by_name)
        inflated = _check_xml_prologs(path, data, members, limits, whole)
    except zipfile.BadZipFile as exc:
        raise UnreadableFileError(
            f"{path.name} is beschadigd of onvolledig (bijvoorbeeld een afgebroken download of "
            "kopie). Vraag het bestand opnieuw op of open het in Excel of LibreOffice, dat het "
            "soms kan herstellen, en sla het opnieuw op."
        ) from exc
    except zlib.error as exc:
        raise UnreadableFileError(
            f"{path.name} is beschadigd: een onderdeel kan niet worden uitgepakt. Open het in "
            "Excel of LibreOffice en sla het opnieuw op, of vraag het bestand opnieuw op."
        ) from exc
    return Package(path, data, by_name, _macro_findings(set(by_name)), inflated)


_END = struct.Struct("<4s4H2LH")  # end of central directory record
_CENTRAL = struct.Struct("<4s4xHH4x4xLLHHH8xL")  # central directory entry, before its name
_LOCAL_HEADER = b"PK\x03\x04"


def _directory(data: bytes) -> list[Member]:
    """The members as the central directory lists them. The usual zip (no comment, no
    ZIP64, nothing before the archive) is read here with struct, four times faster than
    zipfile; zipfile reads every other case and reports the damage it finds."""
    members = _usual_directory(data)
    if members is None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [
                Member(i.filename, i.compress_type, i.flag_bits, i.compress_size, i.file_size,
                       i.header_offset)
                for i in archive.infolist()
            ]  # fmt: skip
    return members


def _usual_directory(data: bytes) -> list[Member] | None:
    end = len(data) - _END.size
    try:
        signature, disk, first_disk, _, count, size, offset, comment = _END.unpack_from(data, end)
        if signature != b"PK\x05\x06" or disk or first_disk or comment or offset + size != end:
            return None
        members = []
        position = offset
        for _ in range(count):
            fields = _CENTRAL.unpack_from(data, position)
            signature, flags, method, packed, size, name_length, extra, note, start = fields
            if signature != b"PK\x01\x02" or 0xFFFFFFFF in (packed, size, start):
                return None
            position += _CENTRAL.size
            name = data[position : position + name_length]
            # ASCII reads the same in both; "ascii" spares cp437's codec written in Python.
            encoding = "utf-8" if flags & 0x800 else "ascii" if name.isascii() else "cp437"
            members.append(Member(name.decode(encoding), method, flags, packed, size, start))
            position += name_length + extra + note
    except (struct.error, UnicodeDecodeError):
        return None
    return members if position == end else None


_CHUNK = 4096  # compressed bytes fed to the inflater at a time for a member's first bytes
_NAME_AND_EXTRA = struct.Struct("<HH")  # the lengths in a local header, at its byte 26


def member_bytes(data: bytes, info: Member, limit: int) -> bytes:
    """The first limit bytes of a member (fewer when it is shorter), inflated straight from
    the file's bytes: no stream objects, and never more output than limit."""
    offset = info.header_offset
    if not data.startswith(_LOCAL_HEADER, offset):
        raise zipfile.BadZipFile(f"no local header for {info.filename}")
    name_length, extra_length = _NAME_AND_EXTRA.unpack_from(data, offset + 26)
    start = offset + 30 + name_length + extra_length
    end = start + info.compress_size
    if info.compress_type == zipfile.ZIP_STORED or limit <= 0:
        return data[start : min(end, start + max(limit, 0))]
    # max_length bounds the output; feeding the input in steps keeps the copy zlib makes of
    # unconsumed input small. Input is left over only once the output reached the limit.
    step = max(_CHUNK, limit)
    inflater = zlib.decompressobj(-15)
    inflated = inflater.decompress(data[start : min(end, start + step)], limit)
    if len(inflated) >= limit or inflater.eof or start + step >= end:
        return inflated  # the usual case: one step
    parts = [inflated]
    wanted = limit - len(inflated)
    raw = memoryview(data)[start:end]
    for position in range(step, len(raw), step):
        part = inflater.decompress(raw[position : position + step], wanted)
        parts.append(part)
        wanted -= len(part)
        if wanted <= 0 or inflater.eof:
            break
    return b"".join(parts)


def _check_directory(path: Path, members: list[Member], limits: Limits) -> None:
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


def _check_is_spreadsheet(path: Path, data: bytes, members: dict[str, Member]) -> None:
    lower = {name.lower() for name in members}
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
    if "mimetype" in members:
        mimetype = member_bytes(data, members["mimetype"], 200).decode("ascii", "replace").strip()
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


_PLAIN_FIRST = 96  # bytes: past the usual XML declaration (59 with Excel's CRLF) to the root
_PROLOG_FIRST = 256  # bytes: where nearly every part's root element starts
# The usual start: an XML declaration (which cannot hold ">"), then the root element.
_PLAIN_START = re.compile(rb"\s*(?:<\?xml\s[^>]*\?>)?\s*<[A-Za-z_]")


def _check_xml_prologs(
    path: Path, data: bytes, members: list[Member], limits: Limits, whole: Collection[str]
) -> dict[Member, bytes]:
    """_check_xml_prolog of every XML part, the usual part settled here by its first bytes
    (some 20 parts a file: this loop is most of the inspection's time), or by all of them
    for a part named in whole. Returns those parts, inflated."""
    plain = _PLAIN_START.match
    inflated = {}
    for info in members:
        if not info.filename.lower().endswith(XML_SUFFIXES):
            continue
        kept = _inflate_whole(data, info, limits) if info.filename in whole else None
        if kept is not None:
            inflated[info] = kept
        if not plain(member_bytes(data, info, _PLAIN_FIRST) if kept is None else kept):
            _check_xml_prolog(path, data, info, limits)
    return inflated


def _inflate_whole(data: bytes, info: Member, limits: Limits) -> bytes | None:
    """A part inflated whole: for a part of a few KB hardly more work than its first bytes
    (decoding the deflate block's header is most of it). None when it is larger than the
    check may read (prolog_bytes) or damaged after its first bytes, for its reader to find."""
    if info.file_size > limits.prolog_bytes:
        return None
    try:
        return member_bytes(data, info, info.file_size)
    except zlib.error:
        return None


def _check_xml_prolog(path: Path, data: bytes, info: Member, limits: Limits) -> None:
    """Read an XML part only up to its root element (bounded): a DOCTYPE there can declare
    entities (billion laughs, external files); a workbook part never has one."""
    for size in (_PROLOG_FIRST, limits.prolog_bytes):
        prefix = member_bytes(data, info, size)
        if _PLAIN_START.match(prefix):
            return
        verdict = _prolog(_decode(prefix), at_end=len(prefix) < size)
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
