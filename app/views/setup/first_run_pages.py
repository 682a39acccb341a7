"""The pages of the first-run setup: what to set up, where it is, and the administrator's password."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.domain import areas as divisions
from app.errors import UserError
from app.services.setup import first_run
from app.services.setup.auth import MIN_PASSWORD
from app.views.widgets.path_field import PathField


class SetupPage(QWizardPage):
    """A page with a red error line under its form; ``focus_for`` names the widget of a service field."""

    def __init__(self, title: str, subtitle: str = "") -> None:
        super().__init__()
        self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.focus_for: dict[str, QWidget] = {}

    def show_error(self, message: str, field: str | None = None) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        widget = self.focus_for.get(field or "")
        if widget is not None:
            widget.setFocus()

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def refuse(self, error: UserError) -> bool:
        self.show_error(str(error), error.field)
        return False


class KindPage(SetupPage):
    def __init__(self) -> None:
        super().__init__(
            self.tr("Set up Jiuzhu"),
            self.tr("This data folder is empty. Choose what this computer will be."),
        )
        self.join_radio = QRadioButton(self.tr("&Township station joining the county (provisioning file)"))
        self.station_radio = QRadioButton(self.tr("&Standalone township station"))
        self.county_radio = QRadioButton(self.tr("&County master database"))
        self.join_radio.setChecked(True)
        layout = QVBoxLayout(self)
        for radio, hint in (
            (self.join_radio, self.tr("The county civil affairs bureau has sent you a provisioning file.")),
            (self.station_radio, self.tr("Work on your own for now; the county can provision you later.")),
            (
                self.county_radio,
                self.tr("The county's master database that receives the townships' bundles."),
            ),
        ):
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setContentsMargins(24, 0, 0, 8)
            layout.addWidget(radio)
            layout.addWidget(note)
        layout.addStretch(1)

    def mode(self) -> str:
        if self.county_radio.isChecked():
            return first_run.COUNTY
        return first_run.STATION if self.station_radio.isChecked() else first_run.JOIN


class JoinPage(SetupPage):
    def __init__(self) -> None:
        super().__init__(
            self.tr("Provisioning file from the county"),
            self.tr("Choose the file and enter the passphrase the county gave you separately."),
        )
        row = PathField(self._choose_file)
        self.file_edit = row.edit
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(self.tr("Provisioning &file:"), row)
        form.addRow(self.tr("Pass&phrase:"), self.secret_edit)
        form.addRow(self.error_label)
        self.focus_for = {first_run.FIELD_PROVISION: self.file_edit, first_run.FIELD_SECRET: self.secret_edit}

    def _choose_file(self) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Provisioning file"))
        return Path(chosen) if chosen else None

    def provision_file(self) -> Path:
        return Path(self.file_edit.text().strip())

    def validatePage(self) -> bool:
        self.clear_error()
        if not self.file_edit.text().strip() or not self.provision_file().is_file():
            return self.refuse(
                UserError(self.tr("Please choose the provisioning file."), field=first_run.FIELD_PROVISION)
            )
        if not self.secret_edit.text():
            return self.refuse(
                UserError(self.tr("Please enter the passphrase."), field=first_run.FIELD_SECRET)
            )
        return True


class CodePage(SetupPage):
    """A page that names an area: its code is checked on 下一步, its name is optional."""

    name_edit: QLineEdit

    def code(self) -> str:
        raise NotImplementedError

    def name(self) -> str | None:
        return self.name_edit.text().strip() or None

    def validatePage(self) -> bool:
        self.clear_error()
        try:
            self.code()
        except UserError as error:
            return self.refuse(error)
        return True


class StationPage(CodePage):
    def __init__(self) -> None:
        super().__init__(
            self.tr("Township"),
            self.tr("Choose the township, or type its 9-digit division code."),
        )
        digits = QRegularExpressionValidator(r"\d{0,6}")
        self.county_edit = QLineEdit(divisions.DEFAULT_COUNTY[0])
        self.county_edit.setValidator(digits)
        self.township_combo = QComboBox()
        self.township_combo.setEditable(True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Optional: needed only for a township not in the list"))
        form = QFormLayout(self)
        form.addRow(self.tr("County &code:"), self.county_edit)
        form.addRow(self.tr("&Township:"), self.township_combo)
        form.addRow(self.tr("Township &name:"), self.name_edit)
        form.addRow(self.error_label)
        self.focus_for = {
            first_run.FIELD_COUNTY: self.county_edit,
            first_run.FIELD_TOWNSHIP: self.township_combo,
        }
        self.county_edit.textChanged.connect(self._on_county_changed)
        self._on_county_changed(self.county_edit.text())

    @Slot(str)
    def _on_county_changed(self, county: str) -> None:
        self.township_combo.clear()
        for code, name in first_run.known_townships(county.strip()):
            self.township_combo.addItem(f"{name}（{code}）", code)
        self.township_combo.setCurrentIndex(-1 if self.township_combo.count() == 0 else 0)

    def code(self) -> str:
        """The 9-digit code chosen or typed (UserError naming the field when it is not one)."""
        index = self.township_combo.currentIndex()
        text = self.township_combo.currentText().strip()
        if index >= 0 and text == self.township_combo.itemText(index):
            text = str(self.township_combo.itemData(index))
        return first_run.township_code(self.county_edit.text(), text)


class CountyPage(CodePage):
    def __init__(self) -> None:
        super().__init__(self.tr("County"), self.tr("The county's 6-digit division code, e.g. 430623."))
        self.county_edit = QLineEdit()
        self.county_edit.setValidator(QRegularExpressionValidator(r"\d{0,6}"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Optional, e.g. 华容县"))
        form = QFormLayout(self)
        form.addRow(self.tr("County &code:"), self.county_edit)
        form.addRow(self.tr("County &name:"), self.name_edit)
        form.addRow(self.error_label)
        self.focus_for = {first_run.FIELD_COUNTY: self.county_edit}

    def code(self) -> str:
        return first_run.county_code(self.county_edit.text())


class AdminPage(SetupPage):
    def __init__(self) -> None:
        super().__init__(
            self.tr("Administrator"),
            self.tr("The administrator account is called admin; it adds the other users."),
        )
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(
            self.tr("At least {count} characters").format(count=MIN_PASSWORD)
        )
        self.again_edit = QLineEdit()
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.demo_check = QCheckBox(self.tr("Fill with &demo data for training"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Password:"), self.password_edit)
        form.addRow(self.tr("&Repeat password:"), self.again_edit)
        form.addRow(self.demo_check)
        form.addRow(self.error_label)
        self.focus_for = {first_run.FIELD_PASSWORD: self.password_edit, first_run.FIELD_DEMO: self.demo_check}

    def allow_demo(self, allowed: bool) -> None:
        self.demo_check.setEnabled(allowed)
        if not allowed:
            self.demo_check.setChecked(False)

    def password(self) -> str:
        return self.password_edit.text()

    def check(self) -> bool:
        self.clear_error()
        try:
            first_run.check_password(self.password_edit.text(), self.again_edit.text())
        except UserError as error:
            self.again_edit.clear()
            return self.refuse(error)
        return True
