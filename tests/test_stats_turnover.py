"""Turnover, retention and trend on small registers whose answers were worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st
from test_stats_support import register

from toolkit.periods import quarter
from toolkit.stats import compute_stats
from toolkit.stats.networks import Membership, Network
from toolkit.stats.numbers import rounded, rounded_ratio
from toolkit.stats.retention import (
    _by_month,
    kaplan_meier,
    median_days,
    membership_days,
    month_days,
    survival_at,
)
from toolkit.stats.turnover import Timeline, turnover_tally

K3 = quarter(2026, 3)  # 1 July - 30 September 2026

# P1 before and after; P2 starts on the quarter's first day; P3 starts the day before it and
# leaves on its last day; P4 left the day before the quarter and returns in it; P5 joins and
# leaves within the quarter; P6 leaves on the quarter's first day; P7 starts after it; P8
# leaves the day after it.
REGISTER = """
Persoon-ID | Startdatum | Einddatum  | Reden vertrek                          | Exitgesprek gevoerd
-----------|------------|------------|----------------------------------------|---------------------
P1         | 2025-01-01 |            |                                        |
P2         | 2026-07-01 |            |                                        |
P3         | 2026-06-30 | 2026-09-30 | Geen tijd of energie meer              | Ja
P4         | 2024-03-01 | 2026-06-30 | Andere verantwoordelijkheden           | Ja
P4         | 2026-08-15 |            |                                        |
P5         | 2026-07-10 | 2026-09-01 | Afscheid op initiatief van de gemeente | Nee
P6         | 2023-01-01 | 2026-07-01 | Overig                                 |
P7         | 2026-10-01 |            |                                        |
P8         | 2025-10-01 | 2026-10-01 | Overig                                 | Ja
"""


def _verloop(text: str = REGISTER) -> dict:
    return compute_stats([register("Utrecht", text)], K3)["gemeenten"][0]["verloop"]


def test_stocks_and_flows_of_the_hand_made_register() -> None:
    v = _verloop()
    assert (v["bezetting_begin"], v["bezetting_eind"]) == (4, 4)  # P1 P3 P6 P8 / P1 P2 P4 P8
    assert (v["instroom"], v["herintreders"]) == (3, 1)  # P2 P4 P5, of whom P4 returned
    assert (v["uitstroom"], v["uitstroom_vrijwillig"], v["uitstroom_onvrijwillig"]) == (3, 2, 1)
    assert v["gemiddelde_bezetting"] == 4.0
    assert v["verloop_pct"] == 75.0  # 3 / 4
    assert (v["behouden"], v["behoud_pct"]) == (2, 50.0)  # P1, P8
    assert v["vroege_uitval"] == 2  # P3 (93 days), P5 (54 days); P6 stayed 1278 days
    assert (v["exitgesprekken"], v["exitgesprek_pct"]) == (1, 33.3)
    assert v["identiteit"] == {"verwacht_eind": 4, "klopt": True}
    nonzero = {reason: n for reason, n in v["redenen"].items() if n}
    assert nonzero == {
        "Geen tijd of energie meer": 1,
        "Afscheid op initiatief van de gemeente": 1,
        "Overig": 1,
    }
    assert len(v["redenen"]) == 8


def test_rows_with_errors_are_left_out_and_counted() -> None:
    with_error = """
