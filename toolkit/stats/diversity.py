"""Diversity of the persons active at the end of the period against the Streefwaarden:
share per category, the gap in points, and the Blau index per dimension."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from toolkit.periods import Period
from toolkit.schema import DIMENSIONS
from toolkit.schema.kinds import WIJK_DIMENSION_COLUMN
from toolkit.schema.model import Dimension
from toolkit.schema.vocabularies import WIJK_DIMENSION
from toolkit.stats.networks import Membership, Network, Values, municipality_key, text
from toolkit.stats.numbers import pct, rounded
from toolkit.stats.turnover import in_end

Target = tuple[float | None, int | None]  # (Streefpercentage, Minimum aantal)


def blau(counts: Sequence[int]) -> float | None:
    """1 − Σ p² over the categories; None without anyone to count."""
    total = sum(counts)
    if not total:
        return None
    return rounded(1 - sum(Fraction(c, total) ** 2 for c in counts), 3)


def _targets(rows: Sequence[Values]) -> dict[tuple[str, str], Target]:
    targets: dict[tuple[str, str], Target] = {}
    for row in rows:
        share, minimum = row.get("target_pct"), row.get("minimum")
        targets[(str(row["dimension"]), municipality_key(str(row["category"])))] = (
            float(share) if isinstance(share, int | float) else None,
            minimum if isinstance(minimum, int) else None,
        )
    return targets


def _gap(count: int, base: int, target: float | None) -> float | None:
    """Share minus target in points, from the exact share (the target as the user typed it)."""
    if not base or target is None:
        return None
    return rounded(Fraction(count * 100, base) - Fraction(repr(target)))


def _dimension(
    name: str, counts: dict[str, int], missing: int, targets: dict[tuple[str, str], Target]
) -> dict[str, Any]:
    base = sum(counts.values())
    categories = []
    for category, count in counts.items():
        share = pct(count, base)
        target, minimum = targets.get((name, municipality_key(category)), (None, None))
        gap = _gap(count, base, target)
        categories.append(
            {
                "categorie": category,
                "aantal": count,
                "aandeel_pct": share,
                "streef_pct": target,
                "verschil_pp": gap,
                "minimum_aantal": minimum,
            }
        )
    return {
        "dimensie": name,
        "basis": base,
        "ontbrekend": missing,
        "blau_index": blau(list(counts.values())),
        "categorieen": categories,
    }


def _schema_dimension(
    dimension: Dimension, active: Sequence[Membership]
) -> tuple[dict[str, int], int]:
    by_value = {value: category for category, value in dimension.categories}
    counts = dict.fromkeys((category for category, _ in dimension.categories), 0)
    missing = 0
    for m in active:
        category = by_value.get(str(m.values.get(dimension.column)))
        if category is None:
            missing += 1
        else:
            counts[category] += 1
    return counts, missing


def _wijk_dimension(
    active: Sequence[Membership], targets: dict[tuple[str, str], Target], rows: Sequence[Values]
) -> tuple[dict[str, int], int]:
    """Categories: the targets' wijken in their order, then other wijken of active persons."""
    names: dict[str, str] = {}
    for row in rows:
        if row["dimension"] == WIJK_DIMENSION:
            names.setdefault(municipality_key(str(row["category"])), str(row["category"]))
    seen = Counter[str]()
    missing = 0
    for m in active:
        wijk = text(m.values.get(WIJK_DIMENSION_COLUMN))
        if wijk is None:
            missing += 1
            continue
        names.setdefault(municipality_key(wijk), wijk.strip())
        seen[municipality_key(wijk)] += 1
    ordered = [k for k in names if (WIJK_DIMENSION, k) in targets] + sorted(
        k for k in names if (WIJK_DIMENSION, k) not in targets
    )
    return {names[k]: seen[k] for k in ordered}, missing


def diversity(network: Network, period: Period) -> dict[str, Any]:
    active = [m for m in network.members if in_end(m, period)]
    targets = _targets(network.targets)
    dimensions = [_dimension(d.name, *_schema_dimension(d, active), targets) for d in DIMENSIONS]
    if not network.pooled:
        dimensions.append(
            _dimension(WIJK_DIMENSION, *_wijk_dimension(active, targets, network.targets), targets)
        )
    return {
        "bestand_aanwezig": "diversiteit" in network.kinds,
        "actief": len(active),
        "dimensies": dimensions,
    }
