"""工作站 (the county's 同步 section): register townships, list their sync status, revoke and re-provision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.domain.codes import KeyStatus
from app.services.sync import stations
from app.services.sync.stations import Revoked, StationState
from app.sync.results import DIGEST_MATCH, DIGEST_MISMATCH, DIGEST_PENDING
from app.views.page import Page
from app.views.sync.provision_dialog import ProvisionDialog, Provisioned
from app.views.tablemodels.rows import ROW_ROLE, ColumnSpec, RowsTableModel
from app.views.widgets.forms import fit_columns, heading, work_table
from app.views.workspace import Workspace

SYNC_TABLES = frozenset(
    {"sync_peer", "sync_key", "sync_bundle", "sync_conflict", "sync_duplicate", "sync_quarantine"}
    | {"station_audit_head"}
)


def local_time(value: datetime | None) -> str:
    """A UTC time from the database as the office's local time."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value is not None else ""


class StationsPage(Page):
    """The stations of the county; ``confirm_revoke`` asks before a revocation (tests replace it)."""

    CONCERNS = SYNC_TABLES
    provisioned = Signal(object)  # Provisioned
    revoked = Signal(object)  # Revoked

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.dialog: ProvisionDialog | None = None
        self.register_button = QPushButton(self.tr("&Register a station…"))
        self.revoke_button = QPushButton(self.tr("Re&voke keys…"))
        self.reprovision_button = QPushButton(self.tr("Re-&provision…"))
        self.accept_button = QPushButton(self.tr("&Accept audit break…"))
        self.accept_button.clicked.connect(self.accept_audit)
        self.register_button.clicked.connect(self.register)
        self.revoke_button.clicked.connect(self.revoke)
        self.reprovision_button.clicked.connect(self.reprovision)
        hint = QLabel(
            self.tr(
                "Register each township's station and write its provisioning file to a USB stick; tell "
                "the township the passphrase separately. When a station's laptop is lost, revoke its "
                "keys (its bundles are refused from then on), then re-provision it for the new computer."
            )
        )
        hint.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = RowsTableModel[StationState](
            [
                ColumnSpec(self.tr("Code"), lambda r: r.info.code),
                ColumnSpec(self.tr("Township"), lambda r: r.info.name),
                ColumnSpec(self.tr("Keys"), self._key_text, tone=self._key_tone),
                ColumnSpec(self.tr("Provisioned"), lambda r: local_time(r.provisioned_at)),
                ColumnSpec(
                    self.tr("Last bundle in"),
                    lambda r: self._bundle_text(r.info.last_seq, r.info.last_import),
                ),
                ColumnSpec(
                    self.tr("Last return bundle"),
                    lambda r: self._bundle_text(r.down_seq, local_time(r.last_down_at)),
                ),
                ColumnSpec(
                    self.tr("Held"), lambda r: str(r.info.held), right=True, tone=_tone(lambda r: r.info.held)
                ),
                ColumnSpec(
                    self.tr("Quarantined"),
                    lambda r: str(r.info.quarantined),
                    right=True,
                    tone=_tone(lambda r: r.info.quarantined),
                ),
                ColumnSpec(
                    self.tr("Conflicts"),
                    lambda r: str(r.info.conflicts),
                    right=True,
                    tone=_tone(lambda r: r.info.conflicts),
                ),
                ColumnSpec(self.tr("Digest"), self._digest_text),
            ],
            self,
        )
        self.table = work_table()
        self.table.setModel(self.model)
        fit_columns(
            self.table,
            {0: "430623101", 1: "三封寺镇镇", 2: "已吊销", 3: "2026-11-29 11:45", 6: "00", 7: "00", 8: "00"}
            | {column: "第000号 2026-11-29 11:45" for column in (4, 5)},
        )
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.reprovision)
        buttons = QHBoxLayout()
        for button in (self.register_button, self.revoke_button, self.reprovision_button, self.accept_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Township stations")))
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.refused)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def load(self) -> None:
        self.read(lambda uow: stations.station_board(uow, self.actor), self._on_board, key="board")

    @Slot(object)
    def _on_board(self, rows: list[StationState]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        if chosen is not None:
            self.select(chosen.info.code)
        self._update_buttons()
        self.loaded.emit()

    def selected(self) -> StationState | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if rows else None
        return row if isinstance(row, StationState) else None

    def select(self, code: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).info.code == code:
                self.table.selectRow(row)
                return

    @Slot()
    def _update_buttons(self) -> None:
        row = self.selected()
        active = row is not None and row.info.status is KeyStatus.ACTIVE
        self.revoke_button.setEnabled(active and not self.busy)
        self.reprovision_button.setEnabled(row is not None and not active and not self.busy)
        self.register_button.setEnabled(not self.busy)
        self.accept_button.setEnabled(row is not None and bool(row.audit_hold) and not self.busy)
        self.accept_button.setToolTip(row.audit_hold if row is not None else "")

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self._update_buttons()

    # -- actions -------------------------------------------------------------------------------------

    @Slot()
    def register(self) -> ProvisionDialog:
        return self._open_dialog(None)

    @Slot()
    def reprovision(self) -> ProvisionDialog | None:
        row = self.selected()
        if row is None or row.info.status is KeyStatus.ACTIVE:
            return None
        return self._open_dialog(row.info.code)

    def _open_dialog(self, code: str | None) -> ProvisionDialog:
        self.clear_refused()
        self.dialog = ProvisionDialog(self.ws, code, self)
        self.dialog.provisioned.connect(self._on_provisioned)
        self.dialog.open()
        return self.dialog

    @Slot(object)
    def _on_provisioned(self, done: Provisioned) -> None:
        message = self.tr(
            "Station {code} {name} provisioned: the file is {file}. Tell the township its passphrase "
            "separately."
        ).format(code=done.station.code, name=done.station.name, file=done.file)
        self._said(message)
        self.select(done.station.code)
        self.provisioned.emit(done)

    def confirm_revoke(self, row: StationState) -> bool:
        info = row.info
        answer = QMessageBox.warning(
            self,
            self.tr("Revoke the station's keys"),
            self.tr(
                "Revoke the keys of station {code} {name}? Its bundles are refused from then on, and the "
                "{held} bundle(s) held for it are deleted. Re-provision it afterwards for its new computer."
            ).format(code=info.code, name=info.name, held=info.held),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def revoke(self) -> None:
        row = self.selected()
        if row is None or row.info.status is not KeyStatus.ACTIVE or not self.confirm_revoke(row):
            return
        self.clear_refused()
        code = row.info.code
        self.write(lambda uow: stations.revoke_station(uow, self.actor, code), self._on_revoked)

    @Slot(object)
    def _on_revoked(self, done: Revoked) -> None:
        self._said(
            self.tr("Keys of station {code} {name} revoked; {dropped} held bundle(s) deleted.").format(
                code=done.station.code, name=done.station.name, dropped=done.dropped
            )
        )
        self.revoked.emit(done)

    def confirm_accept(self, row: StationState) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("Accept the audit break"),
            self.tr(
                "A bundle of station {code} {name} is held: {reason}. Accept this break only after "
                "checking with the township (a restored backup? someone editing the database file?). "
                "Accept it once?"
            ).format(code=row.info.code, name=row.info.name, reason=row.audit_hold),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def accept_audit(self) -> None:
        row = self.selected()
        if row is None or not row.audit_hold or not self.confirm_accept(row):
            return
        self.clear_refused()
        code, name = row.info.code, row.info.name
        self.write(
            lambda uow: stations.accept_audit_break(uow, self.actor, code),
            lambda _done: self._said(
                self.tr(
                    "The audit break of station {code} {name} is accepted once: import its held bundle "
                    "again on the Bundles tab."
                ).format(code=code, name=name)
            ),
        )

    def _said(self, message: str) -> None:
        self.summary.setText(message)
        self.show_status(message)

    # -- texts -----------------------------------------------------------------------------------------

    def _key_text(self, row: StationState) -> str:
        return self.tr("Active") if row.info.status is KeyStatus.ACTIVE else self.tr("Revoked")

    @staticmethod
    def _key_tone(row: StationState) -> str | None:
        return None if row.info.status is KeyStatus.ACTIVE else "overdue"

    def _bundle_text(self, seq: int, when: str) -> str:
        """The bundle's number and when it was imported or written (“none yet” before the first)."""
        if not seq:
            return self.tr("none yet")
        return self.tr("No. {seq}, {time}").format(seq=seq, time=when)

    def _digest_text(self, row: StationState) -> str:
        return {
            DIGEST_MATCH: self.tr("agrees"),
            DIGEST_MISMATCH: self.tr("differs: a full re-sync follows"),
            DIGEST_PENDING: self.tr("changes in transit, not checked"),
        }.get(row.info.drift, "")


def _tone(count: Callable[[StationState], int]) -> Callable[[StationState], str | None]:
    return lambda r: "soon" if count(r) else None
