"""设置: interface language, the office details printed on notices, procedure rules, the screen lock,
holidays."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.calendar import DayKind
from app.domain.codes import Role, RuleMode
from app.services import settings
from app.services.settings import SettingsView
from app.views.page import Page
from app.views.ui_state import LANGUAGES, preferred_language, set_preferred_language
from app.views.widgets.forms import SPIN_WIDTH, show_date
from app.views.workspace import Workspace

OFFICE_EDITORS = {Role.ADMIN, Role.TOWNSHIP_HEAD, Role.COUNTY_HEAD}
PROCEDURE_EDITORS = {Role.ADMIN, Role.COUNTY_HEAD}


class SettingsPage(Page):
    """What an office sets once: the services check the roles; the page says who may change what."""

    CONCERNS = frozenset({"setting", "holiday"})
    saved = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        role = ws.actor.role
        county = ws.is_county

        self.language_combo = QComboBox()
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(preferred_language()))
        self.language_combo.currentIndexChanged.connect(self._on_language)
        language_box = QGroupBox(self.tr("Interface"))
        language_form = QFormLayout(language_box)
        language_form.addRow(self.tr("&Language:"), self.language_combo)
        language_form.addRow(QLabel(self.tr("The language changes when the program is started again.")))

        self.office_edits = {key: QLineEdit() for key in settings.OFFICE_KEYS}
        office_box = QGroupBox(self.tr("Office details printed on notices"))
        office_form = QFormLayout(office_box)
        labels = (self.tr("Office &name:"), self.tr("&Phone:"), self.tr("&Address:"), self.tr("&Hotline:"))
        for label, key in zip(labels, settings.OFFICE_KEYS, strict=True):
            office_form.addRow(label, self.office_edits[key])
        self.save_office_button = QPushButton(self.tr("&Save office details"))
        self.save_office_button.clicked.connect(self.save_office)
        office_form.addRow(self.save_office_button)
        self._lock(
            office_box,
            role in OFFICE_EDITORS,
            self.tr("Only the administrator or the head of the office may change these."),
        )

        self.mode_combo = QComboBox()
        for mode in RuleMode:
            self.mode_combo.addItem(mode.label, mode.value)
        self.notice_days = QSpinBox()
        self.notice_days.setMaximumWidth(SPIN_WIDTH)  # a number of a few digits, not a stretch
        self.notice_days.setRange(1, 30)
        self.day_kind_combo = QComboBox()
        for kind in DayKind:
            self.day_kind_combo.addItem(kind.label, kind.value)
        self.spot_share = QSpinBox()
        self.spot_share.setMaximumWidth(SPIN_WIDTH)  # a number of a few digits, not a stretch
        self.spot_share.setRange(30, 100)
        self.spot_share.setSuffix("%")
        self.spot_share.setToolTip(
            self.tr("Share of the cases sent up that the county visits at random (2012 rules).")
        )
        self.renotice_check = QCheckBox(self.tr("Publish the new opinion a&gain after an objection"))
        self.renotice_check.setToolTip(
            self.tr(
                "By the national rules the opinion made after an objection goes straight to the county; "
                "tick this only where local rules ask for a second notice."
            )
        )
        self.save_procedure_button = QPushButton(self.tr("Save &rules"))
        self.save_procedure_button.clicked.connect(self.save_procedure)
        procedure_box = QGroupBox(self.tr("Procedure rules"))
        procedure_form = QFormLayout(procedure_box)
        procedure_form.addRow(self.tr("Rule &mode:"), self.mode_combo)
        procedure_form.addRow(self.tr("Notice &days:"), self.notice_days)
        procedure_form.addRow(self.tr("Days &counted as:"), self.day_kind_combo)
        procedure_form.addRow(self.tr("County &spot checks:"), self.spot_share)
        procedure_form.addRow("", self.renotice_check)
        procedure_form.addRow(self.save_procedure_button)
        self._lock(
            procedure_box,
            county and role in PROCEDURE_EDITORS,
            self.tr("Set by the county bureau and sent to the townships with the sync bundles."),
        )

        self.lock_minutes = QSpinBox()
        self.lock_minutes.setMaximumWidth(SPIN_WIDTH)  # a number of a few digits, not a stretch
        self.lock_minutes.setRange(*settings.LOCK_MINUTES_RANGE)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.save_lock_button = QPushButton(self.tr("Save &lock time"))
        self.save_lock_button.clicked.connect(self.save_lock)
        lock_box = QGroupBox(self.tr("Screen lock on this computer"))
        lock_form = QFormLayout(lock_box)
        lock_form.addRow(self.tr("Lock after no &input for:"), self.lock_minutes)
        lock_form.addRow(self.save_lock_button)
        self._lock(
            lock_box,
            role in OFFICE_EDITORS,
            self.tr("Only the administrator or the head of the office may change this."),
        )

        self.holiday_table = QTableWidget(0, 3)
        self.holiday_table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Holiday")])
        self.holiday_table.verticalHeader().setVisible(False)
        self.holiday_table.horizontalHeader().setStretchLastSection(True)
        holiday_box = QGroupBox(self.tr("Holidays and make-up working days"))
        QVBoxLayout(holiday_box).addWidget(self.holiday_table)

        self.status = QLabel()
        self.status.setWordWrap(True)
        left = QVBoxLayout()
        for box in (language_box, office_box, procedure_box):
            left.addWidget(box)
        left.addWidget(self.refused)
        left.addWidget(self.status)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(lock_box)
        right.addWidget(holiday_box, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def _lock(self, box: QGroupBox, editable: bool, why: str) -> None:
        for child in box.findChildren(QWidget):
            child.setEnabled(editable)
        if not editable:
            note = QLabel(why)
            note.setWordWrap(True)
            form = box.layout()
            assert isinstance(form, QFormLayout)
            form.addRow(note)
            box.setToolTip(why)

    def load(self) -> None:
        self.read(lambda uow: settings.settings_view(uow, self.actor), self._on_loaded)

    @Slot(object)
    def _on_loaded(self, data: SettingsView) -> None:
        for key, value in data.office.items():
            self.office_edits[key].setText(value)
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(data.rule_mode.value))
        self.notice_days.setValue(data.limits.notice_days)
        self.day_kind_combo.setCurrentIndex(self.day_kind_combo.findData(data.limits.notice_day_kind))
        self.spot_share.setValue(data.spot_check_share)
        self.renotice_check.setChecked(data.renotice_after_objection)
        self.lock_minutes.setValue(data.lock_minutes)
        kinds = {"holiday": self.tr("Holiday"), "workday": self.tr("Make-up working day")}
        self.holiday_table.setRowCount(len(data.holidays))
        for row, (day, kind, name) in enumerate(data.holidays):
            for col, text in enumerate((show_date(day), kinds.get(kind, kind), name)):
                self.holiday_table.setItem(row, col, QTableWidgetItem(text))
        self.holiday_table.resizeColumnsToContents()
        self.loaded.emit()

    @Slot()
    def _on_language(self) -> None:
        set_preferred_language(str(self.language_combo.currentData()))
        self.status.setText(self.tr("The language changes when the program is started again."))

    @Slot()
    def save_office(self) -> None:
        values = {key: edit.text() for key, edit in self.office_edits.items()}
        done = self.tr("Office details saved.")
        self._starting()
        self.write(lambda uow: settings.update_office(uow, self.actor, values), lambda _: self._saved(done))

    @Slot()
    def save_procedure(self) -> None:
        mode = RuleMode(self.mode_combo.currentData())
        days, kind = self.notice_days.value(), str(self.day_kind_combo.currentData())
        share, renotice = self.spot_share.value(), self.renotice_check.isChecked()
        done = self.tr("Rules saved.")
        self._starting()
        self.write(
            lambda uow: settings.update_procedure(
                uow,
                self.actor,
                rule_mode=mode,
                notice_days=days,
                notice_day_kind=kind,
                spot_check_share=share,
                renotice_after_objection=renotice,
            ),
            lambda _: self._saved(done),
        )

    @Slot()
    def save_lock(self) -> None:
        minutes = self.lock_minutes.value()
        done = self.tr("The screen now locks after {n} minutes without input.").format(n=minutes)
        self._starting()
        self.write(lambda uow: settings.update_lock(uow, self.actor, minutes), lambda _: self._saved(done))

    def _starting(self) -> None:
        self.clear_refused()
        self.status.clear()

    def _saved(self, message: str) -> None:
        self.status.setText(message)
        self.show_status(message)
        self.saved.emit(message)
