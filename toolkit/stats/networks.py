"""Workbooks -> one Network per municipality: the usable rows of every kind, pooled.

A Network holds what the statistics need and nothing personal beyond the IDs that link
rows (Persoon-ID, Bijeenkomst-ID). IDs are qualified by the municipality so that two persons
of different municipalities are never mistaken for one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from toolkit.records import ParsedWorkbook, Record, Value
from toolkit.schema import KINDS, kind_by_id

Values = dict[str, Value]
PersonKey = tuple[str, str]  # (municipality key, Persoon-ID)
MeetingKey = tuple[str, str]  # (municipality key, Bijeenkomst-ID)
# Per meeting, the Persoon-IDs on its Aanwezigheid rows: persons of the meeting's own
# municipality, so the IDs need no key of their own (there are many).
Attendance = dict[MeetingKey, set[str]]

TOTAL_NAME = "Totaal"
UNKNOWN_MUNICIPALITY = "Onbekende gemeente"


def spaced(name: str) -> str:
    r"""Runs of whitespace as one space, none around: re.sub(r"\s+", " ", name).strip(), many
    times faster (split() and \s know the same whitespace)."""
    return " ".join(name.split())


@lru_cache(maxsize=4096)
def municipality_key(name: str) -> str:
    """name spaced and case-folded: the key names are compared by (cached: the same
    municipalities, wijken and categories come by again and again)."""
    return spaced(name).casefold()


def text(value: Value) -> str | None:
    # None is tested first in text() and day(): cells are often empty, and an isinstance
    # check that fails is slow
    return value if value is not None and isinstance(value, str) and value.strip() else None


def day(value: Value) -> date | None:
    return value if value is not None and isinstance(value, date) else None


@dataclass(slots=True)
class Membership:
    """One row of the register: a period of membership of one person. Never changed, yet
    not frozen: one is made for every row, and a frozen one takes far longer to make
    (slots: its fields are read very often)."""

    person: PersonKey
    start: date
    end: date | None
    values: Values


@dataclass(slots=True)
class Meeting:
    """One row of Bijeenkomsten (as Membership: never changed, not frozen, slots)."""

    key: MeetingKey
    on: date
    values: Values


@dataclass
class RowCount:
    used: int = 0
    left_out: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"rijen_gebruikt": self.used, "rijen_weggelaten": self.left_out}


@dataclass
class Network:
    name: str
    kinds: set[str] = field(default_factory=set)  # kinds of which a workbook was given
    rows: dict[str, RowCount] = field(default_factory=lambda: {k.id: RowCount() for k in KINDS})
    members: list[Membership] = field(default_factory=list)
    candidates: list[Values] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    attendance: Attendance = field(default_factory=dict)
    targets: list[Values] = field(default_factory=list)  # Streefwaarden; none in the total
    responses: list[Values] = field(default_factory=list)
    goals: list[Values] = field(default_factory=list)


# Per kind, for each of its sheets in schema order, the columns the statistics cannot do
# without (all required by the schema, so a row lacking one normally has an error already).
NEEDED: dict[str, tuple[tuple[str, ...], ...]] = {
    "register": (("person_id", "start_date"),),
    "werving": (("method", "first_contact", "status"),),
    "bijeenkomsten": (("meeting_id", "date"), ("meeting_id", "person_id")),
    "diversiteit": (("dimension", "category"), ()),
    "evaluatie": (("respondent_kind",), ("goal",)),
}


def _usable(records: Sequence[Record], needed: Sequence[str]) -> list[Values]:
    """The values of the rows without an error that have every needed column (a filter per
    column rather than a call per row: this runs for every row of every workbook)."""
    usable = [r.values for r in records if not r.has_error]
    for key in needed:
        usable = [values for values in usable if values.get(key) is not None]
    return usable


def _usable_rows(network: Network, workbook: ParsedWorkbook, kind_id: str) -> list[list[Values]]:
    """Per sheet (schema order), the values of the rows that statistics use; the other rows
    are counted as left out."""
    count = network.rows[kind_id]
    usable = []
    for schema, needed in zip(kind_by_id(kind_id).sheets, NEEDED[kind_id], strict=True):
        parsed = workbook.sheets.get(schema.name)
        records = parsed.records if parsed is not None else []
        usable.append(_usable(records, needed))
        count.used += len(usable[-1])
        count.left_out += len(records) - len(usable[-1])
    return usable


def _add(network: Network, key: str, workbook: ParsedWorkbook, kind_id: str) -> None:
    network.kinds.add(kind_id)
    sheets = _usable_rows(network, workbook, kind_id)
    if kind_id == "register":
        network.members += [
            Membership((key, str(v["person_id"])), v["start_date"], day(v.get("end_date")), v)
            for v in sheets[0]
            if isinstance(v["start_date"], date)
        ]
    elif kind_id == "werving":
        network.candidates += sheets[0]
    elif kind_id == "bijeenkomsten":
        network.meetings += [
            Meeting((key, str(v["meeting_id"])), v["date"], v)
            for v in sheets[0]
            if isinstance(v["date"], date)
        ]
        _attend(network.attendance, key, sheets[1])
    elif kind_id == "diversiteit":
        network.targets += sheets[0]  # Streefwaarden; Wijken is not needed
    elif kind_id == "evaluatie":
        network.responses += sheets[0]
        network.goals += sheets[1]


_MEETING_ID, _PERSON_ID = itemgetter("meeting_id"), itemgetter("person_id")


def _attend(attendance: Attendance, key: str, rows: Sequence[Values]) -> None:
    """Add Aanwezigheid rows, taken a run of one meeting's rows at a time (they are usually
    listed per meeting), so that the work per row stays in C."""
    for meeting_id, run in groupby(rows, _MEETING_ID):
        attendance.setdefault((key, str(meeting_id)), set()).update(map(str, map(_PERSON_ID, run)))


def group_networks(workbooks: Sequence[ParsedWorkbook]) -> list[Network]:
    """One Network per municipality, sorted by its normalised name; unrecognised workbooks
    (kind None) are left out, as the validator has reported them."""
    networks: dict[str, Network] = {}
    for workbook in workbooks:
        if workbook.kind is None:
            continue
        name = text(workbook.gegevens.get("gemeente")) or UNKNOWN_MUNICIPALITY
        key = municipality_key(name)
        network = networks.setdefault(key, Network(spaced(name)))
        _add(network, key, workbook, workbook.kind)
    return [networks[key] for key in sorted(networks)]
