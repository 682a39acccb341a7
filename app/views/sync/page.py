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
from app.services.sync import queues, status, transfer
from app.services.sync.queues import Overview
from app.services.sync.status import StationStatus
from app.services.sync.transfer import Exported, Imported
from app.sync.provision import JoinResult
from app.sync.results import DIGEST_MATCH, DIGEST_MISMATCH, DIGEST_PENDING, Outcome, UpResult
from app.sync.tables import UP_TABLES
from app.views.ops import Job
from app.views.page import Page
from app.views.sync.join_dialog import JoinDialog
from app.views.sync.queues import SyncQueues
from app.views.sync.stations_page import SYNC_TABLES, local_time
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel
from app.views.tasks import TaskHandle
from app.views.widgets.empty_hint import EmptyHint
from app.views.widgets.forms import fit_columns, heading, stretch_column, work_table
from app.views.widgets.screen import fit_to_screen
from app.views.workspace import Workspace


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
        fit_to_screen(self)


class SyncPage(Page):
    """Bundles on a USB stick; a station says first whether it has joined its county and what waits to
    be sent, and joins from here; the county also resolves its queues (its stations are on 工作站).

    ``ask_passphrase``, ``choose_folder`` and ``choose_files`` open dialogs; tests replace them.
    """

    CONCERNS = SYNC_TABLES | frozenset(UP_TABLES)  # a station's changes waiting to be sent
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
        self.status: StationStatus | None = None
        self.join_dialog: JoinDialog | None = None

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
        self.results_hint = EmptyHint(
            self.results_table,
            self.tr(
                "No bundle imported since the program started. Import the files brought on the USB stick: "
                "each file's result is listed here."
            ),
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
        if not self.is_county:
            self.status_label = QLabel()
            self.status_label.setWordWrap(True)
            self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.join_button = QPushButton(self.tr("&Join the county's sync…"))
            self.join_button.clicked.connect(self.open_join)
            status_box = QGroupBox(self.tr("This station"))
            status_layout = QHBoxLayout(status_box)
            status_layout.addWidget(self.status_label, 1)
            status_layout.addWidget(self.join_button)
            top_layout.addWidget(status_box)
        top_layout.addWidget(hint)
        top_layout.addLayout(actions)
        top_layout.addWidget(self.refused)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.results_table, 1)

        layout = QVBoxLayout(self)
        if not self.is_county:
            layout.addWidget(top)
            return
        self.queues = SyncQueues()
        self.queues.resolve_conflict.connect(self.resolve_conflict)
        self.queues.resolve_duplicate.connect(self.resolve_duplicate)
        self.queues.discard_quarantine.connect(self.discard_quarantine)
        queues_box = QGroupBox(self.tr("To resolve"))
        QVBoxLayout(queues_box).addWidget(self.queues)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(queues_box)
        layout.addWidget(splitter)

    # -- loading -------------------------------------------------------------------------------------

    def load(self) -> None:
        """The stations to export for and the queues (county), or where this station stands."""
        if self.is_county:
            self.read(lambda uow: queues.overview(uow, self.actor), self._on_overview, key="overview")
        else:
            self.read(lambda uow: status.station_status(uow, self.actor), self._on_status, key="status")

    @Slot(object)
    def _on_status(self, current: StationStatus) -> None:
        self.status = current
        self.status_label.setText(self.status_text(current))
        self.join_button.setText(
            self.tr("&Join again (new file)…") if current.joined else self.tr("&Join the county's sync…")
        )
        self.loaded.emit()

    def status_text(self, s: StationStatus) -> str:
        """Joined or not, the last bundles, and the changes waiting, in a few lines."""
        if not s.joined:
            return self.tr(
                "Not joined to the county's sync yet. Ask the county civil affairs bureau for this "
                "station's provisioning file and its passphrase, then press “Join the county's sync”. "
                "The first bundle after joining carries all {waiting} records of this station."
            ).format(waiting=s.waiting)
        lines = [
            self.tr("Joined to the sync of {county} ({code}) on {date}.").format(
                county=s.county_name or s.county_code, code=s.county_code, date=local_time(s.joined_at)
            ),
            self.tr("Last export: bundle no. {seq} on {time}.").format(
                seq=s.last_export_seq, time=local_time(s.last_export_at)
            )
            if s.last_export_at is not None
            else self.tr("No bundle exported yet."),
            self.tr("Last bundle from the county imported on {time}.").format(
                time=local_time(s.last_import_at)
            )
            if s.last_import_at is not None
            else self.tr("No bundle from the county imported yet."),
            self.tr(
                "Waiting to be sent: {waiting} changed records. Sent, awaiting the county's receipt: "
                "{unconfirmed}."
            ).format(waiting=s.waiting, unconfirmed=s.unconfirmed),
        ]
        return "\n".join(lines)

    @Slot()
    def open_join(self) -> JoinDialog:
        """加入县级同步: the provisioning file and its passphrase (again, after a re-provisioning)."""
        rejoin = self.status is not None and self.status.joined
        self.join_dialog = JoinDialog(self.ws, rejoin=rejoin, parent=self)
        self.join_dialog.joined.connect(self._on_joined)
        self.join_dialog.open()
        return self.join_dialog

    @Slot(object)
    def _on_joined(self, joined: JoinResult) -> None:
        message = self.tr(
            "Joined the sync of {county} ({code}). The next bundle, no. {seq}, carries all of this "
            "station's records."
        ).format(county=joined.county_name or joined.county, code=joined.county, seq=joined.next_seq)
        self.summary.setText(message)
        self.show_status(message)

    @Slot(object)
    def _on_overview(self, overview: Overview) -> None:
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
