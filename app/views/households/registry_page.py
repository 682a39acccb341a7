"""家庭档案: search as you type, filter by village, programme and case state, open a household."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import Program, Role
from app.domain.workflow import CaseState
from app.services.context import TOWNSHIP_ROLES
from app.services.households import registry
from app.services.households.registry import HouseholdDetail, RegistryFilter, RegistryRow
from app.services.intake import ledger
from app.services.intake.ledger import ExportResult
from app.views import tasks
from app.views.households.household_dialog import HouseholdDialog
from app.views.households.households_model import SORT_KEYS, Column, HouseholdTableModel
from app.views.ops import Job
from app.views.page import Page
from app.views.widgets.table_actions import AllRows, TableActions
from app.views.workspace import Workspace

if TYPE_CHECKING:
    from app.models.db import UnitOfWork

DEBOUNCE_MS = 200
FIRST_BATCH = 64  # a screenful or two; the rest comes by fetchMore as the clerk scrolls
BATCH = 200
SAMPLE_TEXT = {  # what each column must fit, for its initial width
    Column.VILLAGE: "莲花湖社区",
    Column.HEAD: "欧阳小明明",
    Column.ID_NUMBER: "43062319850305211X",
    Column.MEMBERS: "人口数",
    Column.PROGRAM: "特困供养",
    Column.STATE: "核对不符已告知",
    Column.AMOUNT: "12,345.00",
    Column.TOWNSHIP: "梅田湖镇",
}


class RegistryPage(Page):
    """The registry screen; every query is a read of ``app.services.households.registry`` in the actor's area.

    Signals: ``results_shown`` (a search's first rows are on screen), ``count_shown`` (its count),
    ``loaded`` (both are), ``detail_shown`` (a household's dialog opened), ``ledger_exported``.
    """

    CONCERNS = frozenset({"household", "person", "case_file", "benefit", "area"})

    results_shown = Signal()
    count_shown = Signal(int)
    detail_shown = Signal()
    ledger_exported = Signal(object)  # ExportResult
    open_case = Signal(str)  # a case chosen in a household's window
    print_case = Signal(str)  # the same, to print its forms
    new_application = Signal(str)  # the ID number of the head of the household it is for

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.editor: QWidget | None = None
        self._wanted_area: str | None = None
        self._order = "village"
        self._filter = RegistryFilter()
        self._search_tasks: list[tasks.TaskHandle[Any]] = []
        self._more_task: tasks.TaskHandle[list[RegistryRow]] | None = None
        self._more_request = (0, 0)
        self._total: int | None = None
        self._waiting = 0  # the current search's reads (first page, count) still to land
        self._go_to_results = False
        self.detail_dialog: HouseholdDialog | None = None
        self.masks_id_numbers = ws.signed_in.masks_id_numbers

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Name, pinyin initials (zs) or ID number (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(320)
        self.village_combo = QComboBox()
        self.village_combo.addItem(self.tr("All villages"), None)
        self.program_combo = QComboBox()
        self.program_combo.addItem(self.tr("All programmes"), None)
        for program in Program:
            self.program_combo.addItem(program.label, program.value)
        self.state_combo = QComboBox()
        self.state_combo.addItem(self.tr("All case states"), None)
        for state in CaseState:
            self.state_combo.addItem(state.label, state.value)
        self.count_label = QLabel()

        filters = QHBoxLayout()
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search_edit)
        filters.addWidget(search_label)
        filters.addWidget(self.search_edit, 1)
        for text, combo in (
            (self.tr("&Village:"), self.village_combo),
            (self.tr("&Programme:"), self.program_combo),
            (self.tr("Sta&te:"), self.state_combo),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)

        self.model = HouseholdTableModel(self, batch_size=BATCH, mask_ids=self.masks_id_numbers)
        self.table = QTableView()
        self.table.setModel(self.model)
        self._setup_table()
        self.list_actions = TableActions(
            self,
            self.table,
            title=self.tr("Household files"),
            table_name="household",
            on_open=self._open_household,
            filters=self._filter_text,
            all_rows=self._all_rows,
        )
        filters.addWidget(self.list_actions.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.refused)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search)
        self.search_edit.textChanged.connect(self._debounce.start)
        self.search_edit.returnPressed.connect(self._on_return_pressed)
        for combo in (self.village_combo, self.program_combo, self.state_combo):
            combo.currentIndexChanged.connect(self.search)
        self.model.more_requested.connect(self._load_more)
        self.table.activated.connect(self._open_household)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_changed)

    def _setup_table(self) -> None:
        table = self.table
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setCornerButtonEnabled(False)
        metrics = table.fontMetrics()
        table.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(Column.VILLAGE, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(True)  # the amount takes the spare width: no blank band on the right
        for column, sample in SAMPLE_TEXT.items():
            title = self.model.column_title(column)
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title) + 16) + 24
            table.setColumnWidth(column, width)
        if self.ws.is_county:
            header.moveSection(header.visualIndex(Column.TOWNSHIP), 0)
        else:
            table.setColumnHidden(Column.TOWNSHIP, True)

    # ---------------------------------------------------------------- loading and searching

    def load(self) -> None:
        """The village filter's areas, then the search as it stands (first show, F5, a change elsewhere)."""
        actor = self.actor
        self.read(lambda uow: registry.filter_areas(uow, actor), self._on_villages)
        self.search()

    def show_area(self, code: str) -> None:
        """Filter on a village or a township (from the county's dashboard)."""
        index = self.village_combo.findData(code)
        if index >= 0:
            self.village_combo.setCurrentIndex(index)
        else:  # the list is still loading
            self._wanted_area = code

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def current_filter(self) -> RegistryFilter:
        return RegistryFilter(
            text=self.search_edit.text().strip(),
            village_code=self.village_combo.currentData(),
            program=self.program_combo.currentData(),
            state=self.state_combo.currentData(),
        )

    @Slot()
    def search(self) -> None:
        """Start a new search with the current text, filters and order; a newer one supersedes it."""
        self._debounce.stop()
        self._cancel_more()
        flt, order, actor = self.current_filter(), self._order, self.actor
        self._filter = flt
        self._total = None
        self._waiting = 2
        self.count_label.setText(self.tr("Searching…"))
        rows, counted = Job(), Job()
        self._search_tasks = [
            self.read(
                lambda uow: registry.page(uow, actor, flt, 0, FIRST_BATCH, order, cancel=rows.cancelled),
                self._on_first_page,
                job=rows,
                key="search",
            ),
            self.read(
                lambda uow: registry.count(uow, actor, flt, cancel=counted.cancelled),
                self._on_count,
                job=counted,
                key="search.count",
            ),
        ]

    def cancel_work(self) -> None:
        """Stop the searches still running (the window is closing)."""
        for task in self._search_tasks:
            task.cancel()
        self._search_tasks = []
        self._cancel_more()

    def _cancel_more(self) -> None:
        if self._more_task is not None:
            self._more_task.cancel()
            self._more_task = None
            self.model.fetch_ended(self._more_request[0])

    @Slot(object)
    def _on_first_page(self, rows: list[RegistryRow]) -> None:
        self.model.reset_rows(rows, complete=len(rows) < FIRST_BATCH)
        if self._total is not None:
            self.model.set_total(self._total)
        if not rows:
            self.count_label.setText(self.tr("No household matches."))
        if self._go_to_results:
            self._focus_first_row()
        self.results_shown.emit()
        self._landed()

    @Slot(object)
    def _on_count(self, total: int) -> None:
        if total > registry.COUNT_CAP:  # counted up to the cap only: the rows go on until a short batch
            self.count_label.setText(self.tr("{cap}+ households").format(cap=registry.COUNT_CAP))
            self.count_shown.emit(total)
            self._landed()
            return
        self._total = total
        self.model.set_total(total)
        if total:
            self.count_label.setText(self.tr("%n household(s)", "", total))
        self.count_shown.emit(total)
        self._landed()

    def _landed(self) -> None:
        self._waiting -= 1
        if self._waiting == 0:
            self.loaded.emit()

    @Slot(int, int, int)
    def _load_more(self, generation: int, offset: int, limit: int) -> None:
        flt, order, actor, job = self._filter, self._order, self.actor, Job()
        self._more_request = (generation, offset)
        self._more_task = self.read(
            lambda uow: registry.page(uow, actor, flt, offset, limit, order, cancel=job.cancelled),
            self._on_more,
            job=job,
            key="more",
        )
        self._more_task.finished.connect(self._on_more_finished)

    @Slot(object)
    def _on_more(self, rows: list[RegistryRow]) -> None:
        generation, offset = self._more_request
        self.model.append_rows(generation, offset, rows)

    @Slot()
    def _on_more_finished(self) -> None:
        self.model.fetch_ended(self._more_request[0])

    @Slot()
    def _on_return_pressed(self) -> None:
        """Enter in the search box: search now if a search is waiting, then go to the first row."""
        if self._debounce.isActive() or any(not task.is_finished for task in self._search_tasks[:1]):
            self._go_to_results = True
            if self._debounce.isActive():
                self.search()
        else:
            self._focus_first_row()

    def _focus_first_row(self) -> None:
        self._go_to_results = False
        if self.model.rowCount() > 0:
            self.table.setFocus()
            self.table.selectRow(0)

    @Slot(int, Qt.SortOrder)
    def _on_sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        key = SORT_KEYS.get(Column(section))
        header = self.table.horizontalHeader()
        if key is None:  # not sortable in SQL: put the indicator back
            current = next(c for c, k in SORT_KEYS.items() if k == self._order.lstrip("-"))
            descending = self._order.startswith("-")
            header.blockSignals(True)
            header.setSortIndicator(
                current, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            )
            header.blockSignals(False)
            self.show_status(self.tr("This column cannot be sorted."))
            return
        self._order = ("-" if order == Qt.SortOrder.DescendingOrder else "") + key
        self.search()

    # ---------------------------------------------------------------- villages and details

    @Slot(object)
    def _on_villages(self, villages: list[tuple[str, str, bool]]) -> None:
        """Fill the village filter (again after a change), keeping the area chosen."""
        chosen = self.village_combo.currentData()
        combo = self.village_combo
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for code, name, township in villages:
            combo.addItem(self.tr("{township} (all)").format(township=name) if township else name, code)
        if len(villages) == 1 and villages[0][0] == self.actor.area_code:  # a village cadre: their village
            combo.setCurrentIndex(1)
            combo.setEnabled(False)
        else:
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)
        self.model.set_townships({code[:9]: name for code, name, township in villages if township})
        if chosen is not None and combo.findData(chosen) < 0:  # the area chosen is gone: search without it
            self.search()
        wanted, self._wanted_area = self._wanted_area, None
        if wanted is not None:
            self.show_area(wanted)

    @Slot(QModelIndex)
    def _open_household(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_household(self.model.row_at(index.row()).household_id)

    def open_household(self, household_id: str) -> None:
        """Show a household's window: its members and all its cases, whatever their state."""
        actor = self.actor
        self.read(lambda uow: registry.detail(uow, actor, household_id), self._on_detail)

    def edit_household(self, household_id: str) -> None:
        """Open the household's file for editing; this list refreshes itself when the file changes."""
        from app.views.households.editor import open_household_editor

        self.editor = open_household_editor(self.ws, household_id, self)

    def _takes_applications(self) -> bool:
        """Whether 新申请 is offered (the intake service refuses other roles whatever is offered)."""
        return self.actor.role in TOWNSHIP_ROLES or self.actor.role is Role.ADMIN

    @Slot(object)
    def _on_detail(self, detail: HouseholdDetail) -> None:
        edit = self.edit_household if self.ws.paths is not None else None
        self.detail_dialog = HouseholdDialog(
            detail,
            mask_ids=self.masks_id_numbers,
            parent=self,
            on_edit=edit,
            on_open_case=self.open_case.emit,
            on_print_case=self.print_case.emit,
            on_new_application=self.new_application.emit if self._takes_applications() else None,
        )
        self.detail_dialog.open()
        self.detail_shown.emit()

    # ---------------------------------------------------------------- the list as shown, to a spreadsheet

    def _filter_text(self) -> str:
        parts = [self.search_edit.text().strip()]
        combos = (self.village_combo, self.program_combo, self.state_combo)
        parts += [combo.currentText() for combo in combos if combo.currentData() is not None]
        return self.tr("Filter: {filter}").format(filter="；".join(p for p in parts if p))

    def _all_rows(self) -> AllRows:
        """Every household the search finds (the table holds only the batches scrolled to)."""
        flt, order, actor, model = self._filter, self._order, self.actor, self.model
        columns = self.list_actions.visible_columns()

        def rows(uow: UnitOfWork) -> list[tuple[str, ...]]:
            total = registry.count(uow, actor, flt)
            found = registry.page(uow, actor, flt, 0, max(total, 1), order)
            return [tuple(model.text(row, c) for c in columns) for row in found]

        return rows

    # ---------------------------------------------------------------- the registry as a ledger

    def export_ledger(self, path: Path, village: str | None = None) -> tasks.TaskHandle[ExportResult]:
        """Write the registry (or one village) as an Excel ledger; the service audits the file."""
        actor = self.actor
        return self.write(
            lambda uow: ledger.export_ledger(uow, actor, path, village),
            self._on_ledger_exported,
            label=self.tr("Writing the ledger…"),
        )

    @Slot(object)
    def _on_ledger_exported(self, result: ExportResult) -> None:
        self.show_status(
            self.tr("Ledger written: {households} households, {persons} persons.").format(
                households=result.households, persons=result.persons
            )
        )
        self.ledger_exported.emit(result)
