"""Ledger rows into households: one row per household or per member, spacer/total/note rows set aside."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from app.domain import idcard, relations
from app.domain.calendar import format_cn
from app.domain.codes import Program, Sex
from app.spreadsheets import cells, rowkinds, suspect
from app.spreadsheets.headers import FIELD_LABELS, Header, normal
from app.spreadsheets.marks import Marks, find_marks
from app.spreadsheets.model import LedgerHousehold, LedgerMember, Problem, Severity, SheetData, row_spans
from app.spreadsheets.records import text_limits
from app.spreadsheets.suspect import Issue

T = TypeVar("T")
Cell = tuple[int, int]  # (row number in Excel, 0-based column)
_ID_LIKE = re.compile(r"\d{6}")
_COLUMN_NUMBER = re.compile(r"[(（]?\d{1,2}[)）]?|[①-⑳]")  # a row numbering the columns under the header
_HEADS = ("01", "02")
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

    def __init__(self, name: str, header: Header, today: date, marks: Marks, uncomputed: set[Cell]) -> None:
        self.name = name
        self.header = header
        self.today = today
        self.marks = marks
        self.uncomputed: dict[int, frozenset[int]] = {}  # row → columns of formulas saved without result
        for r, c in uncomputed:
            self.uncomputed[r] = self.uncomputed.get(r, frozenset()) | {c}
        self.problems: list[Problem] = []
        self.row = 0  # the row being read
        self.errors = 0  # errors found in it (not those found in the household above when it closes)
        self.households: list[LedgerHousehold] = []
        self.data = SheetData(name, header.row, header.titles or header.labels, header.mapping, header.layout)
        self.current: LedgerHousehold | None = None
        self.width = max((*header.mapping.values(), marks.seq or 0), default=-1) + 1  # rows padded to it
        self.checks_head_name = "head_name" in header.mapping and header.layout == "member"
        self.limits = text_limits()
        self.columns = {col: key for key, col in reversed(header.mapping.items())}  # column → a field
        self.in_footer = False  # below a signature or note line: rows without an ID number are footer
        self.pending: set[str] = set()  # fields of this row already refused: no second complaint
        # the household being read: its 序号 and pair, its head rows, why it started and its first relation
        self.seq: str | None = None
        self.pair: tuple[str, ...] | None = None
        self.head_rows: list[int] = []
        self.started_by = ""
        self.first_code: str | None = None

    # ---------------------------------------------------------------- helpers
    def problem(self, row: int, field: str | None, reason: str, severity: Severity = Severity.ERROR) -> None:
        if field in self.pending and row == self.row:  # already refused in this row: no second complaint
            return
        col = self.header.mapping.get(field) if field else None
        column = self.header.column_name(col) if col is not None else ""
        self.problems.append(Problem(self.name, row, column, reason, severity))
        self.errors += severity is Severity.ERROR and row == self.row

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

    def fits(self, excel_row: int, field: str, value: str) -> bool:
        """Is the text within what the field's column in the file holds? Refused with the reason if not."""
        limit = self.limits.get(field)
        if limit is None or len(value) <= limit:
            return True
        what = "姓名" if field == "name" else FIELD_LABELS[field]
        self.problem(
            excel_row, field, f"{what}过长：有{len(value)}个字，档案中最多只能存{limit}个字；请删减后再导入"
        )
        return False

    def skip(self, kind: str) -> None:
        self.data.skipped[kind] = self.data.skipped.get(kind, 0) + 1

    # ---------------------------------------------------------------- rows
    def feed(self, excel_row: int, original: tuple[Any, ...]) -> None:
        self.row = excel_row
        if len(original) < self.width:
            original = (*original, *(None,) * (self.width - len(original)))
        row, issues = suspect.clean_row(original, self.columns, self.uncomputed.get(excel_row, frozenset()))
        refused = {field for field, _reason, severity in issues if severity is Severity.ERROR}
        person = bool(refused & {"name", "id_number"})  # a formula or a refused cell where a person is
        if not person and all(cells.is_blank(v) for v in row):
            self.skip("blank")  # formulas without results elsewhere in the row: nobody to import
            return
        self.data.raw[excel_row] = original
        name_value, id_value = self.value(row, "name"), self.value(row, "id_number")
        no_name = cells.is_blank(name_value)
        id_text = cells.text(id_value)
        if not person and (no_name or not _ID_LIKE.search(id_text)):
            kind = self.kind_of(row)
            if kind:
                self.skip(kind)
                if kind == "footer":
                    shown = f"看作表尾签名或说明，未导入：“{self.excerpt(row)}”"
                    self.problem(excel_row, None, shown, Severity.INFO)
                return
            if no_name and not id_text:
                texts = [cells.text(v) for v in row if not cells.is_blank(v)]
                if len(texts) <= 2:
                    self.skip("note")
                    self.problem(
                        excel_row, None, f"看作表下说明，未导入：“{self.excerpt(row)}”", Severity.INFO
                    )
                else:
                    self.problem(excel_row, None, "该行既没有姓名也没有身份证号，无法确定是哪个人")
                return
        self.person_row(excel_row, row, name_value, id_value, issues)

    def kind_of(self, row: Sequence[Any]) -> str | None:
        """What a row without a person's name and ID number is: a repeated header, a total, a footer line."""
        texts = [cells.text(v) for v in row if not cells.is_blank(v)]
        if self._repeated_header(row) or (texts and all(_COLUMN_NUMBER.fullmatch(t) for t in texts)):
            return "header"
        name_col = self.header.mapping["name"]
        if rowkinds.is_total(row, name_col):
            return "total"
        if rowkinds.is_footer(row, name_col):
            self.in_footer = True
            return "footer"
        return "footer" if self.in_footer else None

    @staticmethod
    def excerpt(row: Sequence[Any]) -> str:
        shown = (" ".join(v.split()) if isinstance(v, str) else cells.text(v) for v in row)
        return " ".join(t for t in shown if t)[:40]

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

    def person_row(
        self, excel_row: int, row: Sequence[Any], name_value: Any, id_value: Any, issues: list[Issue]
    ) -> None:
        errors_before = self.errors
        self.pending = set()
        for field, reason, severity in issues:
            self.problem(excel_row, field, reason, severity)
        self.pending = {field for field, _reason, severity in issues if severity is Severity.ERROR}
        try:
            self._person_row(excel_row, row, name_value, id_value, errors_before)
        finally:
            self.pending = set()

    def _person_row(
        self, excel_row: int, row: Sequence[Any], name_value: Any, id_value: Any, errors_before: int
    ) -> None:
        person_name = cells.name(name_value)
        if not person_name:
            self.problem(excel_row, "name", "姓名为空")
        elif not self.fits(excel_row, "name", person_name):
            person_name = ""
        info = self.parse(row, excel_row, "id_number", cells.id_info)
        if id_value is None:
            self.problem(excel_row, "id_number", "身份证号为空")
        number = info.number if info else None
        code = self.relation_of(excel_row, row, person_name, number)
        seq, pair = self.marks.seq_of(row), self.marks.pair_of(row)
        if self.header.layout == "household":
            self.start(excel_row, row, code, "", (seq, pair))
        elif (why := self.starts(row, code, seq, pair)) is not None:
            self.start(excel_row, row, code, why, (seq, pair))
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
        assert household is not None
        household.rows.append(excel_row)
        if code in _HEADS:
            self.head_rows.append(excel_row)
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

    def starts(
        self, row: Sequence[Any], code: str | None, seq: str | None, pair: tuple[str, ...] | None
    ) -> str | None:
        """Why this row starts a household (“序号”, the pair's label, or "" for its relation), else None.

        A numbered row: its 序号 decides (the same number continues the household). Otherwise a filled
        户主姓名 and village (or a changed one, where every row repeats them), then the relation 户主,
        unless the household above was started by those marks and still waits for its head.
        """
        if seq is not None:
            return "序号" if self.current is None or seq != self.seq else None
        if pair is not None and (self.current is None or self.marks.sparse or pair != self.pair):
            return self.marks.label
        if code in _HEADS:  # the head of a household the ledger started on another relation joins it
            return None if self.current is not None and self.started_by and not self.head_rows else ""
        if code is None and self._has_household_values(row):
            return ""
        return None

    def start(
        self,
        excel_row: int,
        row: Sequence[Any],
        code: str | None,
        why: str,
        marks: tuple[str | None, tuple[str, ...] | None],
    ) -> None:
        self.close()
        self.current = self.household_of(excel_row, row)
        self.seq, self.pair = marks
        self.head_rows, self.started_by, self.first_code = [], why, code

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
        fields = ["monthly_amount", "household_size", "program"]
        if not self.marks.pair:  # where the pair marks households, it says so on its own
            fields += ["village", "head_name"]
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
        elif not self.fits(excel_row, "village", village):
            village = ""
        h = LedgerHousehold(self.name, excel_row, village)
        if "village" in self.header.mapping:
            h.village_column = self.header.column_name(self.header.mapping["village"])
        found = self.parse(row, excel_row, "program", cells.category) or (None, None, None)
        h.program, h.tier, h.urban_rural = found
        h.tier = self.parse(row, excel_row, "tier", cells.tier) or h.tier
        if h.tier and not self.fits(excel_row, "tier", h.tier):
            h.tier = None
        h.urban_rural = self.parse(row, excel_row, "urban_rural", cells.urban_rural) or h.urban_rural
        h.monthly_fen = self.parse(row, excel_row, "monthly_amount", cells.amount_fen)
        amount_blank = "monthly_amount" in self.header.mapping and h.monthly_fen is None
        if h.program and amount_blank and cells.is_blank(self.value(row, "monthly_amount")):
            what = Program(h.program).label
            self.problem(excel_row, "monthly_amount", f"保障类别为{what}，但月保障金为空")
        h.start_month = self.parse(row, excel_row, "start_month", cells.month)
        h.household_size = self.parse(row, excel_row, "household_size", cells.count)
        for key, fn in _TEXT_FIELDS.items():
            found_text = self.parse(row, excel_row, key, fn) if key in self.header.mapping else None
            if found_text and self.fits(excel_row, key, found_text):
                h.texts[key] = found_text
        return h

    # ---------------------------------------------------------------- households
    def close(self) -> None:
        h, self.current = self.current, None
        if h is None:
            return
        self.households.append(h)
        if self.header.layout == "member":
            self.check_heads(h)
        if not h.members or h.members[0].relation_code not in _HEADS:
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

    def check_heads(self, h: LedgerHousehold) -> None:
        """One head per household; a household the ledger starts on another relation must have one."""
        if self.first_code in _HEADS and len(self.head_rows) == 1:
            return
        rows = row_spans(h.rows)
        if not self.head_rows and self.first_code is not None and self.started_by:
            self.problem(
                h.first_row,
                None,
                f"第{h.first_row}行的{self.started_by}表明这里开始新的一户，但本户（第{rows}行）没有"
                "“与户主关系”为“户主”的人，整户未导入；请核对该行的“与户主关系”",
            )
        for extra in self.head_rows[1:]:
            self.problem(
                extra,
                "relation",
                f"本户（第{rows}行）在第{self.head_rows[0]}行已有户主，一户只能有一个户主；"
                "如是另一户，请给该行填写新的序号",
            )


def read_sheet(
    name: str,
    rows: Sequence[Sequence[Any]],
    header: Header,
    today: date,
    tick: Callable[[int, int], None] | None = None,
    uncomputed: set[Cell] | None = None,
) -> _Sheet:
    """Households, problems and skipped rows of one sheet (not yet checked against the database).

    Args:
        tick: called with (rows done, rows) every 2,000 rows, to report progress or stop by raising.
        uncomputed: (row, 0-based column) of the formula cells saved without their result.
    """
    sheet = _Sheet(name, header, today, find_marks(rows, header), uncomputed or set())
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
