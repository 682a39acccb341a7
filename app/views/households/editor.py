"""Editing a household's file: the dialog that assembles its tabs (``app.views.households.tabs``).

Each tab is a page: it reads the file when shown and again when a write changes its tables, and
writes every change at once (one transaction per action). A village cadre sees it read-only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.services.households.edit import HouseholdFile
from app.views.households.tabs.common import FileTab
from app.views.households.tabs.facts import FactsTab
from app.views.households.tabs.means import AssetsTab, IncomesTab
from app.views.households.tabs.members import MembersTab
from app.views.households.tabs.scans import ScansTab
from app.views.households.tabs.supporters import SupportersTab
from app.views.households.tabs.visits import VisitsTab
from app.views.page import OpDialog
from app.views.tablemodels.rows import TONES
from app.views.widgets.screen import fit_to_screen
from app.views.workspace import Workspace


class HouseholdEditor(OpDialog):
    """The household file, tab by tab; each tab loads and saves through the services off the GUI thread.

    Signals: ``saved(str)`` (the household id, after a change is written), ``loaded`` (a tab's read
    of the file landed), ``change_refused(str)`` (a tab refused a change; the message is on that tab).
    """

    saved = Signal(str)
    loaded = Signal()
    change_refused = Signal(str)

    def __init__(self, ws: Workspace, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.household_id = household_id
        self.file: HouseholdFile | None = None
        self.setWindowTitle(self.tr("Edit household file"))
        fit_to_screen(self, 900, 620)

        self.heading = QLabel()
        self.read_only_label = QLabel()
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setStyleSheet(f"color: {TONES['soon']};")
        self.read_only_label.hide()
        self.facts_tab = FactsTab(ws, household_id)
        self.members_tab = MembersTab(ws, household_id)
        self.incomes_tab = IncomesTab(ws, household_id)
        self.assets_tab = AssetsTab(ws, household_id)
        self.supporters_tab = SupportersTab(ws, household_id)
        self.scans_tab = ScansTab(ws, household_id)
        self.visits_tab = VisitsTab(ws, household_id)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.facts_tab, self.tr("Household"))
        self.tabs.addTab(self.members_tab, self.tr("Members"))
        self.tabs.addTab(self.incomes_tab, self.tr("Incomes"))
        self.tabs.addTab(self.assets_tab, self.tr("Assets"))
        self.tabs.addTab(self.supporters_tab, self.tr("Supporters"))
        self.tabs.addTab(self.scans_tab, self.tr("Attachments"))
        self.tabs.addTab(self.visits_tab, self.tr("Home visits"))
        for tab in self.file_tabs():
            tab.file_loaded.connect(self._show_file)
            tab.loaded.connect(self.loaded)
            tab.saved.connect(self.saved)
            tab.refusal.connect(self.change_refused)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.refused)
        layout.addWidget(buttons)
        self._expose_widgets()

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

    @Slot(object)
    def _show_file(self, file: HouseholdFile) -> None:
        """The heading, and whether the file may be edited, from whichever tab read it last."""
        self.file = file
        self.heading.setText(
            self.tr("Household of {head}, {village}").format(head=file.head_name, village=file.village)
        )
        if not file.editable:
            self.read_only_label.setText(self.tr("Read-only: {reason}").format(reason=file.read_only_reason))
        self.read_only_label.setVisible(not file.editable)
        for tab in self.file_tabs():
            tab.set_editable(file.editable)

    def add_attachment_file(self, file: Path) -> None:
        """Add a scan from a file without the file dialog."""
        self.scans_tab.add_attachment_file(file)


def open_household_editor(ws: Workspace, household_id: str, parent: QWidget | None = None) -> HouseholdEditor:
    """Show the editor (non-modal) and return it; the pages that list households refresh themselves."""
    editor = HouseholdEditor(ws, household_id, parent)
    editor.show()
    return editor
