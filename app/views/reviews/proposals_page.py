"""动态管理 on the county: what township reviews propose (增发/减发/停发/渐退), decided or declined here."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.domain.money import yuan
from app.errors import UserError
from app.services.reviews import proposals
from app.services.reviews.proposals import ProposalDecision, ProposalRow
from app.views.cases import CASE_TABLES
from app.views.page import Page
from app.views.tablemodels.rows import ROW_ROLE, ColumnSpec, RowsTableModel, name_column
from app.views.widgets.forms import (
    SPIN_WIDTH,
    DateEdit,
    ErrorLabel,
    MoneyEdit,
    fit_columns,
    heading,
    show_date,
    work_table,
)
from app.views.widgets.queue_split import queue_beside_form, select_quietly
from app.views.workspace import Workspace


class ProposalsPage(Page):
    """The proposals waiting for the county (the service refuses anyone but county staff); the form
    starts undecided: the officer agrees or declines."""

    CONCERNS = CASE_TABLES | {"benefit_change"}
    open_case = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.current: ProposalRow | None = None
        self.model = RowsTableModel[ProposalRow](
            [
                ColumnSpec(self.tr("Reviewed"), lambda r: show_date(r.done_on)),
                ColumnSpec(self.tr("Proposal"), lambda r: r.proposal_label),
                ColumnSpec(self.tr("Township"), lambda r: r.township),
                ColumnSpec(self.tr("Village"), lambda r: r.village),
                name_column(self.tr("Head of household"), lambda r: r.head_name),
                ColumnSpec(self.tr("Programme"), lambda r: r.program_label),
                ColumnSpec(self.tr("Paid now (yuan)"), lambda r: yuan(r.paid_fen), right=True),
                ColumnSpec(self.tr("Proposed (yuan)"), lambda r: yuan(r.proposed_fen), right=True),
            ],
            self,
        )
        self.table = work_table()
        self.table.setModel(self.model)
        fit_columns(self.table, {0: "2026年11月30日", 4: "欧阳小明"})
        self.count_label = QLabel()
        self.refresh_button = QPushButton(self.tr("Refresh"))

        self.title = heading(self.tr("Choose a proposal in the list"))
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.accept_radio = QRadioButton(self.tr("&Agree"))
        self.decline_radio = QRadioButton(self.tr("&Do not agree"))
        self.choices = QButtonGroup(self)
        self.choices.addButton(self.accept_radio)
        self.choices.addButton(self.decline_radio)
        self.amount_edit = MoneyEdit()
        self.months_spin = QSpinBox()
        self.months_spin.setMaximumWidth(SPIN_WIDTH)  # a number of a few digits, not a stretch
        self.months_spin.setRange(1, 6)
        self.months_spin.setValue(6)
        self.date_edit = DateEdit(clock.today())
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(80)
        self.error = ErrorLabel()
        self.submit_button = QPushButton(self.tr("&Submit decision"))
        self.open_button = QPushButton(self.tr("Open case &file"))
        choice = QHBoxLayout()
        choice.addWidget(self.accept_radio)
        choice.addWidget(self.decline_radio)
        choice.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Decision:"), choice)
        form.addRow(self.tr("New monthly a&mount (yuan):"), self.amount_edit)
        form.addRow(self.tr("Months of &gradual exit:"), self.months_spin)
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow(self.tr("Rea&sons:"), self.reason_edit)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(12, 8, 8, 8)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.facts)
        right_layout.addLayout(form)
        right_layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        right_layout.addLayout(buttons)
        right_layout.addStretch(1)

        footer = (self.count_label, self.refused)
        title = heading(self.tr("Adjustments proposed by reviews"))
        queue_beside_form(self, (title, None, self.refresh_button), self.table, footer, right)

        self.refresh_button.clicked.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.choices.buttonToggled.connect(lambda _button, _on: self._enable_inputs())
        self.submit_button.clicked.connect(self._submit)
        self.open_button.clicked.connect(self._open)
        self.show_row(None)

    def load(self) -> None:
        self.count_label.setText(self.tr("Loading…"))
        self.read(lambda uow: proposals.proposal_queue(uow, self.actor), self._on_loaded, key="queue")

    @Slot(object)
    def _on_loaded(self, rows: list[ProposalRow]) -> None:
        shown = self.current
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("{n} proposals waiting for the county").format(n=len(rows)))
        row = next(
            (i for i, r in enumerate(rows) if shown is not None and r.review_id == shown.review_id), None
        )
        if row is not None and rows[row] == shown:  # unchanged: the form keeps what is typed
            select_quietly(self.table, row, quietly=True)
        else:
            self.show_row(None)
        self.loaded.emit()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        self.show_row(indexes[0].data(ROW_ROLE) if indexes else None)

    def show_row(self, row: ProposalRow | None) -> None:
        """Show a proposal (or none); the decision starts undecided: the officer chooses."""
        self.current = row
        self.error.clear_error()
        self.reason_edit.clear()
        self.choices.setExclusive(False)
        self.accept_radio.setChecked(False)
        self.decline_radio.setChecked(False)
        self.choices.setExclusive(True)
        for widget in (self.accept_radio, self.decline_radio, self.submit_button, self.open_button):
            widget.setEnabled(row is not None)
        if row is None:
            self.title.setText(self.tr("Choose a proposal in the list"))
            self.facts.clear()
            self.amount_edit.set_fen(None)
            self._enable_inputs()
            return
        self.title.setText(
            self.tr("{head}: {proposal} ({number})").format(
                head=row.head_name, proposal=row.proposal_label, number=row.case_number
            )
        )
        self.facts.setText(
            self.tr(
                "Reviewed on {date}. Finding: {finding}. Reason: {reason}. Paid now {paid} yuan a month."
            ).format(
                date=show_date(row.done_on),
                finding=row.finding,
                reason=row.reason,
                paid=yuan(row.paid_fen),
            )
        )
        self.amount_edit.set_fen(row.proposed_fen)
        self._enable_inputs()

    def _enable_inputs(self) -> None:
        row, agree = self.current, self.accept_radio.isChecked()
        self.amount_edit.setEnabled(row is not None and agree and row.proposal in ("increase", "reduce"))
        self.months_spin.setEnabled(row is not None and agree and row.proposal == "gradual_exit")

    def value(self) -> ProposalDecision:
        """The decision as chosen; UserError while neither 同意 nor 不同意 is chosen."""
        if not (self.accept_radio.isChecked() or self.decline_radio.isChecked()):
            raise UserError(self.tr("Choose the decision: agree or do not agree."))
        amount = self.amount_edit.fen() if self.amount_edit.isEnabled() else None
        return ProposalDecision(
            self.accept_radio.isChecked(),
            self.date_edit.value(),
            self.reason_edit.toPlainText().strip(),
            amount,
            self.months_spin.value(),
        )

    @Slot()
    def _submit(self) -> None:
        row = self.current
        if row is None:
            return
        try:
            data = self.value()
        except UserError as exc:
            self.error.show_error(str(exc))
            return
        self.error.clear_error()
        self.write(
            lambda uow: proposals.decide_proposal(uow, self.actor, row.review_id, data),
            lambda _case_id: self.show_status(self.tr("Decision saved.")),
            on_error=lambda error: self.error.show_error(str(error)),
        )

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.submit_button.setEnabled(not busy and self.current is not None)

    @Slot()
    def _open(self) -> None:
        if self.current is not None:
            self.open_case.emit(self.current.case_id)
