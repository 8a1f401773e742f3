"""sleutelnet samples: realistic data without mistakes, deliberate mistakes where the
manifest says, the same bytes for the same seed, and committed samples that are current."""

from __future__ import annotations

import itertools
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.cli import cli
from toolkit.periods import Period, parse_quarter
from toolkit.records import Value
from toolkit.samples import MAX_MUNICIPALITIES, mistakes, write_mistakes, write_samples
from toolkit.samples.generate import Municipality, build, municipality
from toolkit.samples.names import EMAIL_DOMAIN, PHONE_PREFIX, municipality_name
from toolkit.schema import (
    GEGEVENS_SHEET,
    KINDS,
    KINDS_BY_ID,
    LIJSTEN_SHEET,
    Column,
    ColumnType,
    SheetSchema,
    When,
)
from toolkit.schema import vocabularies as v
from toolkit.schema.model import (
    CategoryOf,
    CountMatches,
    DateOrder,
    Differs,
    Discouraged,
    NoOverlap,
    NotAfterFilledDate,
    TargetsSum,
)
from toolkit.template import KIND_PROPERTY

REPO = Path(__file__).resolve().parent.parent
COMMITTED = REPO / "samples"
QUARTER = parse_quarter("2026-K3")
assert QUARTER is not None
REGENERATE = (
    "sleutelnet samples --met-fouten && "
    "sleutelnet samples --gemeenten 1 --format ods -o samples/ods (in the repository root)"
)
ALL_CODES = {
    "date_text",
    "date_invalid",
    "date_order",
    "required_when",
    "not_in_list",
    "value_normalised",
    "duplicate_key",
    "reference_missing",
    "count_mismatch",
    "targets_over_100",
    "out_of_range",
    "header_typo",
    "column_moved",
    "title_row",
    "empty_row",
}


def _towns() -> list[Municipality]:
    assert QUARTER is not None
    towns = [municipality(index, 1, QUARTER) for index in range(10)]
    towns += [municipality(index, 2, QUARTER) for index in range(3)]
    later = parse_quarter("2025-K1")
    assert later is not None
    towns += [municipality(index, 3, later) for index in range(3)]
    return towns


TOWNS = _towns()
Rows = list[dict[str, Value]]


def _rows(town: Municipality, kind: str, sheet: str) -> Rows:
    return town.workbooks[kind][sheet]


def _filled(value: Value) -> bool:
    return value is not None and value != ""


def _holds(when: When, row: dict[str, Value]) -> bool:
    value = row.get(when.column)
    if when.values is None:
        return _filled(value) != when.negate
    return (value in when.values) != when.negate


def _referenced(town: Municipality, column: Column) -> set[Value]:
    ref = column.references
    assert ref is not None
    return {row[ref.column] for row in town.workbooks[ref.kind][ref.sheet]}


def _check_value(town: Municipality, column: Column, value: Value) -> None:
    filled_on = town.gegevens["datum_ingevuld"]
    assert isinstance(filled_on, date)
    if column.vocabulary is not None:
        assert value in column.vocabulary.values, (column.key, value)
    if column.type is ColumnType.DATE:
        assert isinstance(value, date) and value <= filled_on, (column.key, value)
    if column.type is ColumnType.INTEGER:
        assert isinstance(value, int) and value >= (column.minimum or 0), (column.key, value)
    if column.type is ColumnType.NUMBER:
        assert isinstance(value, int | float), (column.key, value)
        assert (column.minimum or 0) <= value <= (column.maximum or 100), (column.key, value)
    if column.pattern is not None:
        assert re.fullmatch(column.pattern, str(value)), (column.key, value)
    if column.wijk_list:
        assert value in town.wijken, (column.key, value)
    if column.references is not None:
        assert value in _referenced(town, column), (column.key, value)


