"""Meetings in the period: by kind and location, attendance per meeting and per person, and
the quiet members who did not attend for two quarters (3.3)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from toolkit.periods import Period
from toolkit.schema.vocabularies import BESTUURDERS, LOCATIES, SOORTEN_BIJEENKOMST
from toolkit.stats.networks import Meeting, Membership, Network, PersonKey
from toolkit.stats.numbers import pct, rounded
from toolkit.stats.turnover import in_end

NO_EXECUTIVE = BESTUURDERS.values[0]  # "Geen"
QUIET_QUARTERS = 2

Attendees = dict[tuple[str, str], set[PersonKey]]
Towns = dict[str, list[Membership]]  # municipality key -> its register's periods


def _tally(values: Sequence[object], vocabulary: Sequence[str]) -> dict[str, int]:
    counts = Counter(str(v) for v in values if v is not None)
    return {value: counts[value] for value in vocabulary}


def with_executive(meeting: Meeting) -> bool:
    return meeting.values.get("executive_present") not in (None, NO_EXECUTIVE)


def _active(towns: Towns, meeting: Meeting) -> set[PersonKey]:
    """The members of the meeting's own municipality active on its day."""
    return {m.person for m in towns.get(meeting.key[0], ()) if m.active_on(meeting.on)}


def _present(meeting: Meeting, attendees: Attendees) -> int:
    """Aanwezigheid rows when the meeting has any, else the count on Bijeenkomsten."""
    if meeting.key in attendees:
        return len(attendees[meeting.key])
    count = meeting.values.get("key_persons_present")
    return count if isinstance(count, int) else 0


def _per_person(held: Sequence[Meeting], towns: Towns, attendees: Attendees) -> dict[str, Any]:
    """Per person active at one or more meetings with Aanwezigheid rows: the share of those
    meetings they attended."""
    invited: Counter[PersonKey] = Counter()
    came: Counter[PersonKey] = Counter()
    for meeting in (m for m in held if m.key in attendees):
        active = _active(towns, meeting)
        invited.update(active)
        came.update(active & attendees[meeting.key])
    rates = [Fraction(came[p], n) for p, n in invited.items()]
    half = Fraction(1, 2)
    return {
        "personen": len(rates),
        "gemiddelde_opkomst_pct": (
            rounded(sum(rates, Fraction(0)) * 100 / len(rates)) if rates else None
        ),
        "verdeling": {
            "nooit": sum(1 for r in rates if r == 0),
            "minder_dan_de_helft": sum(1 for r in rates if 0 < r < half),
            "de_helft_of_meer": sum(1 for r in rates if half <= r < 1),
            "altijd": sum(1 for r in rates if r == 1),
        },
    }


def _quiet(network: Network, period: Period, attendees: Attendees) -> tuple[int | None, int]:
    """Active at the end, member since the window opened, no attendance within it; only in
    municipalities that record attendance."""
    recording = {key[0] for key in attendees}
    if not recording:
        return None, 0
    window = Period(period.previous_quarters(QUIET_QUARTERS)[0].start, period.end, "")
    seen = {
        person
        for m in network.meetings
        if window.contains(m.on)
        for person in attendees.get(m.key, ())
    }
    base: list[Membership] = [
        m
        for m in network.members
        if m.person[0] in recording and in_end(m, period) and m.start <= window.start
    ]
    return sum(1 for m in base if m.person not in seen), len(base)


def _row(meeting: Meeting, towns: Towns, attendees: Attendees) -> dict[str, Any]:
    present = _present(meeting, attendees)
    active = len(_active(towns, meeting))
    return {
        "datum": meeting.on.isoformat(),
        "soort": meeting.values.get("kind"),
        "soort_locatie": meeting.values.get("location_kind"),
        "aanwezig": present,
        "actief": active,
        "opkomst_pct": pct(present, active),
    }


def meetings(network: Network, period: Period) -> dict[str, Any]:
    attendees: Attendees = defaultdict(set)
    for key, person in network.attendance:
        attendees[key].add(person)
    towns: Towns = defaultdict(list)
    for member in network.members:
        towns[member.person[0]].append(member)
    held = sorted((m for m in network.meetings if period.contains(m.on)), key=lambda m: m.on)
    rows = [_row(m, towns, attendees) for m in held]
    quiet, quiet_base = _quiet(network, period, attendees)
    present = sum(r["aanwezig"] for r in rows)
    active = sum(r["actief"] for r in rows)
    return {
        "bestand_aanwezig": "bijeenkomsten" in network.kinds,
        "aantal": len(held),
        "per_soort": _tally([m.values.get("kind") for m in held], SOORTEN_BIJEENKOMST.values),
        "per_locatie": _tally([m.values.get("location_kind") for m in held], LOCATIES.values),
        "met_bestuurder": sum(1 for m in held if with_executive(m)),
        "aanwezig": present,
        "actief_op_datum": active,
        "opkomst_pct": pct(present, active),
        "per_bijeenkomst": rows,
        "per_persoon": _per_person(held, towns, attendees),
        "stille_leden": quiet,
        "stille_leden_basis": quiet_base,
    }
