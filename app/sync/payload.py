"""Read a decrypted payload's tables: structure problems refuse the bundle, bad values mark their row."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from typing import Any

from app.domain.names import pinyin_key
from app.sync.codec import INT32, NONE, Codec, codec
from app.sync.format import BundleError, Columns
from app.sync.tables import META

MAX_BLOB_BYTES = 30 * 1024 * 1024
MAX_COUNTER = INT32[1]  # versions, bases, sequence numbers: 32-bit integer columns


def counter(value: Any, least: int = 0) -> bool:
    """An integer a version or sequence column holds (never a bool, never past 32 bits)."""
    return type(value) is int and least <= value <= MAX_COUNTER


@dataclass
class Batch:
    """One table's rows from a bundle, in the codec's column order.

    A row's values are canonical (what SQLite stores), or as received where ``errors`` names the row:
    one list per row, whatever its fate (the parsed payload is dropped once its rows are read).
    """

    name: str
    codec: Codec
    rows: list[Sequence[Any]] = field(default_factory=list)  # tuples, as read
    base: list[int] = field(default_factory=list)
    changed: list[frozenset[str] | None] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)  # rows with values that do not decode
    groups: list[str] = field(default_factory=list)  # set by the grouper
    problems: dict[int, str] = field(default_factory=dict)  # scope and origin, set by the grouper

    def __len__(self) -> int:
        return len(self.rows)

    def problem(self, i: int) -> str | None:
        return self.errors.get(i) or self.problems.get(i)

    def extend(self, other: Batch) -> None:
        offset = len(self.rows)
        self.rows.extend(other.rows)
        self.base.extend(other.base)
        self.changed.extend(other.changed)
        self.errors.update({i + offset: e for i, e in other.errors.items()})

    def only(self, i: int) -> Batch:
        """A batch of row ``i`` alone."""
        single = Batch(self.name, self.codec, [self.rows[i]], [self.base[i]], [self.changed[i]])
        if i in self.errors:
            single.errors[0] = self.errors[i]
        return single

    def key(self, i: int) -> str:
        return str(self.rows[i][self.codec.pk_index])

    def version(self, i: int) -> int:
        return int(self.rows[i][self.codec.version_index])

    def column(self, name: str) -> list[Any]:
        return list(map(itemgetter(self.codec.index(name)), self.rows))

    def wire(self, i: int) -> list[Any]:
        """Row ``i`` as it travels (decimals as text again), for the quarantine queue."""
        row = list(self.rows[i])
        for at in self.codec.nums:
            if isinstance(row[at], Decimal):
                row[at] = str(row[at])
        return row


def _refuse(detail: str) -> BundleError:
    return BundleError(f"数据包内容格式错误（{detail}），已拒绝，未作任何改动")


def _counters(values: Sequence[Any], least: int) -> bool:
    """Every value an integer a version or sequence column holds (never a bool), checked in C."""
    return not values or (
        set(map(type, values)) == {int} and least <= min(values) and max(values) <= MAX_COUNTER
    )


def _meta(base: Any, changed: Any, columns: frozenset[str]) -> tuple[int, frozenset[str] | None]:
    if not counter(base):
        raise _refuse("基准版本号")
    if changed is None:
        return base, None
    if not isinstance(changed, list) or not all(isinstance(c, str) and c in columns for c in changed):
        raise _refuse("变更字段列表")
    return base, frozenset(changed) - META


def _columns(name: str, raw: Any, width: int) -> tuple[list[Sequence[Any]], int]:
    """A table's rows as columns (as the importer's parse made them, or turned here), and how many."""
    if isinstance(raw, Columns):
        if len(raw) != width:
            raise _refuse(f"表“{name}”的记录长度")
        return list(raw), raw.height
    if not isinstance(raw, list):
        raise _refuse(f"表“{name}”的记录")
    if not raw:
        return [()] * width, 0
    if set(map(type, raw)) != {list} or set(map(len, raw)) != {width}:
        raise _refuse(f"表“{name}”的记录长度")
    return list(zip(*raw, strict=True)), len(raw)


def read_table(entry: Any, allowed: tuple[str, ...], with_meta: bool) -> Batch:
    """One table of a payload, checked a column at a time. Its rows are taken out of ``entry`` (the
    parsed payload does not hold them a second time)."""
    if not isinstance(entry, dict) or set(entry) != {"name", "columns", "rows"}:
        raise _refuse("表结构")
    name, names = entry["name"], entry["columns"]
    if name not in allowed:
        raise _refuse(f"不应出现的表“{str(name)[:40]}”")
    table_codec = codec(name)
    expected = set(table_codec.columns) | ({"_base", "_changed"} if with_meta else set())
    if not isinstance(names, list) or len(names) != len(expected) or set(names) != expected:
        raise _refuse(f"表“{name}”的字段与本程序不一致")
    raw, entry["rows"] = entry["rows"], []
    columns, count = _columns(name, raw, len(names))
    del raw
    data = [columns[names.index(c)] for c in table_codec.columns]
    keys = data[table_codec.pk_index]
    if count and (set(map(type, keys)) != {str} or min(map(len, keys)) < 1 or max(map(len, keys)) > 40):
        raise _refuse(f"表“{name}”的记录编号")
    if not _counters(data[table_codec.version_index], 1):
        raise _refuse(f"表“{name}”的版本号")
    batch = Batch(name, table_codec)
    if with_meta:
        batch.base = list(columns[names.index("_base")])
        batch.changed = _changed(batch.base, columns[names.index("_changed")], frozenset(table_codec.columns))
    else:
        batch.base, batch.changed = [0] * count, [None] * count
    del columns
    if len(set(keys)) != len(keys):
        raise _refuse(f"记录 {_repeated(keys)} 重复出现")
    batch.errors = table_codec.check_columns(data)
    _derive(name, table_codec, data)
    batch.rows = list(zip(*data, strict=True)) if count else []
    return batch


def _derive(name: str, table_codec: Codec, data: list[Sequence[Any]]) -> None:
    """Recompute the columns this side derives from others rather than take the sender's: the head's
    pinyin, which orders lists of households (a row with a bad name gets an empty one)."""
    if name != "household":
        return
    names = data[table_codec.index("head_name")]
    data[table_codec.index("head_pinyin")] = [pinyin_key(n) if isinstance(n, str) else "" for n in names]


def _repeated(keys: Sequence[str]) -> str:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    return ""  # pragma: no cover


def _changed(base: list[Any], changed: Sequence[Any], columns: frozenset[str]) -> list[frozenset[str] | None]:
    """The ``_changed`` column, each list of names checked (a new record's is null)."""
    if not _counters(base, 0):
        raise _refuse("基准版本号")
    if set(map(type, changed)) <= {NONE}:
        return [None] * len(changed)
    return [None if c is None else _meta(b, c, columns)[1] for b, c in zip(base, changed, strict=True)]


def read_tables(doc: dict[str, Any], allowed: tuple[str, ...], with_meta: bool) -> dict[str, Batch]:
    """Every table of a payload; their rows are taken out of ``doc`` as each table is read."""
    entries = doc.get("tables")
    if not isinstance(entries, list):
        raise _refuse("缺少数据表")
    batches: dict[str, Batch] = {}
    for entry in entries:
        batch = read_table(entry, allowed, with_meta)
        if batch.name in batches:
            raise _refuse(f"表“{batch.name}”重复出现")
        batches[batch.name] = batch
    return batches


def read_deletes(doc: dict[str, Any], allowed: tuple[str, ...]) -> list[tuple[str, str, int, int]]:
    raw = doc.get("deletes", [])
    if not isinstance(raw, list):
        raise _refuse("删除列表")
    out = []
    for item in raw:
        if (
            not isinstance(item, list)
            or len(item) != 4
            or item[0] not in allowed
            or type(item[1]) is not str
            or not 0 < len(item[1]) <= 40
            or not counter(item[2])
            or not counter(item[3])
        ):
            raise _refuse("删除记录")
        out.append((item[0], item[1], item[2], item[3]))
    return out


def read_blobs(doc: dict[str, Any]) -> dict[str, bytes]:
    """Attachment bytes by SHA-256; each must hash to its name."""
    raw = doc.get("blobs", [])
    if not isinstance(raw, list):
        raise _refuse("附件")
    blobs: dict[str, bytes] = {}
    for item in raw:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            raise _refuse("附件")
        if len(item[1]) > MAX_BLOB_BYTES * 4 // 3 + 4:
            raise _refuse("附件过大")
        try:
            data = base64.b64decode(item[1], validate=True)
        except binascii.Error:
            raise _refuse("附件编码") from None
        if hashlib.sha256(data).hexdigest() != item[0]:
            raise _refuse("附件内容与哈希不符")
        blobs[item[0]] = data
    return blobs


def int_field(doc: dict[str, Any], name: str) -> int:
    value = doc.get(name, 0)
    if not counter(value):
        raise _refuse(name)
    return int(value)
