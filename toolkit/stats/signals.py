"""Signals: what needs a coordinator's attention, each tied to the guide's section
(DOMAIN.md "Signals"). Computed per municipality from its figures and rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from toolkit.periods import Period
from toolkit.schema.vocabularies import JA_NEE, ROLLEN
from toolkit.stats.evaluation import WINDOW_DAYS
from toolkit.stats.meetings import with_executive
from toolkit.stats.networks import Network
from toolkit.stats.turnover import active_at_end

YES = JA_NEE.values[0]
LARGE_NETWORK = 50
TARGET_MARGIN = 10  # percentage points below a target


def _dutch(number: float) -> str:
    """A number as a Dutch reader writes it: 48,3 and 50 (no trailing ,0)."""
    return f"{number:g}".replace(".", ",")


def _persons(count: int, adjective: str = "") -> str:
    """3 -> "3 sleutelpersonen", 1 -> "1 sleutelpersoon", with an adjective before it."""
    noun = "sleutelpersoon" if count == 1 else "sleutelpersonen"
    return " ".join(part for part in (str(count), adjective, noun) if part)


def _signal(
    code: str, network: Network, message: str, section: str, **figures: Any
) -> dict[str, Any]:
    return {
        "code": code,
        "gemeente": network.name,
        "bericht": message,
        "paragraaf": section,
        "cijfers": figures,
    }


def _turnover_signals(network: Network, figures: dict[str, Any]) -> Iterator[dict[str, Any]]:
    turnover, recruitment = figures["verloop"], figures["werving"]
    leavers = turnover["uitstroom"]
    missing = leavers - turnover["exitgesprekken"]
    if missing > 0:
        yield _signal(
            "exitgesprek_ontbreekt",
            network,
            f"Met {missing} van de {_persons(leavers, 'vertrokken')} is geen exitgesprek "
            "vastgelegd. Een exitgesprek laat zien waarom mensen stoppen.",
            "3.3",
            uitstroom=leavers,
            zonder_exitgesprek=missing,
        )
    last_two = turnover["trend"][-2:]
    if all(q["uitstroom"] > q["instroom"] for q in last_two):
        yield _signal(
            "uitstroom_boven_instroom",
            network,
            "De uitstroom was twee kwartalen op rij groter dan de instroom "
            f"({', '.join(q['label'] for q in last_two)}). Het netwerk krimpt.",
            "3.3",
            **{
                f"{word} {q['label']}": q[word]
                for q in last_two
                for word in ("instroom", "uitstroom")
            },
        )
    if leavers and not turnover["instroom"] and not recruitment["nieuw_benaderd"]:
        yield _signal(
            "geen_werving",
            network,
            f"Er {'vertrok' if leavers == 1 else 'vertrokken'} {_persons(leavers)}, maar er kwam "
            "niemand bij en er is niemand nieuw benaderd. Werf tijdig nieuwe sleutelpersonen.",
            "3.3",
            uitstroom=leavers,
            instroom=0,
            nieuw_benaderd=0,
        )


def _membership_signals(network: Network, period: Period) -> Iterator[dict[str, Any]]:
    active = active_at_end(network.members, period)
    if not active:
        return
    for role in ROLLEN.values:
        if not any(role in (m.values.get("role"), m.values.get("second_role")) for m in active):
            yield _signal(
                "rol_ontbreekt",
                network,
                f"Niemand in het netwerk heeft de rol {role}. Een goed netwerk heeft alle rollen.",
                "2.2",
                actief=len(active),
                met_deze_rol=0,
            )
    without = sum(1 for m in active if m.values.get("consent_date") is None)
    if without:
        yield _signal(
            "avg_toestemming_ontbreekt",
            network,
            f"Van {_persons(without, 'actieve')} is geen AVG-toestemming vastgelegd.",
            "3.1",
            actief=len(active),
            zonder_toestemming=without,
        )
    if len(active) > LARGE_NETWORK and not any(m.values.get("core_group") == YES for m in active):
        yield _signal(
            "geen_kerngroep",
            network,
            f"Het netwerk heeft {_persons(len(active), 'actieve')} maar geen kerngroep. "
            f"Bij meer dan {LARGE_NETWORK} leden helpt een kerngroep.",
            "1.3",
            actief=len(active),
            kerngroep=0,
        )


def _meeting_signals(
    network: Network, period: Period, figures: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    meetings = figures["bijeenkomsten"]
    quiet = meetings["stille_leden"]
    if quiet:
        yield _signal(
            "stille_leden",
            network,
            f"{_persons(quiet, 'actieve').capitalize()} {'was' if quiet == 1 else 'waren'} twee "
            "kwartalen bij geen enkele bijeenkomst. Houd contact met stille leden.",
            "3.3",
            stille_leden=quiet,
            basis=meetings["stille_leden_basis"],
        )
    used = [kind for kind, count in meetings["per_locatie"].items() if count]
    if meetings["aantal"] >= 2 and len(used) == 1:
        yield _signal(
            "een_soort_locatie",
            network,
            f"Alle {meetings['aantal']} bijeenkomsten waren op één soort locatie ({used[0]}). "
            "Wissel af tussen locaties.",
            "3.2",
            bijeenkomsten=meetings["aantal"],
        )
    first = period.end - timedelta(days=WINDOW_DAYS - 1)
    year = [m for m in network.meetings if first <= m.on <= period.end]
    if year and not any(with_executive(m) for m in year):
        yield _signal(
            "geen_bestuurder",
            network,
            f"Bij geen van de {len(year)} bijeenkomsten van de afgelopen twaalf maanden was de "
            "burgemeester of een wethouder aanwezig.",
            "1.2, 3.1",
            bijeenkomsten_12_maanden=len(year),
        )


def _diversity_signals(network: Network, figures: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for dimension in figures["diversiteit"]["dimensies"]:
        for category in dimension["categorieen"]:
            gap = category["verschil_pp"]
            if gap is not None and gap < -TARGET_MARGIN:
                yield _signal(
                    "streefwaarde_gemist",
                    network,
                    f"{dimension['dimensie']}, {category['categorie']}: "
                    f"{_dutch(category['aandeel_pct'])}% tegen een streefwaarde van "
                    f"{_dutch(category['streef_pct'])}% ({_dutch(-gap)} procentpunt te weinig).",
                    "2.2",
                    aantal=category["aantal"],
                    basis=dimension["basis"],
                    aandeel_pct=category["aandeel_pct"],
                    streef_pct=category["streef_pct"],
                    verschil_pp=gap,
                )


def signals(network: Network, period: Period, figures: dict[str, Any]) -> list[dict[str, Any]]:
    """figures: the municipality's blocks (verloop, werving, ...) already computed."""
    found: list[dict[str, Any]] = []
    if not figures["evaluatie"]["respondenten"]:
        found.append(
            _signal(
                "geen_evaluatie",
                network,
                "Er is geen evaluatie van de afgelopen twaalf maanden. Evalueer het netwerk "
                "regelmatig met sleutelpersonen en gemeente.",
                "3.4",
                respondenten_12_maanden=0,
            )
        )
    if "register" in network.kinds:
        found += _turnover_signals(network, figures)
        found += _membership_signals(network, period)
    found += _meeting_signals(network, period, figures)
    found += _diversity_signals(network, figures)
    return found
