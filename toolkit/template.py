"""Schema -> blank workbook: the content every template carries, independent of file format.

The writers (toolkit.io.xlsx_writer, toolkit.io.ods_writer) lay this content out; both read
it from here so that .xlsx and .ods say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from toolkit.schema import GEGEVENS, Column, GegevensField, Kind, SheetSchema, When
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


def gegevens_rows(values: dict[str, object] | None = None) -> list[tuple[GegevensField, object]]:
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


def input_title(column: Column) -> str:
    """The title of a column's input message; Excel allows 32 characters."""
    return column.header if len(column.header) <= 32 else column.header[:31] + "…"
