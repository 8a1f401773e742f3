"""The mistakes municipalities really make, put on purpose into one fictional municipality,
and the manifest (fouten.json) that says where each one is.

Most mistakes are data (a wrong value in a cell) and go in before writing. The structural
ones (a header typo, a moved column, a title row) are made afterwards with openpyxl, as a
user's spreadsheet program would; their cells are recorded as they are after the change.
Each mistake has its own row, column or sheet, so that one cannot hide another.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

from openpyxl.utils import get_column_letter

from toolkit.io.atomic import atomic_path
from toolkit.periods import Period
from toolkit.samples.generate import (
    ATTENDANCE,
    BIJEENKOMSTEN,
    CANDIDATES,
    DIVERSITEIT,
    EVALUATIE,
    GOALS,
    MEETINGS,
    PERSONS,
    REGISTER,
    SURVEY,
    TARGETS,
    WERVING,
    WIJKEN,
    Municipality,
    Row,
    build,
)
from toolkit.samples.workbook_edits import insert_title_row, move_column_to_end, rename_header
from toolkit.schema import DIMENSIONS, Kind, SheetSchema
from toolkit.schema import vocabularies as v

FOLDER = "met-fouten"
MANIFEST = "fouten.json"
NAME = "Foutendam"  # obviously made up, and it says what the files are for
CODE = "GM9999"
SIZE = 45  # large enough for a core group, small enough to read
UNKNOWN_NOMINATOR = "SP-999"
UNKNOWN_ATTENDEE = "SP-998"
OUT_OF_RANGE_SCORE = 7
FILE_FORMAT = "xlsx"  # structural mistakes are made with openpyxl, which writes .xlsx


@dataclass(frozen=True)
class Mistake:
    file: str  # relative to the output folder
    sheet: str
    cell: str  # A1 address, after every change to the file
    code: str  # the finding code the validator should give
    what: str  # in Dutch

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class _Spot:
    sheet: str
    cell: str
    code: str
    what: str


def file_name(kind: Kind) -> str:
    return f"{FOLDER}/{kind.filename}.{FILE_FORMAT}"


def _cell(sheet: SheetSchema, key: str, index: int) -> str:
    """The cell of column key in data row index (0-based) of a freshly written sheet."""
    column = next(i for i, c in enumerate(sheet.columns) if c.key == key)
    return f"{get_column_letter(column + 1)}{index + 2}"


def _dutch(day: date) -> str:
    return f"{day.day}-{day.month}-{day.year}"


def _ambiguous(value: object) -> bool:
    return isinstance(value, date) and value.day <= 12 and value.day != value.month


def flawed_municipality(seed: int, period: Period) -> tuple[Municipality, list[Mistake]]:
    """Foutendam with every data mistake in place, and where each one is."""
    rng = random.Random(f"sleutelnet-{seed}-fouten")
    town = build(rng, NAME, CODE, SIZE, period)
    makers: tuple[tuple[Kind, Callable[[random.Random, dict[str, list[Row]]], list[_Spot]]], ...]
    makers = (
        (REGISTER, _register_mistakes),
        (WERVING, _werving_mistakes),
        (BIJEENKOMSTEN, _meeting_mistakes),
        (DIVERSITEIT, _target_mistakes),
        (EVALUATIE, _survey_mistakes),
    )
    mistakes = [
        Mistake(file_name(kind), spot.sheet, spot.cell, spot.code, spot.what)
        for kind, make in makers
        for spot in make(rng, town.workbooks[kind.id])
    ]
    return town, mistakes


def _register_mistakes(rng: random.Random, sheets: dict[str, list[Row]]) -> list[_Spot]:
    rows = sheets[PERSONS]
    sheet = REGISTER.sheet(PERSONS)
    ids = [r["person_id"] for r in rows]
    single = [i for i, r in enumerate(rows) if ids.count(r["person_id"]) == 1]
    leavers = [i for i in single if rows[i]["end_date"] is not None]
    active = [i for i in single if rows[i]["end_date"] is None]
    # A day of at most 12 shows why the order matters: 3-2-2026 is 3 February.
    ambiguous = [i for i in active if _ambiguous(rows[i]["start_date"])]
    text_date = rng.choice(ambiguous or active)
    invalid, duplicate = rng.sample([i for i in active if i != text_date], 2)
    order, reasonless = rng.sample(leavers, 2)
    taken = (text_date, invalid, duplicate, order, reasonless)
    yes_cells = [(i, "core_group") for i in active if rows[i]["core_group"] == "Ja"]
    yes_cells += [(i, "exit_interview") for i in leavers if rows[i]["exit_interview"] == "Ja"]
    lower, lower_key = next((i, key) for i, key in yes_cells if i not in taken)

    start = rows[text_date]["start_date"]
    assert isinstance(start, date)
    rows[text_date]["start_date"] = _dutch(start)
    impossible = f"31-02-{start.year}"
    rows[invalid]["consent_date"] = impossible
    begun = rows[order]["start_date"]
    assert isinstance(begun, date)
    rows[order]["end_date"] = begun - timedelta(days=rng.randint(10, 60))
    rows[reasonless]["leave_reason"] = None
    rows[lower][lower_key] = "ja "
    rows.append(dict(rows[duplicate]))
    copied = rows[duplicate]["person_id"]
    return [
        _Spot(
            PERSONS,
            _cell(sheet, "start_date", text_date),
            "date_text",
            f"Startdatum als tekst getypt ({_dutch(start)}) in plaats van als datum.",
        ),
        _Spot(
            PERSONS,
            _cell(sheet, "consent_date", invalid),
            "date_invalid",
            f"Onmogelijke datum {impossible} bij AVG-toestemming.",
        ),
        _Spot(
            PERSONS,
            _cell(sheet, "end_date", order),
            "date_order",
            "Einddatum ligt vóór de Startdatum.",
        ),
        _Spot(
            PERSONS,
            _cell(sheet, "leave_reason", reasonless),
            "required_when",
            "Vertrokken sleutelpersoon (Einddatum ingevuld) zonder Reden vertrek.",
        ),
        _Spot(
            PERSONS,
            _cell(sheet, lower_key, lower),
            "value_normalised",
            f"{sheet.column(lower_key).header} is 'ja ' (kleine letter, spatie erachter) in "
            "plaats van 'Ja'.",
        ),
        _Spot(
            PERSONS,
            _cell(sheet, "person_id", len(rows) - 1),
            "duplicate_key",
            f"Persoon-ID {copied} staat met dezelfde Startdatum nog eens in het register "
            "(tweede keer op deze regel).",
        ),
    ]


def _werving_mistakes(rng: random.Random, sheets: dict[str, list[Row]]) -> list[_Spot]:
    rows = sheets[CANDIDATES]
    sheet = WERVING.sheet(CANDIDATES)
    plain = [i for i, r in enumerate(rows) if r["method"] != v.SNOWBALL_METHOD]
    pasted = rng.choice(plain)
    snowball = [i for i, r in enumerate(rows) if r["method"] == v.SNOWBALL_METHOD]
    referred = snowball[0] if snowball else next(i for i in plain if i != pasted)
    rows[pasted]["method"] = "Mond-tot-mondreclame"
    rows[referred].update(
        method=v.SNOWBALL_METHOD, nominated_by=UNKNOWN_NOMINATOR, recruiter="Sleutelpersoon"
    )
    return [
        _Spot(
            CANDIDATES,
            _cell(sheet, "method", pasted),
            "not_in_list",
            "Wervingsmethode 'Mond-tot-mondreclame' staat niet in de keuzelijst (geplakt).",
        ),
        _Spot(
            CANDIDATES,
            _cell(sheet, "nominated_by", referred),
            "reference_missing",
            f"Voorgedragen door {UNKNOWN_NOMINATOR}: die Persoon-ID staat niet in het register.",
        ),
    ]


def _meeting_mistakes(rng: random.Random, sheets: dict[str, list[Row]]) -> list[_Spot]:
    meetings, attendance = sheets[MEETINGS], sheets[ATTENDANCE]
    attended = [i for i, m in enumerate(meetings) if m["key_persons_present"]]
    miscounted, visited = rng.sample(attended, 2)
    count = meetings[miscounted]["key_persons_present"]
    assert isinstance(count, int)
    meetings[miscounted]["key_persons_present"] = count + 2
    # The unknown attendee is counted, so that meeting's count still matches its rows.
    visited_id = meetings[visited]["meeting_id"]
    last = max(i for i, r in enumerate(attendance) if r["meeting_id"] == visited_id)
    attendance.insert(last + 1, {"meeting_id": visited_id, "person_id": UNKNOWN_ATTENDEE})
    visited_count = meetings[visited]["key_persons_present"]
    assert isinstance(visited_count, int)
    meetings[visited]["key_persons_present"] = visited_count + 1
    # The empty rows go in the other half of the sheet, well away from the unknown attendee.
    gap = len(attendance) // 4 if last > len(attendance) // 2 else 3 * len(attendance) // 4
    attendance[gap:gap] = [{}, {}]
    unknown = next(i for i, r in enumerate(attendance) if r.get("person_id") == UNKNOWN_ATTENDEE)
    return [
        _Spot(
            MEETINGS,
            _cell(BIJEENKOMSTEN.sheet(MEETINGS), "key_persons_present", miscounted),
            "count_mismatch",
            f"Aantal sleutelpersonen aanwezig is {count + 2}, maar op Aanwezigheid staan "
            f"{count} regels voor deze bijeenkomst.",
        ),
        _Spot(
            ATTENDANCE,
            _cell(BIJEENKOMSTEN.sheet(ATTENDANCE), "person_id", unknown),
            "reference_missing",
            f"Aanwezigheid van {UNKNOWN_ATTENDEE}: die Persoon-ID staat niet in het register.",
        ),
        _Spot(
            ATTENDANCE,
            _cell(BIJEENKOMSTEN.sheet(ATTENDANCE), "meeting_id", gap),
            "empty_row",
            "Twee lege regels tussen de gegevens.",
        ),
    ]


def _target_mistakes(rng: random.Random, sheets: dict[str, list[Row]]) -> list[_Spot]:
    rows = sheets[TARGETS]
    dimension = DIMENSIONS[1].name  # Leeftijdsgroep: four categories
    mine = [i for i, r in enumerate(rows) if r["dimension"] == dimension]
    shares = [rng.choice((20, 25, 30)) for _ in mine]
    shares[-1] = 110 - sum(shares[:-1])  # ten points too many
    for index, share in zip(mine, shares, strict=True):
        rows[index]["target_pct"] = share
    return [
        _Spot(
            TARGETS,
            _cell(DIVERSITEIT.sheet(TARGETS), "target_pct", mine[0]),
            "targets_over_100",
            f"De streefpercentages van {dimension} tellen op tot 110.",
        )
    ]


def _survey_mistakes(rng: random.Random, sheets: dict[str, list[Row]]) -> list[_Spot]:
    rows = sheets[SURVEY]
    index = rng.randrange(len(rows))
    key = rng.choice([c.key for c in EVALUATIE.sheet(SURVEY).columns if c.vocabulary is v.LIKERT])
    rows[index][key] = OUT_OF_RANGE_SCORE
    return [
        _Spot(
            SURVEY,
            _cell(EVALUATIE.sheet(SURVEY), key, index),
            "out_of_range",
            f"Score {OUT_OF_RANGE_SCORE} bij {key.upper()}; de schaal loopt van 1 tot 5 "
            "(of n.v.t.).",
        )
    ]


def make_structural_mistakes(outdir: Path, town: Municipality) -> list[Mistake]:
    """Change the written files as a user would; return where each change is."""
    werving = outdir / file_name(WERVING)
    recruiter = WERVING.sheet(CANDIDATES).column("recruiter").header
    typo = recruiter[:-2] + recruiter[-1]  # one letter dropped: "Geworven dor"
    achieved = EVALUATIE.sheet(GOALS).column("achieved").header
    title = f"Wijken van gemeente {town.name}"
    return [
        Mistake(
            file_name(WERVING),
            CANDIDATES,
            rename_header(werving, CANDIDATES, recruiter, typo),
            "header_typo",
            f"Kolomkop '{typo}' met een tikfout; bedoeld is '{recruiter}'.",
        ),
        Mistake(
            file_name(EVALUATIE),
            GOALS,
            move_column_to_end(outdir / file_name(EVALUATIE), GOALS, achieved),
            "column_moved",
            f"Kolom '{achieved}' is naar het eind verplaatst.",
        ),
        Mistake(
            file_name(DIVERSITEIT),
            WIJKEN,
            insert_title_row(outdir / file_name(DIVERSITEIT), WIJKEN, title),
            "title_row",
            f"Titelregel '{title}' boven de kolomkoppen.",
        ),
    ]


def write_manifest(outdir: Path, mistakes: list[Mistake]) -> Path:
    target = outdir / FOLDER / MANIFEST
    entries = [m.to_dict() for m in mistakes]
    with atomic_path(target) as temporary:
        temporary.write_text(
            json.dumps(entries, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return target
