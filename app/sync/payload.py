"""Read a decrypted payload's tables: structure problems refuse the bundle, bad values mark their row."""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from typing import Any

from app.sync.codec import INT32, Codec, codec
from app.sync.format import BundleError
from app.sync.tables import META

MAX_BLOB_BYTES = 30 * 1024 * 1024
MAX_COUNTER = INT32[1]  # versions, bases, sequence numbers: 32-bit integer columns


def counter(value: Any, least: int = 0) -> bool:
    """An integer a version or sequence column holds (never a bool, never past 32 bits)."""
    return type(value) is int and least <= value <= MAX_COUNTER


@dataclass
class Batch:
    """One table's rows from a bundle, in the codec's column order."""

    name: str
    codec: Codec
    wire: list[list[Any]] = field(default_factory=list)  # as received (for quarantine)
    rows: list[list[Any] | None] = field(default_factory=list)  # typed; None where a value is bad
    base: list[int] = field(default_factory=list)
    changed: list[frozenset[str] | None] = field(default_factory=list)
    errors: list[str | None] = field(default_factory=list)  # values that do not decode
    groups: list[str] = field(default_factory=list)  # set by the grouper
    problems: list[str | None] = field(default_factory=list)  # scope and origin, set by the grouper

    def problem(self, i: int) -> str | None:
        return self.errors[i] or self.problems[i]

    def extend(self, other: Batch) -> None:
        for name in ("wire", "rows", "base", "changed", "errors"):
            getattr(self, name).extend(getattr(other, name))

    def key(self, i: int) -> str:
        return str(self.wire[i][self.codec.pk_index])

    def version(self, i: int) -> int:
        return int(self.wire[i][self.codec.index("version")])


def _refuse(detail: str) -> BundleError:
    return BundleError(f"数据包内容格式错误（{detail}），已拒绝，未作任何改动")


def _meta(base: Any, changed: Any, columns: frozenset[str]) -> tuple[int, frozenset[str] | None]:
    if not counter(base):
        raise _refuse("基准版本号")
    if changed is None:
        return base, None
    if not isinstance(changed, list) or not all(isinstance(c, str) and c in columns for c in changed):
        raise _refuse("变更字段列表")
    return base, frozenset(changed) - META


def read_table(entry: Any, allowed: tuple[str, ...], with_meta: bool) -> Batch:
    if not isinstance(entry, dict) or set(entry) != {"name", "columns", "rows"}:
        raise _refuse("表结构")
    name, columns, rows = entry["name"], entry["columns"], entry["rows"]
    if name not in allowed:
        raise _refuse(f"不应出现的表“{str(name)[:40]}”")
    table_codec = codec(name)
    expected = set(table_codec.columns) | ({"_base", "_changed"} if with_meta else set())
    if not isinstance(columns, list) or len(columns) != len(expected) or set(columns) != expected:
        raise _refuse(f"表“{name}”的字段与本程序不一致")
    if not isinstance(rows, list):
        raise _refuse(f"表“{name}”的记录")
    order = [columns.index(c) for c in table_codec.columns]
    in_order = order == list(range(len(order)))
    meta_at = (columns.index("_base"), columns.index("_changed")) if with_meta else None
    names = frozenset(table_codec.columns)
    pk_at, version_at = table_codec.pk_index, table_codec.index("version")
    batch = Batch(name, table_codec)
    width = len(columns)
    for row in rows:
        if not isinstance(row, list) or len(row) != width:
            raise _refuse(f"表“{name}”的记录长度")
        values = row[: len(order)] if in_order else [row[i] for i in order]
        if type(values[pk_at]) is not str or not 0 < len(values[pk_at]) <= 40:
            raise _refuse(f"表“{name}”的记录编号")
        if not counter(values[version_at], 1):
            raise _refuse(f"表“{name}”的版本号")
        if meta_at is None:
            base, changed = 0, None
        elif row[meta_at[1]] is None and counter(row[meta_at[0]]):
            base, changed = row[meta_at[0]], None
        else:
            base, changed = _meta(row[meta_at[0]], row[meta_at[1]], names)
        try:
            typed: list[Any] | None = table_codec.decode(values)
            error = None
        except ValueError as exc:
            typed, error = None, str(exc)
        batch.wire.append(values)
        batch.rows.append(typed)
        batch.base.append(base)
        batch.changed.append(changed)
        batch.errors.append(error)
    return batch


def read_tables(doc: dict[str, Any], allowed: tuple[str, ...], with_meta: bool) -> dict[str, Batch]:
    entries = doc.get("tables")
    if not isinstance(entries, list):
        raise _refuse("缺少数据表")
    batches: dict[str, Batch] = {}
    for entry in entries:
        batch = read_table(entry, allowed, with_meta)
        if batch.name in batches:
            raise _refuse(f"表“{batch.name}”重复出现")
        batches[batch.name] = batch
    keys_seen: set[tuple[str, str]] = set()
    for batch in batches.values():
        for i in range(len(batch.wire)):
            key = (batch.name, batch.key(i))
            if key in keys_seen:
                raise _refuse(f"记录 {key[1]} 重复出现")
            keys_seen.add(key)
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
