"""Evaluation: the Likert statements (mean, n, distribution) overall and per respondent kind,
and the goals by Behaald."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from toolkit.periods import Period
from toolkit.schema import STATEMENTS, Column, kind_by_id
from toolkit.schema.vocabularies import BEHAALD, DOELEN, LIKERT, RESPONDENTEN, likert_score
from toolkit.stats.networks import Network, Values, day
from toolkit.stats.numbers import rounded_ratio

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


Scores = list[int]  # [n, sum] of the Likert scores of a statement or a set of answers


def _scores(responses: Sequence[Values], key: str) -> list[int]:
    return [
        score
        for r in responses
        if isinstance(value := r.get(key), str) and (score := likert_score(value)) is not None
    ]


def _sum(scores: Sequence[int]) -> Scores:
    return [len(scores), sum(scores)]


def _mean(scores: Scores) -> float | None:
    """The exact mean of the scores, rounded half-up to two decimals."""
    count, total = scores
    return rounded_ratio(total, count, 2) if count else None


@dataclass
class StatementTally:
    scores: Scores
    answers: dict[str, int]  # every LIKERT value


@dataclass
class RespondentTally:
    respondents: int
    statements: dict[str, Scores]  # per statement code


@dataclass
class EvaluationTally:
    """What the evaluation figures are computed from; tallies add up to the Totaal."""

    present: bool
    respondents: int
    last: str | None  # the latest date, ISO
    statements: list[StatementTally]  # per STATEMENT_COLUMNS
    kinds: dict[str, RespondentTally]  # every RESPONDENTEN value
    goals: int
    achieved: dict[str, int]
    per_goal: dict[str, dict[str, int]]

    def add(self, other: EvaluationTally) -> None:
        self.present = self.present or other.present
        self.respondents += other.respondents
        self.last = max(filter(None, (self.last, other.last)), default=None)
        for mine, theirs in zip(self.statements, other.statements, strict=True):
            mine.scores = _added(mine.scores, theirs.scores)
            mine.answers = {k: n + theirs.answers[k] for k, n in mine.answers.items()}
        for kind, tally in self.kinds.items():
            more = other.kinds[kind]
            tally.respondents += more.respondents
            tally.statements = {
                code: _added(scores, more.statements[code])
                for code, scores in tally.statements.items()
            }
        self.goals += other.goals
        self.achieved = {k: n + other.achieved[k] for k, n in self.achieved.items()}
        self.per_goal = {
            goal: {k: n + other.per_goal[goal][k] for k, n in counts.items()}
            for goal, counts in self.per_goal.items()
        }


def _added(scores: Scores, more: Scores) -> Scores:
    return [scores[0] + more[0], scores[1] + more[1]]


def _statement(responses: Sequence[Values], column: Column) -> StatementTally:
    answers = Counter(str(r[column.key]) for r in responses if r.get(column.key) is not None)
    return StatementTally(
        _sum(_scores(responses, column.key)), {value: answers[value] for value in LIKERT.values}
    )


def _by_respondent(responses: Sequence[Values]) -> dict[str, RespondentTally]:
    result = {}
    for kind in RESPONDENTEN.values:
        own = [r for r in responses if r["respondent_kind"] == kind]
        result[kind] = RespondentTally(
            len(own), {c.aliases[0]: _sum(_scores(own, c.key)) for c in STATEMENT_COLUMNS}
        )
    return result


def _achieved(goals: Sequence[Values]) -> dict[str, int]:
    counts = Counter(str(g.get("achieved") or NOT_FILLED) for g in goals)
    return {value: counts[value] for value in (*BEHAALD.values, NOT_FILLED)}


def evaluation_tally(network: Network, period: Period) -> EvaluationTally:
    responses = recent_responses(network, period)
    dates = [d for r in responses if (d := day(r.get("date"))) is not None]
    return EvaluationTally(
        present="evaluatie" in network.kinds,
        respondents=len(responses),
        last=max(dates).isoformat() if dates else None,
        statements=[_statement(responses, column) for column in STATEMENT_COLUMNS],
        kinds=_by_respondent(responses),
        goals=len(network.goals),
        achieved=_achieved(network.goals),
        per_goal={
            goal: _achieved([g for g in network.goals if g["goal"] == goal])
            for goal in DOELEN.values
        },
    )


def evaluation(tally: EvaluationTally) -> dict[str, Any]:
    statements = []
    for column, statement in zip(STATEMENT_COLUMNS, tally.statements, strict=True):
        code = column.aliases[0]
        statements.append(
            {
                "code": code,
                "stelling": STATEMENT_TEXT[code],
                "n": statement.scores[0],
                "gemiddelde": _mean(statement.scores),
                "verdeling": dict(statement.answers),
            }
        )
    kinds = {}
    for kind, own in tally.kinds.items():
        scores = [
            sum(s[0] for s in own.statements.values()),
            sum(s[1] for s in own.statements.values()),
        ]
        kinds[kind] = {
            "respondenten": own.respondents,
            "n": scores[0],
            "gemiddelde": _mean(scores),
            "per_stelling": {code: _mean(s) for code, s in own.statements.items()},
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
