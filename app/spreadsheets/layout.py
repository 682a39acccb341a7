"""Ledger rows into households: one row per household or per member, spacer/total/note rows set aside."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from app.domain import idcard, relations
from app.domain.calendar import format_cn
from app.domain.codes import Program, Sex
from app.spreadsheets import cells
from app.spreadsheets.headers import Header, normal
from app.spreadsheets.model import LedgerHousehold, LedgerMember, Problem, Severity, SheetData

T = TypeVar("T")
_ID_LIKE = re.compile(r"\d{6}")
_COLUMN_NUMBER = re.compile(r"[(（]?\d{1,2}[)）]?|[①-⑳]")  # a row numbering the columns under the header
_TOTAL = re.compile(r"合\s*计|小\s*计|总\s*计|共\s*计|累\s*计")
_TEXT_FIELDS: dict[str, Callable[[Any], str | None]] = {
    "address": lambda v: cells.text(v) or None,
    "phone": lambda v: cells.account(v, "联系电话"),
    "bank_name": lambda v: cells.text(v) or None,
    "account_no": lambda v: cells.account(v, "账号"),
    "account_holder": lambda v: cells.name(v) or None,
    "poverty_causes": lambda v: cells.text(v) or None,
    "notes": lambda v: cells.text(v) or None,
}


class _Sheet:
    """Reads the data rows of one sheet below its header."""

    def __init__(self, name: str, header: Header, today: date) -> None:
        self.name = name
        self.header = header
        self.today = today
        self.problems: list[Problem] = []
        self.errors = 0
        self.households: list[LedgerHousehold] = []
        self.data = SheetData(name, header.row, header.titles or header.labels, header.mapping, header.layout)
        self.current: LedgerHousehold | None = None
        self.width = max(header.mapping.values(), default=-1) + 1  # rows are padded to reach every column
        self.checks_head_name = "head_name" in header.mapping and header.layout == "member"

    # ---------------------------------------------------------------- helpers
    def problem(self, row: int, field: str | None, reason: str, severity: Severity = Severity.ERROR) -> None:
        col = self.header.mapping.get(field) if field else None
        column = self.header.column_name(col) if col is not None else ""
        self.problems.append(Problem(self.name, row, column, reason, severity))
        self.errors += severity is Severity.ERROR

    def value(self, row: Sequence[Any], field: str) -> Any:
        col = self.header.mapping.get(field)
        return None if col is None else row[col]

    def parse(self, row: Sequence[Any], excel_row: int, field: str, fn: Callable[[Any], T]) -> T | None:
        """``fn`` of the field's cell; None for an empty cell, or (reported) for one that cannot be read."""
        value = self.value(row, field)
        if value is None:
            return None
        try:
            return fn(value)
        except cells.CellError as exc:
            self.problem(excel_row, field, str(exc))
            return None

    def skip(self, kind: str) -> None:
        self.data.skipped[kind] = self.data.skipped.get(kind, 0) + 1

    # ---------------------------------------------------------------- rows
    def feed(self, excel_row: int, row: tuple[Any, ...]) -> None:
        if all(cells.is_blank(v) for v in row):
            self.skip("blank")
            return
        if len(row) < self.width:
            row = (*row, *(None,) * (self.width - len(row)))
        self.data.raw[excel_row] = row
        name_value, id_value = self.value(row, "name"), self.value(row, "id_number")
        no_name = cells.is_blank(name_value)
        id_text = cells.text(id_value)
        if no_name or not _ID_LIKE.search(id_text):
            texts = [cells.text(v) for v in row if not cells.is_blank(v)]
            if not id_text and any(_TOTAL.search(t) for t in texts):
                self.skip("total")
                return
            if self._repeated_header(row) or all(_COLUMN_NUMBER.fullmatch(t) for t in texts):
                self.skip("header")
                return
            if no_name and not id_text:
                if len(texts) <= 2:
                    self.skip("note")
                    note = " ".join(texts)[:40]
                    self.problem(excel_row, None, f"看作表下说明，未导入：“{note}”", Severity.INFO)
                else:
                    self.problem(excel_row, None, "该行既没有姓名也没有身份证号，无法确定是哪个人")
                return
        self.person_row(excel_row, row, name_value, id_value)

    def _repeated_header(self, row: Sequence[Any]) -> bool:
        labels = [normal(v) for v in row]
        same = sum(
            1
            for col in self.header.mapping.values()
            if col < len(labels)
            and labels[col]
            and (
                labels[col] == self.header.labels[col] or self.header.labels[col].endswith("/" + labels[col])
            )
        )
        return same >= max(2, len(set(self.header.mapping.values())) // 2)

    def person_row(self, excel_row: int, row: Sequence[Any], name_value: Any, id_value: Any) -> None:
        errors_before = self.errors
        person_name = cells.name(name_value)
        if not person_name:
            self.problem(excel_row, "name", "姓名为空")
        info = self.parse(row, excel_row, "id_number", cells.id_info)
        if id_value is None:
            self.problem(excel_row, "id_number", "身份证号为空")
        number = info.number if info else None
        code = self.relation_of(excel_row, row, person_name, number)
        starts = code in ("01", "02") if code else self._has_household_values(row)
        if starts or self.header.layout == "household":
            self.close()
            self.current = self.household_of(excel_row, row)
        elif self.current is None:
            self.problem(
                excel_row,
                None,
                "成员行上方没有户主行，无法确定属于哪一户；请确认户主行的“与户主关系”为“户主”",
            )
            return
        if self.checks_head_name:
            self.check_head_column(excel_row, row)
        household = self.current
        household.rows.append(excel_row)
        if info is None or code is None or not person_name:
            return
        stated_sex = self.parse(row, excel_row, "sex", cells.sex)
        if stated_sex and stated_sex != info.sex.value:
            self.problem(
                excel_row, "sex", f"性别登记为{Sex(stated_sex).label}，但身份证号第17位表明为{info.sex.label}"
            )
        born = self.parse(row, excel_row, "birth_date", cells.partial_date)
        if born is not None and not born.matches(info.birth_date):
            self.problem(
                excel_row, "birth_date", f"出生日期登记为{born}，但身份证号表明为{format_cn(info.birth_date)}"
            )
        if self.errors == errors_before:
            member = LedgerMember(excel_row, person_name, info.number, code, info.sex.value, info.birth_date)
            household.members.append(member)

    def relation_of(self, excel_row: int, row: Sequence[Any], person: str, number: str | None) -> str | None:
        if self.header.layout == "household":
            return "02"
        if not cells.is_blank(self.value(row, "relation")):
            return self.parse(row, excel_row, "relation", cells.relation)
        head_name = cells.name(self.value(row, "head_name"))
        if "head_name" in self.header.mapping and head_name and head_name == person:
            return "02"
        head_id = cells.text(self.value(row, "head_id_number")).upper()
        if number and head_id and head_id == number:
            return "02"
        self.problem(excel_row, "relation", "与户主关系为空，请填写如“户主”“妻”“子”“女”")
        return None

    def _has_household_values(self, row: Sequence[Any]) -> bool:
        fields = ("village", "monthly_amount", "household_size", "head_name", "program")
        return any(not cells.is_blank(self.value(row, f)) for f in fields)

    def check_head_column(self, excel_row: int, row: Sequence[Any]) -> None:
        """A head-name column repeated on member rows must agree with the head above them."""
        value = self.value(row, "head_name")
        if self.current is None or value is None or self.current.first_row == excel_row:
            return
        written = cells.name(value)
        head_row = self.current.first_row
        expected = cells.name(self.value(self.data.raw[head_row], "head_name"))
        if written and expected and written != expected:
            self.problem(
                excel_row,
                "head_name",
                f"户主姓名“{written}”与本户户主行（第{head_row}行）的“{expected}”不一致",
            )

    def household_of(self, excel_row: int, row: Sequence[Any]) -> LedgerHousehold:
        village = cells.text(self.value(row, "village")) if "village" in self.header.mapping else self.name
        if not village:
            self.problem(excel_row, "village", "村（社区）为空")
        h = LedgerHousehold(self.name, excel_row, village)
        if "village" in self.header.mapping:
            h.village_column = self.header.column_name(self.header.mapping["village"])
        found = self.parse(row, excel_row, "program", cells.category) or (None, None, None)
        h.program, h.tier, h.urban_rural = found
        h.tier = self.parse(row, excel_row, "tier", cells.tier) or h.tier
        h.urban_rural = self.parse(row, excel_row, "urban_rural", cells.urban_rural) or h.urban_rural
        h.monthly_fen = self.parse(row, excel_row, "monthly_amount", cells.amount_fen)
        amount_blank = "monthly_amount" in self.header.mapping and h.monthly_fen is None
        if h.program and amount_blank and cells.is_blank(self.value(row, "monthly_amount")):
            what = Program(h.program).label
            self.problem(excel_row, "monthly_amount", f"保障类别为{what}，但月保障金为空")
        h.start_month = self.parse(row, excel_row, "start_month", cells.month)
        h.household_size = self.parse(row, excel_row, "household_size", cells.count)
        for key, fn in _TEXT_FIELDS.items():
            if key in self.header.mapping and (found_text := self.parse(row, excel_row, key, fn)):
                h.texts[key] = found_text
        return h

    # ---------------------------------------------------------------- households
    def close(self) -> None:
        h, self.current = self.current, None
        if h is None:
            return
        self.households.append(h)
        if not h.members or h.members[0].relation_code not in ("01", "02"):
            return
        head = h.members[0]
        head_age = idcard.age_on(head.birth_date, self.today)
        for m in h.members[1:]:
            age = idcard.age_on(m.birth_date, self.today)
            for reason in relations.relation_problems(m.relation_code, Sex(m.sex), age, head_age):
                self.problem(m.row, "relation", f"{m.name}：{reason}", Severity.WARNING)
        listed = len(h.rows)
        if self.header.layout == "member" and h.household_size not in (None, listed):
            self.problem(
                h.first_row,
                "household_size",
                f"保障人数为{h.household_size}人，但本户在台账中列出{listed}人",
                Severity.WARNING,
            )


def read_sheet(
    name: str,
    rows: Sequence[Sequence[Any]],
    header: Header,
    today: date,
    tick: Callable[[int, int], None] | None = None,
) -> _Sheet:
    """Households, problems and skipped rows of one sheet (not yet checked against the database).

    Args:
        tick: called with (rows done, rows) every 2,000 rows, to report progress or stop by raising.
    """
    sheet = _Sheet(name, header, today)
    for index in range(header.first_data_row - 1, len(rows)):
        if tick is not None and index % 2000 == 0:
            tick(index, len(rows))
        sheet.feed(index + 1, tuple(rows[index]))
    sheet.close()
    if header.layout == "household" and any((h.household_size or 1) > 1 for h in sheet.households):
        sheet.problem(
            0,
            None,
            "本表一户一行，只有户主的身份证号：只导入户主，其他家庭成员请在家庭档案中补录",
            Severity.WARNING,
        )
    return sheet


def check_duplicates(households: Sequence[LedgerHousehold], problems: list[Problem]) -> None:
    """The same ID number twice in the ledger (in one household or in two) is an error at the later row."""
    seen: dict[str, tuple[str, int]] = {}
    for h in households:
        for m in h.members:
            first = seen.setdefault(m.id_number, (h.sheet, m.row))
            if first != (h.sheet, m.row):
                where = f"第{first[1]}行" if first[0] == h.sheet else f"工作表“{first[0]}”第{first[1]}行"
                problems.append(
                    Problem(h.sheet, m.row, "", f"{m.name}的身份证号{idcard.mask(m.id_number)}与{where}重复")
                )
