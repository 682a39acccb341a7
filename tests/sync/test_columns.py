"""A table's rows read a column at a time: the same verdict per row as reading them one by one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from app.sync import format as fmt
from app.sync.codec import OutOfRange, codec
from app.sync.payload import read_table
from app.sync.tables import UP_TABLES

TIME = "2026-11-20 01:30:00.000000"


def review(n: int, **values: Any) -> dict[str, Any]:
    row = {
        "case_id": f"case-{n}",
        "kind": "periodic",
        "frequency": "yearly",
        "due_on": "2026-12-01",
        "done_on": None,
        "reviewer": "",
        "stable_income": True,
        "finding": "",
        "proposal": "",
        "proposed_fen": None,
        "reason": "",
        "id": f"review-{n}",
        "origin_station": "430623101",
        "version": 1,
        "updated_at": TIME,
        "updated_by": "clerk",
        "_base": 0,
        "_changed": None,
    }
    row.update(values)
    return row


def entry(rows: list[dict[str, Any]], name: str = "review") -> dict[str, Any]:
    columns = [*codec(name).columns, "_base", "_changed"]
    return {"name": name, "columns": columns, "rows": [[r[c] for c in columns] for r in rows]}


def parsed(doc_entry: dict[str, Any]) -> dict[str, Any]:
    """The entry as the importer gets it: parsed from JSON with its rows as columns."""
    doc = fmt.parse_payload(bytearray(fmt.encode_payload({"tables": [doc_entry]})), columns=True)
    table: dict[str, Any] = doc["tables"][0]
    return table


@pytest.mark.parametrize("as_columns", [False, True], ids=["rows", "columns"])
def test_each_bad_value_marks_its_own_row_with_the_reason(as_columns: bool) -> None:
    rows = [
        review(0),
        review(1, reviewer=7),  # a number where text belongs
        review(2, kind="x" * 17),  # longer than the column
        review(3, due_on="2026-W01-1"),  # an ISO week date: a real day, but not the format's
        review(4, done_on="2026-02-30"),
        review(5, updated_at="2026-11-20T09:30:00+08:00"),  # a time with an offset: made canonical
        review(6, stable_income=1),  # 1 is not true
        review(7, updated_at="yesterday"),
    ]
    table = entry(rows)
    batch = read_table(parsed(table) if as_columns else table, UP_TABLES, with_meta=True)
    assert batch.errors == {
        1: "字段“reviewer”的值不正确：7",
        2: "字段“kind”过长",
        3: "字段“due_on”的值不正确：2026-W01-1",
        4: "字段“done_on”的值不正确：2026-02-30",
        6: "字段“stable_income”的值不正确：1",
        7: "字段“updated_at”的值不正确：yesterday",
    }
    at = codec("review").index("updated_at")
    assert batch.rows[5][at] == TIME  # 09:30 at +08:00 is 01:30 UTC
    assert batch.rows[1][codec("review").index("reviewer")] == 7  # a bad row is kept as it came
    assert [batch.key(i) for i in range(len(batch))] == [f"review-{n}" for n in range(8)]


def test_decimals_become_numbers_and_travel_back_as_text() -> None:
    base = {
        "household_id": "hh",
        "person_id": None,
        "kind": "house",
        "description": "自住房屋",
        "quantity": 1,
        "area_m2": "85.50",
        "value_fen": 0,
        "exempt": True,
        "exempt_reason": "",
        "origin_station": "430623101",
        "version": 1,
        "updated_at": TIME,
        "updated_by": "clerk",
        "_base": 0,
        "_changed": None,
    }
    rows = [
        {**base, "id": "a1"},
        {**base, "id": "a2", "area_m2": None},
        {**base, "id": "a3", "area_m2": "NaN"},
    ]
    batch = read_table(parsed(entry(rows, "asset_item")), UP_TABLES, with_meta=True)
    at = codec("asset_item").index("area_m2")
    assert batch.rows[0][at] == Decimal("85.50") and batch.rows[1][at] is None
    assert batch.errors == {2: "字段“area_m2”的值不正确：NaN"}
    assert batch.wire(0)[at] == "85.50"


@pytest.mark.parametrize(
    ("values", "expect"),
    [
        ({"proposed_fen": 2**63}, OutOfRange),  # no column holds it: the bundle is refused
        ({"reviewer": ["nested"]}, fmt.BundleError),
        ({"version": True}, fmt.BundleError),  # a version is a number, never a boolean
        ({"_base": -1}, fmt.BundleError),
        ({"_changed": ["no_such_field"]}, fmt.BundleError),
    ],
)
def test_what_no_station_writes_refuses_the_whole_table(values: dict[str, Any], expect: type) -> None:
    for table in (entry([review(0), review(1, **values)]), parsed(entry([review(0), review(1, **values)]))):
        with pytest.raises(expect):
            read_table(table, UP_TABLES, with_meta=True)


def test_a_key_twice_refuses_the_table() -> None:
    with pytest.raises(fmt.BundleError, match="review-1 重复出现"):
        read_table(parsed(entry([review(1), review(1)])), UP_TABLES, with_meta=True)


def test_parsing_as_columns_shares_repeated_text_and_frees_the_payload() -> None:
    plain = bytearray(fmt.encode_payload({"tables": [entry([review(n) for n in range(200)])]}))
    doc = fmt.parse_payload(plain, columns=True)
    assert plain == bytearray()  # not held as bytes and as text at once
    columns = doc["tables"][0]["rows"]
    assert isinstance(columns, fmt.Columns) and columns.height == 200
    stations = columns[codec("review").index("origin_station")]
    assert len({id(s) for s in stations}) == 1  # one string, not 200
    ids = columns[codec("review").index("id")]
    assert len(set(ids)) == 200


def test_text_repeated_only_further_down_a_column_is_held_once_too() -> None:
    """A case's reviews come after all the cases' first ones: the column's first values never repeat,
    and its text is still kept once per value (the next bundle, read ahead, fits beside this one)."""
    rows = [
        review(n, case_id=f"case-{n % 100}", updated_at=f"2026-11-{1 + n % 100 // 4:02d}") for n in range(300)
    ]
    columns = parsed(entry(rows))["rows"]
    cases = columns[codec("review").index("case_id")]
    assert len({id(c) for c in cases}) == len(set(cases)) == 100
    times = columns[codec("review").index("updated_at")]
    assert len({id(t) for t in times}) == len(set(times)) == 25
    batch = read_table(parsed(entry(rows)), UP_TABLES, with_meta=True)
    assert [batch.rows[i][codec("review").index("case_id")] for i in (0, 100, 299)] == ["case-0"] * 2 + [
        "case-99"
    ]


def test_rows_that_are_not_all_values_stay_rows_for_the_reader_to_refuse() -> None:
    table = entry([review(0), review(1)])
    table["rows"][1].append("extra")
    doc = parsed(table)
    assert type(doc["rows"]) is list
    with pytest.raises(fmt.BundleError, match="记录长度"):
        read_table(doc, UP_TABLES, with_meta=True)


def test_columns_nest_as_deep_as_rows_for_the_depth_bound() -> None:
    """A table-shaped object anywhere else still counts its rows' levels (docs: at most 8)."""
    table = {"name": "x", "columns": ["a"], "rows": [["v"]]}
    nested: Any = table
    for _ in range(fmt.MAX_DEPTH - 3):  # the document, these lists, the table: rows and row go past 8
        nested = [nested]
    with pytest.raises(fmt.BundleError, match="嵌套过深"):
        fmt.parse_payload(fmt.encode_payload({"tables": [], "extra": nested}), columns=True)
    fmt.parse_payload(fmt.encode_payload({"tables": [], "extra": nested[0]}), columns=True)


