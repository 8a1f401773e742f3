"""Evaluation: the Likert statements (mean, n, distribution) overall and per respondent kind,
and the goals by Behaald."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from operator import add
from typing import Any, TypeVar

from toolkit.periods import Period
from toolkit.records import Value
from toolkit.schema import STATEMENTS, kind_by_id
from toolkit.schema.vocabularies import BEHAALD, DOELEN, LIKERT, RESPONDENTEN, likert_score
from toolkit.stats.networks import Network, Values, day
from toolkit.stats.numbers import rounded_ratio

T = TypeVar("T")
NOT_FILLED = "Niet ingevuld"
WINDOW_DAYS = 365
# The statement columns as the schema declares them (header "S01 ...", alias "S01").
STATEMENT_COLUMNS = tuple(
    c for c in kind_by_id("evaluatie").sheet("Vragenlijst").columns if c.vocabulary is LIKERT
)
STATEMENT_TEXT = dict(STATEMENTS)
KEYS = tuple(c.key for c in STATEMENT_COLUMNS)
CODES = tuple(c.aliases[0] for c in STATEMENT_COLUMNS)


class _Scores(dict[Value, int | None]):
    """The score of an answer (None: no score): looked up for the LIKERT values and an
    empty cell, worked out for anything else (text the validator reports)."""

    def __missing__(self, answer: Value) -> int | None:
        return likert_score(answer) if isinstance(answer, str) else None


SCORES = _Scores({value: likert_score(value) for value in LIKERT.values} | {None: None})


def recent_responses(network: Network, period: Period) -> list[Values]:
    """Responses dated in the twelve months up to the end of the period, or undated."""
    first = period.end - timedelta(days=WINDOW_DAYS - 1)
    return [
        r
        for r in network.responses
        if (d := day(r.get("date"))) is None or first <= d <= period.end
    ]


# Per statement (STATEMENT_COLUMNS): how many answers have a score, and the sum of the scores.
Sums = tuple[list[int], list[int]]


def _mean(total: int, count: int) -> float | None:
    """The exact mean of count scores adding up to total, rounded half-up to two decimals."""
    return rounded_ratio(total, count, 2) if count else None


@dataclass
class EvaluationTally:
    """What the evaluation figures are computed from; tallies add up to the Totaal. Plain
    lists and dicts rather than an object per statement: tallies travel between processes."""

    present: bool
    respondents: int
    last: str | None  # the latest date, ISO
    answers: list[list[int]]  # per statement, the count of each LIKERT value (in its order)
    scored: Sums
    kinds: dict[str, int]  # respondents of every RESPONDENTEN value
    kinds_scored: dict[str, Sums]  # of every RESPONDENTEN value
    goals: int
    achieved: dict[str, int]
    per_goal: dict[str, dict[str, int]]

    def add(self, other: EvaluationTally) -> None:
        self.present = self.present or other.present
        self.respondents += other.respondents
        self.last = max(filter(None, (self.last, other.last)), default=None)
        self.answers = [
            list(map(add, mine, theirs))
            for mine, theirs in zip(self.answers, other.answers, strict=True)
        ]
        self.scored = _added(self.scored, other.scored)
        self.kinds = {k: n + other.kinds[k] for k, n in self.kinds.items()}
        self.kinds_scored = {
            kind: _added(sums, other.kinds_scored[kind]) for kind, sums in self.kinds_scored.items()
        }
        self.goals += other.goals
        self.achieved = {k: n + other.achieved[k] for k, n in self.achieved.items()}
        self.per_goal = {
            goal: {k: n + other.per_goal[goal][k] for k, n in counts.items()}
            for goal, counts in self.per_goal.items()
        }


def _added(sums: Sums, more: Sums) -> Sums:
    return list(map(add, sums[0], more[0])), list(map(add, sums[1], more[1]))


def _columns(rows: Sequence[Sequence[T]]) -> list[Sequence[T]]:
    """Rows of one value per statement -> the values of each statement."""
    return list(zip(*rows, strict=True)) if rows else [()] * len(KEYS)


def _sums(scores: Sequence[Sequence[int | None]]) -> Sums:
    """scores: per response, its score for each statement (None: no score; a score 0 adds
    nothing to the sum)."""
    columns = _columns(scores)
    return [len(c) - c.count(None) for c in columns], [sum(filter(None, c)) for c in columns]


def _by_kind(
    scores: Sequence[Sequence[int | None]], who: Sequence[str]
) -> tuple[dict[str, int], dict[str, Sums]]:
    """Per respondent kind, its responses and their Sums. scores: per response, its score
    for each statement; who: per response, its kind."""
    own: dict[str, list[Sequence[int | None]]] = {kind: [] for kind in RESPONDENTEN.values}
    for kind, row in zip(who, scores, strict=True):
        if kind in own:
            own[kind].append(row)
    return {kind: len(rows) for kind, rows in own.items()}, {
        kind: _sums(rows) for kind, rows in own.items()
    }


OUTCOMES = (*BEHAALD.values, NOT_FILLED)


def evaluation_tally(network: Network, period: Period) -> EvaluationTally:
    responses = recent_responses(network, period)
    dates = [d for r in responses if (d := day(r.get("date"))) is not None]
    # per response its answer to, and its score for, each statement (the work per cell in C)
    answers = [list(map(r.get, KEYS)) for r in responses]
    scores = [list(map(SCORES.__getitem__, row)) for row in answers]
    achieved = [str(g.get("achieved") or NOT_FILLED) for g in network.goals]
    overall, per_goal = (
        Counter(achieved),
        Counter(zip([g["goal"] for g in network.goals], achieved, strict=True)),
    )
    kinds, kinds_scored = _by_kind(scores, [str(r["respondent_kind"]) for r in responses])
    return EvaluationTally(
        present="evaluatie" in network.kinds,
        respondents=len(responses),
        last=max(dates).isoformat() if dates else None,
        answers=[list(map(column.count, LIKERT.values)) for column in _columns(answers)],
        scored=_sums(scores),
        kinds=kinds,
        kinds_scored=kinds_scored,
        goals=len(network.goals),
        achieved={value: overall[value] for value in OUTCOMES},
        per_goal={
            goal: {value: per_goal[goal, value] for value in OUTCOMES} for goal in DOELEN.values
        },
    )


def evaluation(tally: EvaluationTally) -> dict[str, Any]:
    statements = [
        {
            "code": code,
            "stelling": STATEMENT_TEXT[code],
            "n": n,
            "gemiddelde": _mean(total, n),
            "verdeling": dict(zip(LIKERT.values, answers, strict=True)),
        }
        for code, n, total, answers in zip(CODES, *tally.scored, tally.answers, strict=True)
    ]
    kinds = {}
    for kind, (counts, totals) in tally.kinds_scored.items():
        n = sum(counts)
        kinds[kind] = {
            "respondenten": tally.kinds[kind],
            "n": n,
            "gemiddelde": _mean(sum(totals), n),
            "per_stelling": {
                code: _mean(total, count)
                for code, count, total in zip(CODES, counts, totals, strict=True)
            },
        }
    return {
        "bestand_aanwezig": tally.present,
        "respondenten": tally.respondents,
        "laatste_datum": tally.last,
        "stellingen": statements,
        "per_soort_respondent": kinds,
        "doelen": tally.goals,
        "behaald": dict(tally.achieved),
        "per_doel": {goal: dict(counts) for goal, counts in tally.per_goal.items()},
    }
