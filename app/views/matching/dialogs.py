"""The 信息比对 page's pieces: the flag's detail, and the dialogs to 核销 and 处理 a flag."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.errors import UserError
from app.services.matching import actions, queue
from app.services.matching.queue import ActPreview, FlagLine
from app.views.page import OpDialog
from app.views.widgets.forms import DateEdit, ok_cancel, show_date
from app.views.widgets.screen import fit_to_screen
from app.views.workspace import Workspace


def _summary(line: FlagLine) -> QLabel:
    label = QLabel(
        f"<b>{html.escape(line.person_name)}</b>（{html.escape(line.kind_label)}）<br>{html.escape(line.reason)}"
    )
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class FlagDetail(QTextBrowser):
    """The selected flag in full: the reason, the person and household, and the list's own row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)

    def show_line(self, line: FlagLine | None) -> None:
        self.setHtml(self.detail_html(line) if line else "")

    def detail_html(self, line: FlagLine) -> str:
        relation = self.tr("beneficiary") if line.covered else self.tr("household member")
        rows = [
            (self.tr("List"), f"{line.kind_label}　{line.list_source}　{line.list_file}"),
            (self.tr("Row in the list"), str(line.row_no)),
            (self.tr("Person matched"), f"{line.person_name}（{relation}）"),
            (self.tr("ID number"), line.id_masked),
            (self.tr("Township / village"), f"{line.township} {line.village}"),
            (self.tr("Head of household"), line.head_name),
            (self.tr("Application number"), line.case_number),
            (self.tr("Found on"), show_date(line.found_on)),
        ]
        if line.kind == "death":
            rows.append((self.tr("Date of death"), show_date(line.event_date) or self.tr("Not known")))
        rows += [(f"〔{title}〕", value) for title, value in line.row_data]
        table = "".join(
            f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in rows
        )
        return f"<p>{html.escape(line.reason)}</p><table cellspacing='4'>{table}</table>"


class ClearFlagDialog(QDialog):
    """核销: the finding does not affect eligibility; the note that says why is required."""

    def __init__(self, line: FlagLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = line
        self.setWindowTitle(self.tr("Clear the flag"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("For example: checked, it does not affect the assistance"))
        self.note_edit.setTabChangesFocus(True)
        note_label = QLabel(self.tr("What the check found (&required):"))
        note_label.setBuddy(self.note_edit)
        self.buttons, self.ok_button = ok_cancel(self, self.tr("&Clear the flag"))
        self.note_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(_summary(line))
        layout.addWidget(note_label)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 520, 300)
        self._update()

    @Slot()
    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.note().strip()))

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()


class ActFlagDialog(OpDialog):
    """处理: shows what will happen (a dry run, rolled back) and asks to confirm; a death needs its date.

    ``acted(flag id, messages)`` once the action is saved (the dialog then closes itself).
    """

    acted = Signal(str, list)

    def __init__(self, ws: Workspace, line: FlagLine, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.line = line
        self.preview_result: ActPreview | None = None
        self.setWindowTitle(self.tr("Act on the flag"))
        self.death_edit = DateEdit()
        self.death_edit.setSpecialValueText(self.tr("Not known"))
        if line.event_date is not None:
            self.death_edit.set_value(line.event_date)
        else:
            self.death_edit.setDate(self.death_edit.minimumDate())  # shows "not known"
        self.death_edit.dateChanged.connect(self._on_date_changed)
        self.effects = QLabel(self.tr("Working out what will happen…"))
        self.effects.setWordWrap(True)
        self.effects.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Optional; the effects are noted otherwise"))
        form = QFormLayout()
        if line.kind == "death":
            form.addRow(self.tr("&Date of death:"), self.death_edit)
        form.addRow(self.tr("&Note:"), self.note_edit)
        self.buttons, self.ok_button = ok_cancel(self, self.tr("&Confirm"), self._confirm)
        self.ok_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(_summary(line))
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("This will:")))
        layout.addWidget(self.effects)
        layout.addWidget(self.refused)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 560, 360)

    def death_date(self) -> date | None:
        if self.line.kind != "death" or self.death_edit.date() == self.death_edit.minimumDate():
            return None
        return self.death_edit.value()

    def preview(self) -> None:
        """The dry run: 处理 in a unit of work that is rolled back (on the writer's thread: it writes)."""
        actor, flag_id, on, died = self.actor, self.line.id, clock.today(), self.death_date()
        self.write(lambda uow: queue.preview_act(uow, actor, flag_id, on, died), self.show_preview)

    @Slot(QDate)
    def _on_date_changed(self, _value: QDate) -> None:
        self.preview_result = None
        self.ok_button.setEnabled(False)
        self.effects.setText(self.tr("Working out what will happen…"))
        self.clear_refused()
        self.preview()

    def show_preview(self, preview: ActPreview) -> None:
        if preview.death_date != self.death_date() and self.line.kind == "death":
            return  # an older dry run: the date has changed since
        self.preview_result = preview
        self.clear_refused()
        self.effects.setText("<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in preview.lines) + "</ul>")
        self.ok_button.setEnabled(True)

    def show_refused(self, error: UserError) -> None:
        self.preview_result = None
        self.effects.setText("")
        super().show_refused(error)
        self.ok_button.setEnabled(False)

    @Slot()
    def _confirm(self) -> None:
        if self.preview_result is None:
            return
        self.ok_button.setEnabled(False)
        actor, flag_id, on, died = self.actor, self.line.id, clock.today(), self.death_date()
        note = self.note_edit.text().strip()
        self.write(
            lambda uow: list(actions.act_on_flag(uow, actor, flag_id, on, note, died).messages),
            self._on_acted,
        )

    def _on_acted(self, messages: list[str]) -> None:
        self.acted.emit(self.line.id, messages)
        self.accept()
