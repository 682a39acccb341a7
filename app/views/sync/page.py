"""同步: export a bundle to a USB folder and import bundles from one; at the county, stations and queues."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import BundleStatus, InstallationKind, KeyStatus
from app.errors import UserError
from app.paths import DataPaths
from app.services.sync import queues, transfer
from app.services.sync.queues import Overview, StationRow
from app.services.sync.transfer import Exported, Imported
from app.sync.results import DIGEST_MATCH, DIGEST_MISMATCH, DIGEST_PENDING, Outcome, UpResult
from app.views.ops import Job
from app.views.page import Page
from app.views.sync.queues import SyncQueues
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel
from app.views.tasks import TaskHandle
from app.views.widgets.forms import fit_columns, heading, stretch_column, work_table
from app.views.workspace import Workspace

SYNC_TABLES = frozenset(
    {"sync_peer", "sync_key", "sync_bundle", "sync_conflict", "sync_duplicate", "sync_quarantine"}
)


class PassphraseDialog(QDialog):
    """Asks for the sync keys' passphrase; the text is handed to one task and never kept."""

    def __init__(self, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync passphrase"))
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        label = QLabel(prompt)
        label.setWordWrap(True)
        label.setBuddy(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)


class SyncPage(Page):
    """Bundles on a USB stick; at the county also the stations and the queues to resolve.

    ``ask_passphrase``, ``choose_folder`` and ``choose_files`` open dialogs; tests replace them.
    """

    CONCERNS = SYNC_TABLES
    exported = Signal(object)  # Exported, or None when there was nothing to send
    imported = Signal(object)  # Imported: one outcome per bundle (held ones released count too)
    resolved = Signal(str)  # what was done, once a queue item is closed

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        if ws.paths is None:
            raise ValueError("the sync page needs the data folder")
        self._paths: DataPaths = ws.paths
        self.is_county = ws.is_county
        self.import_task: TaskHandle[Imported] | None = None  # the import running (tests cancel it)

        self.export_button = QPushButton(
            self.tr("&Export return bundle to folder…")
            if self.is_county
            else self.tr("&Export bundle to folder…")
        )
        self.import_button = QPushButton(
            self.tr("&Import bundles…") if self.is_county else self.tr("&Import receipts/bundles…")
        )
        self.station_combo = QComboBox()
        self.export_button.clicked.connect(self._export_clicked)
        self.import_button.clicked.connect(self._import_clicked)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.results_model = RowsTableModel[Outcome](
            [
                ColumnSpec(self.tr("File"), lambda o: o.file),
                ColumnSpec(self.tr("Result"), self._status_text, tone=self._status_tone),
                ColumnSpec(self.tr("Sender"), lambda o: o.sender),
                ColumnSpec(self.tr("No."), lambda o: str(o.seq) if o.seq else "", right=True),
                ColumnSpec(self.tr("Details"), self.describe),
            ],
            self,
        )
        self.results_table = work_table()
        self.results_table.setModel(self.results_model)
        stretch_column(self.results_table, 4)
        fit_columns(
            self.results_table,
            {0: "jiuzhu-down-430623101-000001.jzb", 1: "已导入过，未作改动", 2: "430623101", 3: "00000"},
        )
        self.station_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        actions = QHBoxLayout()
        if self.is_county:
            station_label = QLabel(self.tr("For s&tation:"))
            station_label.setBuddy(self.station_combo)
            actions.addWidget(station_label)
            actions.addWidget(self.station_combo)
        else:
            self.station_combo.hide()
        actions.addWidget(self.export_button)
        actions.addWidget(self.import_button)
        actions.addStretch(1)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.addWidget(
            heading(self.tr("Sync with the county") if not self.is_county else self.tr("Sync"))
        )
        hint = QLabel(
            self.tr(
                "Bundles are encrypted and signed: carry them on a USB stick, never the passphrase. "
                "A record counts as synced only when the county's receipt has been imported."
            )
            if not self.is_county
            else self.tr(
                "Import the townships' bundles, then export each station's return bundle with its receipts."
            )
        )
        hint.setWordWrap(True)
        top_layout.addWidget(hint)
        top_layout.addLayout(actions)
        top_layout.addWidget(self.refused)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.results_table, 1)

        layout = QVBoxLayout(self)
        if not self.is_county:
            layout.addWidget(top)
            return
        self.stations_model = RowsTableModel[StationRow](
            [
                ColumnSpec(self.tr("Code"), lambda r: r.info.code),
                ColumnSpec(self.tr("Township"), lambda r: r.info.name),
                ColumnSpec(
                    self.tr("Keys"),
                    self._key_text,
                    tone=lambda r: None if r.info.status is KeyStatus.ACTIVE else "overdue",
                ),
                ColumnSpec(self.tr("Last sequence"), lambda r: str(r.info.last_seq), right=True),
                ColumnSpec(self.tr("Last import"), lambda r: r.info.last_import),
                ColumnSpec(
                    self.tr("Held bundles"),
                    lambda r: str(r.info.held),
                    right=True,
                    tone=_count_tone(lambda r: r.info.held),
                ),
                ColumnSpec(
                    self.tr("Quarantined"),
                    lambda r: str(r.info.quarantined),
                    right=True,
                    tone=_count_tone(lambda r: r.info.quarantined),
                ),
                ColumnSpec(
                    self.tr("Open conflicts"),
                    lambda r: str(r.info.conflicts),
                    right=True,
                    tone=_count_tone(lambda r: r.info.conflicts),
                ),
                ColumnSpec(
                    self.tr("Duplicate ID numbers"),
                    lambda r: str(r.duplicates),
                    right=True,
                    tone=_count_tone(lambda r: r.duplicates),
                ),
                ColumnSpec(self.tr("Digest"), self._drift_text),
            ],
            self,
        )
        self.stations_table = work_table()
        self.stations_table.setModel(self.stations_model)
        fit_columns(
            self.stations_table,
            {0: "430623101", 1: "三封寺镇镇", 2: "已吊销", 3: "00000", 4: "2026-11-29 11:45", 9: "有变更在途"}
            | {column: "0000" for column in range(5, 9)},
        )
        self.queues = SyncQueues()
        self.queues.resolve_conflict.connect(self.resolve_conflict)
        self.queues.resolve_duplicate.connect(self.resolve_duplicate)
        self.queues.discard_quarantine.connect(self.discard_quarantine)
        status_box = QGroupBox(self.tr("Stations"))
        QVBoxLayout(status_box).addWidget(self.stations_table, 1)
        queues_box = QGroupBox(self.tr("To resolve"))
        QVBoxLayout(queues_box).addWidget(self.queues)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(status_box)
        splitter.addWidget(queues_box)
        layout.addWidget(splitter)

    # -- loading -------------------------------------------------------------------------------------

    def load(self) -> None:
        """The station table and the queues (county); a station has nothing to list before it imports."""
        if self.is_county:
            self.read(lambda uow: queues.overview(uow, self.actor), self._on_overview, key="overview")
        else:
            self.loaded.emit()

    @Slot(object)
    def _on_overview(self, overview: Overview) -> None:
        self.stations_model.set_rows(overview.stations)
        self.queues.set_items(overview.items)
        wanted = self.station_combo.currentData()
        self.station_combo.clear()
        for row in overview.stations:
            if row.info.status is KeyStatus.ACTIVE:
                self.station_combo.addItem(f"{row.info.code} {row.info.name}", row.info.code)
        if wanted is not None and self.station_combo.findData(wanted) >= 0:
            self.station_combo.setCurrentIndex(self.station_combo.findData(wanted))
        self.loaded.emit()

    def busy_changed(self, busy: bool) -> None:
        super().busy_changed(busy)
        self.export_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)

    # -- dialogs (replaced in tests) ---------------------------------------------------------------

    def ask_passphrase(self) -> str | None:
        dialog = PassphraseDialog(self.tr("Passphrase of this computer's sync keys:"), self)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        text = dialog.edit.text()
        dialog.edit.clear()
        dialog.deleteLater()
        return text if ok else None

    def choose_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder to write the bundle to (USB stick)"))
        return Path(folder) if folder else None

    def choose_files(self) -> list[Path]:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Bundles to import"), "", self.tr("Jiuzhu bundles (*.jzb);;All files (*)")
        )
        return [Path(f) for f in files]

    # -- export and import ---------------------------------------------------------------------------

    @Slot()
    def _export_clicked(self) -> None:
        folder = self.choose_folder()
        if folder is not None:
            self.export_to(folder)

    @Slot()
    def _import_clicked(self) -> None:
        files = self.choose_files()
        if files:
            self.import_files(files)

    def export_to(self, folder: Path) -> None:
        """Write the next bundle (a station) or the chosen station's return bundle (county) to ``folder``."""
        station: str | None = None
        if self.is_county:
            station = self.station_combo.currentData()
            if not station:
                self.show_refused(UserError(self.tr("Choose the station to export the return bundle for.")))
                return
        passphrase = self.ask_passphrase()
        if passphrase is None:
            return
        self._starting()
        job = Job()
        self.write(
            lambda uow: transfer.export_bundle(
                uow, self.actor, self._paths, lambda: passphrase, folder, station, job.progress
            ),
            self._on_exported,
            label=self.tr("Exporting…"),
            job=job,
        )

    def import_files(self, files: list[Path]) -> None:
        """Import the files, each bundle on its own; the table shows what happened to each one.

        Cancelling the import (in its progress dialog) imports none of them.
        """
        passphrase = self.ask_passphrase()
        if passphrase is None:
            return
        self._starting()
        job = Job()
        self.import_task = self.write(
            lambda uow: transfer.import_bundles(
                uow, self.actor, self._paths, lambda: passphrase, files, job.progress, job.cancelled
            ),
            self._on_imported,
            label=self.tr("Importing…"),
            job=job,
            everything=True,  # a bundle may touch any table: every page refreshes
        )

    def _starting(self) -> None:
        self.clear_refused()
        self.summary.clear()

    @Slot(object)
    def _on_exported(self, done: Exported | None) -> None:
        if done is None:
            self.summary.setText(self.tr("Nothing to send."))
        else:
            what = self.tr("up bundle") if done.kind == "up" else self.tr("return bundle")
            self.summary.setText(
                self.tr("Exported {what} no. {seq} for {peer} ({records} records) to {path}").format(
                    what=what, seq=done.seq, peer=done.peer, records=done.records, path=done.path
                )
            )
        self.exported.emit(done)

    @Slot(object)
    def _on_imported(self, result: Imported) -> None:
        self.results_model.set_rows(result.outcomes)
        self.summary.setText(
            self.tr("{applied} applied, {held} held, {replay} already imported, {refused} refused.").format(
                applied=result.count(BundleStatus.APPLIED),
                held=result.count(BundleStatus.HELD),
                replay=result.count(BundleStatus.REPLAY),
                refused=result.count(BundleStatus.REFUSED),
            )
        )
        self.imported.emit(result)

    # -- the county's queues ---------------------------------------------------------------------------

    @Slot(int, object)
    def resolve_conflict(self, conflict_id: int, keep: InstallationKind) -> None:
        done = (
            self.tr("Conflict resolved: the county's values kept.")
            if keep is InstallationKind.COUNTY
            else self.tr("Conflict resolved: the station's values kept.")
        )
        self.write(lambda uow: queues.resolve_conflict(uow, self.actor, conflict_id, keep), self._said(done))

    @Slot(int, str)
    def resolve_duplicate(self, duplicate_id: int, note: str) -> None:
        done = self.tr("Duplicate ID number checked.")
        self.write(
            lambda uow: queues.resolve_duplicate(uow, self.actor, duplicate_id, note), self._said(done)
        )

    @Slot(int)
    def discard_quarantine(self, item_id: int) -> None:
        done = self.tr("Quarantined household discarded.")
        self.write(lambda uow: queues.discard_quarantine(uow, self.actor, item_id), self._said(done))

    def _said(self, what: str) -> Callable[[object], None]:
        def done(_result: object) -> None:
            self.clear_refused()
            self.summary.setText(what)
            self.queues.finding_edit.clear()
            self.show_status(what)
            self.resolved.emit(what)

        return done

    # -- texts -----------------------------------------------------------------------------------------

    def _status_text(self, o: Outcome) -> str:
        return {
            BundleStatus.APPLIED: self.tr("Applied"),
            BundleStatus.HELD: self.tr("Held"),
            BundleStatus.REPLAY: self.tr("Already imported"),
            BundleStatus.REFUSED: self.tr("Refused"),
        }.get(o.status, o.status)

    @staticmethod
    def _status_tone(o: Outcome) -> str | None:
        return {
            BundleStatus.APPLIED: "ok",
            BundleStatus.HELD: "soon",
            BundleStatus.REPLAY: "muted",
            BundleStatus.REFUSED: "overdue",
        }.get(o.status)

    def _key_text(self, row: StationRow) -> str:
        return self.tr("Active") if row.info.status is KeyStatus.ACTIVE else self.tr("Revoked")

    def _drift_text(self, row: StationRow) -> str:
        return self._digest(row.info.drift)

    def _digest(self, value: str) -> str:
        return {
            DIGEST_MATCH: self.tr("agrees"),
            DIGEST_MISMATCH: self.tr("differs: a full re-sync follows"),
            DIGEST_PENDING: self.tr("changes in transit, not checked"),
        }.get(value, "")

    def describe(self, o: Outcome) -> str:
        """What a bundle did: counts for an applied or replayed bundle, else the reason it waits or failed."""
        if o.status is BundleStatus.HELD:
            return o.message or self.tr("Waiting for an earlier bundle")
        r = o.result
        if o.status is BundleStatus.REFUSED or r is None:
            return o.message
        if isinstance(r, UpResult):  # an up bundle, at the county
            return self.tr(
                "accepted {accepted}, unchanged {unchanged}, deleted {deleted}, quarantined {households} "
                "households ({records} records), conflicts soft {soft}/hard {hard}, "
                "duplicate ID numbers {duplicates}; digest {digest}"
            ).format(
                accepted=r.accepted_total,
                unchanged=r.unchanged,
                deleted=r.deleted,
                households=len(r.quarantined),
                records=r.quarantined_records,
                soft=r.soft_conflicts,
                hard=r.hard_conflicts,
                duplicates=r.duplicates,
                digest=self._digest(r.digest),
            )
        rc = r.receipts
        return self.tr(
            "receipts {bundles} (accepted {accepted}, duplicate {duplicate}, conflict {conflict}, "
            "quarantined {quarantined}), county records {written}, merged {merged}; digest {digest}"
        ).format(
            bundles=rc.bundles,
            accepted=rc.accepted,
            duplicate=rc.duplicate,
            conflict=rc.conflict,
            quarantined=rc.quarantined,
            written=r.written_total,
            merged=r.merged,
            digest=self._digest(r.digest),
        )


def _count_tone(count: Callable[[StationRow], int]) -> Callable[[StationRow], str | None]:
    return lambda r: "soon" if count(r) else None
