"""The data of one fictional municipality's network: five workbooks' rows, as the schema's
column keys with values in the vocabularies' exact spelling.

Everything is drawn from one random.Random, so the same seed gives the same municipality.
"Today" is derived from the quarter: events happen up to the quarter's last day and the
workbooks are filled in a few days later.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from toolkit.periods import Period
from toolkit.records import Value
from toolkit.samples import names
from toolkit.schema import DIMENSIONS, KINDS_BY_ID, STATEMENTS
from toolkit.schema import vocabularies as v

Row = dict[str, Value]
Sheets = dict[str, list[Row]]

REGISTER, WERVING, BIJEENKOMSTEN, DIVERSITEIT, EVALUATIE = (
    KINDS_BY_ID[k] for k in ("register", "werving", "bijeenkomsten", "diversiteit", "evaluatie")
)
PERSONS = REGISTER.sheets[0].name
CANDIDATES = WERVING.sheets[0].name
MEETINGS, ATTENDANCE = (s.name for s in BIJEENKOMSTEN.sheets)
TARGETS, WIJKEN = (s.name for s in DIVERSITEIT.sheets)
SURVEY, GOALS = (s.name for s in EVALUATIE.sheets)

# Network sizes repeat this pattern of classes (S)mall, (M)edium and (L)arge: most
# networks are small, and the first three municipalities show one of each.
_SIZE_PATTERN = "SMLSSMSSMS"
_SIZE_RANGES = {"S": (10, 22), "M": (30, 70), "L": (120, 200)}
CORE_GROUP_FROM = 40  # networks of at least this size keep a core group (guide 1.3)
_HISTORY_YEARS = 4
_TRACKER_YEARS = 2  # the recruitment tracker was started this long before the quarter's end

_REASON_WEIGHTS = (30, 25, 15, 8, 8, 5, 2, 7)  # REDENEN_VERTREK order; involuntary is rare
_METHOD_WEIGHTS = (25, 20, 10, 20, 10, 5, 5, 5)  # WERVINGSMETHODEN order
_ROLE_WEIGHTS = (40, 30, 20, 10)
_COMPENSATION_WEIGHTS = (35, 25, 2, 15, 10, 8, 5)
_AGE_WEIGHTS = (12, 35, 38, 15)
_RECRUITER_WEIGHTS = (50, 25, 10, 10, 5)
_LOCATION_WEIGHTS = (50, 8, 8, 1, 2, 10, 12, 2, 4, 3, 0)
_EXECUTIVE_WEIGHTS = (70, 12, 13, 5)
_RESPONDENT_WEIGHTS = (60, 15, 5, 8, 12)
_ACHIEVED_WEIGHTS = (25, 40, 15, 20)
_BASE_TARGETS = {
    "Migratieachtergrond": (50, 50),
    "Leeftijdsgroep": (20, 35, 30, 15),
    "Hulpverlenend beroep": (30, 70),
    "Bekend bij gemeente": (50, 50),
    "Opleiding": (50, 50),
    "Rol": (35, 30, 20, 15),
}


@dataclass
class Membership:
    start: date
    end: date | None = None
    reason: str | None = None
    exit_interview: str | None = None
    via: str | None = None


@dataclass
class Person:
    person_id: str
    name: str
    wijk: str
    attributes: Row  # the register columns that stay the same across periods
    periods: list[Membership] = field(default_factory=list)
    attendance: float = 0.5  # chance to attend a meeting

    def active_on(self, day: date) -> bool:
        return any(p.start <= day and (p.end is None or p.end >= day) for p in self.periods)

    @property
    def core(self) -> bool:
        return self.attributes["core_group"] == "Ja"


@dataclass(frozen=True)
class Municipality:
    name: str
    code: str
    slug: str
    size: int  # key persons active at the quarter's end
    gegevens: dict[str, Value]
    wijken: tuple[str, ...]
    workbooks: dict[str, Sheets]  # kind id -> sheet name -> rows


@dataclass
class _Context:
    rng: random.Random
    name: str
    quarter_end: date
    wijken: list[str]
    wijk_weights: list[float]
    persons: list[Person] = field(default_factory=list)


def size_of(index: int, rng: random.Random) -> int:
    """Active key persons of municipality number index, skewed towards small networks."""
    low, high = _SIZE_RANGES[_SIZE_PATTERN[index % len(_SIZE_PATTERN)]]
    return round(low * math.exp(math.log(high / low) * rng.random()))


def municipality(index: int, seed: int, period: Period) -> Municipality:
    """Municipality number index (0-based) of the sample set drawn with seed."""
    rng = random.Random(f"sleutelnet-{seed}-{index}")
    return build(
        rng,
        names.municipality_name(index),
        f"GM{9001 + index:04d}",
        size_of(index, rng),
        period,
    )


def build(rng: random.Random, name: str, code: str, size: int, period: Period) -> Municipality:
    """A municipality called name whose network has size active members at period's end."""
    wijk_count = min(12, 3 + round(size / 15))
    wijken = names.wijk_names(rng, wijk_count)
    ctx = _Context(rng, name, period.end, wijken, [rng.uniform(0.5, 2.0) for _ in wijken])
    ctx.wijk_weights[0] *= 1.5  # the centre is where most networks start
    filled = period.end + timedelta(days=rng.randint(3, 10))
    gegevens: dict[str, Value] = {
        "gemeente": name,
        "cbs_code": code,
        "netwerk": f"Sleutelpersonennetwerk {name}",
        "periode": period.label,
        "ingevuld_door": names.person_name(rng),
        "datum_ingevuld": filled,
    }
    _simulate_register(ctx, size)
    candidates = _candidates(ctx)  # before the register rows: it may settle a recruit's method
    meetings, attendance = _meetings(ctx)
    workbooks: dict[str, Sheets] = {
        REGISTER.id: {PERSONS: _register_rows(ctx)},
        WERVING.id: {CANDIDATES: candidates},
        BIJEENKOMSTEN.id: {MEETINGS: meetings, ATTENDANCE: attendance},
        DIVERSITEIT.id: {TARGETS: _targets(ctx), WIJKEN: _wijk_rows(ctx, code)},
        EVALUATIE.id: {SURVEY: _survey(ctx, size), GOALS: _goals(ctx)},
    }
    active = sum(1 for p in ctx.persons if p.periods[-1].end is None)
    return Municipality(name, code, names.slug(name), active, gegevens, tuple(wijken), workbooks)


