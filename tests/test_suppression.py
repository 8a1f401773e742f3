"""Small-count suppression, primary and secondary, on hand-made breakdowns."""

from __future__ import annotations

from typing import Any

from toolkit.stats.suppression import locate, suppress


def _stats(redenen: dict[str, int], **verloop: Any) -> dict[str, Any]:
    block = {"uitstroom": sum(redenen.values()), "verloop_pct": 12.5, **verloop}
    return {
        "periode": {"label": "2026-K3"},
        "gemeenten": [{"gemeente": "Utrecht", "verloop": {**block, "redenen": dict(redenen)}}],
        "totaal": {"gemeente": "Totaal", "verloop": {**block, "redenen": dict(redenen)}},
    }


def test_one_small_count_hides_the_smallest_other_non_zero_cell_too() -> None:
    stats = _stats({"Overig": 2, "Geen tijd of energie meer": 9, "Andere verantwoordelijkheden": 7})
    result = suppress(stats, 5)
    redenen = result["gemeenten"][0]["verloop"]["redenen"]
    assert redenen == {
        "Overig": None,
        "Geen tijd of energie meer": 9,
        "Andere verantwoordelijkheden": None,
    }
    assert "gemeenten[0].verloop.redenen.Overig" in result["onderdrukt"]
    assert "gemeenten[0].verloop.redenen.Andere verantwoordelijkheden" in result["onderdrukt"]
    assert result["drempel"] == 5


def test_two_small_counts_need_no_secondary_cell() -> None:
    result = suppress(_stats({"A": 1, "B": 3, "C": 8, "D": 0}), 5)
    assert result["gemeenten"][0]["verloop"]["redenen"] == {"A": None, "B": None, "C": 8, "D": 0}
    assert result["onderdrukt"] == [
        "gemeenten[0].verloop.redenen.A",
        "gemeenten[0].verloop.redenen.B",
        "totaal.verloop.redenen.A",
        "totaal.verloop.redenen.B",
    ]


def test_zeros_and_counts_above_the_threshold_stay_and_the_threshold_is_inclusive() -> None:
    result = suppress(_stats({"A": 0, "B": 6, "C": 12}), 5)
    assert result["gemeenten"][0]["verloop"]["redenen"] == {"A": 0, "B": 6, "C": 12}
    assert result["onderdrukt"] == []
    at_threshold = suppress(_stats({"A": 5, "B": 6, "C": 12}), 5)
    assert at_threshold["totaal"]["verloop"]["redenen"] == {"A": None, "B": None, "C": 12}


def test_network_level_totals_and_rates_stay_visible() -> None:
    result = suppress(_stats({"A": 1, "B": 9}, instroom=2, herintreders=1), 5)
    verloop = result["gemeenten"][0]["verloop"]
    assert (verloop["uitstroom"], verloop["instroom"], verloop["herintreders"]) == (10, 2, 1)
    assert verloop["verloop_pct"] == 12.5


def test_a_single_non_zero_cell_has_no_partner_to_hide() -> None:
    result = suppress(_stats({"A": 3, "B": 0}), 5)
    assert result["gemeenten"][0]["verloop"]["redenen"] == {"A": None, "B": 0}


def test_the_input_is_not_changed() -> None:
    stats = _stats({"A": 3, "B": 8})
    suppress(stats, 5)
    assert stats["gemeenten"][0]["verloop"]["redenen"] == {"A": 3, "B": 8}


def test_a_diversity_row_loses_its_share_but_keeps_its_target() -> None:
    categories = [
        {"categorie": "Verbinder", "aantal": 4, "aandeel_pct": 26.7, "streef_pct": 25.0},
        {"categorie": "Vertegenwoordiger", "aantal": 11, "aandeel_pct": 73.3, "streef_pct": 75.0},
    ]
    dimension = {"dimensie": "Rol", "basis": 15, "categorieen": categories}
    stats = {"gemeenten": [{"diversiteit": {"actief": 15, "dimensies": [dimension]}}]}
    result = suppress(stats, 5)
    rows = result["gemeenten"][0]["diversiteit"]["dimensies"][0]["categorieen"]
    assert rows[0] == {
        "categorie": "Verbinder",
        "aantal": None,
        "aandeel_pct": None,
        "streef_pct": 25.0,
    }
    assert (rows[1]["aantal"], rows[1]["aandeel_pct"], rows[1]["streef_pct"]) == (None, None, 75.0)
    base = "gemeenten[0].diversiteit.dimensies[0].categorieen"
    assert f"{base}[0].aantal" in result["onderdrukt"]
    assert f"{base}[0].aantal" not in result["onderdrukt_aanvullend"]
    assert f"{base}[1].aantal" in result["onderdrukt_aanvullend"]
    assert f"{base}[0].aandeel_pct" in result["onderdrukt_aanvullend"]
    assert result["gemeenten"][0]["diversiteit"]["dimensies"][0]["basis"] == 15


