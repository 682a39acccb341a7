"""The workbench's reminder to copy a backup off the PC when the last such copy is too old."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import clock
from app.services.setup import auto_backup
from app.services.setup.auto_backup import BackupReminder
from app.views.page import Page
from app.views.widgets.forms import show_date
from app.views.workspace import Workspace


class BackupReminderBar(Page):
    """A yellow bar above today's work, shown only while the reminder is due (it takes no room else).

    Heads and the administrator get a 立即备份 button (``backup_requested``); others are told whom to ask.
    """

    CONCERNS = frozenset({"setting"})
    backup_requested = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.reminder: BackupReminder | None = None
        self.frame = QFrame()
        self.frame.setObjectName("backupReminder")
        self.frame.setStyleSheet(
            "QFrame#backupReminder { background: #fff4e5; border: 1px solid #e0a040; border-radius: 4px; }"
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("&Back up now…"))
        self.button.clicked.connect(self.backup_requested)
        row = QHBoxLayout(self.frame)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.frame)
        layout.addWidget(self.refused)
        self.frame.hide()

    def load(self) -> None:
        today = clock.today()
        self.read(
            lambda uow: auto_backup.backup_reminder(uow, self.actor, today), self._on_loaded, key="reminder"
        )

    @Slot(object)
    def _on_loaded(self, reminder: BackupReminder) -> None:
        self.reminder = reminder
        if reminder.last_offsite is None:
            text = self.tr("No backup of this database has been copied off this PC yet.")
        else:
            text = self.tr("The last backup copied off this PC was made {days} days ago ({day}).").format(
                days=reminder.days, day=show_date(reminder.last_offsite)
            )
        if reminder.may_backup:
            advice = self.tr("Back up to a USB stick now and keep it away from this computer.")
        else:
            advice = self.tr("Please ask the head of the office or the administrator to back up.")
        self.text.setText(self.tr("{reminder} {advice}").format(reminder=text, advice=advice))
        self.button.setVisible(reminder.may_backup)
        self.frame.setVisible(reminder.due)
        self.loaded.emit()