def _check_columns(town: Municipality, sheet: SheetSchema, rows: Rows) -> None:
    keys = {c.key for c in sheet.columns}
    for row in rows:
        assert set(row) <= keys, set(row) - keys
        for column in sheet.columns:
            value = row.get(column.key)
            must = column.required or any(
                w is not None and _holds(w, row)
                for w in (column.required_when, column.expected_when)
            )
            assert not must or _filled(value), (sheet.name, column.key, row)
            if column.only_when is not None and not _holds(column.only_when, row):
                assert not _filled(value), (sheet.name, column.key, row)
            if _filled(value):
                _check_value(town, column, value)


def _check_rules(town: Municipality, kind: str, sheet: SheetSchema, rows: Rows) -> None:
    for key in sheet.unique:
        values = [tuple(row.get(k) for k in key) for row in rows]
        assert len(values) == len(set(values)), (sheet.name, key)
    for check in sheet.checks:
        _check_rule(town, kind, check, rows)


def _check_rule(town: Municipality, kind: str, check: Any, rows: Rows) -> None:
    if isinstance(check, DateOrder):
        for row in rows:
            later, earlier = row.get(check.later), row.get(check.earlier)
            if isinstance(later, date) and isinstance(earlier, date):
                assert later >= earlier, row
    elif isinstance(check, Differs):
        for row in rows:
            if row.get(check.column) is not None:
                assert row[check.column] != row.get(check.other), row
    elif isinstance(check, Discouraged):
        assert not any(r.get(check.column) == check.value and _holds(check.when, r) for r in rows)
    elif isinstance(check, NoOverlap):
        _check_no_overlap(check, rows)
    elif isinstance(check, TargetsSum):
        _check_targets(check, rows)
    elif isinstance(check, CountMatches):
        counted = Counter(r[check.other_key] for r in town.workbooks[kind][check.other_sheet])
        for row in rows:
            assert row[check.count] == counted[row[check.key]], row
    elif isinstance(check, CategoryOf):
        allowed = dict(check.categories)
        if check.listed is not None:
            group, other_sheet, other_key = check.listed
            allowed[group] = tuple(r[other_key] for r in town.workbooks[kind][other_sheet])
        for row in rows:
            assert row[check.category] in allowed[row[check.group]], row
    else:
        assert isinstance(check, NotAfterFilledDate)  # checked per date value already


def _check_no_overlap(check: NoOverlap, rows: Rows) -> None:
    periods: dict[Value, list[tuple[date, date]]] = {}
    for row in rows:
        start, end = row[check.start], row[check.end] or date.max
        assert isinstance(start, date) and isinstance(end, date)
        periods.setdefault(row[check.id], []).append((start, end))
    for spans in periods.values():
        spans.sort()
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans)), spans


def _check_targets(check: TargetsSum, rows: Rows) -> None:
    groups: dict[Value, list[Value]] = {}
    for row in rows:
        groups.setdefault(row[check.group], []).append(row.get(check.percentage))
    for values in groups.values():
        filled = [x for x in values if x is not None]
        assert not filled or (len(filled) == len(values) and sum(filled) == 100), values  # type: ignore[arg-type]


@pytest.mark.parametrize("town", TOWNS, ids=lambda t: f"{t.name}-{t.gegevens['periode']}")
def test_valid_samples_keep_every_rule_of_the_schema(town: Municipality) -> None:
    for kind in KINDS:
        for sheet in kind.sheets:
            rows = _rows(town, kind.id, sheet.name)
            assert rows, (kind.id, sheet.name)
            _check_columns(town, sheet, rows)
            _check_rules(town, kind.id, sheet, rows)
    wijk_targets = [
        r["category"]
        for r in _rows(town, "diversiteit", "Streefwaarden")
        if r["dimension"] == "Wijk"
    ]
    assert set(wijk_targets) <= set(town.wijken)
    listed = [r["wijk"] for r in _rows(town, "diversiteit", "Wijken")]
    assert tuple(listed) == town.wijken


def _active(rows: Rows, person_id: Value, day: date) -> bool:
    return any(
        r["person_id"] == person_id
        and r["start_date"] <= day  # type: ignore[operator]
        and (r["end_date"] is None or r["end_date"] >= day)  # type: ignore[operator]
        for r in rows
    )


