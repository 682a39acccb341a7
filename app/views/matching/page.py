"""信息比对 at the county: import another department's list, then clear or act on the flags it raised.

Every read and write is an operation off the GUI thread; the import shows a progress dialog whose Stop
writes nothing. 处理 first shows a dry run of what it will do (in ``ActFlagDialog``).
"""

from __future__ import annotations

import html
from pathlib import Path

import shiboken6
from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import Role
from app.errors import UserError
from app.services.context import COUNTY_ROLES
from app.services.matching import actions, lists, queue
from app.services.matching.lists import KIND_LABELS, MatchImport
from app.services.matching.queue import FlagLine
from app.views import tasks
from app.views.matching.dialogs import ActFlagDialog, ClearFlagDialog, FlagDetail
from app.views.matching.flags_model import Column, MatchFlagsModel
from app.views.matching.import_dialog import ImportListDialog
from app.views.ops import Job
from app.views.page import Page
from app.views.widgets.forms import fit_columns, heading, work_table
from app.views.widgets.table_actions import TableActions
from app.views.workspace import Workspace


def _dispose(dialog: QDialog | None) -> None:
    """The page keeps its last dialog of each kind (tests and late results reach it); older ones go."""
    if dialog is not None:
        dialog.deleteLater()


class MatchingPage(Page):
    """The flag queue beside its detail; ``open_case`` asks the window for the case workspace.

    Signals: ``loaded`` (the queue is on screen), ``imported(MatchImport)``, ``flag_cleared(str)`` and
    ``flag_acted(str)`` (the flag's id), ``status_message(str)`` (refusals too, also shown on the page).
    """

    CONCERNS = frozenset({"match_flag", "match_list", "household", "person", "case_file", "area"})

    open_case = Signal(str)  # case id
    imported = Signal(object)  # MatchImport
    flag_cleared = Signal(str)  # flag id
    flag_acted = Signal(str)  # flag id

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self._keep: tuple[str | None, int | None] = (None, None)  # (flag id, row) to select after a reload
        self.clear_dialog: ClearFlagDialog | None = None
        self.act_dialog: ActFlagDialog | None = None
        self.import_dialog: ImportListDialog | None = None
        role = ws.actor.role
        self.may_act = ws.is_county and (role in COUNTY_ROLES or role is Role.ADMIN)
        if not ws.is_county:
            self.read_only_reason = self.tr("Data matching is done at the county master, not at a station.")
        elif not self.may_act:
            self.read_only_reason = self.tr(
                "Only county staff and the county head may import lists and clear or act on flags; "
                "{role} may read them."
            ).format(role=role.label)
        else:
            self.read_only_reason = ""

        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All lists"), "")
        for key, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, key)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.import_button = QPushButton(self.tr("&Import a list…"))
        self.import_button.setEnabled(self.may_act)
        self.notice = QLabel(self.read_only_reason)
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(self.read_only_reason))

        self.model = MatchFlagsModel(self)
        self.table = work_table()
        self.table.setModel(self.model)
        fit_columns(
            self.table,
            {
                0: "住房公积金",
                1: "治河渡镇 莲花湖社区",
                2: "欧阳小明",
                3: "欧阳小明",
                4: "**************1234",
            },
        )
        fit_columns(self.table, {5: self.tr("Household member"), int(Column.FOUND): "2026年12月31日"})
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # deaths first
        self.table.setSortingEnabled(True)
        self.detail = FlagDetail()
        self.clear_button = QPushButton(self.tr("&Clear…"))
        self.clear_button.setShortcut(QKeySequence("Ctrl+D"))
        self.clear_button.setToolTip(self.tr("The finding does not affect the assistance (Ctrl+D)"))
        self.act_button = QPushButton(self.tr("&Act…"))
        self.act_button.setShortcut(QKeySequence("Ctrl+E"))
        self.act_button.setToolTip(
            self.tr("Stop the share of a deceased person, or schedule a review (Ctrl+E)")
        )
        self.case_button = QPushButton(self.tr("&Open the case"))
        self.case_button.setShortcut(QKeySequence("Ctrl+O"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result = QLabel()  # what the last import or action did
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list_actions = TableActions(
            self,
            self.table,
            title=self.tr("Data matching"),
            table_name="match_flag",
            on_open=lambda index: self.open_detail(),
            filters=self.kind_combo.currentText,
        )
        self._lay_out()

        self.kind_combo.currentIndexChanged.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.import_button.clicked.connect(self.choose_list)
        self.clear_button.clicked.connect(self.request_clear)
        self.act_button.clicked.connect(self.request_act)
        self.case_button.clicked.connect(self._open_case)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(lambda _index: self.open_detail())
        self._show_line(None)

    def _lay_out(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        top = QHBoxLayout()
        kind_label = QLabel(self.tr("&List:"))
        kind_label.setBuddy(self.kind_combo)
        top.addWidget(kind_label)
        top.addWidget(self.kind_combo)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.list_actions.export_button)
        top.addWidget(self.import_button)
        left_layout.addWidget(heading(self.tr("Data matching")))
        left_layout.addWidget(self.notice)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.refused)
        left_layout.addWidget(self.result)
        left_layout.addWidget(self.status)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 8, 8, 8)
        right_layout.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        for button in (self.clear_button, self.act_button, self.case_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([1000, 420])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    # ---------------------------------------------------------------- the queue

    def load(self) -> None:
        """The open flags (of the kind chosen), keeping the selection (or its row) across the reload."""
        line = self.selected_line()
        rows = self.table.selectionModel().selectedRows()
        if self._keep == (None, None):
            self._keep = (line.id if line else None, rows[0].row() if rows else None)
        actor, kind = self.actor, str(self.kind_combo.currentData() or "") or None
        self.status.setText(self.tr("Loading…"))
        self.read(lambda uow: queue.flag_lines(uow, actor, kind), self._on_loaded, key="load")

    def _on_loaded(self, lines: list[FlagLine]) -> None:
        self.model.set_lines(lines)
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        deaths = sum(1 for line in lines if line.kind == "death")
        self.status.setText(
            self.tr("{n} open flags, {deaths} from death lists").format(n=len(lines), deaths=deaths)
        )
        flag_id, row = self._keep
        self._keep = (None, None)
        found = self.model.row_of(flag_id) if flag_id else None
        if found is None and row is not None and lines:
            found = min(row, len(lines) - 1)
        if found is not None:
            self.table.selectRow(found)
        self._show_line(self.selected_line())
        self.loaded.emit()

    def selected_line(self) -> FlagLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.line_at(rows[0].row()) if rows else None

    def select_flag(self, flag_id: str) -> bool:
        row = self.model.row_of(flag_id)
        if row is not None:
            self.table.selectRow(row)
        return row is not None

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_line(self.selected_line())

    def _show_line(self, line: FlagLine | None) -> None:
        self.clear_button.setEnabled(line is not None and self.may_act)
        self.act_button.setEnabled(line is not None and self.may_act)
        self.case_button.setEnabled(line is not None and bool(line.case_id))
        for button in (self.clear_button, self.act_button):
            button.setToolTip(self.read_only_reason or button.toolTip())
        self.detail.show_line(line)

    @Slot()
    def open_detail(self) -> None:
        """Enter on a row: make sure the detail is visible and move to it."""
        sizes = self.splitter.sizes()
        if len(sizes) == 2 and sizes[1] == 0:
            self.splitter.setSizes([sizes[0] * 7 // 10, sizes[0] * 3 // 10])
        self.detail.setFocus()

    @Slot()
    def _open_case(self) -> None:
        line = self.selected_line()
        if line is not None and line.case_id:
            self.open_case.emit(line.case_id)

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.import_button.setEnabled(self.may_act and not busy)

    def show_refused(self, error: UserError) -> None:
        super().show_refused(error)
        self.status.setText("")

    def _done(self, message: str, shown: str = "") -> None:
        """A finished import or action: its result below the table and in the status bar."""
        self.clear_refused()
        self.result.setText(shown or html.escape(message))
        self.show_status(message)

    # ---------------------------------------------------------------- 导入比对名单

    @Slot()
    def choose_list(self) -> None:
        """Ask for the kind and the file, then import it."""
        if not self.may_act:
            self.show_refused(UserError(self.read_only_reason))
            return
        _dispose(self.import_dialog)
        self.import_dialog = ImportListDialog(self, str(self.kind_combo.currentData() or "") or None)
        self.import_dialog.accepted.connect(self._on_list_chosen)
        self.import_dialog.open()

    @Slot()
    def _on_list_chosen(self) -> None:
        dialog = self.import_dialog
        if dialog is not None:
            self.import_list(dialog.kind(), dialog.path(), dialog.source())

    def import_list(self, kind: str, path: Path, source: str = "") -> tasks.TaskHandle[MatchImport]:
        """Import ``path`` as a list of ``kind`` off the GUI thread; Stop (or a refusal) writes nothing."""
        actor, job = self.actor, Job()
        handle = self.write(
            lambda uow: lists.import_list(
                uow, actor, kind, path, source=source, progress=job.progress, cancel=job.cancelled
            ),
            self._on_imported,
            label=self.tr("Matching {file} against the households receiving assistance…").format(
                file=path.name
            ),
            job=job,
        )
        handle.finished.connect(lambda: self._on_import_ended(handle))
        return handle

    def _on_import_ended(self, handle: tasks.TaskHandle[MatchImport]) -> None:
        if handle.cancel_flag and shiboken6.isValid(self):  # stopped: the op reports nothing else
            self.show_status(self.tr("The import was stopped; nothing was written."))

    def _on_imported(self, result: MatchImport) -> None:
        text = self.import_summary(result)
        self._done(text, "<br>".join([html.escape(text), *(html.escape(p) for p in result.problems)]))
        self.imported.emit(result)

    def import_summary(self, result: MatchImport) -> str:
        return self.tr(
            "{list}: {rows} rows read ({unreadable} unreadable); {matched} matches, "
            "{new} new flags, {already} already flagged."
        ).format(
            list=KIND_LABELS.get(result.kind, result.kind),
            rows=result.rows,
            unreadable=result.unreadable,
            matched=result.matched,
            new=result.new_flags,
            already=result.already,
        )

    # ---------------------------------------------------------------- 核销 and 处理

    @Slot()
    def request_clear(self) -> None:
        line = self.selected_line()
        if line is None or not self.may_act:
            return
        _dispose(self.clear_dialog)
        self.clear_dialog = ClearFlagDialog(line, self)
        self.clear_dialog.accepted.connect(self._on_clear_accepted)
        self.clear_dialog.open()

    @Slot()
    def _on_clear_accepted(self) -> None:
        if self.clear_dialog is not None:
            self.clear_flag(self.clear_dialog.line.id, self.clear_dialog.note())

    def clear_flag(self, flag_id: str, note: str) -> None:
        actor = self.actor
        self.write(lambda uow: actions.clear_flag(uow, actor, flag_id, note).id, self._on_cleared)

    def _on_cleared(self, flag_id: str) -> None:
        self._done(self.tr("The flag was cleared."))
        self.flag_cleared.emit(flag_id)

    @Slot()
    def request_act(self) -> None:
        """Open the 处理 dialog; it shows a dry run of what will happen before it may be confirmed."""
        line = self.selected_line()
        if line is None or not self.may_act:
            return
        _dispose(self.act_dialog)
        dialog = self.act_dialog = ActFlagDialog(self.ws, line, self)
        dialog.acted.connect(self._on_acted)
        dialog.open()
        dialog.preview()

    @Slot(str, list)
    def _on_acted(self, flag_id: str, messages: list[str]) -> None:
        self._done("；".join(messages) or self.tr("The flag was handled."))
        self.flag_acted.emit(flag_id)
