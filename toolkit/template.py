"""Schema -> blank workbook: the content every template carries, independent of file format.

The writers (toolkit.io.xlsx_writer, toolkit.io.ods_writer) lay this content out; both read
it from here so that .xlsx and .ods say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from python_calamine import CalamineError, CalamineWorkbook

from toolkit.errors import OutputError, UnreadableFileError, UsageError
from toolkit.io.atomic import atomic_path
from toolkit.records import Value
from toolkit.schema import (
    GEGEVENS,
    KINDS,
    Column,
    ColumnType,
    GegevensField,
    Kind,
    SheetSchema,
    When,
)
from toolkit.schema.kinds import DIVERSITEIT, WIJK_DIMENSION_COLUMN, kind_by_filename
from toolkit.schema.vocabularies import WIJKEN_NAME, Vocabulary

KIND_PROPERTY = "sleutelnet-kind"
VERSION_PROPERTY = "sleutelnet-schema-version"
# Every template carries this creation date so the same command writes the same bytes.
FIXED_CREATED = datetime(2026, 1, 1, 0, 0, 0)
TABLE_ROWS = 500  # data rows an empty Excel Table is pre-sized to

PERSONAL_DATA_NOTE = (
    "Dit bestand bevat persoonsgegevens ({columns}). Bewaar het op een beveiligde plek, deel "
    "het alleen met wie het voor het netwerk nodig heeft, en verwijder gegevens die niet meer "
    "nodig zijn. Leg alleen gegevens vast van mensen die daar toestemming voor gaven (AVG). "
    "Het kwartaaloverzicht van sleutelnet bevat nooit namen, contactgegevens of vrije tekst."
)
NO_PERSONAL_DATA_NOTE = (
    "Zet in dit bestand geen namen of andere persoonsgegevens, ook niet in vrije tekst (AVG)."
)


# What both writers say when a value does not fit (Excel's error alert, ODF's error message).
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2099, 12, 31)
DATE_ERROR = "Typ een datum als dd-mm-jjjj, bijvoorbeeld 03-02-2026."
LIST_ERROR = "Kies een waarde uit de keuzelijst."
WIJK_WARNING = "Deze wijk staat niet in de keuzelijst. Klik op Ja om hem toch te gebruiken."
# Column widths (characters) of sheets Toelichting (column, required, help, values) and Gegevens.
TOELICHTING_WIDTHS = (30, 22, 60, 60)
GEGEVENS_WIDTHS = (22, 40)
# Columns kept as text cells, so phone numbers and IDs keep their leading zeros.
TEXT_TYPES = (ColumnType.TEXT, ColumnType.EMAIL, ColumnType.PHONE, ColumnType.REFERENCE)


def number_error(column: Column) -> str:
    """The alert of a number column: 'Typ een heel getal van 0 of meer.'"""
    noun = "een heel getal" if column.type is ColumnType.INTEGER else "een getal"
    low, high = column.minimum, column.maximum
    if low is not None and high is not None:
        return f"Typ {noun} van {dutch_number(low)} tot en met {dutch_number(high)}."
    if low is not None:
        return f"Typ {noun} van {dutch_number(low)} of meer."
    if high is not None:
        return f"Typ {noun} van {dutch_number(high)} of minder."
    return f"Typ {noun}."


def dutch_number(value: float) -> str:
    """A number in Dutch notation: 100, or 2,5."""
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


@dataclass(frozen=True)
class Line:
    """One row of sheet Toelichting: its cells and how it looks."""

    cells: tuple[str, ...]
    style: str = "text"  # title | heading | header | text


def requirement(column: Column, sheet: SheetSchema) -> str:
    """Whether a column must be filled, in the words of the Toelichting."""
    if column.required:
        return "Verplicht"
    if column.required_when is not None:
        return f"Verplicht als {condition_text(column.required_when, sheet)}"
    if column.expected_when is not None:
        return f"Gewenst als {condition_text(column.expected_when, sheet)}"
    return "Niet verplicht"


def condition_text(when: When, sheet: SheetSchema) -> str:
    """A When in Dutch words: 'Einddatum is ingevuld', 'Status is Geselecteerd'."""
    header = sheet.column(when.column).header
    if when.values is None:
        return f"{header} leeg is" if when.negate else f"{header} is ingevuld"
    return f"{header} is " + " of ".join(when.values)


def allowed_values(column: Column, wijken: Sequence[str] = ()) -> str:
    """The allowed values of a column as one line, or how the value must look."""
    if column.vocabulary is not None:
        return " · ".join(column.vocabulary.values)
    if column.wijk_list and wijken:
        return "Een wijk uit de keuzelijst"
    if column.references is not None:
        return "Een bestaande ID"
    if column.pattern_hint:
        return column.pattern_hint
    return {
        "date": "Een datum: dd-mm-jjjj",
        "integer": "Een heel getal",
        "number": "Een getal",
        "e-mail": "Een e-mailadres",
        "phone": "Een telefoonnummer",
    }.get(column.type.value, "Tekst")


def personal_columns(kind: Kind) -> list[str]:
    return [c.header for s in kind.sheets for c in s.columns if c.personal]


def toelichting(kind: Kind, wijken: Sequence[str] = ()) -> list[Line]:
    """The rows of sheet Toelichting: purpose, how to fill it in, every column, AVG."""
    lines = [Line((f"{kind.title} – sleutelpersonennetwerk",), "title"), Line((kind.purpose,))]
    lines += [Line(("Zo vult u dit bestand in",), "heading")]
    lines += [Line((text,)) for text in kind.instructions]
    lines += [
        Line(("Vul eerst het blad Gegevens in: de gemeente en het kwartaal (zoals 2026-K3).",)),
        Line(("Kies waar een keuzelijst is een waarde uit de lijst; typ datums als dd-mm-jjjj.",)),
    ]
    for sheet in kind.sheets:
        lines += [Line((f"Blad {sheet.name}",), "heading"), Line((sheet.purpose,))]
        lines.append(Line(("Kolom", "Verplicht?", "Wat vult u in", "Toegestane waarden"), "header"))
        lines += [
            Line((c.header, requirement(c, sheet), c.help, allowed_values(c, wijken)))
            for c in sheet.columns
        ]
    personal = personal_columns(kind)
    note = (
        PERSONAL_DATA_NOTE.format(columns=", ".join(personal))
        if personal
        else (NO_PERSONAL_DATA_NOTE)
    )
    lines += [Line(("Privacy (AVG)",), "heading"), Line((note,))]
    return lines


def gegevens_rows(
    values: Mapping[str, Value] | None = None,
) -> list[tuple[GegevensField, Value]]:
    """The label/value lines of sheet Gegevens, with the given values filled in."""
    values = values or {}
    return [(field, values.get(field.key)) for field in GEGEVENS]


def lists(kind: Kind, wijken: Sequence[str] = ()) -> list[Vocabulary]:
    """The columns of the hidden sheet Lijsten: every vocabulary the kind uses, and the
    municipality's neighbourhoods when known. Each is a defined name of the same name."""
    result = list(kind.vocabularies)
    if wijken and any(c.wijk_list for s in kind.sheets for c in s.columns):
        result.append(Vocabulary(WIJKEN_NAME, tuple(wijken)))
    return result


