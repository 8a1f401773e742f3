"""Findings: problems in a user's data, collected (never raised) and reported per cell.

The message catalogue (stable codes with Dutch message templates) lives here too, so every
module reports in the same words.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str  # Dutch: what is wrong and how to fix it
    sheet: str | None = None
    cell: str | None = None  # A1 address, e.g. "F7"
    row: int | None = None  # 1-based sheet row
    column: str | None = None  # the column header as the schema names it
    value: Any = None  # the value found, as read

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass(frozen=True)
class Message:
    """A catalogue entry: the default severity of a code and its Dutch message template."""

    severity: Severity
    template: str


_E, _W, _N = Severity.ERROR, Severity.WARNING, Severity.NOTE

# Stable codes -> severity and a Dutch template that says what is wrong AND how to fix it.
# Placeholders are filled by `make_finding`; {column} is the column header, {value} the value
# found (dates as dd-mm-jjjj).
CATALOGUE: dict[str, Message] = {
    # The file as a whole
    "unreadable": Message(_E, "{reason}"),
    "macro_ignored": Message(
        _N,
        "Dit bestand bevat macro's. Die zijn genegeerd en nooit uitgevoerd; alleen de gegevens "
        "zijn gelezen. Sla het bestand bij voorkeur op als gewone werkmap (.xlsx).",
    ),
    "unknown_kind": Message(
        _E,
        "Dit is geen werkblad van sleutelnet: er is geen blad {sheets} gevonden. Gebruik een "
        "sjabloon van sleutelnet (sleutelnet template) of geef het gegevensblad een van deze "
        "namen.",
    ),
    "kind_property": Message(
        _W,
        'De eigenschap sleutelnet-kind heeft de onbekende waarde "{value}"; het bestand is '
        "herkend aan het blad {sheet}. Maak bij twijfel een nieuw sjabloon.",
    ),
    "schema_version": Message(
        _W,
        "Dit bestand is gemaakt met sjabloonversie {value}; de huidige versie is {current}. "
        "Maak een nieuw sjabloon (sleutelnet template) en neem de gegevens daarin over.",
    ),
    "sheet_missing": Message(
        _E,
        "Blad {sheet} ontbreekt. Herstel de naam van het blad of kopieer het blad uit een "
        "nieuw sjabloon.",
    ),
    "header_missing": Message(
        _E,
        "Op blad {sheet} staat in de eerste tien regels geen kopregel met minstens de helft "
        "van de kolomkoppen ({headers}). Zet de kolomkoppen van het sjabloon in één regel "
        "boven de gegevens.",
    ),
    "title_row": Message(
        _N,
        "De kolomkoppen staan op regel {header_row}; de regel(s) erboven zijn als titel "
        "overgeslagen. Dat mag; de gegevens zijn gewoon gelezen.",
    ),
    "header_typo": Message(
        _W,
        'Kolomkop "{value}" lijkt op "{column}" en is als die kolom gelezen. Verbeter de kop '
        'in "{column}".',
    ),
    "column_moved": Message(
        _N,
        'Kolom "{column}" staat op een andere plaats dan in het sjabloon (daar kolom '
        "{expected}). Dat mag: de kolom is herkend aan de kop.",
    ),
    "unknown_column": Message(
        _W,
        'Kolom "{value}" hoort niet bij het sjabloon en is niet gecontroleerd.{suggestion} '
        "Verwijder de kolom als u hem niet nodig hebt, of geef hem de kop van een "
        "sjabloonkolom.",
    ),
    "duplicate_column": Message(
        _W,
        'Kolom "{column}" staat er twee keer; alleen kolom {first} is gelezen. Verwijder of '
        "hernoem deze kolom.",
    ),
    "missing_column": Message(
        _E,
        'De verplichte kolom "{column}" ontbreekt op blad {sheet}. Voeg de kolom toe met '
        "precies deze kop.",
    ),
    "empty_row": Message(
        _W,
        "{rows} leeg, maar er staan nog gegevens onder. Verwijder de lege regel(s); de "
        "gegevens eronder zijn wel gelezen.",
    ),
    # Gegevens
    "gegevens_missing": Message(
        _E,
        "Blad Gegevens ontbreekt, dus de gemeente en het kwartaal zijn onbekend. Voeg het blad "
        "toe met in kolom A de labels (Gemeente, Periode, …) en in kolom B de waarden.",
    ),
    "gegevens_required": Message(
        _E, "{column} is niet ingevuld op blad Gegevens. Vul het in, in kolom B naast het label."
    ),
    "gegevens_empty": Message(
        _W,
        "{column} is niet ingevuld op blad Gegevens. Vul het in (bijvoorbeeld {example}), "
        "zodat het overzicht het bestand bij het juiste kwartaal telt.",
    ),
    "gegevens_periode": Message(
        _E, 'Periode "{value}" is geen kwartaal. Schrijf het als 2026-K3 (jaar, K, kwartaal 1-4).'
    ),
    # One cell
    "required": Message(_E, "{column} is verplicht maar leeg. Vul een waarde in."),
    "required_when": Message(_E, "{column} is verplicht als {condition}. Vul een waarde in."),
    "expected_when": Message(
        _W, "{column} is leeg, terwijl {condition}. Vul het in zodra het bekend is."
    ),
    "only_when": Message(
        _E,
        '{column} is ingevuld ("{value}"), maar hoort leeg te blijven tenzij {condition}. '
        "Maak de cel leeg of vul de andere kolom aan.",
    ),
    "not_in_list": Message(
        _E,
        '"{value}" staat niet in de keuzelijst van {column}.{suggestion} Kies een waarde uit '
        "de lijst: {allowed}.",
    ),
    "value_normalised": Message(
        _N, '"{value}" is gelezen als "{clean}". Kies voortaan een waarde uit de keuzelijst.'
    ),
    "date_text": Message(
        _N,
        'De datum "{value}" is als tekst ingevoerd en gelezen als {clean} (dag-maand-jaar). '
        "Voer datums bij voorkeur in als datum.",
    ),
    "date_serial": Message(
        _N,
        "Het getal {value} is gelezen als de datum {clean} (een Excel-datumnummer). Geef de "
        "cel de opmaak Datum.",
    ),
    "date_invalid": Message(
        _E, '"{value}" is geen bestaande datum. Controleer dag en maand (dd-mm-jjjj).'
    ),
    "type_date": Message(
        _E, '"{value}" is geen datum. Voer de datum in als dd-mm-jjjj, bijvoorbeeld 03-02-2026.'
    ),
    "type_integer": Message(
        _E, '"{value}" is geen heel getal. Vul bij {column} een heel getal in, bijvoorbeeld 12.'
    ),
    "type_number": Message(
        _E, '"{value}" is geen getal. Vul bij {column} een getal in, bijvoorbeeld 25.'
    ),
    "number_text": Message(
        _N, 'Het getal "{value}" is als tekst ingevoerd en gelezen als {clean}.'
    ),
    "out_of_range": Message(
        _E, "{value} kan niet bij {column}: de waarde moet {bounds} zijn. Pas de waarde aan."
    ),
    "pattern": Message(
        _E, '"{value}" heeft niet de juiste vorm voor {column}: {hint}. Pas de waarde aan.'
    ),
    "email_invalid": Message(
        _W, '"{value}" lijkt geen e-mailadres. Controleer het adres (naam@voorbeeld.nl).'
    ),
    "phone_invalid": Message(
        _W,
        '"{value}" lijkt geen telefoonnummer. Gebruik alleen cijfers, spaties, +, - en haakjes.',
    ),
    "error_value": Message(
        _E,
        "De cel bevat de foutwaarde {value}, meestal door een kapotte formule of verwijzing. "
        "Vul de waarde zelf in.",
    ),
    "formula": Message(
        _N,
        "De cel bevat een formule; de berekende waarde is gelezen. Vervang de formule bij "
        "voorkeur door de waarde zelf.",
    ),
    "formula_uncalculated": Message(
        _W,
        "De cel bevat een formule zonder berekende waarde en is als leeg gelezen. Open het "
        "bestand in Excel of LibreOffice en sla het op, of vul de waarde zelf in.",
    ),
    # Rows and sheets
    "duplicate_key": Message(
        _E,
        "{what} komt al voor op regel {first_row}; dat mag maar één keer. Pas een van beide "
        "regels aan of verwijder de dubbele regel.",
    ),
    "reference_missing": Message(
        _E,
        '{column} "{value}" komt niet voor in {target}. Controleer de ID, of voeg de '
        "ontbrekende regel daar toe.",
    ),
    "date_order": Message(
        _E, "{column} {value} ligt vóór {other} {other_value}; controleer beide datums."
    ),
    "differs": Message(
        _E,
        '{column} is gelijk aan {other} ("{value}"). Kies een andere waarde of laat {column} leeg.',
    ),
    "not_after_filled": Message(
        _E,
        "{column} {value} ligt na de datum van invullen ({filled}). Controleer de datum.",
    ),
    "discouraged": Message(
        _W, '{column} is "{value}", terwijl {condition}. Controleer of dit klopt.'
    ),
    "overlap": Message(
        _E,
        'De periode vanaf {column} {value} van {id_column} "{id}" overlapt met de periode op '
        "regel {other_row}. Pas de Startdatum of Einddatum aan: een nieuwe periode begint pas "
        "na het einde van de vorige.",
    ),
    "targets_over_100": Message(
        _E,
        "De streefpercentages van {group} tellen op tot {total}, meer dan 100. Verlaag de "
        "percentages zodat ze samen 100 zijn.",
    ),
    "targets_not_100": Message(
        _W,
        "De streefpercentages van {group} tellen op tot {total} in plaats van 100. Pas ze aan "
        "zodat ze samen 100 zijn.",
    ),
    "category_unknown": Message(
        _E,
        'Categorie "{value}" hoort niet bij dimensie {group}.{suggestion} Kies een van: {allowed}.',
    ),
    "count_mismatch": Message(
        _W,
        "{column} is {value}, maar op blad {other_sheet} staan {count} regels voor "
        '"{key_value}". Controleer het aantal of de aanwezigheidslijst.',
    ),
}


def suggestion(value: str, choices: Iterable[str]) -> str:
    """' Bedoelde u "X"?' for the closest choice (case-insensitive), or '' when none is close."""
    by_key = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(value.strip().casefold(), list(by_key), n=1, cutoff=0.6)
    return f' Bedoelde u "{by_key[close[0]]}"?' if close else ""


def display(value: Any) -> str:
    """A value as a Dutch user reads it: dates as dd-mm-jjjj, whole numbers without .0."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _plain(value: Any) -> Any:
    """The value found, kept JSON-friendly: dates as ISO text."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def make_finding(
    code: str,
    *,
    severity: Severity | None = None,
    sheet: str | None = None,
    cell: str | None = None,
    row: int | None = None,
    column: str | None = None,
    value: Any = None,
    **params: Any,
) -> Finding:
    """A Finding with the catalogue's message for code (KeyError for an unknown code)."""
    entry = CATALOGUE[code]
    fields = {key: display(item) for key, item in params.items()}
    fields.setdefault("suggestion", "")
    message = entry.template.format(
        column=column or "",
        value=display(value) if value is not None else "",
        sheet=sheet,
        **fields,
    )
    return Finding(
        code=code,
        severity=severity or entry.severity,
        message=message,
        sheet=sheet,
        cell=cell,
        row=row,
        column=column,
        value=_plain(value),
    )
