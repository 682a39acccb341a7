"""The payload read as it is inflated gives what json.loads gives for the whole text, errors included,
wherever the pieces are cut; and the inflated size is held to the declared one as before."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from app.sync import format as fmt
from app.sync import stream
from tests.sync.conftest import World
from tests.sync.forge import forge

STATION = "430623101"

ROW = ["中文\u4e00", 'a\\b"c\n', 12, -3.5e-3, 10**30, True, False, None, ["changed", "名"]]
DOC = {
    "format": 1,
    "kind": "up",
    "tables": [
        {"name": "household", "columns": ["a", "b"], "rows": [ROW, ROW[::-1], []]},
        {"name": "person", "columns": [], "rows": []},
        {"rows": [[1, 2], [3, 4]], "columns": ["x", "y"], "name": "t"},
        "not a table",
        [{"rows": [[1]]}],
    ],
    "digest": {"hash": "0" * 32, "counts": {"person": 3}, "total": 3},
    "deletes": [["household", "x", 1, 0]],
}

TEXTS = [
    json.dumps(DOC, ensure_ascii=False),
    json.dumps(DOC, ensure_ascii=True, indent=2),
    " \n\t" + json.dumps(DOC, separators=(",", ":")) + " \r\n",
    '{"tables": [], "tables": [{"name": "a", "columns": [], "rows": [[1]], "rows": [[2]]}]}',  # last wins
    '{"tables": "nonsense", "rows": [[1]]}',
    '{"tables": [{"rows": [[1], [2, 3]], "name": "x", "columns": []}]}',  # ragged rows stay rows
    '{"tables": [{"name": "x", "columns": ["c"], "rows": [["\\u00e9", "\\ud83d\\ude00"]]}]}',
    '{"tables": [{"name": "x", "columns": ["c"], "rows": [[NaN, Infinity, -Infinity, 1E400]]}]}',
    "[1, 2, 3]",
    '"just text"',
    "{}",
    '{"a": {"b": [{"c": [[[1]]]}]}}',
    # broken ones: each must fail as json.loads fails
    "",
    "   ",
    "{",
    '{"tables": [',
    '{"tables": [{"rows": [[1,]]}]}',
    '{"tables": [{"rows": [[1]],}]}',
    '{"tables": [], }',
    "{'tables': []}",
    '{"tables": []} extra',
    '{"tables": []}{}',
    '{"tables": [{"rows": [[1] [2]]}]}',
    '{"a": "control \x01 character"}',
    '{"a" 1}',
    '{"a": tru}',
    '{"a": 1.}',
    '{"a": 0123}',
]


def pieces(text: str, size: int) -> Iterator[str]:
    for start in range(0, len(text), size):
        yield text[start : start + size]


def outcome(parse: Any) -> tuple[str, Any]:
    try:
        return "ok", parse()
    except ValueError:
        return "error", None


@pytest.mark.parametrize("hook", [None, fmt.columns_hook], ids=["plain", "columns"])
@pytest.mark.parametrize("text", TEXTS)
def test_the_same_document_or_the_same_refusal_wherever_the_text_is_cut(text: str, hook: Any) -> None:
    expected = outcome(lambda: json.loads(text, object_pairs_hook=hook))
    for size in (1, 2, 3, 5, 8, 64, max(len(text), 1)):
        assert outcome(lambda: stream.parse(pieces(text, size), hook)) == expected, size  # noqa: B023


def test_text_cut_short_anywhere_is_refused_as_json_loads_refuses_it() -> None:
    text = json.dumps(DOC, ensure_ascii=False)
    for end in range(len(text)):
        short = text[:end]
        expected = outcome(lambda: json.loads(short, object_pairs_hook=fmt.columns_hook))  # noqa: B023
        assert outcome(lambda: stream.parse(pieces(short, 7), fmt.columns_hook)) == expected, end  # noqa: B023


def gz(data: bytes) -> bytes:
    return fmt.compress(data)


def test_read_payload_gives_the_parsed_payload_with_rows_as_columns() -> None:
    plain = json.dumps(DOC, ensure_ascii=False).encode()
    doc = stream.read_payload(gz(plain), len(plain))
    assert doc == fmt.parse_payload(plain, columns=True)
    assert isinstance(doc["tables"][0]["rows"], list) and isinstance(doc["tables"][2]["rows"], fmt.Columns)


@pytest.mark.parametrize(
    ("data", "declared", "expect"),
    [
        (gz(b'{"a": "' + b"0" * 5000 + b'"}'), 1000, "超过声明的大小"),
        (gz(b'{"a": 1}'), 100, "大小与头部声明不符"),
        (gz(b'{"a": 1}')[:-6], 8, "不完整"),
        (gz(b'{"a": 1}') + b"more", 8, "多余数据"),
        (b"not gzip at all", 8, "无法解压"),
        (gz(b'{"a": "\xff"}'), 10, "格式错误"),
        (gz(b'{"a": [1, 2'), 11, "格式错误"),
        (gz(b"[1]"), 3, "结构错误"),
        (gz(b'{"a": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"), 20_007, "嵌套过深"),
    ],
)
def test_what_is_refused_before_is_refused_still(data: bytes, declared: int, expect: str) -> None:
    with pytest.raises(fmt.BundleError, match=expect):
        stream.read_payload(data, declared)


def test_a_long_value_is_taken_in_by_doubling_not_piece_by_piece() -> None:
    """A value longer than many pieces is scanned a few times, not once per piece."""
    scans = 0
    real = stream._Window.value

    def counting(window: stream._Window, scan: Any) -> Any:
        def counted(text: str, at: int) -> Any:
            nonlocal scans
            scans += 1
            return scan(text, at)

        return real(window, counted)

    text = '{"a": "' + "x" * 100_000 + '"}'
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stream._Window, "value", counting)
        assert stream.parse(pieces(text, 10)) == json.loads(text)
    assert scans < 40, scans


def test_the_inflated_text_is_never_whole() -> None:
    rows = [[f"{n:08d}", "中文" * 10, n] for n in range(20_000)]
    plain = json.dumps({"tables": [{"name": "t", "columns": ["a", "b", "c"], "rows": rows}]}).encode()
    seen: list[int] = []
    real = stream._Window.grow

    def watched(window: stream._Window) -> None:
        real(window)
        seen.append(len(window.text))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stream._Window, "grow", watched)
        doc = stream.read_payload(gz(plain), len(plain))
    assert doc["tables"][0]["rows"].height == 20_000
    assert max(seen) <= 2 * stream.PIECE + 1024 < len(plain)


def test_a_real_bundle_reads_as_the_plain_parser_reads_it(world: World) -> None:
    from tests.sync.test_sequence import payload_of

    path = world.export(STATION)
    assert path is not None
    plain = fmt.encode_payload(payload_of(world, path))
    doc = stream.read_payload(gz(plain), len(plain))
    assert doc == fmt.parse_payload(plain, columns=True)
    assert any(isinstance(t["rows"], fmt.Columns) and t["rows"].height > 1 for t in doc["tables"])


@pytest.mark.parametrize("damage", ["cut short", "a bad row late in the rows"])
def test_a_bundle_broken_after_many_rows_is_refused_and_changes_nothing(world: World, damage: str) -> None:
    """Rows already parsed when the break is found are dropped: the database stays as it was, and
    the good bundle still applies afterwards."""
    from tests.sync.test_bad_input import refused
    from tests.sync.test_sequence import payload_of

    path = world.export(STATION)
    assert path is not None
    doc = payload_of(world, path)
    plain = fmt.encode_payload(doc)
    if damage == "cut short":
        broken = plain[: len(plain) * 9 // 10]
    else:
        at = plain.rindex(b"],[")  # the last row boundary of the last table with rows
        broken = plain[:at] + b"],x[" + plain[at + 3 :]
    assert len(broken) > 1000
    refused(world, forge(world, STATION, broken, seq=1, bundle_id=doc["bundle_id"]), "格式错误")
    code, out, _ = world.import_("county", path)
    assert code == 0, out
