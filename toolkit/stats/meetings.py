"""Meetings in the period: by kind and location, attendance per meeting and per person, and
the quiet members who did not attend for two quarters (3.3)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from math import lcm
from typing import Any

from toolkit.periods import Period
from toolkit.schema.vocabularies import BESTUURDERS, LOCATIES, SOORTEN_BIJEENKOMST
from toolkit.stats.networks import Attendance, Meeting, Membership, Network
from toolkit.stats.numbers import pct, rounded_ratio
from toolkit.stats.turnover import active_at_end, quarters_to

NO_EXECUTIVE = BESTUURDERS.values[0]  # "Geen"
QUIET_QUARTERS = 2

Towns = dict[str, list[Membership]]  # municipality key -> its register's periods


def _tally(values: Sequence[object], vocabulary: Sequence[str]) -> dict[str, int]:
    counts = Counter(str(v) for v in values if v is not None)
    return {value: counts[value] for value in vocabulary}


def with_executive(meeting: Meeting) -> bool:
    return meeting.values.get("executive_present") not in (None, NO_EXECUTIVE)


def _active(towns: Towns, meeting: Meeting) -> set[str]:
    """The Persoon-IDs of the members of the meeting's own municipality active on its day."""
    on = meeting.on
    return {
        m.person[1]
        for m in towns.get(meeting.key[0], ())
        if m.start <= on and (m.end is None or m.end >= on)
    }


def _present(meeting: Meeting, attendees: Attendance) -> int:
    """Aanwezigheid rows when the meeting has any, else the count on Bijeenkomsten."""
    if meeting.key in attendees:
        return len(attendees[meeting.key])
    count = meeting.values.get("key_persons_present")
    return count if isinstance(count, int) else 0


Rates = Counter[tuple[int, int]]  # (meetings attended, meetings held while active) -> persons


def _rates(held: Sequence[Meeting], actives: Sequence[set[str]], attendees: Attendance) -> Rates:
    """Per person active at one or more meetings with Aanwezigheid rows: how many of those
    meetings they attended, counted by (attended, held). actives: per meeting held, the
    Persoon-IDs active on its day. Counted per municipality, where a Persoon-ID is one
    person."""
    towns: dict[str, list[tuple[set[str], set[str]]]] = {}
    for meeting, active in zip(held, actives, strict=True):
        if meeting.key in attendees:
            towns.setdefault(meeting.key[0], []).append((active, attendees[meeting.key]))
    rates: Rates = Counter()
    for meetings in towns.values():
        invited = Counter(chain.from_iterable(active for active, _ in meetings))
        came = Counter(chain.from_iterable(active & present for active, present in meetings))
        rates.update((came.get(person, 0), n) for person, n in invited.items())
    return rates


def _per_person(rates: Rates) -> dict[str, Any]:
    persons = sum(rates.values())
    # the mean of attended / held, exactly: in whole numbers over a common denominator
    common = lcm(*(held for _, held in rates))
    attended = sum(n * came * (common // held) for (came, held), n in rates.items())
    return {
        "personen": persons,
        "gemiddelde_opkomst_pct": (
            rounded_ratio(attended * 100, common * persons) if persons else None
        ),
        "verdeling": {
            "nooit": sum(n for (came, _), n in rates.items() if came == 0),
            "minder_dan_de_helft": sum(
                n for (came, held), n in rates.items() if came > 0 and 2 * came < held
            ),
            "de_helft_of_meer": sum(
                n for (came, held), n in rates.items() if 2 * came >= held and came < held
            ),
            "altijd": sum(n for (came, held), n in rates.items() if came == held),
        },
    }


def _quiet(network: Network, period: Period, attendees: Attendance) -> tuple[int | None, int]:
    """Active at the end, member since the window opened, no attendance within it; only in
    municipalities that record attendance."""
    recording = {key[0] for key in attendees}
    if not recording:
        return None, 0
    opened = quarters_to(period, QUIET_QUARTERS)[0].start
    seen: dict[str, set[str]] = {}  # municipality key -> Persoon-IDs attending in the window
    for m in network.meetings:
        if opened <= m.on <= period.end and m.key in attendees:
            seen.setdefault(m.key[0], set()).update(attendees[m.key])
    base = [
        m
        for m in active_at_end(network.members, period)
        if m.person[0] in recording and m.start <= opened
    ]
    return sum(1 for m in base if m.person[1] not in seen.get(m.person[0], ())), len(base)


def _row(meeting: Meeting, active: int, attendees: Attendance) -> dict[str, Any]:
    present = _present(meeting, attendees)
    return {
        "datum": meeting.on.isoformat(),
        "soort": meeting.values.get("kind"),
        "soort_locatie": meeting.values.get("location_kind"),
        "aanwezig": present,
        "actief": active,
        "opkomst_pct": pct(present, active),
    }


@dataclass
class MeetingsTally:
    """What the meeting figures are computed from; tallies add up to the Totaal."""

    present: bool
    kinds: dict[str, int]
    locations: dict[str, int]
    with_executive: int
    rows: list[dict[str, Any]]  # per meeting, by date
    rates: Rates
    quiet: int | None  # None: no attendance recorded
    quiet_base: int

    def add(self, other: MeetingsTally) -> None:
        self.present = self.present or other.present
        self.kinds = {k: n + other.kinds[k] for k, n in self.kinds.items()}
        self.locations = {k: n + other.locations[k] for k, n in self.locations.items()}
        self.with_executive += other.with_executive
        self.rows += other.rows  # put in date order by meetings()
        self.rates += other.rates
        if other.quiet is not None:
            self.quiet = (self.quiet or 0) + other.quiet
        self.quiet_base += other.quiet_base


def meetings_tally(network: Network, period: Period) -> MeetingsTally:
    attendees = network.attendance
    towns: Towns = defaultdict(list)
    for member in network.members:
        towns[member.person[0]].append(member)
    first, last = period.start, period.end
    held = sorted((m for m in network.meetings if first <= m.on <= last), key=lambda m: m.on)
    actives = [_active(towns, m) for m in held]
    quiet, quiet_base = _quiet(network, period, attendees)
    return MeetingsTally(
        present="bijeenkomsten" in network.kinds,
        kinds=_tally([m.values.get("kind") for m in held], SOORTEN_BIJEENKOMST.values),
        locations=_tally([m.values.get("location_kind") for m in held], LOCATIES.values),
        with_executive=sum(1 for m in held if with_executive(m)),
        rows=[_row(m, len(a), attendees) for m, a in zip(held, actives, strict=True)],
        rates=_rates(held, actives, attendees),
        quiet=quiet,
        quiet_base=quiet_base,
    )


def meetings(tally: MeetingsTally) -> dict[str, Any]:
    rows = [dict(row) for row in sorted(tally.rows, key=lambda row: str(row["datum"]))]
    present = sum(r["aanwezig"] for r in rows)
    active = sum(r["actief"] for r in rows)
    return {
        "bestand_aanwezig": tally.present,
        "aantal": len(rows),
        "per_soort": dict(tally.kinds),
        "per_locatie": dict(tally.locations),
        "met_bestuurder": tally.with_executive,
        "aanwezig": present,
        "actief_op_datum": active,
        "opkomst_pct": pct(present, active),
        "per_bijeenkomst": rows,
        "per_persoon": _per_person(tally.rates),
        "stille_leden": tally.quiet,
        "stille_leden_basis": tally.quiet_base,
    }
