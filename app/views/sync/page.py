"""同步: export a bundle to a USB folder and import bundles from one; at the county, stations and queues."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models.db import Database
from app.paths import DataPaths
from app.services.sync import transfer as sync
from app.sync.importer import Outcome
from app.sync.provision import StationInfo
from app.views import tasks
from app.views.signed_in import SignedIn
from app.views.sync.queues import Item, SyncQueues
from app.views.tablemodels.rows import ColumnSpec, RowsTableModel
from app.views.widgets.forms import ErrorLabel, fit_columns, heading, stretch_column, work_table


@dataclass(frozen=True)
class StationRow:
    """One township as the county sees it; duplicates count the open ID numbers that involve it."""

    info: StationInfo
    duplicates: int


@dataclass(frozen=True)
class Overview:
    stations: list[StationRow]
    items: dict[str, list[Item]]


@dataclass(frozen=True)
class Imported:
    outcomes: list[Outcome]
    files: int
    stopped: bool


def load_overview(db: Database) -> Overview:
    """Per-station status and the open queue items (county only; runs off the GUI thread)."""
    items = sync.review_items(db)
    involved: Counter[str] = Counter()
    for duplicate in items["duplicates"]:
        for code in {str(p.get("station", "")) for p in duplicate["persons"]}:
            involved[code] += 1
    rows = [StationRow(info, involved[info.code]) for info in sync.list_stations(db)]
    return Overview(rows, items)


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


class SyncPage(QWidget):
    """Bundles on a USB stick. Work runs off the GUI thread; expected errors are shown on the page.

    ``ask_passphrase``, ``choose_folder`` and ``choose_files`` open dialogs; tests replace them.
    """

    exported = Signal(object)  # sync.Exported, or None when there was nothing to send
    imported = Signal(object)  # list[Outcome], one per bundle (held ones released count too)
    overview_loaded = Signal()
    resolved = Signal(str)  # what was done, once a queue item is closed
    refused = Signal(str)

    def __init__(
        self, db: Database, signed_in: SignedIn, paths: DataPaths, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._paths = db, signed_in.actor, paths
        self.is_county = signed_in.installation_kind == "county"
        self._started = False
        self._busy = False
        self._stop: tasks.CancelFlag | None = None
        self._task: tasks.TaskHandle[Any] | None = None

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
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("&Stop after this bundle"))
        self.cancel_button.clicked.connect(self.stop)
        self.progress_label = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = ErrorLabel()

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
        busy = QHBoxLayout()
        busy.addWidget(self.progress_bar, 1)
        busy.addWidget(self.cancel_button)
        self._set_busy(False)

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
        top_layout.addLayout(busy)
        top_layout.addWidget(self.progress_label)
        top_layout.addWidget(self.error)
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
                    tone=lambda r: None if r.info.status == "active" else "overdue",
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
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.queues = SyncQueues()
        self.queues.resolve_conflict.connect(self.resolve_conflict)
        self.queues.resolve_duplicate.connect(self.resolve_duplicate)
        self.queues.discard_quarantine.connect(self.discard_quarantine)
        status_box = QGroupBox(self.tr("Stations"))
        status_layout = QVBoxLayout(status_box)
        status_layout.addWidget(self.stations_table, 1)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        status_layout.addLayout(bar)
        queues_box = QGroupBox(self.tr("To resolve"))
        QVBoxLayout(queues_box).addWidget(self.queues)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(status_box)
        splitter.addWidget(queues_box)
        layout.addWidget(splitter)

    # -- loading -------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            if self.is_county:
                self.reload()

    @Slot()
    def reload(self) -> None:
        """Reload the station table and the queues (county)."""
        if not self.is_county:
            return
        db = self._db

        def load(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> Overview:
            return load_overview(db)

        tasks.run(load, self._on_overview, self._on_refused)

    @Slot(object)
    def _on_overview(self, overview: Overview) -> None:
        self.stations_model.set_rows(overview.stations)
        self.queues.set_items(overview.items)
        wanted = self.station_combo.currentData()
        self.station_combo.clear()
        for row in overview.stations:
            if row.info.status == "active":
                self.station_combo.addItem(f"{row.info.code} {row.info.name}", row.info.code)
        if wanted is not None and self.station_combo.findData(wanted) >= 0:
            self.station_combo.setCurrentIndex(self.station_combo.findData(wanted))
        self.overview_loaded.emit()

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
                self._on_refused(UserError(self.tr("Choose the station to export the return bundle for.")))
                return
        passphrase = self.ask_passphrase()
        if passphrase is None:
            return
        db, paths, actor = self._db, self._paths, self._actor

        def work(progress: tasks.Progress, _cancel: tasks.CancelFlag) -> sync.Exported | None:
            return sync.export_bundle(
                db, paths, actor, lambda: passphrase, folder, station, lambda m: progress(0, 0, m)
            )

        self._start(work, self._on_exported, self.tr("Exporting…"), cancellable=False)

    def import_files(self, files: list[Path]) -> None:
        """Import each file in its own transaction; the table shows what happened to each bundle."""
        passphrase = self.ask_passphrase()
        if passphrase is None:
            return
        db, paths, actor, total = self._db, self._paths, self._actor, len(files)
        stop = self._stop = tasks.CancelFlag()

        def work(progress: tasks.Progress, cancel: tasks.CancelFlag) -> Imported:
            done = 0

            def report(message: str) -> None:
                nonlocal done
                progress(done, total, message)
                done += 1

            outcomes = sync.import_bundles(
                db, paths, actor, lambda: passphrase, files, report, lambda: bool(stop) or bool(cancel)
            )
            return Imported(outcomes, total, bool(stop))

        self._start(work, self._on_imported, self.tr("Importing…"), cancellable=True)

    @Slot()
    def stop(self) -> None:
        """Stop an import after the bundle in hand (each bundle is one transaction)."""
        if self._stop is not None:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Stopping after the current bundle…"))

    def _start(
        self, work: tasks.Work[Any], on_result: Callable[[Any], object], what: str, *, cancellable: bool
    ) -> None:
        self.error.clear_error()
        self.summary.clear()
        self.progress_label.setText(what)
        self._set_busy(True, cancellable)
        self._task = tasks.run(work, on_result, self._on_refused, self._on_progress)
        self._task.finished.connect(self._on_finished)

    def _set_busy(self, busy: bool, cancellable: bool = False) -> None:
        self._busy = busy
        self.export_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)
        self.progress_bar.setVisible(busy)
        self.progress_bar.setRange(0, 0)
        self.cancel_button.setVisible(busy and cancellable)
        self.cancel_button.setEnabled(busy and cancellable)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.progress_label.setText(message)

    @Slot()
    def _on_finished(self) -> None:
        self._set_busy(False)
        self._stop = None
        self._task = None
        self.progress_label.clear()

    @Slot(object)
    def _on_exported(self, done: sync.Exported | None) -> None:
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
        self.reload()

    @Slot(object)
    def _on_imported(self, result: Imported) -> None:
        self.results_model.set_rows(result.outcomes)
        count = Counter(o.status for o in result.outcomes)
        text = self.tr(
            "{applied} applied, {held} held, {replay} already imported, {refused} refused."
        ).format(
            applied=count["applied"], held=count["held"], replay=count["replay"], refused=count["refused"]
        )
        if result.stopped:
            text += " " + self.tr("Stopped: the remaining files were not imported.")
        self.summary.setText(text)
        self.imported.emit(result.outcomes)
        self.reload()

    @Slot(object)
    def _on_refused(self, error: UserError) -> None:
        self.error.show_error(str(error))
        self.refused.emit(str(error))

    # -- the county's queues ---------------------------------------------------------------------------

    @Slot(int, str)
    def resolve_conflict(self, conflict_id: int, keep: str) -> None:
        db, actor = self._db, self._actor
        done = (
            self.tr("Conflict resolved: the county's values kept.")
            if keep == "county"
            else self.tr("Conflict resolved: the station's values kept.")
        )

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> str:
            sync.resolve_conflict(db, actor, conflict_id, keep)
            return done

        tasks.run(work, self._on_resolved, self._on_refused)

    @Slot(int, str)
    def resolve_duplicate(self, duplicate_id: int, note: str) -> None:
        db, actor, done = self._db, self._actor, self.tr("Duplicate ID number checked.")

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> str:
            sync.resolve_duplicate(db, actor, duplicate_id, note)
            return done

        tasks.run(work, self._on_resolved, self._on_refused)

    @Slot(int)
    def discard_quarantine(self, item_id: int) -> None:
        db, actor, done = self._db, self._actor, self.tr("Quarantined household discarded.")

        def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> str:
            sync.discard_quarantine(db, actor, item_id)
            return done

        tasks.run(work, self._on_resolved, self._on_refused)

    @Slot(object)
    def _on_resolved(self, what: str) -> None:
        self.error.clear_error()
        self.summary.setText(what)
        self.queues.finding_edit.clear()
        self.resolved.emit(what)
        self.reload()

    # -- texts -----------------------------------------------------------------------------------------

    def _status_text(self, o: Outcome) -> str:
        return {
            "applied": self.tr("Applied"),
            "held": self.tr("Held"),
            "replay": self.tr("Already imported"),
            "refused": self.tr("Refused"),
        }.get(o.status, o.status)

    @staticmethod
    def _status_tone(o: Outcome) -> str | None:
        return {"applied": "ok", "held": "soon", "replay": "muted", "refused": "overdue"}.get(o.status)

    def _key_text(self, row: StationRow) -> str:
        return self.tr("Active") if row.info.status == "active" else self.tr("Revoked")

    def _drift_text(self, row: StationRow) -> str:
        return self._digest(row.info.drift)

    def _digest(self, value: str) -> str:
        return {
            "match": self.tr("agrees"),
            "mismatch": self.tr("differs: a full re-sync follows"),
            "pending": self.tr("changes in transit, not checked"),
        }.get(value, "")

    def describe(self, o: Outcome) -> str:
        """What a bundle did: counts for an applied or replayed bundle, else the reason it waits or failed."""
        if o.status == "held":
            return o.message or self.tr("Waiting for an earlier bundle")
        if o.status == "refused" or not o.result:
            return o.message
        r = o.result
        if "accepted" in r:  # an up bundle, at the county
            return self.tr(
                "accepted {accepted}, unchanged {unchanged}, deleted {deleted}, quarantined {households} "
                "households ({records} records), conflicts soft {soft}/hard {hard}, "
                "duplicate ID numbers {duplicates}; digest {digest}"
            ).format(
                accepted=sum(r["accepted"].values()),
                unchanged=r["unchanged"],
                deleted=r["deleted"],
                households=len(r["quarantined"]),
                records=sum(q["records"] for q in r["quarantined"]),
                soft=r["conflicts"]["soft"],
                hard=r["conflicts"]["hard"],
                duplicates=r["duplicates"],
                digest=self._digest(str(r.get("digest", ""))),
            )
        rc = r.get("receipts", {})
        return self.tr(
            "receipts {bundles} (accepted {accepted}, duplicate {duplicate}, conflict {conflict}, "
            "quarantined {quarantined}), county records {written}, merged {merged}; digest {digest}"
        ).format(
            bundles=rc.get("bundles", 0),
            accepted=rc.get("accepted", 0),
            duplicate=rc.get("duplicate", 0),
            conflict=rc.get("conflict", 0),
            quarantined=rc.get("quarantined", 0),
            written=sum(r.get("written", {}).values()),
            merged=r.get("merged", 0),
            digest=self._digest(str(r.get("digest", ""))),
        )


def _count_tone(count: Callable[[StationRow], int]) -> Callable[[StationRow], str | None]:
    return lambda r: "soon" if count(r) else None
