"""Many workbooks -> one summary workbook (issue 5), at national scale (issue 6).

Finds the input files, reads and validates each with the validator, computes the statistics
with toolkit.stats (the same figures `sleutelnet stats` prints), hides small counts, accounts
for every input row on Bronnen, and writes the summary atomically.

Each municipality's files are read, checked and computed together in one worker process
(collect): only its figures, its Bronnen lines and its tally for the Totaal come back, never
the parsed rows, so that memory and pickling stay small and both cores compute.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from toolkit.errors import SleutelnetError, UsageError
from toolkit.findings import Severity
from toolkit.groups import read_in_groups
from toolkit.parallel import collection_paused
from toolkit.periods import Period
from toolkit.records import ParsedWorkbook
from toolkit.schema import KINDS_BY_ID
from toolkit.stats.compute import (
    Tally,
    agreed_period,
    municipality_figures,
    named_periods,
    period_figures,
    total_figures,
)
from toolkit.stats.networks import (
    UNKNOWN_MUNICIPALITY,
    Network,
    group_networks,
    municipality_key,
    text,
)
from toolkit.stats.suppression import (
    Suppressed,
    combine,
    suppress_in_place,
    tree_copy,
    unmarked,
)
from toolkit.summary import write_summary
from toolkit.validate import Progress, expand_paths, load_workbooks, read_group
from toolkit.validate.coerce import normalise

FORMATS = ("xlsx", "ods")
UNREADABLE_CODE = "unreadable"  # the validator's finding code
REGISTER = "register"
REGISTER_SHEET = KINDS_BY_ID[REGISTER].sheets[0].name


@dataclass(frozen=True)
class Source:
    """One line of Bronnen: one data sheet of one input file (or the file, when it could
    not be read or recognised), with every row accounted for."""

    path: Path
    role: str  # "huidig" or "vorige" (a --vorige register)
    kind: str | None  # the kind's Dutch title
    gemeente: str | None
    periode: str | None
    sha256: str
    sheet: str | None
    rows_read: int
    rows_used: int
    rows_left_out: int
    reason: str  # why rows were left out, in Dutch; empty when none were
    errors: int  # error findings of the file (validation verdict)
    warnings: int
    duplicate_of: Path | None = None  # the file used instead of this one

    @property
    def verdict(self) -> str:
        """The validation verdict in words."""
        if self.kind is None:
            return "Niet gebruikt"
        if self.errors:
            return f"{self.errors} fout(en), {self.warnings} waarschuwing(en)"
        return f"Geen fouten, {self.warnings} waarschuwing(en)" if self.warnings else "Geen fouten"


@dataclass(frozen=True)
class Disappeared:
    """A Persoon-ID active (no Einddatum) in the previous register and now missing."""

    gemeente: str
    person_id: str
    previous: Path


@dataclass
class MergeResult:
    output: Path
    period: Period
    threshold: int
    marked: dict[str, Any]  # the figures after suppression, a Hidden for each hidden value
    sources: list[Source] = field(default_factory=list)
    compared: bool = False  # whether previous registers were given (--vorige)
    disappeared: list[Disappeared] = field(default_factory=list)

    @cached_property
    def stats(self) -> dict[str, Any]:
        """compute_stats' figures after suppression, as `stats --drempel` gives them."""
        return dict(unmarked(self.marked))

    def report(self) -> str:
        """What was written, and what was left out, in a few Dutch lines."""
        current = [s for s in self.sources if s.role == "huidig"]
        lines = [
            f"Geschreven: {self.output} ({self.period.label}, {len({s.path for s in current})} "
            f"bestand(en), {len(self.marked.get('gemeenten') or [])} gemeente(n))."
        ]
        with_errors = sum(s.rows_left_out for s in current if s.duplicate_of is None)
        if with_errors:
            lines.append(f"{with_errors} regel(s) met fouten weggelaten.")
        if self.files_with_errors:
            lines.append(f"{len(self.files_with_errors)} bestand(en) met fouten.")
        duplicates = {s.path for s in current if s.duplicate_of is not None}
        if duplicates:
            lines.append(f"{len(duplicates)} dubbel(e) bestand(en) niet gebruikt.")
        if len(lines) > 1:
            lines.append("Zie het blad Bronnen.")
        return "\n".join(lines)

    def disappeared_in(self, gemeente: str | None = None) -> int | None:
        """How many went missing without an end date in one municipality (all of them when
        gemeente is None); None when no previous registers were compared."""
        if not self.compared:
            return None
        key = None if gemeente is None else normalise_gemeente(gemeente)
        return sum(1 for d in self.disappeared if key in (None, normalise_gemeente(d.gemeente)))

    @property
    def files_with_errors(self) -> list[Path]:
        wrong = {s.path for s in self.sources if s.role == "huidig" and s.errors}
        return sorted(wrong)


