"""Many workbooks -> one summary workbook (issue 5).

Finds the input files, reads and validates each with the validator, computes the statistics
with toolkit.stats (the same figures `sleutelnet stats` prints), hides small counts, accounts
for every input row on Bronnen, and writes the summary atomically.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from toolkit.errors import SleutelnetError, UsageError
from toolkit.findings import Severity
from toolkit.periods import Period
from toolkit.records import ParsedWorkbook
from toolkit.schema import KINDS_BY_ID
from toolkit.stats import compute_stats, period_from_workbooks
from toolkit.stats.networks import municipality_key
from toolkit.stats.suppression import suppress
from toolkit.summary import write_summary
from toolkit.validate import Progress, load_workbooks

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
    stats: dict[str, Any]  # compute_stats' figures after suppression
    sources: list[Source] = field(default_factory=list)
    compared: bool = False  # whether previous registers were given (--vorige)
    disappeared: list[Disappeared] = field(default_factory=list)

    def report(self) -> str:
        """What was written, and what was left out, in a few Dutch lines."""
        current = [s for s in self.sources if s.role == "huidig"]
        lines = [
            f"Geschreven: {self.output} ({self.period.label}, {len({s.path for s in current})} "
            f"bestand(en), {len(self.stats.get('gemeenten') or [])} gemeente(n))."
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
    workbooks = load_workbooks(paths, jobs=jobs, progress=progress)
    if strict:
        refuse_errors(workbooks)
    readable = [wb for wb in without_duplicates(workbooks) if wb.kind is not None]
    if period is None:
        period = period_from_workbooks(readable)
    stats = compute_stats(readable, period)
    result = MergeResult(output, period, threshold, suppress(stats, threshold))
    result.sources = account_for(workbooks, "huidig")
    if previous:
        earlier = load_workbooks(previous, jobs=jobs)
        result.sources += account_for(earlier, "vorige")
        result.compared = True
        result.disappeared = disappeared(without_duplicates(earlier), readable)
    write_summary(output, result, fmt=fmt)
    return result


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


def load_all(
    paths: Sequence[Path], *, jobs: int = 1, progress: Progress | None = None
) -> list[ParsedWorkbook]:
    """The workbooks that statistics use: every file read and validated, without the
    duplicates (see without_duplicates)."""
    return without_duplicates(load_workbooks(paths, jobs=jobs, progress=progress))


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


def refuse_errors(workbooks: Sequence[ParsedWorkbook]) -> None:
    """--streng: stop before merging when any file has errors, naming those files."""
    wrong = [wb.path for wb in workbooks if wb.kind is None or wb.count(Severity.ERROR)]
    if wrong:
        names = ", ".join(str(p) for p in wrong)
        raise SleutelnetError(
            f"--streng: {len(wrong)} bestand(en) met fouten, er is niets samengevoegd: {names}"
        )


def normalise_gemeente(name: object) -> str:
    """The grouping key of a municipality name, as the statistics group them."""
    return municipality_key(str(name or ""))


def sha256(path: Path) -> str:
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
        sha256=sha256(workbook.path),
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
    previous: Sequence[ParsedWorkbook], current: Sequence[ParsedWorkbook]
) -> list[Disappeared]:
    """Persoon-IDs active (no Einddatum) in a previous register that are missing from the
    same municipality's current register. Municipalities without a current register are
    not compared: that absence shows on Bronnen."""
    now: dict[str, set[str]] = {}
    for wb in _registers(current):
        ids = now.setdefault(normalise_gemeente(wb.gegevens.get("gemeente")), set())
        ids.update(_ids(wb, active_only=False))
    found: dict[tuple[str, str], Disappeared] = {}
    for wb in _registers(previous):
        key = normalise_gemeente(wb.gegevens.get("gemeente"))
        if key not in now:
            continue
        name = _text(wb.gegevens.get("gemeente")) or ""
        for person in sorted(_ids(wb, active_only=True) - now[key]):
            found.setdefault((key, person), Disappeared(name, person, wb.path))
    return sorted(found.values(), key=lambda d: (normalise_gemeente(d.gemeente), d.person_id))


def _registers(workbooks: Sequence[ParsedWorkbook]) -> list[ParsedWorkbook]:
    return [wb for wb in workbooks if wb.kind == REGISTER and REGISTER_SHEET in wb.sheets]


def _ids(workbook: ParsedWorkbook, *, active_only: bool) -> set[str]:
    records = workbook.sheets[REGISTER_SHEET].records
    return {
        str(r.values["person_id"]).strip()
        for r in records
        if r.values.get("person_id") not in (None, "")
        and not (active_only and r.values.get("end_date") is not None)
    }