def test_the_blau_index_of_a_dimension_with_a_hidden_category_is_hidden() -> None:
    # With two categories, the index and the base give both counts away: 1 - p² - (1-p)².
    categories = [{"categorie": "Ja", "aantal": 3}, {"categorie": "Nee", "aantal": 8}]
    plain = [{"categorie": "Ja", "aantal": 6}, {"categorie": "Nee", "aantal": 8}]
    dimensions = [
        {
            "dimensie": "Migratieachtergrond",
            "basis": 11,
            "blau_index": 0.397,
            "categorieen": categories,
        },
        {"dimensie": "Opleiding", "basis": 14, "blau_index": 0.49, "categorieen": plain},
    ]
    result = suppress({"totaal": {"diversiteit": {"dimensies": dimensions}}}, 5)
    shown = result["totaal"]["diversiteit"]["dimensies"]
    assert (shown[0]["blau_index"], shown[0]["basis"]) == (None, 11)
    assert "totaal.diversiteit.dimensies[0].blau_index" in result["onderdrukt_aanvullend"]
    assert shown[1]["blau_index"] == 0.49


def test_a_signal_quoting_a_small_count_hides_it_and_its_figures() -> None:
    missed = {
        "code": "streefwaarde_gemist",
        "bericht": "Bekend bij gemeente, Onbekend: 15,4% tegen een streefwaarde van 55%.",
        "cijfers": {"aantal": 2, "basis": 13, "aandeel_pct": 15.4, "streef_pct": 55.0},
    }
    quiet = {
        "code": "stille_leden",
        "bericht": "1 actieve sleutelpersoon ...",
        "cijfers": {"stille_leden": 1},
    }
    result = suppress({"gemeenten": [{"signalen": [missed, quiet]}]}, 5)
    shown, kept = result["gemeenten"][0]["signalen"]
    assert shown["cijfers"] == {
        "aantal": None,
        "basis": 13,
        "aandeel_pct": None,
        "streef_pct": 55.0,
    }
    assert shown["bericht"].startswith("Bekend bij gemeente, Onbekend: ")
    assert "15,4" not in shown["bericht"]
    assert "gemeenten[0].signalen[0].cijfers.aantal" in result["onderdrukt"]
    assert kept == quiet


def test_nested_distributions_and_respondent_kinds_are_breakdowns() -> None:
    evaluation = {
        "respondenten": 14,
        "stellingen": [{"code": "S01", "n": 14, "verdeling": {"4 Eens": 12, "n.v.t.": 2}}],
        "per_soort_respondent": {
            "Sleutelpersoon": {"respondenten": 13, "n": 140, "gemiddelde": 3.9},
            "Bestuurder": {"respondenten": 1, "n": 12, "gemiddelde": 2.1},
        },
        "per_doel": {"Overig": {"Ja": 1, "Nee": 7}},
    }
    result = suppress({"totaal": {"evaluatie": evaluation}}, 5)
    figures = result["totaal"]["evaluatie"]
    assert figures["stellingen"][0]["verdeling"] == {"4 Eens": None, "n.v.t.": None}
    assert figures["per_soort_respondent"]["Bestuurder"]["gemiddelde"] is None
    assert figures["per_soort_respondent"]["Sleutelpersoon"]["respondenten"] is None
    assert figures["per_doel"]["Overig"] == {"Ja": None, "Nee": None}
    assert figures["respondenten"] == 14 and figures["stellingen"][0]["n"] == 14


def test_row_accounting_signals_and_trend_are_not_breakdowns() -> None:
    figures = {
        "rijen": {"register": {"rijen_gebruikt": 2, "rijen_weggelaten": 1}},
        "verloop": {"trend": [{"label": "2026-K3", "instroom": 1, "uitstroom": 2}]},
        "signalen": [{"code": "exitgesprek_ontbreekt", "cijfers": {"uitstroom": 2}}],
    }
    result = suppress({"gemeenten": [figures]}, 5)
    assert result["gemeenten"][0] == figures
    assert result["onderdrukt"] == []


def test_every_listed_path_can_be_found_again() -> None:
    stats = _stats({"n.v.t.": 2, "Overig": 9})
    result = suppress(stats, 5)
    for path in result["onderdrukt"]:
        found = locate(result, path)
        assert found is not None
        container, key = found
        assert container[key] is None
    assert locate(result, "gemeenten[0].verloop.nergens") is None