def merge_workbooks(
    paths: Sequence[Path],
    output: Path,
    *,
    period: Period | None = None,
    previous: Sequence[Path] = (),
    threshold: int = 5,
    strict: bool = False,
    fmt: str = "xlsx",
    jobs: int = 1,
    progress: Progress | None = None,
) -> MergeResult:
    """Merge the workbooks found at paths (files or folders) into one summary at output.

    Raises UsageError when no input is found, a path does not exist, the format is unknown
    or the inputs' periods disagree (and no period is given); SleutelnetError when strict is
    set and any file has errors; OutputError when the summary cannot be written.
    """
    check_format(output, fmt)
    collected = collect(
        paths, period=period, threshold=threshold, marked=True, jobs=jobs, progress=progress
    )
    if strict:
        refuse_errors(collected.refused)
    result = MergeResult(output, collected.period, threshold, collected.stats, collected.sources)
    if previous:
        earlier = load_workbooks(previous, jobs=jobs)
        result.sources += account_for(earlier, "vorige")
        result.compared = True
        result.disappeared = disappeared(without_duplicates(earlier), collected.registers)
    with collection_paused():
        write_summary(output, result, fmt=fmt, jobs=jobs)
    return result


@dataclass
class Collected:
    """What a merge needs of its inputs: the statistics and every input accounted for."""

    period: Period
    stats: dict[str, Any]  # compute_stats' shape; after suppress() when a threshold is given
    sources: list[Source]  # Bronnen lines, in input order
    refused: list[Path]  # files that --streng refuses: unreadable or with errors
    registers: dict[str, set[str]]  # municipality key -> Persoon-IDs in its register


@dataclass
class _Found:
    """One municipality's figures as shown, its exact signals (the Totaal lists them all)
    and its tally (the Totaal adds them up)."""

    key: str
    shown: Suppressed
    signals: list[dict[str, Any]]
    tally: Tally


@dataclass
class _Part:
    """One group of files read and computed in a worker: small results, no records."""

    keys: set[tuple[str, str]]  # every key the readers group these workbooks by
    sources: list[Source]
    refused: list[Path]
    named: dict[Period, list[str]]  # periods named on Gegevens, with the files naming them
    period: Period | None  # the period figures were computed for; None when not known
    found: list[_Found]  # per municipality, for period
    networks: list[Network]  # only when the period was not known: computed afterwards
    registers: dict[str, set[str]]