def list_name(column: Column, wijken: Sequence[str] = ()) -> str | None:
    """The defined name a column's dropdown draws from, if it has one."""
    if column.vocabulary is not None:
        return column.vocabulary.name
    if column.wijk_list and wijken:
        return WIJKEN_NAME
    return None


def column_width(column: Column) -> int:
    """The schema's width, widened so no word of the header is broken (a filter button
    takes about two characters of the header cell)."""
    return max(column.width, *(len(word) + 2 for word in column.header.split()))


def input_title(column: Column) -> str:
    """The title of a column's input message; Excel allows 32 characters."""
    return column.header if len(column.header) <= 32 else column.header[:31] + "…"


def data_rows(
    sheet: SheetSchema, data: Mapping[str, Sequence[Mapping[str, Value]]] | None = None
) -> Sequence[Mapping[str, Value]]:
    """The rows written into a data sheet: the given data, else the sheet's prefill."""
    if data is not None and sheet.name in data:
        return data[sheet.name]
    return sheet.prefill


def table_rows(rows: Sequence[object]) -> int:
    """How many data rows the sheet's table spans: room to type, and every given row."""
    return max(TABLE_ROWS, len(rows))


FORMATS = ("xlsx", "ods")


class Writer(Protocol):
    def __call__(
        self,
        kind: Kind,
        target: Path,
        *,
        gegevens: Mapping[str, Value] | None,
        wijken: Sequence[str],
        data: Mapping[str, Sequence[Mapping[str, Value]]] | None,
    ) -> None: ...


def writer(fmt: str) -> Writer:
    """The function that writes a workbook in the given file format."""
    # Imported here, not at the top: both writers read their content from this module.
    if fmt == "xlsx":
        from toolkit.io.xlsx_writer import write_xlsx

        return write_xlsx
    if fmt == "ods":
        from toolkit.io.ods_writer import write_ods

        return write_ods
    raise UsageError(f"Onbekend formaat '{fmt}'; kies uit: {', '.join(FORMATS)}.")


