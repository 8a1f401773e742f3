"""Evaluation: the Likert statements (mean, n, distribution) overall and per respondent kind,
and the goals by Behaald."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
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


Scores = list[int]  # [n, sum] of the Likert scores of a statement or a set of answers


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


def _scores(scores: Sequence[int | None]) -> Scores:
    """[n, sum] of the scores there are (None: no score; a score 0 adds nothing to the sum)."""
    return [len(scores) - scores.count(None), sum(filter(None, scores))]


def _columns(rows: Sequence[Sequence[T]]) -> list[Sequence[T]]:
    """Rows of one value per statement -> the values of each statement."""
    return list(zip(*rows, strict=True)) if rows else [()] * len(KEYS)


def _statements(
    answers: Sequence[Sequence[Value]], scores: Sequence[Sequence[int | None]]
) -> list[StatementTally]:
    """The tally of each statement. answers, scores: per response, its answer to and its
    score for each statement."""
    return [
        StatementTally(_scores(points), {value: column.count(value) for value in LIKERT.values})
        for column, points in zip(_columns(answers), _columns(scores), strict=True)
    ]


def _by_kind(
    scores: Sequence[Sequence[int | None]], who: Sequence[str]
) -> dict[str, RespondentTally]:
    """Per respondent kind, its responses and their scores per statement. scores: per
    response, its score for each statement; who: per response, its kind."""
    own: dict[str, list[Sequence[int | None]]] = {kind: [] for kind in RESPONDENTEN.values}
    for kind, row in zip(who, scores, strict=True):
        if kind in own:
            own[kind].append(row)
    return {
        kind: RespondentTally(
            len(rows), dict(zip(CODES, map(_scores, _columns(rows)), strict=True))
        )
        for kind, rows in own.items()
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
    return EvaluationTally(
        present="evaluatie" in network.kinds,
        respondents=len(responses),
        last=max(dates).isoformat() if dates else None,
        statements=_statements(answers, scores),
        kinds=_by_kind(scores, [str(r["respondent_kind"]) for r in responses]),
        goals=len(network.goals),
        achieved={value: overall[value] for value in OUTCOMES},
        per_goal={
            goal: {value: per_goal[goal, value] for value in OUTCOMES} for goal in DOELEN.values
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
        scores = [sum(column) for column in zip(*own.statements.values(), strict=True)]
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