| Persoon-ID | Startdatum | (fout) |
|------------|------------|--------|
| P1         | 2025-01-01 |        |
| P2         | 2026-07-05 | x      |
| P3         |            |        |
"""
    figures = compute_stats([register("Utrecht", with_error)], K3)["gemeenten"][0]
    assert figures["rijen"]["register"] == {"rijen_gebruikt": 1, "rijen_weggelaten": 2}
    assert (figures["verloop"]["bezetting_eind"], figures["verloop"]["instroom"]) == (1, 0)


def test_tenure_medians_count_both_first_and_last_day() -> None:
    tenure = _verloop()["zittingsduur"]
    # active at 30 Sept: P4 47, P2 92, P8 365, P1 638 days; leavers P5 54, P3 93, P6 1278.
    assert tenure == {
        "actief_n": 4,
        "actief_mediaan_dagen": 228.5,
        "vertrokken_n": 3,
        "vertrokken_mediaan_dagen": 93.0,
    }


def test_retention_curve_of_the_register_by_hand() -> None:
    km = _verloop()["retentie"]
    # 8 periods started by 30 Sept (P7 not): events at 54 (7 at risk), 93 (5), 852 (2), 1278 (1)
    assert (km["perioden"], km["vertrekken"]) == (8, 4)
    s_93 = Fraction(6, 7) * Fraction(4, 5)
    assert km["behoud_6_maanden_pct"] == round(float(s_93 * 100), 1) == 68.6
    assert km["behoud_12_maanden_pct"] == 68.6
    assert km["behoud_24_maanden_pct"] == 68.6
    assert km["mediaan_dagen"] == 852  # S drops to 12/35 there
    curve = {point["maand"]: point["behoud_pct"] for point in km["curve"]}
    assert (curve[0], curve[1], curve[2], curve[24]) == (100.0, 100.0, 85.7, 68.6)


def test_kaplan_meier_against_a_hand_computed_curve() -> None:
    # durations 3 5 5+ 8 10+ 12: the censored 5 is still at risk at 5
    curve = kaplan_meier([3, 5, 8, 12], [5, 10])
    assert [(moment, Fraction(*survival)) for moment, survival in curve] == [
        (3, Fraction(5, 6)),
        (5, Fraction(2, 3)),
        (8, Fraction(4, 9)),
        (12, Fraction(0)),
    ]
    assert Fraction(*survival_at(curve, 2)) == 1
    assert Fraction(*survival_at(curve, 7)) == Fraction(2, 3)
    assert Fraction(*survival_at(curve, 11)) == Fraction(4, 9)
    assert median_days(curve) == 8
    assert median_days(kaplan_meier([4], [9, 9])) is None


def test_trend_has_eight_quarters_ending_with_the_period() -> None:
    trend = _verloop()["trend"]
    assert [q["label"] for q in trend] == [
        "2024-K4",
        "2025-K1",
        "2025-K2",
        "2025-K3",
        "2025-K4",
        "2026-K1",
        "2026-K2",
        "2026-K3",
    ]
    # 2026-K2: begin P1 P4 P6 P8, P3 joins on 30 June, P4 leaves on 30 June
    assert trend[-2] == {
        "label": "2026-K2",
        "start": "2026-04-01",
        "end": "2026-06-30",
        "bezetting_begin": 4,
        "bezetting_eind": 4,
        "instroom": 1,
        "uitstroom": 1,
        "verloop_pct": 25.0,
    }
    assert trend[-1]["uitstroom"] == 3


def test_an_empty_network_has_zeros_and_no_rates() -> None:
    figures = compute_stats([register("Utrecht", "Persoon-ID | Startdatum")], K3)["gemeenten"][0]
    assert figures["werving"]["bestand_aanwezig"] is False
    v = figures["verloop"]
    assert (v["bezetting_begin"], v["bezetting_eind"], v["instroom"], v["uitstroom"]) == (
        0,
        0,
        0,
        0,
    )
    assert v["verloop_pct"] is v["behoud_pct"] is v["exitgesprek_pct"] is None
    assert v["retentie"]["behoud_12_maanden_pct"] is None
    assert v["retentie"]["mediaan_dagen"] is None
    assert v["bestand_aanwezig"] is True


def test_totals_are_pooled_not_averaged() -> None:
    steady = "| Persoon-ID | Startdatum |\n|---|---|\n" + "\n".join(
        f"| P{i} | 2025-01-01 |" for i in range(1, 11)
    )
    stats = compute_stats([register("Utrecht", REGISTER), register("Zeist", steady)], K3)
    zeist, utrecht = stats["gemeenten"][1]["verloop"], stats["gemeenten"][0]["verloop"]
    assert (utrecht["verloop_pct"], zeist["verloop_pct"]) == (75.0, 0.0)
    total = stats["totaal"]["verloop"]
    assert stats["totaal"]["gemeente"] == "Totaal"
    assert (total["bezetting_begin"], total["bezetting_eind"], total["uitstroom"]) == (14, 14, 3)
    assert total["verloop_pct"] == 21.4  # 3 / 14, not (75 + 0) / 2
    assert total["behoud_pct"] == 85.7  # 12 / 14
    # Zeist's P4 is another person than Utrecht's P4: still one returner
    assert total["herintreders"] == 1
    assert stats["totaal"]["rijen"]["register"] == {"rijen_gebruikt": 19, "rijen_weggelaten": 0}


def test_municipalities_group_by_normalised_name_shown_as_first_written() -> None:
    one = register("  Bergen op Zoom", "| Persoon-ID | Startdatum |\n|---|---|\n| A | 2025-01-01 |")
    two = register("bergen  op zoom ", "| Persoon-ID | Startdatum |\n|---|---|\n| B | 2025-01-01 |")
    stats = compute_stats([one, two], K3)
    assert [m["gemeente"] for m in stats["gemeenten"]] == ["Bergen op Zoom"]
    assert stats["gemeenten"][0]["verloop"]["bezetting_eind"] == 2


_DAY0 = date(2024, 1, 1)
_periods = st.lists(
    st.tuples(
        st.integers(0, 1200),  # start, days after 1 Jan 2024
        st.one_of(st.none(), st.integers(0, 600)),  # days of membership after the start
    ),
    max_size=40,
)


@given(_periods, st.integers(2024, 2027), st.integers(1, 4))
def test_identity_holds_on_random_registers(periods: list, year: int, number: int) -> None:
    members = [
        Membership(
            ("x", str(i)),
            _DAY0 + timedelta(days=s),
            None if d is None else _DAY0 + timedelta(days=s + d),
            {},
        )
        for i, (s, d) in enumerate(periods)
    ]
    counts = Timeline.of(members).counts(quarter(year, number))
    assert counts["bezetting_eind"] == (
        counts["bezetting_begin"] + counts["instroom"] - counts["uitstroom"]
    )


_K3_2025 = quarter(2025, 3)
_EDGES = [
    _K3_2025.start - timedelta(days=1),
    _K3_2025.start,
    _K3_2025.end,
    _K3_2025.end + timedelta(days=1),
]
_dates = st.one_of(st.sampled_from(_EDGES), st.dates(date(2023, 1, 1), date(2026, 12, 31)))


@given(st.lists(st.tuples(_dates, st.one_of(st.none(), _dates)), max_size=40))
def test_the_timeline_counts_each_period_as_defined(periods: list) -> None:
    """Bisection on sorted dates gives the counts of the definitions, also for a period
    whose Einddatum is before its Startdatum (an error the validator reports)."""
    members = [Membership(("x", str(i)), s, e, {}) for i, (s, e) in enumerate(periods)]
    timeline = Timeline.of(members)
    for q in [_K3_2025, *_K3_2025.previous_quarters(8)]:
        a, b = q.start, q.end
        assert timeline.counts(q) == {
            "bezetting_begin": sum(m.start < a and (m.end is None or m.end >= a) for m in members),
            "bezetting_eind": sum(m.start <= b and (m.end is None or m.end > b) for m in members),
            "instroom": sum(a <= m.start <= b for m in members),
            "uitstroom": sum(m.end is not None and a <= m.end <= b for m in members),
        }


@given(st.lists(st.tuples(_dates, st.one_of(st.none(), _dates)), max_size=40))
def test_the_curve_observes_every_period_started_by_the_end(periods: list) -> None:
    """The tally's events and those active at the end (the censored) are every period
    started by the end of the period, each with its membership days."""
    members = [Membership(("x", str(i)), s, e, {}) for i, (s, e) in enumerate(periods)]
    counted = turnover_tally(Network("x", members=members), _K3_2025)
    last = _K3_2025.end
    started = [m for m in members if m.start <= last]
    assert sorted(counted.ended_days + counted.active_days) == sorted(
        membership_days(m, last) for m in started
    )
    assert len(counted.ended_days) == sum(m.end is not None and m.end <= last for m in started)


def _split(observed: list[tuple[int, bool]]) -> tuple[list[int], list[int]]:
    """(days, ended) pairs -> the days of the events and of the censored."""
    return [days for days, e in observed if e], [days for days, e in observed if not e]


def _product_limit(observed: list[tuple[int, bool]]) -> list[tuple[int, Fraction]]:
    """Kaplan-Meier the textbook way, in Fractions."""
    curve, survival = [], Fraction(1)
    for moment in sorted({days for days, ended in observed if ended}):
        at_risk = sum(1 for days, _ in observed if days >= moment)
        ended = sum(1 for days, e in observed if e and days == moment)
        survival *= 1 - Fraction(ended, at_risk)
        curve.append((moment, survival))
    return curve


@given(st.lists(st.tuples(st.integers(1, 60), st.booleans()), max_size=60))
def test_the_curve_kept_in_whole_numbers_is_the_product_limit(observed: list) -> None:
    curve = kaplan_meier(*_split(observed))
    expected = _product_limit(observed)
    assert [(moment, Fraction(*survival)) for moment, survival in curve] == expected
    half = next((moment for moment, survival in expected if survival <= Fraction(1, 2)), None)
    assert median_days(curve) == half
    shares = [rounded_ratio(alive * 100, total) for _, (alive, total) in curve]
    assert shares == [rounded(survival * 100) for _, survival in expected]


@given(st.lists(st.tuples(st.integers(1, 900), st.booleans()), max_size=60))
def test_the_monthly_curve_is_survival_at_each_month(observed: list[tuple[int, bool]]) -> None:
    curve = kaplan_meier(*_split(observed))
    assert _by_month(curve, 24) == [survival_at(curve, month_days(m)) for m in range(25)]