@pytest.mark.parametrize("enabled", [True, False], ids=["automatic", "off-as-in-the-desktop"])
def test_the_cycle_collector_pauses_for_an_import_and_comes_back_as_it_was(enabled: bool) -> None:
    import gc

    from app.sync.importer import cycles_left_alone

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with cycles_left_alone():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), cycles_left_alone():
            raise RuntimeError("a refused bundle")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("as_columns", [False, True], ids=["rows", "columns"])
def test_a_households_head_pinyin_is_derived_here_not_taken_from_the_bundle(as_columns: bool) -> None:
    """head_pinyin orders the lists of households: recomputed from head_name as the bundle is read."""
    c = codec("household")
    base = dict.fromkeys(c.columns, "")
    base |= {"version": 1, "three_no": False, "housing_type": None, "housing_area": None}
    base |= {"decoration": None, "updated_at": TIME, "village_code": "430623101201", "urban_rural": "rural"}
    rows = [
        base | {"id": "h-1", "head_name": "阿丽", "head_pinyin": "zzz", "_base": 0, "_changed": None},
        base | {"id": "h-2", "head_name": 7, "head_pinyin": "aaa", "_base": 0, "_changed": None},
    ]
    table = entry(rows, "household")
    batch = read_table(parsed(table) if as_columns else table, UP_TABLES, with_meta=True)
    at = c.index("head_pinyin")
    assert [row[at] for row in batch.rows] == ["a li", ""]
    assert set(batch.errors) == {1}  # the bad name is the row's problem; its pinyin is simply empty
