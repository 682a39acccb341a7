"""保障标准: the county's standards table (by year) with its add/edit dialog, and the benefit-rule form.

Stations and county users without the right see the same screen read-only, with the reason; the
services refuse their writes anyway. Every database call is an operation of the page.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.domain.benefit import BenefitRules
from app.domain.money import yuan
from app.errors import UserError
from app.services.setup import standards
from app.services.setup.standards import EditorView, StandardInput, StandardRow
from app.views.page import Page
from app.views.setup.benefit_rules_form import BenefitRulesForm
from app.views.setup.standard_dialog import StandardDialog
from app.views.setup.standards_model import StandardsModel
from app.views.widgets.forms import ErrorLabel, show_date, stretch_column, work_table
from app.views.workspace import Workspace


class StandardsEditor(Page):
    """The standards and the benefit rules; ``status_message`` reports saves and refusals."""

    CONCERNS = frozenset({"standard", "setting", "area"})
    saved = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self._areas: list[tuple[str, str]] = []
        self.dialog: StandardDialog | None = None
        self.editable = standards.may_edit(ws.kind, ws.actor.role)

        self.read_only_note = QLabel(self._read_only_reason())
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet("color: #6b6b6b;")
        self.read_only_note.setVisible(not self.editable)

        self.year_combo = QComboBox()
        self.year_combo.addItem(self.tr("All years"), None)
        self.year_combo.currentIndexChanged.connect(self._on_year_changed)
        self.new_button = QPushButton(self.tr("&New standard…"))
        self.new_button.clicked.connect(self.new_standard)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.clicked.connect(self._on_delete_clicked)
        bar = QHBoxLayout()
        year_label = QLabel(self.tr("&Year:"))
        year_label.setBuddy(self.year_combo)
        bar.addWidget(year_label)
        bar.addWidget(self.year_combo)
        bar.addStretch(1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            bar.addWidget(button)

        self.model = StandardsModel(self)
        self.table = work_table()
        self.table.setModel(self.model)
        stretch_column(self.table, StandardsModel.NOTE)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._on_double_clicked)
        standards_box = QGroupBox(self.tr("Standards"))
        standards_layout = QVBoxLayout(standards_box)
        standards_layout.addLayout(bar)
        standards_layout.addWidget(self.table)

        self.rules_form = BenefitRulesForm()
        self.rules_form.setEnabled(self.editable)
        self.save_rules_button = QPushButton(self.tr("&Save the rules"))
        self.save_rules_button.clicked.connect(self.save_rules)
        self.save_rules_button.setEnabled(self.editable)
        self.rules_error = ErrorLabel()
        rules_inner = QWidget()
        rules_layout = QVBoxLayout(rules_inner)
        rules_layout.addWidget(self.rules_form)
        rules_layout.addWidget(self.rules_error)
        rules_layout.addWidget(self.save_rules_button)
        rules_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(rules_inner)
        rules_box = QGroupBox(self.tr("How the amount is calculated"))
        QVBoxLayout(rules_box).addWidget(scroll)

        columns = QHBoxLayout()
        columns.addWidget(standards_box, 3)
        columns.addWidget(rules_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.refused)
        layout.addLayout(columns)
        self._update_buttons()

    def _read_only_reason(self) -> str:
        if not self.ws.is_county:
            return self.tr(
                "Standards and calculation rules are set by the county bureau and arrive with its bundles; "
                "they can only be changed at the county."
            )
        if self.actor.role not in standards.EDITOR_ROLES:
            return self.tr("Only county staff, the county head or the administrator may change these.")
        return ""

    # ---------------------------------------------------------------- loading

    def load(self) -> None:
        year = self.selected_year()
        self.read(lambda uow: standards.editor_view(uow, self.actor, year), self._on_loaded, key="load")

    def selected_year(self) -> int | None:
        value = self.year_combo.currentData()
        return int(value) if value is not None else None

    @Slot(object)
    def _on_loaded(self, data: EditorView) -> None:
        self._areas = data.areas
        year = self.selected_year()
        self.year_combo.blockSignals(True)
        while self.year_combo.count() > 1:
            self.year_combo.removeItem(1)
        for y in data.years:
            self.year_combo.addItem(str(y), y)
        found = self.year_combo.findData(year) if year is not None else 0
        self.year_combo.setCurrentIndex(max(0, found))
        self.year_combo.blockSignals(False)
        if found < 0:  # the year's last standard was deleted: show every year
            self.load()
            return
        self.model.set_rows(data.rows)
        self.table.resizeColumnsToContents()
        self.rules_form.set_rules(data.rules)
        self._update_buttons()
        self.loaded.emit()

    @Slot()
    def _on_year_changed(self) -> None:
        self.refresh()

    def selected_row(self) -> StandardRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.new_button.setEnabled(self.editable)
        self.edit_button.setEnabled(self.editable and row is not None)
        self.delete_button.setEnabled(self.editable and row is not None and row.state == "upcoming")

    # ---------------------------------------------------------------- standards

    @Slot()
    def new_standard(self) -> StandardDialog:
        return self._open_dialog(None)

    @Slot()
    def edit_selected(self) -> StandardDialog | None:
        row = self.selected_row()
        return self._open_dialog(row) if row is not None else None

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        if self.editable and index.isValid():
            self._open_dialog(self.model.row_at(index.row()))

    def _open_dialog(self, row: StandardRow | None) -> StandardDialog:
        dialog = StandardDialog(self._areas, clock.today(), row, self)
        dialog.submitted.connect(self._save_standard)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _save_standard(self, data: StandardInput) -> None:
        self.write(
            lambda uow: standards.save_standard(uow, self.actor, data),
            self._on_standard_saved,
            on_error=self._on_standard_refused,
        )

    @Slot(object)
    def _on_standard_saved(self, row: StandardRow) -> None:
        if self.dialog is not None:
            self.dialog.done_ok()
            self.dialog = None
        self._report(
            self.tr("Standard saved: {area} {urban_rural} {amount} yuan from {day}.").format(
                area=row.area_name,
                urban_rural=row.urban_rural_label,
                amount=yuan(row.amount_fen),
                day=show_date(row.effective_from),
            )
        )

    @Slot(object)
    def _on_standard_refused(self, error: UserError) -> None:
        if self.dialog is not None:
            self.dialog.show_error(str(error))
        self.show_refused(error)

    @Slot()
    def _on_delete_clicked(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete the standard"),
            self.tr("Delete the standard of {area} from {day}? It is not yet in force.").format(
                area=row.area_name, day=show_date(row.effective_from)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_standard(row.id)

    def delete_standard(self, standard_id: str) -> None:
        done = self.tr("The standard was deleted.")
        self.write(
            lambda uow: standards.delete_standard(uow, self.actor, standard_id), lambda _: self._report(done)
        )

    # ---------------------------------------------------------------- rules

    @Slot()
    def save_rules(self) -> None:
        try:
            rules = self.rules_form.rules()
        except UserError as error:
            self._on_rules_refused(error)
            return
        self.write(
            lambda uow: standards.save_rules(uow, self.actor, rules),
            self._on_rules_saved,
            on_error=self._on_rules_refused,
        )

    @Slot(object)
    def _on_rules_saved(self, rules: BenefitRules) -> None:
        self.rules_error.clear_error()
        self.rules_form.set_rules(rules)
        self._report(self.tr("Calculation rules saved."))

    @Slot(object)
    def _on_rules_refused(self, error: UserError) -> None:
        self.rules_error.show_error(str(error))
        self.show_status(str(error))

    # ---------------------------------------------------------------- messages

    def _report(self, message: str) -> None:
        self.clear_refused()
        self.show_status(message)
        self.saved.emit(message)