def write_workbook(
    kind: Kind,
    target: Path,
    fmt: str = "xlsx",
    *,
    gegevens: Mapping[str, Value] | None = None,
    wijken: Sequence[str] = (),
    data: Mapping[str, Sequence[Mapping[str, Value]]] | None = None,
    overwrite: bool = True,
) -> Path:
    """Write one workbook of a kind to target, atomically; blank unless data is given.

    gegevens maps GegevensField keys to values, data maps sheet names to rows (column key
    -> value); values are written with their Python types, text always as text.
    """
    write = writer(fmt)
    with atomic_path(target, overwrite=overwrite) as temporary:
        write(kind, temporary, gegevens=gegevens, wijken=wijken, data=data)
    return target


def generate_templates(
    kinds: Sequence[Kind],
    outdir: Path,
    fmt: str = "xlsx",
    *,
    gemeente: str | None = None,
    wijken: Sequence[str] = (),
    force: bool = False,
) -> list[Path]:
    """Write the blank template of each kind to outdir as <filename>.<fmt>.

    Without force nothing is written when any of the files already exists.
    """
    writer(fmt)  # an unknown format fails before anything is written
    targets = [(kind, outdir / f"{kind.filename}.{fmt}") for kind in kinds]
    existing = [str(target) for _, target in targets if target.exists()]
    if existing and not force:
        raise OutputError(
            f"Bestaat al: {', '.join(existing)}. Gebruik --force om te overschrijven."
        )
    gegevens: dict[str, Value] | None = {"gemeente": gemeente} if gemeente else None
    return [
        write_workbook(kind, target, fmt, gegevens=gegevens, wijken=wijken, overwrite=force)
        for kind, target in targets
    ]


def kinds_named(names: Sequence[str]) -> list[Kind]:
    """The kinds named by id or file name (case-insensitive), each once, in the given order."""
    found: dict[str, Kind] = {}
    for name in names:
        kind = kind_by_filename(name.strip().lower())
        if kind is None:
            valid = ", ".join(f"{k.id} ({k.filename})" for k in KINDS)
            raise UsageError(f"Onbekende soort '{name}'. Kies uit: {valid}.")
        found.setdefault(kind.id, kind)
    return list(found.values())


SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# The diversiteitsmatrix sheet that lists the municipality's neighbourhoods.
WIJKEN_SHEET = next(
    s for s in DIVERSITEIT.sheets if any(c.key == WIJK_DIMENSION_COLUMN for c in s.columns)
)


def read_wijken(path: Path) -> list[str]:
    """The neighbourhood names in a text file (one per line) or on sheet Wijken of a filled
    diversiteitsmatrix (.xlsx, .xlsm, .xls, .ods): trimmed, each once, in file order."""
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        names = _wijken_from_workbook(path)
    else:
        names = _wijken_from_text(path)
    if not names:
        raise UsageError(f"{path} bevat geen wijken.")
    return list(dict.fromkeys(names))


def _wijken_from_text(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UnreadableFileError(f"Kan {path} niet lezen: {exc.strerror}.") from exc
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(f"{path} is geen tekstbestand (UTF-8).") from exc
    return [line.strip() for line in text.splitlines() if line.strip()]


def _wijken_from_workbook(path: Path) -> list[str]:
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        name = next(
            (n for n in workbook.sheet_names if n.strip().lower() == WIJKEN_SHEET.name.lower()),
            None,
        )
        if name is None:
            raise UsageError(
                f"{path} heeft geen blad {WIJKEN_SHEET.name}. Geef een ingevulde "
                "diversiteitsmatrix of een tekstbestand met één wijk per regel."
            )
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except (OSError, CalamineError) as exc:
        raise UnreadableFileError(f"Kan {path} niet lezen als werkblad: {exc}.") from exc
    return _column_below_header(rows, WIJKEN_SHEET.column(WIJK_DIMENSION_COLUMN), path)


def _column_below_header(rows: Sequence[Sequence[object]], column: Column, path: Path) -> list[str]:
    """The filled cells below the column's header, found within the first ten rows."""
    headers = {h.strip().lower() for h in (column.header, *column.aliases)}
    for index, row in enumerate(rows[:10]):
        for position, cell in enumerate(row):
            if isinstance(cell, str) and cell.strip().lower() in headers:
                cells = (_cell_text(r[position]) for r in rows[index + 1 :] if position < len(r))
                return [text for text in cells if text]
    raise UsageError(f"{path}: geen kolom {column.header} gevonden op blad {WIJKEN_SHEET.name}.")


def _cell_text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return "" if cell is None else str(cell).strip()
