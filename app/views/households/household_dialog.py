"""A read-only view of one household: its facts, members and cases."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import idcard
from app.domain.codes import Sex, UrbanRural
from app.domain.relations import is_head, is_known, relation_name
from app.services.households.registry import HouseholdDetail, program_label, state_label
from app.views.widgets.forms import show_date
from app.views.widgets.screen import fit_to_screen


def _label_of(enum: type[Sex] | type[UrbanRural], code: str) -> str:
    return enum(code).label if code in {m.value for m in enum} else code


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class HouseholdDialog(QDialog):
    """Shows a household as it stands; ID numbers are masked for village cadres."""

    def __init__(
        self,
        detail: HouseholdDetail,
        *,
        mask_ids: bool,
        parent: QWidget | None = None,
        on_edit: Callable[[str], object] | None = None,
        on_open_case: Callable[[str], object] | None = None,
        on_new_application: Callable[[str], object] | None = None,
        on_print_case: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Household of {head}").format(head=detail.head_name))
        fit_to_screen(self, 820, 560)
        form = QFormLayout()
        form.addRow(self.tr("Head of household:"), QLabel(detail.head_name))
        form.addRow(self.tr("Village:"), QLabel(detail.village))
        form.addRow(self.tr("Address:"), QLabel(detail.address))
        form.addRow(self.tr("Urban or rural:"), QLabel(_label_of(UrbanRural, detail.urban_rural)))

        yes, no = self.tr("Yes"), self.tr("No")
        self.members_table = _table(
            [
                self.tr("Name"),
                self.tr("Relation to head"),
                self.tr("Sex"),
                self.tr("Date of birth"),
                self.tr("ID number"),
                self.tr("Member"),
            ],
            [
                [
                    m.name,
                    relation_name(m.relation_code) if is_known(m.relation_code) else m.relation_code,
                    _label_of(Sex, m.sex),
                    show_date(m.birth_date),
                    idcard.mask(m.id_number) if mask_ids else m.id_number,
                    yes if m.is_member else no,
                ]
                for m in detail.members
            ],
        )
        self.cases_table = _table(
            [self.tr("Case number"), self.tr("Programme"), self.tr("State"), self.tr("Applied on")],
            [
                [c.case_number, program_label(c.program), state_label(c.state), show_date(c.applied_on)]
                for c in detail.cases
            ],
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.edit_button: QPushButton | None = None
        if on_edit is not None:
            self.edit_button = buttons.addButton(
                self.tr("&Edit file…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            household_id = detail.household_id

            def edit() -> None:
                self.accept()
                on_edit(household_id)

            self.edit_button.clicked.connect(edit)

        self.detail = detail
        self.on_open_case = on_open_case
        self.open_case_button: QPushButton | None = None
        if on_open_case is not None:
            self.open_case_button = buttons.addButton(
                self.tr("&Open the case"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.open_case_button.setToolTip(
                self.tr("Show the chosen case in Applications: its steps, printing, stopping payment")
            )
            self.open_case_button.setEnabled(bool(detail.cases))
            self.open_case_button.clicked.connect(self.open_chosen_case)
            self.cases_table.activated.connect(lambda _index: self.open_chosen_case())
            if detail.cases:
                self.cases_table.selectRow(0)
        self.on_print_case = on_print_case
        self.print_button: QPushButton | None = None
        if on_print_case is not None:
            self.print_button = buttons.addButton(self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
            self.print_button.setToolTip(
                self.tr("Print the chosen case's forms: its application, summary, certificate (低保证)…")
            )
            self.print_button.setEnabled(bool(detail.cases))
            self.print_button.clicked.connect(self.print_chosen_case)
        self.new_application_button: QPushButton | None = None
        head = next((m for m in detail.members if is_head(m.relation_code)), None)
        if on_new_application is not None and head is not None:
            self.new_application_button = buttons.addButton(
                self.tr("&New application…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            head_id = head.id_number

            def new_application() -> None:
                self.accept()
                on_new_application(head_id)

            self.new_application_button.clicked.connect(new_application)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Members ({n})").format(n=len(detail.members))))
        layout.addWidget(self.members_table, 2)
        layout.addWidget(QLabel(self.tr("Cases ({n})").format(n=len(detail.cases))))
        layout.addWidget(self.cases_table, 1)
        layout.addWidget(buttons)

    def chosen_case(self) -> str | None:
        """The case chosen in the list (the first, newest, when none is)."""
        rows = self.cases_table.selectionModel().selectedRows()
        row = rows[0].row() if rows else 0
        return self.detail.cases[row].case_id if 0 <= row < len(self.detail.cases) else None

    def open_chosen_case(self) -> None:
        case_id = self.chosen_case()
        if self.on_open_case is not None and case_id is not None:
            self.accept()
            self.on_open_case(case_id)

    def print_chosen_case(self) -> None:
        case_id = self.chosen_case()
        if self.on_print_case is not None and case_id is not None:
            self.accept()
            self.on_print_case(case_id)
