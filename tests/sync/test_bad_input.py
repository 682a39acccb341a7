"""Each kind of bad bundle gets a clear message and exit 1, and leaves the database byte for byte as is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models.household import Household
from app.sync import format as fmt
from app.sync.keys import KeyPair
from tests.sync.conftest import World
from tests.sync.forge import forge, minimal

STATION = "430623101"


@pytest.fixture
def bundle(world: World) -> Path:
    path = world.export(STATION)
    assert path is not None
    return path


def refused(world: World, data: bytes, expect: str, who: str = "county") -> None:
    """Import ``data`` at ``who``: exit 1, ``expect`` in the message, the database untouched."""
    before = world.fingerprint(who)
    path = world.root / "bad.jzb"
    path.write_bytes(data)
    code, out, err = world.import_(who, path)
    assert code == 1, out
    assert err.startswith("错误：") and expect in err, err
    assert world.fingerprint(who) == before


def _offsets(data: bytes) -> dict[str, int]:
    frame = fmt.unpack(data)
    header_end = fmt.PREFIX_LEN + len(frame.header_bytes)
    return {
        "magic": 3,
        "key id": 12,
        "header length": fmt.PREFIX_LEN - 2,
        "header": fmt.PREFIX_LEN + 30,
        "signature": header_end + 20,
        "payload start": header_end + fmt.SIG_LEN + 5,
        "payload middle": header_end + fmt.SIG_LEN + len(frame.payload) // 2,
        "last byte": len(data) - 1,
    }


def test_a_changed_byte_anywhere_is_refused(world: World, bundle: Path) -> None:
    data = bundle.read_bytes()
    for where, at in _offsets(data).items():
        damaged = bytearray(data)
        damaged[at] ^= 0x01
        before = world.fingerprint("county")
        path = world.root / f"flip-{at}.jzb"
        path.write_bytes(bytes(damaged))
        code, _out, err = world.import_("county", path)
        assert code == 1 and err.startswith("错误："), where
        assert any(word in err for word in ("改动", "损坏", "不完整", "未知", "不是救助通")), (where, err)
        assert world.fingerprint("county") == before, where
    code, out, _ = world.import_("county", bundle)  # the original still imports
    assert code == 0 and "已导入" in out


def test_a_truncated_file_is_refused(world: World, bundle: Path) -> None:
    data = bundle.read_bytes()
    for size in (0, 5, 20, fmt.PREFIX_LEN + 10, len(data) // 2, len(data) - 1):
        refused(world, data[:size], "不", "county")
    refused(world, data[: len(data) - 1], "不完整")


def test_unknown_and_revoked_signers_are_refused(world: World, bundle: Path) -> None:
    stranger = KeyPair.generate(STATION)
    refused(world, forge(world, STATION, minimal(), pair=stranger), "签名密钥未知")
    world.ok("county", "station", "revoke", "--code", STATION)
    refused(world, bundle.read_bytes(), "已被吊销")


def test_a_bundle_for_another_recipient_is_refused(world: World) -> None:
    down = world.export("county", "430623102")
    assert down is not None
    refused(world, down.read_bytes(), "是发给 430623102 的", who=STATION)


def test_an_applied_sequence_number_reused_with_other_content_is_refused(world: World) -> None:
    shutil.copytree(world.dir(STATION), world.dir("twin"))  # the same station, before its first export
    first = world.export(STATION)
    assert first is not None
    code, _, err = world.import_("county", first)
    assert code == 0, err
    twin_usb = world.root / "twin-usb"
    db = world.db("twin")
    try:
        with db.uow("clerk") as uow:
            hh = uow.session.execute(select(Household)).scalars().first()
            assert hh is not None
            hh.notes = "另一台电脑上的修改"
            uow.commit()
    finally:
        db.dispose()
    out = world.ok(
        "twin", "export-bundle", "--out", str(twin_usb), "--passphrase-file", str(world.secret_file(STATION))
    )
    other = Path(out.rsplit("：", 1)[1].strip())
    assert other.name == first.name  # the same sequence number, different content
    refused(world, other.read_bytes(), "序号被重复使用")
    code, out, _ = world.import_("county", first)  # the real one replays as before
    assert code == 0 and "重复导入" in out


def test_a_payload_that_inflates_past_its_declared_size_is_refused(world: World) -> None:
    plain = fmt.encode_payload({"bundle_id": "x", **minimal(), "pad": "0" * 100_000})
    refused(world, forge(world, STATION, plain, plain_size=1000), "超过声明的大小")


@pytest.mark.parametrize(
    ("payload", "expect"),
    [
        (b"\xff\xfe not json", "格式错误"),
        (b"[1, 2, 3]", "结构错误"),
        (minimal(tables=[{"name": "sync_key", "columns": [], "rows": []}]), "不应出现的表"),
        (minimal(tables=[{"name": "household", "columns": ["id"], "rows": []}]), "字段与本程序不一致"),
        (minimal(tables="nonsense"), "缺少数据表"),
        (minimal(deletes=[["household", 1, 2]]), "删除记录"),
        (minimal(format=2), "格式版本"),
    ],
)
def test_malformed_content_inside_a_signed_bundle_is_refused(
    world: World, payload: dict[str, object] | bytes, expect: str
) -> None:
    refused(world, forge(world, STATION, payload), expect)


def test_rows_of_the_wrong_width_are_refused(world: World, bundle: Path) -> None:
    from tests.sync.test_sequence import payload_of

    doc = payload_of(world, bundle)
    doc["tables"][1]["rows"][0] = doc["tables"][1]["rows"][0][:-1]
    refused(world, forge(world, STATION, doc, seq=1, bundle_id=doc["bundle_id"]), "记录长度")


def test_a_payload_for_another_key_cannot_be_decrypted(world: World) -> None:
    other = KeyPair.generate("430623").public
    refused(world, forge(world, STATION, minimal(), recipient=other), "无法解密")


def test_a_wrong_passphrase_is_refused(world: World, bundle: Path) -> None:
    before = world.fingerprint("county")
    wrong = world.root / "wrong.pass"
    wrong.write_text("not-the-passphrase\n", encoding="utf-8")
    code, _, err = world.jz("county", "import-bundle", str(bundle), "--passphrase-file", str(wrong))
    assert code == 1 and "口令错误" in err
    assert world.fingerprint("county") == before


@pytest.mark.parametrize(
    "depth", [fmt.MAX_DEPTH + 1, 100_000], ids=["one-level-too-deep", "deeper-than-the-parser"]
)
def test_a_payload_nested_too_deep_is_refused(world: World, depth: int) -> None:
    """Issue 11: nesting is bounded before anything walks it (and a parser's recursion is not the bound)."""
    body = fmt.encode_payload({"bundle_id": "x", **minimal()})[:-1]
    nested = b"[" * (depth - 1) + b"]" * (depth - 1)  # under the document itself: depth levels in all
    refused(world, forge(world, STATION, body + b',"deep":' + nested + b"}"), "嵌套过深")


def test_nesting_inside_a_table_row_is_refused(world: World, bundle: Path) -> None:
    """Rows are read by the table reader, not walked by the depth check: it takes no container where
    the format has a value, and nothing named "rows" elsewhere escapes the depth check."""
    refused(world, _with_row_value(world, bundle, "household", "address", [["深"]]), "嵌套结构")
    nested: object = 1
    for _ in range(fmt.MAX_DEPTH):
        nested = [nested]
    refused(world, forge(world, STATION, minimal(extra=[{"rows": nested}])), "嵌套过深")


def test_a_payload_nested_as_deep_as_the_format_allows_is_read() -> None:
    doc = fmt.parse_payload(fmt.encode_payload({"a": [[[[[[[1]]]]]]]}))  # 8 levels with the document
    assert doc["a"][0][0][0][0][0][0] == [1]


def _with_row_value(world: World, bundle: Path, table: str, column: str, value: object) -> bytes:
    from tests.sync.test_sequence import payload_of

    doc = payload_of(world, bundle)
    entry = next(t for t in doc["tables"] if t["name"] == table)
    entry["rows"][0][entry["columns"].index(column)] = value
    return forge(world, STATION, doc, seq=1, bundle_id=doc["bundle_id"])


@pytest.mark.parametrize(
    ("table", "column", "value", "expect"),
    [
        ("income_item", "period_months", 2**31, "超出范围"),  # an integer column: 32 bits on PostgreSQL
        ("person", "disability_grade", -(2**31) - 1, "超出范围"),
        ("income_item", "amount_fen", 2**63, "超出范围"),  # money: 64 bits
        ("household", "version", 2**70, "版本号"),  # more than any database holds
    ],
)
def test_an_integer_its_column_cannot_hold_refuses_the_bundle(
    world: World, bundle: Path, table: str, column: str, value: int, expect: str
) -> None:
    """Issue 11: no station's database holds such a number: the bundle is damaged or forged and is
    refused whole, with nothing written (docs/bundle-format.md, "Tables")."""
    refused(world, _with_row_value(world, bundle, table, column, value), expect)


@pytest.mark.parametrize(
    ("change", "expect"),
    [
        ({"ack": 2**63}, "ack"),
        ({"deletes": [["household", "x", 2**40, 1]]}, "删除记录"),
        ({"deletes": [["household", "x" * 41, 1, 1]]}, "删除记录"),
    ],
)
def test_counters_outside_the_payload_rows_are_bounded_too(
    world: World, change: dict[str, object], expect: str
) -> None:
    refused(world, forge(world, STATION, minimal(**change)), expect)


def test_a_base_version_out_of_range_is_refused(world: World, bundle: Path) -> None:
    from tests.sync.test_sequence import payload_of

    doc = payload_of(world, bundle)
    entry = doc["tables"][1]
    entry["rows"][0][entry["columns"].index("_base")] = 2**31
    refused(world, forge(world, STATION, doc, seq=1, bundle_id=doc["bundle_id"]), "基准版本号")


@pytest.mark.parametrize(
    ("field", "value", "expect"),
    [
        ("created_at", "2026-11-20T09:00:00", "生成时间"),  # no offset: not said to be UTC
        ("created_at", "2026-11-20T17:00:00+08:00", "生成时间"),  # an offset other than UTC
        ("created_at", "yesterday", "生成时间"),
        ("bundle_id", "not-a-uuid", "编号"),
        ("bundle_id", "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "编号"),  # UUIDs are written lower-case
        ("seq", 2**31, "序号"),
        ("prev_hash", "A" * 64, "哈希"),
        ("recipient", "430624", "接收方"),
        ("app_version", "", "程序版本"),
    ],
)
def test_header_fields_are_checked_as_the_format_says(
    world: World, field: str, value: object, expect: str
) -> None:
    """Issue 11: each header field as docs/bundle-format.md defines it, even in a validly signed header."""
    refused(world, forge(world, STATION, minimal(), header={field: value}), expect)


def test_a_utc_time_with_z_or_an_offset_of_zero_is_accepted() -> None:
    for text in ("2026-11-20T09:00:00.123456+00:00", "2026-11-20T09:00:00Z", "2026-11-20 09:00:00+00:00"):
        assert fmt._is_utc_time(text), text


def test_the_declared_plain_size_is_held_while_inflating(world: World) -> None:
    """Issue 11: a small bundle whose payload inflates to 64 MiB while it declares 1 MiB is refused
    as soon as the output passes 1 MiB: the importer never holds more than the declared size."""
    import tracemalloc

    declared = 1024 * 1024
    plain = fmt.encode_payload({"bundle_id": "x", **minimal(), "pad": "0" * (64 * declared)})
    data = forge(world, STATION, plain, plain_size=declared)
    del plain
    assert len(data) < 200_000  # a small file
    tracemalloc.start()
    try:
        refused(world, data, "超过声明的大小")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * declared, peak
