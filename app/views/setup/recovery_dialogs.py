"""The recovery key: shown once (set-up, or a new one made in 用户管理) with printing, and used at the
sign-in to give an administrator a new password when every administrator's password is forgotten."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.errors import UserError
from app.paths import DataPaths
from app.views import tasks
from app.views.setup.password_dialogs import password_edit
from app.views.widgets.forms import ErrorLabel, ok_cancel


class RecoveryKeyDialog(QDialog):
    """The recovery key in large letters, to print or copy by hand; closed only once the user says it is
    kept (it is never shown again)."""

    def __init__(self, recovery_key: str, installation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key, self.installation = recovery_key, installation
        self.setWindowTitle(self.tr("Recovery key"))
        self.setMinimumWidth(520)
        note = QLabel(
            self.tr(
                "The database on this computer is encrypted. If every administrator forgets his password, "
                "this recovery key is the only way to set a new one. It is shown only now: print it or "
                "copy it by hand, and lock it in the office safe with the seal."
            )
        )
        note.setWordWrap(True)
        self.key_label = QLabel(recovery_key)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kept = QCheckBox(self.tr("I have printed or copied the recovery key and will keep it safe"))
        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("&Print…"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.done_button = buttons.addButton(self.tr("&Done"), QDialogButtonBox.ButtonRole.AcceptRole)
        assert self.done_button is not None
        self.done_button.setEnabled(False)
        self.kept.toggled.connect(self.done_button.setEnabled)
        self.print_button.clicked.connect(self.print_key)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addSpacing(8)
        layout.addWidget(self.key_label)
        layout.addSpacing(8)
        layout.addWidget(self.kept)
        layout.addWidget(buttons)

    def reject(self) -> None:
        if self.kept.isChecked():  # Esc or the close box only once the key is kept
            super().reject()

    def document(self) -> QTextDocument:
        """The printed page: the installation, the date and the key (nothing else, no personal data)."""
        doc = QTextDocument()
        title = self.tr("Jiuzhu recovery key")
        made = self.tr("Made on {date}").format(date=clock.today().isoformat())
        keep = self.tr("Keep this page locked in the office safe.")  # outside the f-string: lupdate sees it
        doc.setHtml(
            f"<h2>{title}</h2><p>{self.installation}</p><p>{made}</p>"
            f"<p style='font-family: monospace; font-size: 20pt'><b>{self.recovery_key}</b></p>"
            f"<p>{keep}</p>"
        )
        return doc

    @Slot()
    def print_key(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.document().print_(printer)


class RecoverPasswordDialog(QDialog):
    """At the sign-in: an administrator's new password, proved by the recovery key."""

    recovered = Signal(str)  # the administrator's user name
    refused = Signal(str)

    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.setWindowTitle(self.tr("Forgotten administrator password"))
        self.setMinimumWidth(480)
        note = QLabel(
            self.tr(
                "Enter the recovery key printed when this computer was set up, and a new password for the "
                "administrator. The other accounts keep their passwords; the administrator can then reset "
                "theirs in Users."
            )
        )
        note.setWordWrap(True)
        self.key_edit = QLineEdit()
        self.key_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        # in a fixed-width font (0 and O, 1 and I apart), wide enough to show a whole key as typed
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(self.key_edit.font().pointSizeF())  # as large as the other fields' text
        self.key_edit.setFont(fixed)
        whole_key = self.key_edit.fontMetrics().horizontalAdvance("W" * (8 * 4 + 7 + 2))
        self.key_edit.setMinimumWidth(whole_key + 16)
        self.account_edit = QLineEdit("admin")
        self.new_edit, self.again_edit = password_edit(), password_edit()
        form = QFormLayout()
        form.addRow(self.tr("Recovery &key:"), self.key_edit)
        form.addRow(self.tr("&Administrator:"), self.account_edit)
        form.addRow(self.tr("&New password:"), self.new_edit)
        form.addRow(self.tr("&Repeat it:"), self.again_edit)
        self.error_label = ErrorLabel()
        buttons, self.ok_button = ok_cancel(self, self.tr("&Set new password"), self._on_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.key_edit.setFocus()

    @Slot()
    def _on_ok(self) -> None:
        from app.services.setup.recovery import reset_with_recovery_key

        key, account = self.key_edit.text(), self.account_edit.text().strip()
        new, again = self.new_edit.text(), self.again_edit.text()
        if not key.strip() or not account or not new:
            self.error_label.show_error(self.tr("Please fill in every field."))
            return
        self.ok_button.setEnabled(False)
        paths = self.paths
        tasks.run(
            lambda progress, cancel: reset_with_recovery_key(paths, key, account, new, again),
            on_result=lambda _none: self._on_done(account),
            on_error=self._on_refused,
        )

    def _on_done(self, account: str) -> None:
        self.recovered.emit(account)
        self.accept()

    @Slot(object)
    def _on_refused(self, error: UserError) -> None:
        self.ok_button.setEnabled(True)
        self.error_label.show_error(str(error))
        self.refused.emit(str(error))