@pytest.mark.parametrize("town", TOWNS, ids=lambda t: f"{t.name}-{t.gegevens['periode']}")
def test_samples_are_realistic_and_consistent(town: Municipality) -> None:
    end = parse_quarter(str(town.gegevens["periode"]))
    assert end is not None
    register = _rows(town, "register", "Sleutelpersonen")
    active = [r for r in register if r["end_date"] is None]
    assert 10 <= town.size == len(active) <= 200
    assert all(end.end - timedelta(days=4 * 366) <= r["start_date"] for r in register)  # type: ignore[operator]
    core = [r for r in active if r["core_group"] == "Ja"]
    assert bool(core) == (town.size >= 40)
    assert end.end < town.gegevens["datum_ingevuld"] <= end.end + timedelta(days=10)  # type: ignore[operator]
    for row in register:
        if row["buddy_id"] is not None:
            assert _active(register, row["buddy_id"], row["start_date"])  # type: ignore[arg-type]
    for candidate in _rows(town, "werving", "Kandidaten"):
        if candidate["method"] == v.SNOWBALL_METHOD:
            nominator, contact = candidate["nominated_by"], candidate["first_contact"]
            assert _active(register, nominator, contact), candidate  # type: ignore[arg-type]
        if candidate["status"] == v.SELECTED:
            joined = next(r for r in register if r["person_id"] == candidate["person_id"])
            decided = candidate["decision_date"]
            assert isinstance(decided, date) and isinstance(joined["start_date"], date)
            assert timedelta(0) <= joined["start_date"] - decided <= timedelta(days=21)
            assert joined["recruited_via"] == candidate["method"]
            assert joined["name"] == candidate["name"]
    statuses = {c["status"] for c in _rows(town, "werving", "Kandidaten")}
    assert statuses == set(v.STATUS_KANDIDAAT.values)
    _check_meetings(town, register, end)
    _check_evaluation(town)


def _check_meetings(town: Municipality, register: Rows, end: Period) -> None:
    meetings = _rows(town, "bijeenkomsten", "Bijeenkomsten")
    attendance = _rows(town, "bijeenkomsten", "Aanwezigheid")
    dates = {m["meeting_id"]: m["date"] for m in meetings}
    assert len(meetings) >= 12 and len({m["kind"] for m in meetings}) >= 3
    assert all(end.end - timedelta(days=365) <= d <= end.end for d in dates.values())  # type: ignore[operator]
    for row in attendance:
        assert _active(register, row["person_id"], dates[row["meeting_id"]])  # type: ignore[arg-type]
    came = {row["person_id"] for row in attendance}
    year_ago = end.end - timedelta(days=365)
    steady = {r["person_id"] for r in register if _active(register, r["person_id"], year_ago)}
    steady &= {r["person_id"] for r in register if r["end_date"] is None}
    assert steady - came, "a few quiet members never come"


def _check_evaluation(town: Municipality) -> None:
    survey = _rows(town, "evaluatie", "Vragenlijst")
    assert 10 <= len(survey) <= 40
    assert {r["respondent_kind"] for r in survey} == set(v.RESPONDENTEN.values)
    means = []
    for column in KINDS_BY_ID["evaluatie"].sheet("Vragenlijst").columns:
        if column.vocabulary is v.LIKERT:
            scores = [v.likert_score(str(r[column.key])) for r in survey]
            means.append(statistics.mean(s for s in scores if s is not None))
    assert max(means) - min(means) > 0.5, means
    achieved = {r["achieved"] for r in _rows(town, "evaluatie", "Doelen")}
    assert len(achieved) > 1


