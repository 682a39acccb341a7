"""工作台: the counts, then today's work: deadlines, reviews due, notices, objections and check findings."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget

from app import clock
from app.domain.checks_rows import Finding, Severity
from app.services.cases import worklist
from app.services.cases.worklist import CaseLine, NoticeLine, ObjectionLine, ReviewLine, TodayWork
from app.views.cases import CASE_TABLES
from app.views.cases.dashboard import DashboardPanel
from app.views.page import Page
from app.views.reviews.columns import review_columns
from app.views.setup.backup_reminder import BackupReminderBar
from app.views.tablemodels.rows import ROW_ROLE, ColumnSpec, RowsTableModel, days_tone, name_column
from app.views.widgets.forms import calendar_days_text, fit_columns, show_date, work_table, working_days_text
from app.views.workspace import Workspace


class WorkbenchPage(Page):
    """Today's work in the user's area (the service scopes it), the counts on top; Enter opens the item."""

    CONCERNS = CASE_TABLES | {"match_flag", "match_list"}  # the checks read the matching lists too
    open_case = Signal(str)  # case id
    open_review = Signal(str)  # case id

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.dashboard = DashboardPanel(ws.actor.display_name)
        self.dashboard.refresh_button.clicked.connect(self.refresh)

        self.cases = RowsTableModel[CaseLine](self._case_columns(), self)
        self.reviews = RowsTableModel[ReviewLine](
            review_columns(case_number=True, township=ws.is_county), self
        )
        self.notices = RowsTableModel[NoticeLine](self._notice_columns(), self)
        self.objections = RowsTableModel[ObjectionLine](self._objection_columns(), self)
        self.findings = RowsTableModel[Finding](self._finding_columns(), self)
        self.tabs = QTabWidget()
        self.tables: dict[str, QTableView] = {}
        for key, model, samples in (
            ("cases", self.cases, dict(enumerate(self._case_samples()))),
            (
                "reviews",
                self.reviews,
                {0: "已逾期120天", 1: "2026年12月31日", 2: "欧阳小明", 3: "莲花湖社区", 4: "莲花湖社区"},
            ),
            ("notices", self.notices, {0: "还剩12天", 1: "2026年12月31日至2027年1月6日", 2: "莲花湖社区"}),
            ("objections", self.objections, {0: "2026年12月31日", 1: "欧阳小明", 2: "莲花湖社区", 3: "来电"}),
            ("findings", self.findings, {0: "严重", 1: "第10项", 2: "430623101-2026-000123"}),
        ):
            table = work_table()
            table.setModel(model)
            fit_columns(table, samples)
            table.activated.connect(lambda index, k=key: self._on_activated(k, index))
            self.tables[key] = table
            self.tabs.addTab(table, "")
        self.dashboard.cases_table.setMaximumWidth(16777215)
        self.tabs.addTab(self.dashboard.cases_table, self.tr("By &state"))
        self._retitle()

        self.status = QLabel()
        self.backup_reminder = BackupReminderBar(ws)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.addWidget(self.dashboard)
        layout.addSpacing(8)
        layout.addWidget(self.backup_reminder)
        layout.addWidget(self.status)  # the day's summary, just above the lists it sums up
        layout.addWidget(self.refused)
        layout.addWidget(self.tabs, 1)

    # ---------------------------------------------------------------- columns

    def _case_columns(self) -> list[ColumnSpec[CaseLine]]:
        return [
            ColumnSpec(
                self.tr("Time left"), lambda c: working_days_text(c.days_left, c.due, c.note), tone=_case_tone
            ),
            ColumnSpec(self.tr("Due"), lambda c: show_date(c.due)),
            ColumnSpec(self.tr("Time limit"), lambda c: c.deadline, tooltip=lambda c: c.basis),
            name_column(self.tr("Head of household"), lambda c: c.head_name),
            *([ColumnSpec(self.tr("Township"), lambda c: c.township)] if self.ws.is_county else []),
            ColumnSpec(self.tr("Village"), lambda c: c.village),
            ColumnSpec(self.tr("Programme"), lambda c: c.program_label),
            ColumnSpec(self.tr("State"), lambda c: c.state_label),
            ColumnSpec(self.tr("Case number"), lambda c: c.case_number),
        ]

    def _case_samples(self) -> list[str]:
        """What each case column must fit (a time left with its note, the longest state)."""
        samples = [
            "2026年12月6日到期（截止日为周日）",
            "2026年12月31日",
            "调查核实并提出初审意见",
            "欧阳小明",
        ]
        samples += ["梅田湖镇"] if self.ws.is_county else []
        return [*samples, "莲花湖社区", "特困供养", "拟批准公示有异议"]

    def _notice_columns(self) -> list[ColumnSpec[NoticeLine]]:
        return [
            ColumnSpec(
                self.tr("Time left"), lambda n: calendar_days_text(n.days_left, n.note), tone=_notice_tone
            ),
            ColumnSpec(
                self.tr("Period"),
                lambda n: self.tr("{start} to {end}").format(
                    start=show_date(n.starts_on), end=show_date(n.ends_on)
                ),
            ),
            ColumnSpec(self.tr("Village"), lambda n: n.village),
            ColumnSpec(self.tr("Notice"), lambda n: n.kind_label),
            ColumnSpec(self.tr("Households"), lambda n: str(len(n.case_ids)), right=True),
            ColumnSpec(self.tr("Heads of household"), lambda n: "、".join(n.heads)),
        ]

    def _objection_columns(self) -> list[ColumnSpec[ObjectionLine]]:
        return [
            ColumnSpec(self.tr("Received"), lambda o: show_date(o.received_on)),
            name_column(self.tr("Head of household"), lambda o: o.head_name),
            ColumnSpec(self.tr("Village"), lambda o: o.village),
            ColumnSpec(self.tr("Channel"), lambda o: o.channel),
            ColumnSpec(self.tr("Objection"), lambda o: o.content),
        ]

    def _finding_columns(self) -> list[ColumnSpec[Finding]]:
        return [
            ColumnSpec(self.tr("Severity"), lambda f: f.severity.label, tone=_finding_tone),
            ColumnSpec(self.tr("Check"), lambda f: self.tr("Item {n}").format(n=f.item)),
            ColumnSpec(self.tr("About"), lambda f: f.subject),
            ColumnSpec(self.tr("Finding"), lambda f: f.reason),
        ]

    def _retitle(self) -> None:
        titles = [
            self.tr("&Deadlines ({n})").format(n=self.cases.rowCount()),
            self.tr("Re&views due ({n})").format(n=self.reviews.rowCount()),
            self.tr("&Notices running ({n})").format(n=self.notices.rowCount()),
            self.tr("Ob&jections ({n})").format(n=self.objections.rowCount()),
            self.tr("Chec&k findings ({n})").format(n=self.findings.rowCount()),
        ]
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)

    # ---------------------------------------------------------------- loading

    def load(self) -> None:
        """Read the counts and today's work (the counts' own 刷新 button calls ``refresh`` too)."""
        self.status.setText(self.tr("Loading today's work…"))
        self.read(lambda uow: worklist.today_work(uow, self.actor), self._on_loaded, key="today")

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.dashboard.refresh_button.setEnabled(not busy)

    @Slot(object)
    def _on_loaded(self, work: TodayWork) -> None:
        self.dashboard.show_counts(work.counts)
        self.cases.set_rows(work.cases)
        self.reviews.set_rows(work.reviews)
        self.notices.set_rows(work.notices)
        self.objections.set_rows(work.objections)
        self.findings.set_rows(work.findings)
        self._retitle()
        overdue = sum(1 for c in work.cases if c.days_left is not None and c.days_left < 0)
        soon = sum(1 for c in work.cases if c.days_left is not None and 0 <= c.days_left <= 3)
        late_reviews = sum(1 for r in work.reviews if r.days < 0)
        self.status.setText(
            self.tr(
                "As of {day}: {overdue} applications overdue, {soon} due within 3 working days; "
                "{reviews} reviews overdue; {objections} objections open."
            ).format(
                day=show_date(clock.today()),
                overdue=overdue,
                soon=soon,
                reviews=late_reviews,
                objections=len(work.objections),
            )
        )
        self.loaded.emit()

    def _on_activated(self, key: str, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, ReviewLine):
            self.open_review.emit(row.case_id)
        elif isinstance(row, NoticeLine):
            self.open_case.emit(row.case_ids[0])
        elif isinstance(row, CaseLine | ObjectionLine):
            self.open_case.emit(row.case_id)
        elif isinstance(row, Finding) and row.record_kind == "case":
            self.open_case.emit(row.record_id)


def _case_tone(line: CaseLine) -> str | None:
    return days_tone(line.days_left)


def _notice_tone(line: NoticeLine) -> str | None:
    return "soon" if 0 <= line.days_left <= 1 else None


def _finding_tone(finding: Finding) -> str | None:
    return {Severity.SEVERE: "overdue", Severity.WARNING: "soon"}.get(finding.severity)
