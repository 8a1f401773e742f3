"""Small-count suppression for figures that get shared (DOMAIN.md, Privacy).

A *breakdown* splits a group of persons (or candidates, meetings, answers) over categories:
the reasons for leaving, statuses, kinds and locations of meetings, a distribution of
answers, the categories of a diversity dimension. Breakdowns are named here, by the key they
have in the stats dict (toolkit/stats/__init__.py):

* count breakdowns {category: count} under a key of ``BREAKDOWNS``, or inside one (per_doel
  holds one breakdown per goal);
* table breakdowns, rows that each carry a count, under a key of ``TABLES`` (which names the
  count): a dict {category: row} or a list of rows.

A count from 1 up to the threshold is hidden (None). When a breakdown has exactly one such
count, one more is hidden too, the smallest other non-zero count, so that the hidden one
cannot be worked out from the total. A hidden table row loses every number derived from its
count (a share, a gap, a mean); the targets a municipality set itself (keys starting with
``KEPT_PREFIXES``) stay. A figure computed from all rows of a table that would give a hidden
row away (the Blau index of a dimension, ``TABLE_DERIVED``) is hidden with it. A signal that
quotes a small count (a missed diversity target) hides it too, and its message keeps only
what it is about. Other figures stay visible: network-level totals and rates, the
eight-quarter trend, the other signals and the row accounting. Zeros stay too.

"onderdrukt" lists the path of every hidden value (e.g. "gemeenten[0].verloop.redenen.Overig",
"totaal.diversiteit.dimensies[0].categorieen[1].aantal"); "onderdrukt_aanvullend" lists those
that are not small counts themselves (secondary cells and the numbers hidden with a count), so
that a summary can mark them differently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

BREAKDOWNS = frozenset(
    {"redenen", "statussen", "per_soort", "per_locatie", "verdeling", "behaald", "per_doel"}
)
TABLES = {
    "categorieen": "aantal",
    "per_soort_respondent": "respondenten",
    "per_methode": "benaderd",
}
KEPT_PREFIXES = ("streef", "minimum")
# Figures of a dimension computed from its categories: hidden when a category is.
TABLE_DERIVED = ("blau_index",)
# A signal: its message, its figures, and the count among them that may be small.
SIGNAL_MESSAGE, SIGNAL_FIGURES, SIGNAL_COUNT = "bericht", "cijfers", "aantal"
SIGNAL_DERIVED = ("aandeel_pct", "verschil_pp")
HIDDEN_MESSAGE = "de cijfers zijn afgeschermd omdat het om een klein aantal personen gaat."
_FIGURE_SETS = ("gemeenten", "totaal")


def suppress(stats: dict[str, Any], threshold: int) -> dict[str, Any]:
    """A copy of stats with every count 1..threshold in a breakdown set to None, plus the
    secondary suppressions; paths listed in "onderdrukt", the threshold in "drempel"."""
    result = tree_copy(stats)
    hidden = _Hidden(threshold)
    for name in _FIGURE_SETS:
        if name in result:
            hidden.walk(result[name], name, name, "")
    return _listed(result, hidden.all, hidden.extra, threshold)


def _listed(
    stats: dict[str, Any], hidden: list[str], extra: list[str], threshold: int
) -> dict[str, Any]:
    return {**stats, "onderdrukt": hidden, "onderdrukt_aanvullend": extra, "drempel": threshold}


@dataclass(frozen=True)
class Hidden:
    """A value suppression took away: a small count, or another value hidden to protect one.
    The summary shows it as a label where the JSON has null."""

    small: bool


@dataclass
class Suppressed:
    """One set of figures (a municipality's, or the Totaal) after suppression. The paths
    are relative to the set: "gemeenten[3]" + ".verloop.redenen.Overig"."""

    figures: dict[str, Any]
    hidden: list[str]
    extra: list[str]


def suppress_in_place(figures: dict[str, Any], threshold: int, *, marked: bool) -> Suppressed:
    """suppress() for one set of figures, changing them (no copy: this runs for every
    municipality, in the worker processes); combine() puts the sets together. marked: a
    Hidden in place of each hidden value, for the summary, instead of None."""
    hidden = _Hidden(threshold, marks=_MARKS if marked else (None, None))
    hidden.walk(figures, "", "", "")
    return Suppressed(figures, hidden.all, hidden.extra)


def combine(
    periode: dict[str, Any], municipalities: list[Suppressed], total: Suppressed, threshold: int
) -> dict[str, Any]:
    """What suppress() gives, from the figure sets suppressed one by one."""
    hidden = [f"gemeenten[{i}]{path}" for i, m in enumerate(municipalities) for path in m.hidden]
    extra = [f"gemeenten[{i}]{path}" for i, m in enumerate(municipalities) for path in m.extra]
    hidden += [f"totaal{path}" for path in total.hidden]
    extra += [f"totaal{path}" for path in total.extra]
    stats = {
        "periode": periode,
        "gemeenten": [m.figures for m in municipalities],
        "totaal": total.figures,
    }
    return _listed(stats, hidden, extra, threshold)


def tree_copy(node: Any) -> Any:
    """A copy of a JSON-like tree (dicts and lists of plain values): what deepcopy gives,
    many times faster, as the values themselves are never changed in place."""
    if isinstance(node, dict):
        return {key: tree_copy(value) for key, value in node.items()}
    if isinstance(node, list):
        return [tree_copy(value) for value in node]
    return node


def unmarked(node: Any) -> Any:
    """A copy of a marked tree with None for each Hidden: the figures as JSON has them."""
    if isinstance(node, dict):
        return {key: unmarked(value) for key, value in node.items()}
    if isinstance(node, list):
        return [unmarked(value) for value in node]
    return None if isinstance(node, Hidden) else node


# The checks below run for every value of every figure set. An isinstance check that fails
# is slow (it looks for __class__ too), so the usual cases are told by type first: a bool is
# never a count (bool has no subclasses), and values of these exact types are lone values,
# not a dict or a list.
_LONE = frozenset({str, int, float, bool, type(None), Hidden})


def is_count(value: Any) -> bool:
    return isinstance(value, int) and type(value) is not bool


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and type(value) is not bool


def _plain_rows(node: list[Any]) -> bool:
    """Whether every item is a lone value or a dict of lone values (a look at the values,
    much cheaper than walking every row)."""
    for item in node:
        if isinstance(item, dict):
            for value in item.values():
                if type(value) not in _LONE and isinstance(value, (dict, list)):
                    return False
        elif isinstance(item, list):
            return False
    return True


def _is_counts(node: dict[str, Any]) -> bool:
    for value in node.values():
        if type(value) is int or value is None or isinstance(value, Hidden):
            continue
        if not is_count(value):
            return False
    return True


# What a hidden value becomes in marked figures: (another value, a small count). One of
# each serves every hidden value, as a Hidden never changes.
_MARKS = (Hidden(small=False), Hidden(small=True))


@dataclass
class _Hidden:
    threshold: int
    marks: tuple[Any, Any] = (None, None)  # what a hidden value becomes: (other, small)
    all: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def walk(self, node: Any, path: str, key: str, parent: str) -> None:
        """Hide what node (a dict or list) holds. key: the last name on path, "" for a list
        item (as no breakdown's name ends in an index), parent: the key of the node holding
        this one."""
        if isinstance(node, dict):
            if (key in BREAKDOWNS or parent in BREAKDOWNS) and _is_counts(node):
                self.counts(node, path)
                return
            figures = node.get(SIGNAL_FIGURES)
            if figures is not None and isinstance(figures, dict):
                self.signal(node, path)
            for name, value in node.items():
                if type(value) in _LONE or not isinstance(value, (dict, list)):
                    continue
                if name in TABLES:
                    if self.table(value, f"{path}.{name}", TABLES[name]):
                        self.hide_numbers(node, path, TABLE_DERIVED)
                else:
                    self.walk(value, f"{path}.{name}", name.rpartition(".")[2], key)
        elif isinstance(node, list):
            if key not in BREAKDOWNS and _plain_rows(node):
                return  # (the curve, the trend) no row is a breakdown or holds one
            for index, item in enumerate(node):
                if isinstance(item, (dict, list)):  # nothing to hide in a lone value
                    self.walk(item, f"{path}[{index}]", "", key)

    def to_hide(self, counts: dict[str, Any]) -> tuple[list[str], list[str]]:
        """The small counts, and the secondary cell when exactly one count is small: the
        smallest other non-zero count (the first of equals)."""
        small: list[str] = []
        others: list[tuple[int, str]] = []
        for key, n in counts.items():
            if n and isinstance(n, int) and type(n) is not bool:  # a count (is_count), not zero
                if 1 <= n <= self.threshold:
                    small.append(key)
                else:
                    others.append((n, key))
        if len(small) != 1 or not others:
            return small, []
        return small, [min(others, key=lambda pair: pair[0])[1]]

    def counts(self, node: dict[str, Any], path: str) -> None:
        small, secondary = self.to_hide(node)
        for key in small:
            self.hide(node, path, key, extra=False)
        for key in secondary:
            self.hide(node, path, key, extra=True)

    def table(self, node: dict[str, Any] | list[Any], path: str, count_key: str) -> bool:
        """Hide the small rows of a table (and the secondary one); whether any was hidden."""
        rows = node if isinstance(node, dict) else {f"[{i}]": row for i, row in enumerate(node)}
        counts = {key: row.get(count_key) for key, row in rows.items() if isinstance(row, dict)}
        small, secondary = self.to_hide(counts)
        for key in small + secondary:
            row_path = f"{path}{key}" if key.startswith("[") else f"{path}.{key}"
            if key in small:
                self.hide(rows[key], row_path, count_key, extra=False)
            self.hide_numbers(rows[key], row_path, rows[key].keys())
        return bool(small)

    def signal(self, node: dict[str, Any], path: str) -> None:
        """A signal quoting a small count (a missed diversity target) hides it as well, and
        its message, which spells the figures out, keeps only what it is about."""
        figures = node[SIGNAL_FIGURES]
        count = figures.get(SIGNAL_COUNT)
        if not (is_count(count) and 1 <= count <= self.threshold):
            return
        figures_path = f"{path}.{SIGNAL_FIGURES}"
        self.hide(figures, figures_path, SIGNAL_COUNT, extra=False)
        self.hide_numbers(figures, figures_path, SIGNAL_DERIVED)
        if isinstance(node.get(SIGNAL_MESSAGE), str):
            subject = node[SIGNAL_MESSAGE].split(": ", 1)[0]
            node[SIGNAL_MESSAGE] = f"{subject}: {HIDDEN_MESSAGE}"

    def hide_numbers(self, node: dict[str, Any], path: str, names: Iterable[str]) -> None:
        """Hide the numbers among names (a target set by the municipality stays)."""
        for name in list(names):
            if _is_number(node.get(name)) and not name.startswith(KEPT_PREFIXES):
                self.hide(node, path, name, extra=True)

    def hide(self, node: dict[str, Any], path: str, name: str, *, extra: bool) -> None:
        node[name] = self.marks[not extra]
        hidden = f"{path}.{name}"
        self.all.append(hidden)
        if extra:
            self.extra.append(hidden)


def locate(stats: Any, path: str) -> tuple[Any, str | int] | None:
    """The container and key that a path of "onderdrukt" points at, or None. Keys may hold
    dots themselves ("n.v.t."), so at each level the longest key that fits is taken."""
    node, rest = stats, path
    while True:
        key: str | int
        if rest.startswith("["):
            close = rest.index("]")
            key, rest = int(rest[1:close]), rest[close + 1 :].removeprefix(".")
        elif isinstance(node, dict):
            name = _longest_key(node, rest)
            if name is None:
                return None
            key, rest = name, rest[len(name) :].removeprefix(".")
        else:
            return None
        if not rest:
            return node, key
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None


def _longest_key(node: dict[str, Any], rest: str) -> str | None:
    """The longest key of node that rest starts with, followed by its end, "." or "["."""
    end = len(rest)
    while end > 0:
        if rest[:end] in node:
            return rest[:end]
        end = max(rest.rfind(".", 0, end), rest.rfind("[", 0, end))
    return None
