"""Where a per-member ledger starts a household: a new 序号, or 户主姓名 and the village filled in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.domain import relations
from app.spreadsheets import cells
from app.spreadsheets.headers import Header

_ID_LIKE = re.compile(r"\d{6}")
_HEADS = ("01", "02")


@dataclass(frozen=True)
class Marks:
    """The columns a sheet writes once per household, and how.

    ``seq`` is the 序号 column when it numbers households (not when it numbers every person);
    ``pair`` the 户主姓名 and village columns; ``sparse`` tells that the pair is written on a household's
    first row only (a filled pair starts a household) rather than repeated on every row (a changed pair
    starts one).
    """

    seq: int | None = None
    pair: tuple[int, ...] = ()
    sparse: bool = False
    label: str = ""  # how a problem names the pair: “户主姓名和村（社区）”

    def seq_of(self, row: Sequence[Any]) -> str | None:
        value = row[self.seq] if self.seq is not None else None
        return None if value is None or cells.is_blank(value) else cells.text(value)

    def pair_of(self, row: Sequence[Any]) -> tuple[str, ...] | None:
        """The pair when every column of it is filled."""
        values = []
        for col in self.pair:
            value = row[col]
            if value is None or not (name := cells.name(value)):
                return None
            values.append(name)
        return tuple(values) if values else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else cells.text(value)


def find_marks(rows: Sequence[Sequence[Any]], header: Header) -> Marks:
    """The household marks of a per-member sheet, judged from its rows that carry an ID number.

    The 序号 column numbers persons, not households, when most member rows carry a number of their
    own (a new number on a row whose relation is not 户主); then only the relation and the pair start
    households. Only the numbered rows' relations are read: the others continue a household.
    """
    if header.layout != "member":
        return Marks()
    id_col = header.mapping["id_number"]
    own = (id_col, header.mapping["name"])
    keys = [k for k in ("head_name", "village") if k in header.mapping and header.mapping[k] not in own]
    pair = tuple(header.mapping[k] for k in keys)
    seq_col = header.seq_column
    if seq_col in own:
        seq_col = None
    rel_col = header.mapping.get("relation")
    width = max((*pair, seq_col or 0, id_col, *header.mapping.values())) + 1
    members = numbered = 0  # rows that are not a household's first, and those of them numbered anew
    sparse = False
    previous = ""
    for raw in rows[header.first_data_row - 1 :]:
        row = (*raw, *(None,) * (width - len(raw)))
        if row[id_col] is None or not _ID_LIKE.search(_text(row[id_col])):
            continue
        sparse = sparse or any(row[c] is None or cells.is_blank(row[c]) for c in pair)
        if seq_col is None:
            if sparse:
                break
            continue
        seq = cells.text(row[seq_col]) if row[seq_col] is not None else ""
        if not seq or seq == previous:  # a row continuing the numbered household above
            members += 1
            continue
        previous = seq
        code = relations.code_for_name(_text(row[rel_col])) if rel_col is not None and row[rel_col] else None
        if code is not None and code not in _HEADS:
            members += 1
            numbered += 1
    if members and numbered * 2 > members:
        seq_col = None
    names = {"head_name": "户主姓名", "village": "村（社区）"}
    label = "和".join(names[k] for k in keys)
    return Marks(seq_col, pair, sparse, label)