def test_sample_set_has_returners_and_realistic_outflow_and_locations() -> None:
    assert QUARTER is not None
    year_start = QUARTER.end - timedelta(days=364)
    left = average = 0.0
    returners = 0
    locations: Counter[Value] = Counter()
    reasons: Counter[Value] = Counter()
    for town in TOWNS[:10]:
        register = _rows(town, "register", "Sleutelpersonen")
        ids = Counter(r["person_id"] for r in register)
        returners += sum(1 for n in ids.values() if n > 1)
        begin = sum(1 for r in register if _active(register, r["person_id"], year_start))
        leavers = [r for r in register if r["end_date"] and r["end_date"] >= year_start]  # type: ignore[operator]
        left += len(leavers)
        average += (begin + town.size) / 2
        reasons.update(r["leave_reason"] for r in register if r["end_date"])
        locations.update(m["location_kind"] for m in _rows(town, "bijeenkomsten", "Bijeenkomsten"))
    assert returners >= 5
    assert 15 <= 100 * left / average <= 25
    assert locations.most_common(1)[0][0] == "Gemeentehuis" and len(locations) >= 5
    common = {reason for reason, _ in reasons.most_common(2)}
    assert common == set(v.REDENEN_VERTREK.values[:2])
    assert reasons[v.INVOLUNTARY_REASON] < reasons[v.REDENEN_VERTREK.values[0]] / 5


def test_names_are_fictional_and_distinct() -> None:
    names = [municipality_name(i) for i in range(MAX_MUNICIPALITIES)]
    assert len(set(names)) == MAX_MUNICIPALITIES
    for town in TOWNS:
        assert re.fullmatch(r"GM9\d{3}", str(town.gegevens["cbs_code"]))
        for row in _rows(town, "register", "Sleutelpersonen"):
            assert row["email"] is None or str(row["email"]).endswith("@" + EMAIL_DOMAIN)
            assert row["phone"] is None or re.fullmatch(PHONE_PREFIX + r"\d{6}", str(row["phone"]))


def test_same_seed_same_municipality_different_seed_different() -> None:
    assert QUARTER is not None
    assert municipality(4, 1, QUARTER) == municipality(4, 1, QUARTER)
    assert municipality(4, 1, QUARTER).workbooks != municipality(4, 2, QUARTER).workbooks


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "README.md"
    }