def collect(
    paths: Sequence[Path],
    *,
    period: Period | None = None,
    threshold: int | None = None,
    marked: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Collected:
    """Read and validate every input, each municipality's files together, and compute the
    statistics. The files of one municipality are processed by one worker (jobs > 1: in
    parallel processes), which returns its figures (suppressed with threshold, when given;
    marked: with a Hidden for each hidden value) and the tally the Totaal adds up, never the
    parsed workbooks. See toolkit.groups for how files are grouped, so that checks across
    files, duplicates and figures always see all of a municipality's files."""
    files = expand_paths(paths)
    options = _Options(period, threshold, marked)
    work = partial(_read_part, options=options)
    with collection_paused():
        parts = read_in_groups(
            files, work, lambda part: part.keys, jobs=jobs, report=_counting(progress, len(files))
        )
        return _assemble(files, parts, options)


def _counting(progress: Progress | None, total: int) -> Callable[[int], None] | None:
    """A callback taking a number of files done, reporting the running total to progress."""
    if progress is None:
        return None
    done = [0]

    def report(files: int) -> None:
        done[0] += files
        progress(done[0], total)

    return report


@dataclass(frozen=True)
class _Options:
    period: Period | None  # None: the period the files name
    threshold: int | None  # None: exact figures
    marked: bool  # hidden values as Hidden, not None


def _read_part(files: list[Path], done: Callable[[int], None] | None, options: _Options) -> _Part:
    """Validate one group of files together (calling done after each, when given) and
    compute their municipalities' figures (for the period asked, or the one period the group
    names itself)."""
    workbooks = read_group(files, done=done)
    replaced = duplicates_of(workbooks)
    used = [wb for wb in workbooks if wb.kind is not None and wb.path not in replaced]
    named = named_periods(used)
    period = options.period or (next(iter(named)) if len(named) == 1 else None)
    networks = group_networks(used)
    return _Part(
        keys={key for wb in workbooks if wb.kind is not None for key in _keys(wb)},
        sources=account_for(workbooks, "huidig"),
        refused=[wb.path for wb in workbooks if wb.kind is None or wb.count(Severity.ERROR)],
        named=named,
        period=period,
        found=[_found(n, period, options) for n in networks] if period else [],
        networks=[] if period else networks,
        registers=register_ids(used),
    )


def _found(network: Network, period: Period, options: _Options) -> _Found:
    figures, counted = municipality_figures(network, period)
    exact = tree_copy(figures["signalen"])  # suppression changes the figures' own
    return _Found(municipality_key(network.name), _shown(figures, options), exact, counted)


def _shown(figures: dict[str, Any], options: _Options) -> Suppressed:
    """Figures as they will be shown: suppressed when there is a threshold."""
    if options.threshold is None:
        return Suppressed(figures, [], [])
    return suppress_in_place(figures, options.threshold, marked=options.marked)


def _keys(workbook: ParsedWorkbook) -> list[tuple[str, str]]:
    """The keys that validation (checks across files), duplicates and statistics group a
    workbook by: all of a municipality's workbooks must be read in one group."""
    gemeente = workbook.gegevens.get("gemeente")
    keys = [("stats", municipality_key(text(gemeente) or UNKNOWN_MUNICIPALITY))]
    if normalise_gemeente(gemeente):
        keys.append(("duplicates", normalise_gemeente(gemeente)))
    if isinstance(gemeente, str):
        keys.append(("references", normalise(gemeente)))
    return keys


def _assemble(files: Sequence[Path], parts: Sequence[_Part], options: _Options) -> Collected:
    """The parts in input order, the period they agree on, and the statistics."""
    named: dict[Period, list[str]] = {}
    for part in parts:
        for quarter, names in part.named.items():
            named.setdefault(quarter, []).extend(names)
    period = options.period or agreed_period(named)
    found = [f for part in parts for f in part.found if part.period == period]
    # A group that named no period of its own is computed now, for the agreed one.
    found += [
        _found(network, period, options)
        for part in parts
        if part.period != period
        for network in part.networks
    ]
    found.sort(key=lambda f: f.key)
    signals = [s for f in found for s in f.signals]
    total = _shown(total_figures([f.tally for f in found], period, signals), options)
    periode = period_figures(period)
    shown = [f.shown for f in found]
    if options.threshold is None:
        stats = {
            "periode": periode,
            "gemeenten": [m.figures for m in shown],
            "totaal": total.figures,
        }
    else:
        stats = combine(periode, shown, total, options.threshold)
    order = {path: index for index, path in enumerate(files)}
    return Collected(
        period=period,
        stats=stats,
        sources=sorted((s for p in parts for s in p.sources), key=lambda s: order[s.path]),
        refused=sorted((f for p in parts for f in p.refused), key=order.__getitem__),
        registers={k: ids for p in parts for k, ids in p.registers.items()},
    )


def check_format(output: Path, fmt: str) -> None:
    """UsageError for an unknown format, or one that does not fit the output's name."""
    if fmt not in FORMATS:
        raise UsageError(f"Onbekend formaat {fmt!r}; kies uit {', '.join(FORMATS)}.")
    suffix = output.suffix.lower().lstrip(".")
    if suffix in FORMATS and suffix != fmt:
        raise UsageError(f"{output.name} is geen .{fmt}-bestand; kies --format {suffix}.")


def format_of(output: Path) -> str:
    """The format an output's name asks for: .ods, or else .xlsx."""
    return "ods" if output.suffix.lower() == ".ods" else "xlsx"


def duplicates_of(workbooks: Sequence[ParsedWorkbook]) -> dict[Path, Path]:
    """A second workbook of the same kind for the same (named) municipality -> the one used
    instead: the latest filled in (Datum ingevuld), on a tie the first by path. Two registers
    of one network would count every person twice (a copy saved as .ods, an old version)."""
    groups: dict[tuple[str, str], list[ParsedWorkbook]] = {}
    for wb in workbooks:
        gemeente = normalise_gemeente(wb.gegevens.get("gemeente"))
        if wb.kind is not None and gemeente:
            groups.setdefault((gemeente, wb.kind), []).append(wb)
    replaced: dict[Path, Path] = {}
    for group in groups.values():
        kept = max(sorted(group, key=lambda wb: wb.path), key=_filled)  # max keeps the first
        replaced.update({wb.path: kept.path for wb in group if wb is not kept})
    return replaced


def _filled(workbook: ParsedWorkbook) -> date:
    filled = workbook.gegevens.get("datum_ingevuld")
    return filled if isinstance(filled, date) else date.min


def without_duplicates(workbooks: Sequence[ParsedWorkbook]) -> list[ParsedWorkbook]:
    replaced = duplicates_of(workbooks)
    return [wb for wb in workbooks if wb.path not in replaced]


def account_for(workbooks: Sequence[ParsedWorkbook], role: str) -> list[Source]:
    """The Bronnen lines of every input, in order; a duplicate's rows all left out."""
    replaced = duplicates_of(workbooks)
    lines = []
    for wb in workbooks:
        for line in sources_of(wb, role):
            if wb.path in replaced:
                kept = replaced[wb.path]
                reason = f"Dubbel bestand; gebruikt is {kept}"
                line = replace(line, rows_used=0, rows_left_out=line.rows_read, reason=reason)
                line = replace(line, duplicate_of=kept)
            lines.append(line)
    return lines


def refuse_errors(wrong: Sequence[Path]) -> None:
    """--streng: stop before merging when any file has errors, naming those files."""
    if wrong:
        names = ", ".join(str(p) for p in wrong)
        raise SleutelnetError(
            f"--streng: {len(wrong)} bestand(en) met fouten, er is niets samengevoegd: {names}"
        )


def normalise_gemeente(name: object) -> str:
    """The grouping key of a municipality name, as the statistics group them."""
    return municipality_key(str(name or ""))


def sha256(workbook: ParsedWorkbook) -> str:
    """The SHA-256 of the bytes validated; of the file as it is now when it could not be
    read."""
    if workbook.data is not None:
        return hashlib.sha256(workbook.data).hexdigest()
    return _file_sha256(workbook.path)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def sources_of(workbook: ParsedWorkbook, role: str) -> list[Source]:
    """The Bronnen lines of one input: one per data sheet; rows with errors are left out."""
    file_line = Source(
        path=workbook.path,
        role=role,
        kind=None,
        gemeente=_text(workbook.gegevens.get("gemeente")),
        periode=_text(workbook.gegevens.get("periode")),
        sha256=sha256(workbook),
        sheet=None,
        rows_read=0,
        rows_used=0,
        rows_left_out=0,
        reason="",
        errors=workbook.count(Severity.ERROR),
        warnings=workbook.count(Severity.WARNING),
    )
    if workbook.kind is None:
        return [replace(file_line, reason=_not_read_reason(workbook))]
    kind = KINDS_BY_ID[workbook.kind].title
    lines = []
    for sheet in workbook.sheets.values():
        read = len(sheet.records)
        left_out = sum(1 for r in sheet.records if r.has_error)
        reason = f"{left_out} rij(en) met fouten" if left_out else ""
        line = replace(file_line, kind=kind, sheet=sheet.name, rows_read=read, reason=reason)
        lines.append(replace(line, rows_used=read - left_out, rows_left_out=left_out))
    return lines


def _not_read_reason(workbook: ParsedWorkbook) -> str:
    messages = [f.message for f in workbook.findings if f.code == UNREADABLE_CODE]
    if messages:
        return f"Bestand onleesbaar: {messages[0]}"
    return "Soort werkblad niet herkend; bestand niet gebruikt"


def _text(value: object) -> str | None:
    return None if value is None else " ".join(str(value).split()) or None


def disappeared(
    previous: Sequence[ParsedWorkbook], current: dict[str, set[str]]
) -> list[Disappeared]:
    """Persoon-IDs active (no Einddatum) in a previous register that are missing from the
    same municipality's current register (current: municipality key -> Persoon-IDs, see
    register_ids). Municipalities without a current register are not compared: that
    absence shows on Bronnen."""
    found: dict[tuple[str, str], Disappeared] = {}
    for wb in _registers(previous):
        key = normalise_gemeente(wb.gegevens.get("gemeente"))
        if key not in current:
            continue
        name = _text(wb.gegevens.get("gemeente")) or ""
        for person in sorted(_ids(wb, active_only=True) - current[key]):
            found.setdefault((key, person), Disappeared(name, person, wb.path))
    return sorted(found.values(), key=lambda d: (normalise_gemeente(d.gemeente), d.person_id))


def register_ids(workbooks: Sequence[ParsedWorkbook]) -> dict[str, set[str]]:
    """Per municipality key, the Persoon-IDs in its register(s)."""
    now: dict[str, set[str]] = {}
    for wb in _registers(workbooks):
        ids = now.setdefault(normalise_gemeente(wb.gegevens.get("gemeente")), set())
        ids.update(_ids(wb, active_only=False))
    return now


def _registers(workbooks: Sequence[ParsedWorkbook]) -> list[ParsedWorkbook]:
    return [wb for wb in workbooks if wb.kind == REGISTER and REGISTER_SHEET in wb.sheets]


def _ids(workbook: ParsedWorkbook, *, active_only: bool) -> set[str]:
    rows = [r.values for r in workbook.sheets[REGISTER_SHEET].records]
    if active_only:
        rows = [values for values in rows if values.get("end_date") is None]
    # written out once per distinct ID, not per row (validated Persoon-IDs are text: equal
    # IDs are equal strings)
    ids = {values.get("person_id") for values in rows} - {None, ""}
    return {str(person).strip() for person in ids}
