"""Evaluation: the Likert statements (mean, n, distribution) overall and per respondent kind,
and the goals by Behaald."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from toolkit.periods import Period
from toolkit.schema import STATEMENTS, Column, kind_by_id
from toolkit.schema.vocabularies import BEHAALD, DOELEN, LIKERT, RESPONDENTEN, likert_score
from toolkit.stats.networks import Network, Values, day
from toolkit.stats.numbers import mean

NOT_FILLED = "Niet ingevuld"
WINDOW_DAYS = 365
# The statement columns as the schema declares them (header "S01 ...", alias "S01").
STATEMENT_COLUMNS = tuple(
    c for c in kind_by_id("evaluatie").sheet("Vragenlijst").columns if c.vocabulary is LIKERT
)
STATEMENT_TEXT = dict(STATEMENTS)


def recent_responses(network: Network, period: Period) -> list[Values]:
    """Responses dated in the twelve months up to the end of the period, or undated."""
    first = period.end - timedelta(days=WINDOW_DAYS - 1)
    return [
        r
        for r in network.responses
        if (d := day(r.get("date"))) is None or first <= d <= period.end
    ]


def _scores(responses: Sequence[Values], key: str) -> list[int]:
    return [
        score
        for r in responses
        if isinstance(value := r.get(key), str) and (score := likert_score(value)) is not None
    ]


def _statement(responses: Sequence[Values], column: Column) -> dict[str, Any]:
    answers = Counter(str(r[column.key]) for r in responses if r.get(column.key) is not None)
    scores = _scores(responses, column.key)
    code = column.aliases[0]
    return {
        "code": code,
        "stelling": STATEMENT_TEXT[code],
        "n": len(scores),
        "gemiddelde": mean(scores),
        "verdeling": {value: answers[value] for value in LIKERT.values},
    }


def _by_respondent(responses: Sequence[Values]) -> dict[str, Any]:
    result = {}
    for kind in RESPONDENTEN.values:
        own = [r for r in responses if r["respondent_kind"] == kind]
        scores = [s for c in STATEMENT_COLUMNS for s in _scores(own, c.key)]
        result[kind] = {
            "respondenten": len(own),
            "n": len(scores),
            "gemiddelde": mean(scores),
            "per_stelling": {c.aliases[0]: mean(_scores(own, c.key)) for c in STATEMENT_COLUMNS},
        }
    return result


def _achieved(goals: Sequence[Values]) -> dict[str, int]:
    counts = Counter(str(g.get("achieved") or NOT_FILLED) for g in goals)
    return {value: counts[value] for value in (*BEHAALD.values, NOT_FILLED)}


def evaluation(network: Network, period: Period) -> dict[str, Any]:
    responses = recent_responses(network, period)
    dates = [d for r in responses if (d := day(r.get("date"))) is not None]
    return {
        "bestand_aanwezig": "evaluatie" in network.kinds,
        "respondenten": len(responses),
        "laatste_datum": max(dates).isoformat() if dates else None,
        "stellingen": [_statement(responses, column) for column in STATEMENT_COLUMNS],
        "per_soort_respondent": _by_respondent(responses),
        "doelen": len(network.goals),
        "behaald": _achieved(network.goals),
        "per_doel": {
            goal: _achieved([g for g in network.goals if g["goal"] == goal])
            for goal in DOELEN.values
        },
    }
