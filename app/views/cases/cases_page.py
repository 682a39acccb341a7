"""申请办理: open applications, most urgent first, beside the chosen case's workspace; new applications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import Role
from app.domain.workflow import CaseState
from app.services.cases import worklist
from app.services.cases.worklist import CaseLine
from app.services.context import TOWNSHIP_ROLES
from app.views import tasks
from app.views.cases import CASE_TABLES
from app.views.cases.workspace import CaseWorkspace
from app.views.page import Page
from app.views.tablemodels.rows import ROW_ROLE, SORT_ROLE, ColumnSpec, RowsTableModel, days_tone, name_column
from app.views.widgets.forms import (
    fit_columns,
    list_working_days_text,
    widen_to_contents,
    work_table,
    working_days_text,
)
from app.views.widgets.table_actions import TableActions
from app.views.workspace import Workspace

if TYPE_CHECKING:  # the wizard (and pypinyin under it) loads on first use, not at start-up
    from app.services.intake.window import Created
    from app.views.intake.wizard import IntakeWizard


OPEN = "open"  # the state filter's first choice: the applications not yet decided
NO_LIMIT = 10**6  # sorts the cases with no time limit running after every count of days left


class CasesPage(Page):
    """The open cases of the user's area, most urgent first; choosing one shows it in the workspace."""

    CONCERNS = CASE_TABLES

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self._wanted: str | None = None
        self._has_rows = False
        self.wizard: IntakeWizard | None = None
        self.workspace = CaseWorkspace(ws)
        self.workspace.status_message.connect(self.status_message)

        self.new_button = QPushButton(self.tr("&New application…"))
        self.new_button.setShortcut(QKeySequence.StandardKey.New)
        self.new_button.clicked.connect(lambda _checked=False: self.new_application())
        role = ws.actor.role
        if role not in TOWNSHIP_ROLES and role is not Role.ADMIN:
            self.new_button.setEnabled(False)
            self.new_button.setToolTip(
                self.tr("Applications are taken by the township office; {role} may read and print.").format(
                    role=role.label
                )
            )
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("name, village or case number"))
        filter_label = QLabel(self.tr("Fi&lter:"))
        filter_label.setBuddy(self.filter_edit)
        self.state_combo = QComboBox()
        self.state_combo.addItem(self.tr("Open applications"), OPEN)
        self.state_combo.addItem(self.tr("All cases"), None)
        for state in CaseState:
            self.state_combo.addItem(state.label, state.value)
        self.state_combo.setToolTip(self.tr("Which cases the list shows"))

        self.model = RowsTableModel[CaseLine](
            [
                ColumnSpec(
                    self.tr("Time left"),
                    lambda c: list_working_days_text(c.days_left, c.due),
                    tone=_tone,
                    tooltip=_time_left_tip,  # the limit's name, the whole date and the day off it falls on
                    sort=lambda c: c.days_left if c.days_left is not None else NO_LIMIT,
                ),
                name_column(self.tr("Head of household"), lambda c: c.head_name),
                # places in the division's order (by code), states in the procedure's order
                *(
                    [ColumnSpec(self.tr("Township"), lambda c: c.township, sort=lambda c: c.village_code)]
                    if ws.is_county
                    else []
                ),
                ColumnSpec(self.tr("Village"), lambda c: c.village, sort=lambda c: c.village_code),
                ColumnSpec(self.tr("State"), lambda c: c.state_label, sort=_state_order),
                ColumnSpec(self.tr("Programme"), lambda c: c.program_label),
                ColumnSpec(self.tr("Case number"), lambda c: c.case_number),
            ],
            self,
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SORT_ROLE)  # names by pinyin, time left by days
        self.table = work_table()
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order
        self.table.setSortingEnabled(True)
        samples = [
            "逾期99个工作日",
            "欧阳小明",
            *(["梅田湖镇"] if ws.is_county else []),
            "莲花湖社区",
        ]
        samples += ["拟批准公示有异议", "特困供养", "430623101-2026-000123"]
        fit_columns(self.table, dict(enumerate(samples)))
        self._time_left_width = self.table.columnWidth(0)
        self.count_label = QLabel()
        self.list_actions = TableActions(
            self,
            self.table,
            title=self.tr("Applications"),
            table_name="case_file",
            on_open=self._open_row,
            on_print=self._print_row,
            filters=self._filter_text,
        )

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addSpacing(12)
        bar.addWidget(self.state_combo)
        bar.addWidget(filter_label)
        bar.addWidget(self.filter_edit, 1)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.list_actions.export_button)
        left_layout.addLayout(footer)
        left_layout.addWidget(self.refused)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.workspace)
        self.splitter.setStretchFactor(1, 1)
        # The columns, the margins and frame (40), and the scroll bar that a long list shows.
        scroll_bar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        list_width = sum(self.table.columnWidth(c) for c in range(self.model.columnCount())) + 40 + scroll_bar
        self.splitter.setSizes([list_width, 1366 - list_width])
        self.splitter.setCollapsible(0, False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.state_combo.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(lambda _index: self.workspace.setFocus())

    # ---------------------------------------------------------------- loading

    def load(self) -> None:
        if not self._has_rows:
            tasks.run(_warm_up_intake)
        self.count_label.setText(self.tr("Loading…"))
        actor, state = self.actor, self.state_combo.currentData()
        if state == OPEN:
            self.read(lambda uow: worklist.open_cases(uow, actor), self._on_loaded, key="cases")
        else:
            self.read(lambda uow: worklist.all_cases(uow, actor, state), self._on_loaded, key="cases")

    @Slot(object)
    def _on_loaded(self, lines: list[CaseLine]) -> None:
        current = self.workspace.snapshot.case_id if self.workspace.snapshot else None
        self.model.set_rows(lines)
        widen_to_contents(self.table, 0, self._time_left_width)  # 逾期1215个工作日 (all cases) is not cut
        self._has_rows = True
        overdue = sum(1 for c in lines if c.days_left is not None and c.days_left < 0)
        if self.state_combo.currentData() == OPEN:
            text = self.tr("{n} open applications, {overdue} overdue").format(n=len(lines), overdue=overdue)
        else:
            text = self.tr("{n} cases").format(n=len(lines))
        self.count_label.setText(text)
        self._select(self._wanted or current)
        self._wanted = None
        self.loaded.emit()

    def _select(self, case_id: str | None) -> None:
        if case_id is None:
            return
        for row in range(self.proxy.rowCount()):
            line = self.proxy.index(row, 0).data(ROW_ROLE)
            if line.case_id == case_id:
                self.table.selectRow(row)
                return
        self.workspace.show_case(case_id)  # not an open application (e.g. a household being paid)

    def open_case(self, case_id: str) -> None:
        """Show a case chosen elsewhere (工作台, 动态管理)."""
        if not self._has_rows:
            self._wanted = case_id
            return
        self.filter_edit.clear()
        self._select(case_id)

    def _open_row(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.workspace.setFocus()

    def _print_row(self, index: QModelIndex) -> None:
        self.print_case(index.data(ROW_ROLE).case_id)

    def print_case(self, case_id: str) -> None:
        """Show the case, then its print menu (the forms it can print depend on its state)."""
        if self.workspace.snapshot is not None and self.workspace.snapshot.case_id == case_id:
            QTimer.singleShot(0, self.workspace.print_button.showMenu)
            return
        self.workspace.loaded.connect(self._print_when_loaded, Qt.ConnectionType.SingleShotConnection)
        self.open_case(case_id)

    @Slot()
    def _print_when_loaded(self) -> None:
        QTimer.singleShot(0, self.workspace.print_button.showMenu)

    def _filter_text(self) -> str:
        parts = [self.state_combo.currentText(), self.filter_edit.text().strip()]
        return self.tr("Filter: {filter}").format(filter="；".join(p for p in parts if p))

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            line = indexes[0].data(ROW_ROLE)
            if self.workspace.snapshot is None or self.workspace.snapshot.case_id != line.case_id:
                self.workspace.show_case(line.case_id)

    # ---------------------------------------------------------------- new applications

    @Slot()
    def new_application(self, id_number: str = "") -> IntakeWizard | None:
        """Open the intake wizard; with ``id_number`` (a household on file) it looks the person up."""
        if not self.new_button.isEnabled():
            return None
        from app.views.intake.wizard import IntakeWizard

        self.wizard = IntakeWizard(self.ws, self)
        self.wizard.created_case.connect(self._on_created)
        self.wizard.open()
        if id_number:
            self.wizard.lookup_page.id_edit.setText(id_number)
            self.wizard.lookup_page.look_up()
        return self.wizard

    @Slot(object)
    def _on_created(self, created: Created) -> None:
        self._wanted = created.case_id
        self.show_status(self.tr("Application {number} saved.").format(number=created.case_number))


def _warm_up_intake(progress: tasks.Progress, cancel: tasks.CancelFlag) -> None:
    """Import the intake services (pypinyin takes ~0.3 s) off the GUI thread before 新申请 is pressed."""
    import app.services.intake.window  # noqa: F401


def _time_left_tip(line: CaseLine) -> str:
    left = working_days_text(line.days_left, line.due, line.note)
    return f"{line.deadline}：{left}" if line.deadline and left else left


def _state_order(line: CaseLine) -> int:
    """A state's place in the procedure (申请 before 受理 before … 在保), unknown states last."""
    order = list(CaseState)
    return next((n for n, s in enumerate(order) if s.value == line.state), len(order))


def _tone(line: CaseLine) -> str | None:
    return days_tone(line.days_left)
