"""Editing a household's file: the dialog that assembles its tabs (``app.views.households.tabs``).

Every change a tab asks for goes through the services on the database thread and is written at once
(one transaction per action); the file is then read again. A village cadre sees it read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from app.errors import UserError
from app.models.db import Database
from app.paths import DataPaths
from app.services.households import edit as household_edit
from app.services.households import visits
from app.services.households.edit import HouseholdFile
from app.services.households.visits import VisitRow, VisitTarget
from app.views import tasks
from app.views.households.tabs.common import Change, FileTab
from app.views.households.tabs.facts import FactsTab
from app.views.households.tabs.means import AssetsTab, IncomesTab
from app.views.households.tabs.members import MembersTab
from app.views.households.tabs.scans import ScansTab
from app.views.households.tabs.supporters import SupportersTab
from app.views.households.tabs.visits import VisitsTab
from app.views.signed_in import SignedIn
from app.views.tablemodels.rows import TONES
from app.views.widgets.forms import ErrorLabel


@dataclass(frozen=True)
class Loaded:
    """What one read of the file brings back from the database thread."""

    file: HouseholdFile
    visits: list[VisitRow]
    visit_target: VisitTarget


class HouseholdEditor(QDialog):
    """The household file, tab by tab; each change is saved through the service off the GUI thread."""

    saved = Signal(str)  # household id, after each change written
    loaded = Signal()  # the file was (re)read
    refused = Signal(str)  # a change was refused; the message is shown on the dialog

    def __init__(
        self,
        db: Database,
        signed_in: SignedIn,
        paths: DataPaths,
        household_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.signed_in = signed_in
        self.actor = signed_in.actor
        self.paths = paths
        self.household_id = household_id
        self.file: HouseholdFile | None = None
        self._clear_after_save: tuple[QLineEdit, ...] = ()
        self.setWindowTitle(self.tr("Edit household file"))
        self.resize(900, 620)

        self.heading = QLabel()
        self.read_only_label = QLabel()
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setStyleSheet(f"color: {TONES['soon']};")
        self.read_only_label.hide()
        self.error = ErrorLabel()
        masks = signed_in.masks_id_numbers
        self.facts_tab = FactsTab(household_id)
        self.members_tab = MembersTab(household_id, masks)
        self.incomes_tab = IncomesTab(household_id)
        self.assets_tab = AssetsTab(household_id)
        self.supporters_tab = SupportersTab(household_id, masks)
        self.scans_tab = ScansTab(household_id, paths)
        self.visits_tab = VisitsTab(household_id)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.facts_tab, self.tr("Household"))
        self.tabs.addTab(self.members_tab, self.tr("Members"))
        self.tabs.addTab(self.incomes_tab, self.tr("Incomes"))
        self.tabs.addTab(self.assets_tab, self.tr("Assets"))
        self.tabs.addTab(self.supporters_tab, self.tr("Supporters"))
        self.tabs.addTab(self.scans_tab, self.tr("Attachments"))
        self.tabs.addTab(self.visits_tab, self.tr("Home visits"))
        for tab in self.file_tabs():
            tab.change_requested.connect(self._apply)
            tab.refused.connect(self._refuse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._expose_widgets()
        self._set_editable(False)
        self.reload()

    def file_tabs(self) -> list[FileTab]:
        return [
            self.facts_tab,
            self.members_tab,
            self.incomes_tab,
            self.assets_tab,
            self.supporters_tab,
            self.scans_tab,
            self.visits_tab,
        ]

    def _expose_widgets(self) -> None:
        """The inputs under the names the single-class editor had (its callers and tests use them)."""
        facts, members, scans = self.facts_tab, self.members_tab, self.scans_tab
        self.address_edit, self.save_household_button = facts.address_edit, facts.save_household_button
        self.members_table, self.flags = members.members_table, members.flags
        self.name_edit, self.id_edit, self.reason_edit = (
            members.name_edit,
            members.id_edit,
            members.reason_edit,
        )
        self.relation_combo, self.sex_combo = members.relation_combo, members.sex_combo
        self.birth_edit, self.health_combo = members.birth_edit, members.health_combo
        self.add_member_button = members.add_member_button
        self.update_member_button = members.update_member_button
        self.remove_member_button = members.remove_member_button
        self.incomes_table = self.incomes_tab.incomes_table
        self.income_amount_edit = self.incomes_tab.income_amount_edit
        self.add_income_button = self.incomes_tab.add_income_button
        self.assets_table, self.supporters_table = (
            self.assets_tab.assets_table,
            self.supporters_tab.supporters_table,
        )
        self.attachments_table, self.attachment_kind_edit = (
            scans.attachments_table,
            scans.attachment_kind_edit,
        )
        self.add_attachment_button = scans.add_attachment_button
        self.open_attachment_button = scans.open_attachment_button

    # ---------------------------------------------------------------- loading

    def reload(self) -> None:
        db, actor, hh = self.db, self.actor, self.household_id

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> Loaded:
            with db.uow(actor.username) as uow:
                file = household_edit.load(uow, actor, hh)  # refuses a household outside the area
                return Loaded(file, visits.list_visits(uow.session, hh), visits.visit_target(uow.session, hh))

        tasks.run(work, self._show_loaded, self._on_load_error)

    @Slot(object)
    def _on_load_error(self, error: UserError) -> None:
        self.error.show_error(error.message)
        self.loaded.emit()

    @Slot(object)
    def _show_loaded(self, loaded: Loaded) -> None:
        file = self.file = loaded.file
        self.heading.setText(
            self.tr("Household of {head}, {village}").format(head=file.head_name, village=file.village)
        )
        if not file.editable:
            self.read_only_label.setText(self.tr("Read-only: {reason}").format(reason=file.read_only_reason))
        self.read_only_label.setVisible(not file.editable)
        self._set_editable(file.editable)
        for tab in self.file_tabs():
            tab.show_file(file)
        self.visits_tab.show_visits(loaded.visits, loaded.visit_target)
        self.loaded.emit()

    def _set_editable(self, editable: bool) -> None:
        for tab in self.file_tabs():
            tab.set_editable(editable)

    # ---------------------------------------------------------------- saving

    @Slot(object, object)
    def _apply(self, change: Change, clear: tuple[QLineEdit, ...] = ()) -> None:
        """Write one change through the service on the database thread, then read the file again.

        ``clear``: inputs emptied once the change is written (kept as typed when it is refused).
        """
        self._clear_after_save = clear
        db, actor = self.db, self.actor
        self.error.clear_error()

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> None:
            with db.uow(actor.username) as uow:
                change(uow, actor)
                uow.commit()

        tasks.run(work, self._on_saved, self._on_refused)

    @Slot(object)
    def _on_saved(self, _result: object) -> None:
        for edit in self._clear_after_save:
            edit.clear()
        self._clear_after_save = ()
        self.saved.emit(self.household_id)
        self.reload()

    @Slot(object)
    def _on_refused(self, error: UserError) -> None:
        self._refuse(str(error))

    @Slot(str)
    def _refuse(self, message: str) -> None:
        self.error.show_error(message)
        self.refused.emit(message)

    def add_attachment_file(self, file: Path) -> None:
        """Add a scan from a file without the file dialog."""
        self.scans_tab.add_attachment_file(file)


def open_household_editor(
    db: Database, signed_in: SignedIn, paths: DataPaths, household_id: str, parent: QWidget | None = None
) -> HouseholdEditor:
    """Show the editor (non-modal) and return it; connect to its ``saved(str)`` to refresh."""
    editor = HouseholdEditor(db, signed_in, paths, household_id, parent)
    editor.show()
    return editor