# --- register -------------------------------------------------------------------------


def _pick(rng: random.Random, values: Sequence[str], weights: Sequence[float]) -> str:
    return rng.choices(values, weights)[0]


def _day_in(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _months(quarter_end: date, count: int) -> list[tuple[date, date]]:
    """The count calendar months that end with quarter_end's month, oldest first."""
    months = []
    year, month = quarter_end.year, quarter_end.month
    for _ in range(count):
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        months.append((first, following - timedelta(days=1)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _new_person(ctx: _Context, core: bool) -> Person:
    rng = ctx.rng
    number = len(ctx.persons) + 1
    name = names.person_name(rng)
    wijk = rng.choices(ctx.wijken, ctx.wijk_weights)[0]
    role = _pick(rng, v.ROLLEN.values, _ROLE_WEIGHTS)
    others = [r for r in v.ROLLEN.values if r != role]
    attributes: Row = {
        "email": names.email(name, number) if rng.random() < 0.8 else None,
        "phone": names.phone(rng) if rng.random() < 0.7 else None,
        "organisation": names.organisation(rng, wijk, ctx.name) if rng.random() < 0.85 else None,
        "role": role,
        "second_role": rng.choice(others) if rng.random() < 0.3 else None,
        "core_group": "Ja" if core else "Nee",
        "compensation": _pick(rng, v.TEGENPRESTATIES.values, _COMPENSATION_WEIGHTS),
        "migration": _pick(rng, v.JA_NEE_ONBEKEND.values, (45, 45, 10)),
        "age_group": _pick(rng, v.LEEFTIJDSGROEPEN.values, _AGE_WEIGHTS),
        "care_profession": _pick(rng, v.JA_NEE_ONBEKEND.values, (25, 65, 10)),
        "known_to_municipality": _pick(rng, v.JA_NEE_ONBEKEND.values, (60, 30, 10)),
        "education": _pick(rng, v.OPLEIDING.values, (45, 45, 10)),
    }
    attendance = 0.15 + 0.75 * rng.betavariate(2.5, 2)
    person = Person(f"SP-{number:03d}", name, wijk, attributes, attendance=attendance)
    ctx.persons.append(person)
    return person


def _simulate_register(ctx: _Context, size: int) -> None:
    """Four years of joining and leaving, month by month, ending with size active members."""
    rng = ctx.rng
    months = _months(ctx.quarter_end, 12 * _HISTORY_YEARS)
    outflow = rng.uniform(0.15, 0.25)
    monthly = 1 - (1 - outflow) ** (1 / 12)
    founders = max(6, round(size * rng.uniform(0.6, 0.85)))
    core_size = rng.randint(6, 12) if size >= CORE_GROUP_FROM else 0
    first, last = months[0]
    for _ in range(founders):
        _join(ctx, _day_in(rng, first, last + timedelta(days=60)), "founding", core_size)
    for number, (first, last) in enumerate(months):
        _leave(ctx, monthly, first, last)
        target = founders + (size - founders) * (number + 1) / len(months)
        missing = round(target) - _active_count(ctx, last)
        if missing > 0 and (rng.random() < 0.6 or number == len(months) - 1):
            for _ in range(missing):
                _join(ctx, _day_in(rng, first, last), "recruit", core_size)


def _active_count(ctx: _Context, day: date) -> int:
    return sum(1 for p in ctx.persons if p.active_on(day))


def _join(ctx: _Context, start: date, how: str, core_size: int) -> None:
    rng = ctx.rng
    returner = _returner(ctx, start) if how == "recruit" and rng.random() < 0.08 else None
    if returner is not None:
        returner.periods.append(Membership(start, via="Via bestaand netwerk"))
        return
    core = sum(1 for p in ctx.persons if p.core and p.active_on(start)) < core_size
    person = _new_person(ctx, core and rng.random() < 0.7)
    methods = v.WERVINGSMETHODEN.values
    weights = list(_METHOD_WEIGHTS)
    if how == "founding":  # nobody yet to nominate anyone
        weights[methods.index(v.SNOWBALL_METHOD)] = 0
    person.periods.append(Membership(start, via=_pick(rng, methods, weights)))


def _returner(ctx: _Context, start: date) -> Person | None:
    """A former member who left for a reason that may pass, at least half a year ago."""
    passing = v.REDENEN_VERTREK.values[:3]
    former = [
        p
        for p in ctx.persons
        if (end := p.periods[-1].end) is not None
        and end < start - timedelta(days=180)
        and p.periods[-1].reason in passing
        and len(p.periods) == 1
    ]
    return ctx.rng.choice(former) if former else None


def _leave(ctx: _Context, monthly: float, first: date, last: date) -> None:
    rng = ctx.rng
    for person in ctx.persons:
        period = person.periods[-1]
        if period.end is not None or period.start >= first - timedelta(days=30):
            continue
        early = (first - period.start).days < 365  # new members drop out more often
        if rng.random() < monthly * (1.4 if early else 0.8):
            period.end = _day_in(rng, first, last)
            period.reason = _pick(rng, v.REDENEN_VERTREK.values, _REASON_WEIGHTS)
            period.exit_interview = "Ja" if rng.random() < 0.7 else "Nee"


def _buddy(ctx: _Context, person: Person, start: date) -> str | None:
    """An experienced member (a year or longer) active when this one started, sometimes."""
    if ctx.rng.random() > 0.4:
        return None
    mentors = [
        p.person_id
        for p in ctx.persons
        if p is not person
        and p.active_on(start)
        and p.periods[0].start <= start - timedelta(days=365)
    ]
    return ctx.rng.choice(mentors) if mentors else None


def _consent(ctx: _Context, period: Membership) -> date | None:
    """The AVG consent date; missing for a few former members (only active ones need it)."""
    if period.end is not None and ctx.rng.random() < 0.25:
        return None
    return min(period.start + timedelta(days=ctx.rng.randint(0, 21)), ctx.quarter_end)


def _register_rows(ctx: _Context) -> list[Row]:
    """One row per membership period, in the order they started (as rows get added)."""
    periods = sorted(((p, m) for p in ctx.persons for m in p.periods), key=lambda pm: pm[1].start)
    rows = []
    for person, period in periods:
        rows.append(
            {
                "person_id": person.person_id,
                "name": person.name,
                "wijk": person.wijk,
                **person.attributes,
                "start_date": period.start,
                "end_date": period.end,
                "leave_reason": period.reason,
                "exit_interview": period.exit_interview,
                "recruited_via": period.via,
                "buddy_id": _buddy(ctx, person, period.start),
                "consent_date": _consent(ctx, period),
                "remarks": "Teruggekeerd na eerder vertrek"
                if period is not person.periods[0]
                else None,
            }
        )
    return rows


# --- recruitment ----------------------------------------------------------------------


def _candidates(ctx: _Context) -> list[Row]:
    rng = ctx.rng
    tracker_start = ctx.quarter_end - timedelta(days=365 * _TRACKER_YEARS)
    rows = [
        _selected(ctx, person, person.periods[0])
        for person in ctx.persons
        if person.periods[0].start >= tracker_start + timedelta(days=90)
    ]
    others = max(5, round(len(rows) * rng.uniform(0.9, 1.4)))
    open_statuses = [s for s in v.STATUS_KANDIDAAT.values if s != v.SELECTED]
    for number in range(others):
        status = open_statuses[number] if number < len(open_statuses) else rng.choice(open_statuses)
        rows.append(_unselected(ctx, status, tracker_start))
    rows.sort(key=lambda row: (row["first_contact"], str(row["name"])))
    for number, row in enumerate(rows, start=1):
        row["candidate_id"] = f"K-{number:03d}"
    return rows


def _nominator(ctx: _Context, day: date, candidate: Person | None = None) -> str | None:
    active = [p.person_id for p in ctx.persons if p is not candidate and p.active_on(day)]
    return ctx.rng.choice(active) if active else None


def _recruiter(ctx: _Context, method: str) -> str:
    if method == v.SNOWBALL_METHOD:
        return "Sleutelpersoon"
    return _pick(ctx.rng, v.WERVERS.values, _RECRUITER_WEIGHTS)


def _selected(ctx: _Context, person: Person, period: Membership) -> Row:
    """The tracker row of a recruit who joined: decided shortly before the start."""
    rng = ctx.rng
    decision = period.start - timedelta(days=rng.randint(0, 21))
    intake = decision - timedelta(days=rng.randint(3, 30))
    first_contact = intake - timedelta(days=rng.randint(3, 45))
    method = period.via or v.WERVINGSMETHODEN.values[0]
    nominator = _nominator(ctx, first_contact, person) if method == v.SNOWBALL_METHOD else None
    if method == v.SNOWBALL_METHOD and nominator is None:
        method = period.via = v.WERVINGSMETHODEN.values[0]
    return {
        "name": person.name,
        "wijk": person.wijk,
        "method": method,
        "nominated_by": nominator,
        "recruiter": _recruiter(ctx, method),
        "first_contact": first_contact,
        "intake_date": intake,
        "expectations": "Ja",
        "motivation": _pick(rng, ("Sterk", "Voldoende"), (60, 40)),
        "disruptor": "Nee",
        "status": v.SELECTED,
        "decision_date": decision,
        "person_id": person.person_id,
    }


def _unselected(ctx: _Context, status: str, tracker_start: date) -> Row:
    """A candidate who did not (yet) join, with dates that fit the status."""
    rng = ctx.rng
    end = ctx.quarter_end
    window = {"Benaderd": 60, "In gesprek": 90, "Aangehouden": 300}.get(status)
    earliest = end - timedelta(days=window) if window else tracker_start
    first_contact = _day_in(rng, earliest, end - timedelta(days=70 if window is None else 0))
    decided = status in v.DECIDED_STATUSES
    has_intake = status != "Benaderd" and (decided or rng.random() < 0.6)
    intake = min(first_contact + timedelta(days=rng.randint(5, 30)), end) if has_intake else None
    decision = (intake or first_contact) + timedelta(days=rng.randint(3, 40)) if decided else None
    method = _pick(rng, v.WERVINGSMETHODEN.values, _METHOD_WEIGHTS)
    nominator = _nominator(ctx, first_contact) if method == v.SNOWBALL_METHOD else None
    if method == v.SNOWBALL_METHOD and nominator is None:
        method = v.WERVINGSMETHODEN.values[0]
    motivation = {
        "Afgewezen": _pick(rng, ("Onvoldoende", "Voldoende"), (70, 30)),
        "Benaderd": "Nog niet beoordeeld",
    }.get(status) or rng.choice(v.MOTIVATIE.values)
    return {
        "name": names.person_name(rng),
        "wijk": rng.choice(ctx.wijken) if rng.random() < 0.8 else None,
        "method": method,
        "nominated_by": nominator,
        "recruiter": _recruiter(ctx, method),
        "first_contact": first_contact,
        "intake_date": intake,
        "expectations": rng.choice(v.JA_NEE.values) if has_intake else None,
        "motivation": motivation,
        "disruptor": "Ja" if status == "Afgewezen" and rng.random() < 0.3 else "Nee",
        "status": status,
        "decision_date": decision,
        "remarks": "Wil later misschien wel" if status == "Aangehouden" else None,
    }


# --- meetings -------------------------------------------------------------------------

_TOPICS = (
    "Signalen uit de wijken",
    "Polarisatie op sociale media",
    "Voorbereiding Ramadan en feestdagen",
    "Jongeren en online radicalisering",
    "Terugblik op de buurtbijeenkomst",
    "Samenwerking met wijkagenten",
    "Spanningen rond de opvanglocatie",
    "Nieuwe sleutelpersonen en kennismaking",
    "Gesprek met de burgemeester",
    "Evaluatie van het afgelopen jaar",
    "Training signaleren en doorverwijzen",
    "Actuele gebeurtenis in het buitenland",
)
_AGREEMENTS = (
    "Signalen doorgeven aan de coördinator",
    "Volgende keer een andere locatie",
    "Gemeente koppelt terug over de opvolging",
    "Werkgroep maakt een voorstel",
    None,
)


def _meeting_kinds(ctx: _Context) -> list[tuple[date, str]]:
    """About monthly network meetings over the year, plus other kinds now and then."""
    rng = ctx.rng
    plan: list[tuple[date, str]] = []
    has_core = any(p.core for p in ctx.persons)
    for number, (first, last) in enumerate(_months(ctx.quarter_end, 12)):
        if first.month != 8:  # summer recess
            plan.append((_weekday_in(rng, first, last), "Periodiek netwerkoverleg"))
        if has_core and number % 2 == 0:
            plan.append((_weekday_in(rng, first, last), "Kerngroepoverleg"))
    year_start = ctx.quarter_end - timedelta(days=364)
    extra = ["Grote netwerkbijeenkomst", "Training of cursus", "Evaluatie of reflectie"]
    extra += ["Naar aanleiding van actuele gebeurtenis"] * rng.randint(0, 2)
    extra += ["Activiteit van sleutelpersonen"] * rng.randint(0, 1)
    extra += ["Kennismaking of startbijeenkomst"] * rng.randint(0, 1)
    plan += [(_weekday_in(rng, year_start, ctx.quarter_end), kind) for kind in extra]
    return sorted(plan)


def _weekday_in(rng: random.Random, first: date, last: date) -> date:
    day = _day_in(rng, first, last)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day if day >= first else first


def _location(ctx: _Context, kind_of_meeting: str) -> tuple[str, str | None]:
    rng = ctx.rng
    if kind_of_meeting == "Kerngroepoverleg":
        return "Gemeentehuis", f"Gemeentehuis {ctx.name}"
    kind = _pick(rng, v.LOCATIES.values, _LOCATION_WEIGHTS)
    wijk = rng.choice(ctx.wijken)
    place = {
        "Gemeentehuis": f"Gemeentehuis {ctx.name}",
        "Moskee": f"Moskee {wijk}",
        "Kerk": f"Kerk {wijk}",
        "Synagoge": f"Synagoge {ctx.name}",
        "Ander gebedshuis": f"Gebedshuis {wijk}",
        "Bibliotheek": f"Bibliotheek {ctx.name}",
        "Buurthuis of wijkcentrum": f"Buurthuis {wijk}",
        "Politiebureau": f"Politiebureau {ctx.name}",
        "Locatie van een organisatie uit het netwerk": f"Stichting Samen {ctx.name}",
        "Online": "Videogesprek",
    }.get(kind)
    return kind, place


def _attendees(ctx: _Context, day: date, kind: str) -> list[str]:
    boost = 1.2 if kind == "Grote netwerkbijeenkomst" else 1.0
    present = []
    for person in ctx.persons:
        if not person.active_on(day) or (kind == "Kerngroepoverleg" and not person.core):
            continue
        if ctx.rng.random() < person.attendance * boost:
            present.append(person.person_id)
    return present


def _make_quiet(ctx: _Context) -> None:
    """A few members active all year who never come (guide 3.3: watch quiet members)."""
    year_ago = ctx.quarter_end - timedelta(days=365)
    steady = [p for p in ctx.persons if p.active_on(year_ago) and p.active_on(ctx.quarter_end)]
    for person in ctx.rng.sample(steady, min(len(steady), max(1, len(steady) // 20))):
        person.attendance = 0.0


def _meetings(ctx: _Context) -> tuple[list[Row], list[Row]]:
    rng = ctx.rng
    _make_quiet(ctx)
    chair = rng.choice(v.VOORZITTERS.values)
    meetings: list[Row] = []
    attendance: list[Row] = []
    for number, (day, kind) in enumerate(_meeting_kinds(ctx), start=1):
        meeting_id = f"B-{number:03d}"
        location_kind, location = _location(ctx, kind)
        present = _attendees(ctx, day, kind)
        big = kind == "Grote netwerkbijeenkomst"
        meetings.append(
            {
                "meeting_id": meeting_id,
                "date": day,
                "kind": kind,
                "location_kind": location_kind,
                "location": location,
                "topic": rng.choice(_TOPICS),
                "chair": chair if rng.random() < 0.8 else rng.choice(v.VOORZITTERS.values),
                "key_persons_present": len(present),
                "officials_present": rng.randint(1, 4 if big else 2),
                "executive_present": _pick(
                    rng, v.BESTUURDERS.values, (30, 30, 30, 10) if big else _EXECUTIVE_WEIGHTS
                ),
                "signals_discussed": "Ja" if rng.random() < 0.65 else "Nee",
                "agreements": rng.choice(_AGREEMENTS),
            }
        )
        attendance += [{"meeting_id": meeting_id, "person_id": pid} for pid in present]
    return meetings, attendance


# --- diversity ------------------------------------------------------------------------


def _shares(rng: random.Random, base: Sequence[float]) -> list[int]:
    """Percentages in steps of 5 near base (with some noise), adding up to exactly 100."""
    noisy = [max(0.5, b * rng.uniform(0.7, 1.3)) for b in base]
    units = [20 * x / sum(noisy) for x in noisy]
    whole = [int(u) for u in units]
    by_remainder = sorted(range(len(units)), key=lambda i: whole[i] - units[i])
    for i in by_remainder[: 20 - sum(whole)]:
        whole[i] += 1
    return [5 * w for w in whole]


def _targets(ctx: _Context) -> list[Row]:
    """Every prefilled dimension and category; targets for most dimensions, a few left out,
    and sometimes targets per neighbourhood."""
    rng = ctx.rng
    chosen = [d for d in DIMENSIONS if rng.random() < 0.7] or list(DIMENSIONS[:2])
    count_current = rng.random() < 0.5
    active = [p for p in ctx.persons if p.active_on(ctx.quarter_end)]
    rows: list[Row] = []
    for dimension in DIMENSIONS:
        shares = _shares(rng, _BASE_TARGETS[dimension.name])
        for (category, value), share in zip(dimension.categories, shares, strict=True):
            row: Row = {"dimension": dimension.name, "category": category}
            if dimension in chosen:
                row["target_pct"] = share
                if count_current:
                    row["current"] = sum(
                        1 for p in active if p.attributes[dimension.column] == value
                    )
            rows.append(row)
    if rng.random() < 0.5:
        shares = _shares(rng, ctx.wijk_weights)
        rows += [
            {"dimension": v.WIJK_DIMENSION, "category": wijk, "target_pct": share}
            for wijk, share in zip(ctx.wijken, shares, strict=True)
        ]
    return rows


def _wijk_rows(ctx: _Context, code: str) -> list[Row]:
    return [
        {"wijk": wijk, "wijk_code": f"WK{code[2:]}{number:02d}"}
        for number, wijk in enumerate(ctx.wijken)
    ]


# --- evaluation -----------------------------------------------------------------------

_WENT_WELL = (
    "De sfeer is open en we kennen elkaar beter",
    "Snelle contacten bij spanningen",
    "De gemeente luistert",
    "Goede bijeenkomsten op wisselende plekken",
)
_COULD_IMPROVE = (
    "Meer terugkoppeling over wat er met signalen gebeurt",
    "Meer jongeren in het netwerk",
    "Minder vergaderen, meer doen",
    "Duidelijker wat de rol van de gemeente is",
)
_GOAL_TEXTS = {
    "Voorlichting en bewustwording": (
        "Inwoners weten waar ze met zorgen terechtkunnen",
        "Aantal voorlichtingsbijeenkomsten",
        "4 per jaar",
    ),
    "Versterken veerkracht en weerbaarheid": (
        "Jongeren weerbaar maken tegen polarisatie",
        "Aantal bereikte jongeren",
        "100 jongeren",
    ),
    "De-escaleren van spanningen": (
        "Spanningen vroeg signaleren en samen dempen",
        "Signalen besproken binnen een week",
        "90% van de signalen",
    ),
    "Bijdragen aan effectief beleid": (
        "Het netwerk adviseert over beleid",
        "Adviezen aan het college",
        "2 per jaar",
    ),
    "Overig": ("Het netwerk beter bekend maken", "Bekendheid in de wijken", "Alle wijken"),
}


def _score(rng: random.Random, mean: float, not_applicable: float) -> str:
    if rng.random() < not_applicable:
        return v.LIKERT.values[-1]
    score = min(5, max(1, round(rng.gauss(mean, 0.8))))
    return v.LIKERT.values[score - 1]


def _survey(ctx: _Context, size: int) -> list[Row]:
    """10-40 respondents of every kind; each statement has its own mean."""
    rng = ctx.rng
    count = min(40, max(10, round(8 + size * 0.18 + rng.randint(-2, 2))))
    kinds = list(v.RESPONDENTEN.values)
    kinds += rng.choices(v.RESPONDENTEN.values, _RESPONDENT_WEIGHTS, k=count - len(kinds))
    rng.shuffle(kinds)
    means = {code: rng.uniform(2.6, 4.4) for code, _ in STATEMENTS}
    offsets = {kind: rng.uniform(-0.4, 0.4) for kind in v.RESPONDENTEN.values}
    rows = []
    for number, kind in enumerate(kinds, start=1):
        row: Row = {
            "respondent_id": f"R-{number:03d}",
            "respondent_kind": kind,
            "date": _day_in(rng, ctx.quarter_end - timedelta(days=40), ctx.quarter_end),
        }
        for code, _ in STATEMENTS:
            youth = code == "S02"  # not everyone can judge the effect on young people
            row[code.lower()] = _score(rng, means[code] + offsets[kind], 0.15 if youth else 0.04)
        row["went_well"] = rng.choice(_WENT_WELL) if rng.random() < 0.4 else None
        row["could_improve"] = rng.choice(_COULD_IMPROVE) if rng.random() < 0.4 else None
        rows.append(row)
    return rows


def _goals(ctx: _Context) -> list[Row]:
    """The network's goals, partly reached."""
    rng = ctx.rng
    goals = [g for g in v.DOELEN.values if g != "Overig" or rng.random() < 0.3]
    achieved = rng.choices(v.BEHAALD.values, _ACHIEVED_WEIGHTS, k=len(goals))
    if len(set(achieved)) == 1:  # partly reached: never all the same
        achieved[0] = "Deels" if achieved[0] != "Deels" else "Ja"
    rows: list[Row] = []
    for goal, reached in zip(goals, achieved, strict=True):
        description, indicator, target = _GOAL_TEXTS[goal]
        rows.append(
            {
                "goal": goal,
                "description": description,
                "indicator": indicator,
                "target": target,
                "achieved": reached,
                "explanation": "Loopt nog" if reached == "Nog niet te beoordelen" else None,
            }
        )
    return rows
