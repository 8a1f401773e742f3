"""Diversity of the persons active at the end of the period against the Streefwaarden:
share per category, the gap in points, and the Blau index per dimension."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from toolkit.periods import Period
from toolkit.schema import DIMENSIONS
from toolkit.schema.kinds import WIJK_DIMENSION_COLUMN
from toolkit.schema.model import Dimension
from toolkit.schema.vocabularies import WIJK_DIMENSION
from toolkit.stats.networks import Network, Values, municipality_key, text
from toolkit.stats.numbers import pct, rounded_ratio
from toolkit.stats.turnover import active_at_end

Target = tuple[float | None, int | None]  # (Streefpercentage, Minimum aantal)


def blau(counts: Sequence[int]) -> float | None:
    """1 − Σ p² over the categories; None without anyone to count."""
    total = sum(counts)
    if not total:
        return None
    return rounded_ratio(total * total - sum(c * c for c in counts), total * total, 3)


def _targets(rows: Sequence[Values]) -> dict[tuple[str, str], Target]:
    targets: dict[tuple[str, str], Target] = {}
    for row in rows:
        share, minimum = row.get("target_pct"), row.get("minimum")
        targets[(str(row["dimension"]), municipality_key(str(row["category"])))] = (
            float(share) if share is not None and isinstance(share, (int, float)) else None,
            minimum if minimum is not None and isinstance(minimum, int) else None,
        )
    return targets


def _gap(count: int, base: int, target: float | None) -> float | None:
    """Share minus target in points, from the exact share (the target as the user typed it:
    the decimal its repr shows, as a ratio of integers; Decimal reads it faster than
    Fraction does)."""
    if not base or target is None:
        return None
    typed, scale = Decimal(repr(target)).as_integer_ratio()
    return rounded_ratio(count * 100 * scale - typed * base, base * scale)


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


def _schema_dimension(dimension: Dimension, active: Sequence[Values]) -> tuple[dict[str, int], int]:
    """active: the values of the persons active at the end."""
    by_value = {value: category for category, value in dimension.categories}
    counts = dict.fromkeys((category for category, _ in dimension.categories), 0)
    missing = 0
    for value, n in Counter([person.get(dimension.column) for person in active]).items():
        category = by_value.get(str(value))
        if category is None:
            missing += n
        else:
            counts[category] += n
    return counts, missing


def _wijk_dimension(
    active: Sequence[Values], targets: dict[tuple[str, str], Target], rows: Sequence[Values]
) -> tuple[dict[str, int], int]:
    """Categories: the targets' wijken in their order, then other wijken of active persons."""
    names: dict[str, str] = {}
    for row in rows:
        if row["dimension"] == WIJK_DIMENSION:
            names.setdefault(municipality_key(str(row["category"])), str(row["category"]))
    seen = Counter[str]()
    missing = 0
    # each spelling once, in the order of the persons (the first spelling names the wijk)
    for value, n in Counter([person.get(WIJK_DIMENSION_COLUMN) for person in active]).items():
        wijk = text(value)
        if wijk is None:
            missing += n
            continue
        key = municipality_key(wijk)
        names.setdefault(key, wijk.strip())
        seen[key] += n
    ordered = [k for k in names if (WIJK_DIMENSION, k) in targets] + sorted(
        k for k in names if (WIJK_DIMENSION, k) not in targets
    )
    return {names[k]: seen[k] for k in ordered}, missing


Counts = tuple[dict[str, int], int]  # per category, and how many are unknown or empty


@dataclass
class DiversityTally:
    """Counts of the persons active at the end per dimension. Tallies add up to the Totaal,
    which has no targets and no Wijk dimension (each municipality sets its own)."""

    present: bool
    active: int
    dimensions: list[Counts]  # per DIMENSIONS entry
    targets: dict[tuple[str, str], Target]
    wijk: Counts | None

    def add(self, other: DiversityTally) -> None:
        self.present = self.present or other.present
        self.active += other.active
        added = []
        for (counts, missing), (more, more_missing) in zip(
            self.dimensions, other.dimensions, strict=True
        ):
            added.append(({c: n + more[c] for c, n in counts.items()}, missing + more_missing))
        self.dimensions = added
        self.targets = {}
        self.wijk = None


def diversity_tally(network: Network, period: Period) -> DiversityTally:
    active = [m.values for m in active_at_end(network.members, period)]
    targets = _targets(network.targets)
    return DiversityTally(
        present="diversiteit" in network.kinds,
        active=len(active),
        dimensions=[_schema_dimension(d, active) for d in DIMENSIONS],
        targets=targets,
        wijk=_wijk_dimension(active, targets, network.targets),
    )


def diversity(tally: DiversityTally) -> dict[str, Any]:
    dimensions = [
        _dimension(d.name, counts, missing, tally.targets)
        for d, (counts, missing) in zip(DIMENSIONS, tally.dimensions, strict=True)
    ]
    if tally.wijk is not None:
        dimensions.append(_dimension(WIJK_DIMENSION, *tally.wijk, tally.targets))
    return {"bestand_aanwezig": tally.present, "actief": tally.active, "dimensies": dimensions}