def test_same_bytes_whatever_the_number_of_processes(tmp_path: Path) -> None:
    assert QUARTER is not None
    one = write_samples(tmp_path / "one", QUARTER, gemeenten=3, seed=5, jobs=1)
    two = write_samples(tmp_path / "two", QUARTER, gemeenten=3, seed=5, jobs=2)
    assert [p.relative_to(tmp_path / "one") for p in one] == [
        p.relative_to(tmp_path / "two") for p in two
    ]
    assert len(one) == 15
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed sample set, written afresh by the commands in samples/README.md."""
    assert QUARTER is not None
    folder = tmp_path_factory.mktemp("samples")
    write_samples(folder, QUARTER, met_fouten=True, jobs=1)
    write_samples(folder / "ods", QUARTER, gemeenten=1, fmt="ods", jobs=1)
    return folder


def test_committed_samples_are_current(regenerated: Path) -> None:
    fresh, committed = _tree(regenerated), _tree(COMMITTED)
    missing = sorted(set(fresh) - set(committed))
    extra = sorted(set(committed) - set(fresh))
    assert not missing, f"samples/ lacks {missing[:5]} ({len(missing)} in all); run {REGENERATE}"
    assert not extra, f"samples/ holds files the generator does not make: {extra}"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"samples/{stale[0]} is stale ({len(stale)} in all); run {REGENERATE}"
    assert (COMMITTED / "README.md").exists()


def test_committed_samples_have_three_sizes(regenerated: Path) -> None:
    sizes = []
    for register in sorted(regenerated.glob("*-sleutelpersonenregister.xlsx")):
        sheet = openpyxl.load_workbook(register)["Sleutelpersonen"]
        end = _headers(sheet)["Einddatum"]
        rows = sheet.iter_rows(min_row=2, values_only=True)
        sizes.append(sum(1 for r in rows if r[0] is not None and r[end - 1] is None))
    small, medium, large = sorted(sizes)
    assert small <= 20 and 30 <= medium <= 70 and 150 <= large <= 200
    assert len(list(regenerated.glob("ods/*.ods"))) == 5


# --- the mistakes, read back from the written files -------------------------------------


@pytest.fixture(scope="module")
def flawed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert QUARTER is not None
    folder = tmp_path_factory.mktemp("fouten")
    write_mistakes(folder, QUARTER, seed=1)
    return folder


def _manifest(folder: Path) -> list[dict[str, str]]:
    data = json.loads((folder / mistakes.FOLDER / mistakes.MANIFEST).read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def _headers(sheet: Worksheet, row: int = 1) -> dict[str, int]:
    return {str(c.value): c.column for c in sheet[row] if c.value is not None}


def _schema_sheet(name: str) -> SheetSchema:
    return next(s for k in KINDS for s in k.sheets if s.name == name)


def _dutch_date(text: str) -> date | None:
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", text)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day(value: object) -> date:
    assert isinstance(value, datetime | date), value
    return value.date() if isinstance(value, datetime) else value


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _register_ids(folder: Path) -> set[object]:
    book = openpyxl.load_workbook(folder / mistakes.file_name(KINDS_BY_ID["register"]))
    return {row[0] for row in book["Sleutelpersonen"].iter_rows(min_row=2, values_only=True)}


Checker = Callable[[Worksheet, Any, dict[str, int], Path], None]


def _in_row(sheet: Worksheet, cell: Any, headers: dict[str, int], header: str) -> object:
    return sheet.cell(cell.row, headers[header]).value


def _date_text(sheet: Worksheet, cell: Any, headers: dict[str, int], folder: Path) -> None:
    assert isinstance(cell.value, str) and _dutch_date(cell.value) is not None


def _date_invalid(sheet: Worksheet, cell: Any, headers: dict[str, int], folder: Path) -> None:
    assert isinstance(cell.value, str) and re.fullmatch(r"\d{1,2}-\d{1,2}-\d{4}", cell.value)
    assert _dutch_date(cell.value) is None


def _date_order(sheet: Worksheet, cell: Any, headers: dict[str, int], folder: Path) -> None:
    assert _day(cell.value) < _day(_in_row(sheet, cell, headers, "Startdatum"))


def _required_when(sheet: Worksheet, cell: Any, headers: dict[str, int], folder: Path) -> None:
    assert cell.value is None and _in_row(sheet, cell, headers, "Einddatum") is not None


def _column_of(sheet: Worksheet, cell: Any) -> Column:
    header = str(sheet.cell(1, cell.column).value)
    return next(c for c in _schema_sheet(sheet.title).columns if c.header == header)


def _not_in_list(sheet: Worksheet, cell: Any, headers: dict[str, int], folder: Path) -> None:
    vocabulary = _column_of(sheet, cell).vocabulary
    assert vocabulary is not None and cell.value not in vocabulary.values
    assert str(cell.value).strip().lower() not in {x.lower() for x in vocabulary.values}


def _value_normalised(sheet: Worksheet, cell: Any, headers: dict[str, int], f: Path) -> None:
    vocabulary = _column_of(sheet, cell).vocabulary
    assert vocabulary is not None and cell.value not in vocabulary.values
    assert cell.value == "ja " and cell.value.strip().capitalize() in vocabulary.values


def _duplicate_key(sheet: Worksheet, cell: Any, headers: dict[str, int], folder: Path) -> None:
    start = _in_row(sheet, cell, headers, "Startdatum")
    earlier = [
        row
        for row in sheet.iter_rows(min_row=2, max_row=cell.row - 1, values_only=True)
        if row[0] == cell.value and row[headers["Startdatum"] - 1] == start
    ]
    assert len(earlier) == 1


def _reference_missing(sheet: Worksheet, cell: Any, headers: dict[str, int], f: Path) -> None:
    assert cell.value is not None and cell.value not in _register_ids(f)


def _count_mismatch(sheet: Worksheet, cell: Any, headers: dict[str, int], f: Path) -> None:
    meeting = _in_row(sheet, cell, headers, "Bijeenkomst-ID")
    book = sheet.parent
    assert book is not None
    rows = book["Aanwezigheid"].iter_rows(min_row=2, values_only=True)
    assert cell.value != sum(1 for row in rows if row[0] == meeting)


def _targets_over_100(sheet: Worksheet, cell: Any, headers: dict[str, int], f: Path) -> None:
    dimension = _in_row(sheet, cell, headers, "Dimensie")
    first = next(
        row[0].row
        for row in sheet.iter_rows(min_row=2)
        if row[headers["Dimensie"] - 1].value == dimension
    )
    assert first == cell.row
    total = sum(
        row[cell.column - 1]
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[headers["Dimensie"] - 1] == dimension
    )
    assert total > 100


def _out_of_range(sheet: Worksheet, cell: Any, headers: dict[str, int], folder: Path) -> None:
    assert cell.value == 7


def _header_typo(sheet: Worksheet, cell: Any, headers: dict[str, int], folder: Path) -> None:
    known = [c.header for c in _schema_sheet(sheet.title).columns]
    assert cell.row == 1 and cell.value not in known
    assert min(_distance(str(cell.value), h) for h in known) in (1, 2)


def _column_moved(sheet: Worksheet, cell: Any, headers: dict[str, int], folder: Path) -> None:
    known = [c.header for c in _schema_sheet(sheet.title).columns]
    assert cell.row == 1 and cell.value in known
    assert known.index(cell.value) + 1 != cell.column


def _title_row(sheet: Worksheet, cell: Any, headers: dict[str, int], folder: Path) -> None:
    known = [c.header for c in _schema_sheet(sheet.title).columns]
    assert cell.coordinate == "A1" and isinstance(cell.value, str) and cell.value not in known
    assert [c.value for c in sheet[2]][: len(known)] == known


def _empty_row(sheet: Worksheet, cell: Any, headers: dict[str, int], folder: Path) -> None:
    def empty(row: int) -> bool:
        return all(c.value is None for c in sheet[row])

    assert cell.column == 1 and empty(cell.row) and not empty(cell.row - 1)
    after = next(r for r in range(cell.row, cell.row + 5) if not empty(r))
    assert after > cell.row


CHECKERS: dict[str, Checker] = {
    "date_text": _date_text,
    "date_invalid": _date_invalid,
    "date_order": _date_order,
    "required_when": _required_when,
    "not_in_list": _not_in_list,
    "value_normalised": _value_normalised,
    "duplicate_key": _duplicate_key,
    "reference_missing": _reference_missing,
    "count_mismatch": _count_mismatch,
    "targets_over_100": _targets_over_100,
    "out_of_range": _out_of_range,
    "header_typo": _header_typo,
    "column_moved": _column_moved,
    "title_row": _title_row,
    "empty_row": _empty_row,
}


def _entries(folder: Path) -> Iterator[tuple[dict[str, str], Worksheet, Any, dict[str, int]]]:
    books: dict[str, openpyxl.Workbook] = {}
    for entry in _manifest(folder):
        if entry["file"] not in books:
            books[entry["file"]] = openpyxl.load_workbook(folder / entry["file"])
        sheet = books[entry["file"]][entry["sheet"]]
        header_row = 2 if entry["code"] == "title_row" else 1
        yield entry, sheet, sheet[entry["cell"]], _headers(sheet, header_row)


def test_manifest_lists_every_kind_of_mistake_once_per_place(flawed: Path) -> None:
    entries = _manifest(flawed)
    assert {e["code"] for e in entries} == ALL_CODES
    assert all(e["what"] and set(e) == {"file", "sheet", "cell", "code", "what"} for e in entries)
    places = [(e["file"], e["sheet"], e["cell"]) for e in entries]
    assert len(places) == len(set(places))
    rows = [(e["file"], e["sheet"], re.sub(r"[A-Z]+", "", e["cell"])) for e in entries]
    assert len(rows) == len(set(rows)), "each mistake has a row of its own"


def test_every_manifest_entry_is_a_real_mistake_at_its_cell(flawed: Path) -> None:
    for entry, sheet, cell, headers in _entries(flawed):
        try:
            CHECKERS[entry["code"]](sheet, cell, headers, flawed)
        except AssertionError as exc:
            raise AssertionError(f"{entry} does not hold: {exc}") from exc


def test_mistakes_keep_the_template_features(flawed: Path) -> None:
    for kind in KINDS:
        book = openpyxl.load_workbook(flawed / mistakes.file_name(kind))
        custom = book.custom_doc_props  # type: ignore[attr-defined]
        properties = {p.name: p.value for p in custom.props}
        assert properties[KIND_PROPERTY] == kind.id
        assert book[LIJSTEN_SHEET].sheet_state == "veryHidden"
        assert book[GEGEVENS_SHEET]["B1"].value == mistakes.NAME
        for schema in kind.sheets:
            sheet = book[schema.name]
            assert sheet.data_validations.dataValidation, schema.name
            (table,) = sheet.tables.values()
            header_row = int(re.sub(r"[A-Z]+", "", table.ref.split(":")[0]))
            names = [c.name for c in table.tableColumns]
            assert names == [c.value for c in sheet[header_row]][: len(names)]


def test_moved_column_keeps_its_dropdown(flawed: Path) -> None:
    book = openpyxl.load_workbook(flawed / mistakes.file_name(KINDS_BY_ID["evaluatie"]))
    sheet = book["Doelen"]
    column = _headers(sheet)["Behaald"]
    letter = get_column_letter(column)
    sources = {
        str(dv.formula1) for dv in sheet.data_validations.dataValidation if letter in str(dv.sqref)
    }
    assert sources == {v.BEHAALD.name}


def test_same_seed_same_mistake_files(tmp_path: Path, flawed: Path) -> None:
    assert QUARTER is not None
    write_mistakes(tmp_path, QUARTER, seed=1)
    assert _tree(tmp_path) == _tree(flawed)


def test_build_gives_the_asked_size() -> None:
    import random

    assert QUARTER is not None
    town = build(random.Random(3), "Proefdorp", "GM9998", 25, QUARTER)
    assert 23 <= town.size <= 27


# --- command line ----------------------------------------------------------------------


def test_cli_writes_one_flat_folder_named_by_municipality(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["samples", "--gemeenten", "2", "-o", str(tmp_path), "--jobs", "1", "--seed", "4"]
    )
    assert result.exit_code == 0, result.output
    slugs = [municipality(i, 4, QUARTER).slug for i in range(2)]  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{slug}-{k.filename}.xlsx" for slug in slugs for k in KINDS
    )
    book = openpyxl.load_workbook(tmp_path / f"{slugs[0]}-sleutelpersonenregister.xlsx")
    assert book[GEGEVENS_SHEET]["B4"].value == "2026-K3"


@pytest.mark.parametrize(
    "arguments",
    [["--kwartaal", "2026-K5"], ["--kwartaal", "derde kwartaal"], ["--gemeenten", "0"]],
)
def test_cli_bad_usage_exits_2_and_writes_nothing(tmp_path: Path, arguments: Sequence[str]) -> None:
    result = CliRunner().invoke(cli, ["samples", "-o", str(tmp_path / "x"), *arguments])
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists()


def test_cli_too_many_municipalities(tmp_path: Path) -> None:
    count = str(MAX_MUNICIPALITIES + 1)
    result = CliRunner().invoke(cli, ["samples", "-o", str(tmp_path), "--gemeenten", count])
    assert result.exit_code == 2 and "Fout:" in result.output


@pytest.mark.libreoffice
def test_libreoffice_opens_samples_and_mistakes(
    regenerated: Path, soffice_convert: Callable[[Path, str], Path]
) -> None:
    edited = [KINDS_BY_ID[k] for k in ("werving", "diversiteit", "evaluatie")]
    sources = [regenerated / mistakes.file_name(kind) for kind in edited]
    large = max(regenerated.glob("*-sleutelpersonenregister.xlsx"), key=lambda p: p.stat().st_size)
    sources += [large, next(regenerated.glob("ods/*-bijeenkomstenlog.ods"))]
    for source in sources:
        converted = soffice_convert(source, "xlsx" if source.suffix == ".ods" else "ods")
        assert converted.stat().st_size > 0
