"""The 复核 form: what is paid and what the file gives today, the finding, and a proposal with its reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import yuan
from app.errors import UserError
from app.services.reviews.review import ReviewContext, ReviewInput
from app.views.widgets.forms import SPIN_WIDTH, DateEdit, ErrorLabel, MoneyEdit, heading


def _box(lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


class ReviewForm(QWidget):
    """Emits ``submitted(case_id, ReviewInput)``; the page runs it and answers ``saved`` or ``on_failed``."""

    submitted = Signal(str, object)
    open_case = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context: ReviewContext | None = None
        self.read_only_reason = ""
        self.title = heading(self.tr("Choose a household in the list"), 1.25)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.done_edit = DateEdit()
        self.stable_check = QCheckBox(self.tr("Income is s&table"))
        self.stable_check.setChecked(True)
        self.finding_edit = _box(4)
        self.proposal_combo = QComboBox()
        for key, text in (
            ("none", self.tr("No change")),
            ("increase", self.tr("Increase")),
            ("reduce", self.tr("Reduce")),
            ("stop", self.tr("Stop")),
            ("gradual_exit", self.tr("Gradual exit")),
        ):
            self.proposal_combo.addItem(text, key)
        self.proposal_combo.setPlaceholderText(self.tr("(choose)"))
        self.proposal_combo.setCurrentIndex(-1)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setStyleSheet("color: #555;")
        self.amount_edit = MoneyEdit()
        self.months_spin = QSpinBox()
        self.months_spin.setMaximumWidth(SPIN_WIDTH)  # a number of a few digits, not a stretch
        self.months_spin.setRange(1, 6)
        self.months_spin.setValue(6)
        self.months_spin.setSuffix(self.tr(" months"))
        self.reason_edit = _box(3)
        self.save_button = QPushButton(self.tr("&Save review"))
        self.open_button = QPushButton(self.tr("&Open the case"))
        self.error = ErrorLabel()

        form = QFormLayout()
        form.addRow(self.tr("Revie&wed on:"), self.done_edit)
        form.addRow("", self.stable_check)
        form.addRow(self.tr("Fin&ding:"), self.finding_edit)
        form.addRow(self.tr("&Proposal:"), self.proposal_combo)
        form.addRow("", self.suggestion)
        form.addRow(self.tr("New monthly &amount (yuan):"), self.amount_edit)
        form.addRow(self.tr("Gradual exit &lasts:"), self.months_spin)
        form.addRow(self.tr("&Reason:"), self.reason_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.proposal_combo.currentIndexChanged.connect(self._on_proposal)
        self.save_button.clicked.connect(self._on_save)
        self.open_button.clicked.connect(lambda: self.context and self.open_case.emit(self.context.case_id))
        self._on_proposal()
        self.setEnabled(False)

    def show_context(self, context: ReviewContext, today: date) -> None:
        self.context = context
        self.setEnabled(True)
        self.title.setText(
            self.tr("{head} · {number}").format(head=context.head_name, number=context.case_number)
        )
        lines = [self.tr("Paid now: <b>{amount}</b> yuan a month").format(amount=yuan(context.monthly_fen))]
        if context.estimate_fen is not None:
            lines.append(
                self.tr("By the file today: <b>{amount}</b> yuan ({reason})").format(
                    amount=yuan(context.estimate_fen), reason=context.estimate_reason
                )
            )
        else:
            lines.append(self.tr("By the file today: {reason}").format(reason=context.estimate_reason))
        if context.last_finding:
            lines.append(self.tr("Last review: {finding}").format(finding=context.last_finding))
        self.facts.setText("<br>".join(lines))
        self.done_edit.set_value(today)
        self.finding_edit.clear()
        self.reason_edit.clear()
        self.amount_edit.set_fen(
            context.estimate_fen if context.suggestion in ("increase", "reduce") else None
        )
        # The reviewer decides: the form starts undecided and only says what the file suggests.
        self.proposal_combo.setCurrentIndex(-1)
        suggested = self.proposal_combo.itemText(self.proposal_combo.findData(context.suggestion))
        self.suggestion.setText(
            self.tr("By the file today the suggestion would be: {proposal}").format(proposal=suggested)
        )
        model = self.proposal_combo.model()
        if isinstance(model, QStandardItemModel):  # 渐退 exists only for 低保 being paid
            item = model.item(self.proposal_combo.findData("gradual_exit"))
            if item is not None:
                item.setEnabled(context.can_exit)
        self.error.show_error(self.read_only_reason)
        self.save_button.setEnabled(True)

    @Slot()
    def _on_proposal(self) -> None:
        key = self.proposal_combo.currentData()
        self.amount_edit.setEnabled(key in ("increase", "reduce"))
        self.months_spin.setEnabled(key == "gradual_exit")

    def value(self) -> ReviewInput:
        key = self.proposal_combo.currentData()
        if self.proposal_combo.currentIndex() < 0 or key is None:
            raise UserError(
                self.tr("Choose the proposal: no change, increase, reduce, stop or gradual exit.")
            )
        return ReviewInput(
            done_on=self.done_edit.value(),
            finding=self.finding_edit.toPlainText().strip(),
            stable_income=self.stable_check.isChecked(),
            proposal=key,
            proposed_fen=self.amount_edit.fen() if key in ("increase", "reduce") else None,
            reason=self.reason_edit.toPlainText().strip(),
            exit_months=self.months_spin.value() if key == "gradual_exit" else None,
        )

    @Slot()
    def _on_save(self) -> None:
        if self.context is None:
            return
        try:
            data = self.value()
        except UserError as exc:
            self.error.show_error(str(exc))
            return
        self.error.clear_error()
        self.save_button.setEnabled(False)
        self.submitted.emit(self.context.case_id, data)

    @Slot(object)
    def on_failed(self, error: UserError) -> None:
        self.error.show_error(str(error))
        self.save_button.setEnabled(True)

    def saved(self) -> None:
        self.context = None
        self.title.setText(self.tr("Review saved. Choose the next household."))
        self.facts.clear()
        self.setEnabled(False)

    def set_read_only(self, why: str) -> None:
        """A role that may not record reviews: the form stays readable, saving says why not."""
        self.read_only_reason = why
        self.save_button.setVisible(False)
        self.error.show_error(why)
