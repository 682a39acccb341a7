"""One helper for every list a user can filter: a right-click menu (open, print, copy) and 导出Excel.

The export writes what the list shows (its visible columns, the rows its filter left) through the audited
``app.services.reports.lists.export_list``, which masks ID numbers for a user who may not see them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QPushButton, QTableView

from app.documents.shown_list import ShownList
from app.services.reports import lists

if TYPE_CHECKING:
    from app.models.db import UnitOfWork
    from app.views.page import Page
    from app.views.tasks import TaskHandle

ID_TITLES = ("身份证", "ID number")  # a column titled so holds ID numbers

# Where a list's rows come from when the model holds only some of them (the registry's batches):
# ``fn(uow)`` returns every row the filter leaves, as the texts of the visible columns.
AllRows = Callable[["UnitOfWork"], list[tuple[str, ...]]]


class TableActions(QObject):
    """Install on a page's table: ``TableActions(page, table, title=…, table_name=…, on_open=…)``.

    ``on_open(index)`` / ``on_print(index)`` add 打开 / 打印 to the menu; 复制 and 导出Excel are always
    there. ``export_button`` is a ready button for the page's bar. Signal ``exported(int)``: rows written.
    """

    exported = Signal(int)

    def __init__(
        self,
        host: Page,
        table: QTableView,
        *,
        title: str,
        table_name: str,
        on_open: Callable[[QModelIndex], object] | None = None,
        on_print: Callable[[QModelIndex], object] | None = None,
        filters: Callable[[], str] | None = None,
        all_rows: Callable[[], AllRows] | None = None,
    ) -> None:
        super().__init__(table)
        self.host, self.table = host, table
        self.title, self.table_name = title, table_name
        self.on_open, self.on_print = on_open, on_print
        self.filters, self.all_rows = filters, all_rows
        self.menu: QMenu | None = None
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.show_menu)
        self.export_button = QPushButton(self.tr("E&xport to Excel…"))
        self.export_button.setToolTip(
            self.tr("Save the list as it is shown (its filter too) as an xlsx file")
        )
        self.export_button.clicked.connect(self.export)

    # ---------------------------------------------------------------- the menu

    def build_menu(self, index: QModelIndex) -> QMenu:
        menu = QMenu(self.table)
        on_row = index.isValid()
        on_open, on_print = self.on_open, self.on_print
        if on_open is not None:
            action = menu.addAction(self.tr("&Open"), lambda: on_open(index))
            action.setEnabled(on_row)
        if on_print is not None:
            action = menu.addAction(self.tr("&Print…"), lambda: on_print(index))
            action.setEnabled(on_row)
        copy = menu.addAction(self.tr("&Copy row"), lambda: self.copy_row(index))
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(on_row)
        menu.addSeparator()
        menu.addAction(self.tr("E&xport to Excel…"), self.export)
        return menu

    @Slot(QPoint)
    def show_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.selectRow(index.row())
        self.menu = self.build_menu(index)
        self.menu.popup(self.table.viewport().mapToGlobal(position))

    def copy_row(self, index: QModelIndex) -> str:
        """The row's visible texts, tab-separated, to the clipboard (as on screen: masked IDs stay masked)."""
        model = self.table.model()
        texts = [str(model.index(index.row(), c).data() or "") for c in self.visible_columns()]
        text = "\t".join(texts)
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(text)
        return text

    # ---------------------------------------------------------------- the export

    def visible_columns(self) -> list[int]:
        """Logical columns in the order on screen, hidden ones left out."""
        header = self.table.horizontalHeader()
        model = self.table.model()
        logical = [header.logicalIndex(v) for v in range(model.columnCount())]
        return [c for c in logical if not self.table.isColumnHidden(c)]

    def shown(self) -> ShownList:
        """What the list shows now: its visible columns and the rows its filter left."""
        model = self.table.model()
        columns = self.visible_columns()
        headers = tuple(str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns)
        rows = [tuple(str(model.index(r, c).data() or "") for c in columns) for r in range(model.rowCount())]
        ids = frozenset(i for i, h in enumerate(headers) if any(t in h for t in ID_TITLES))
        filters = self.filters() if self.filters is not None else ""
        return ShownList(self.title, self.table_name, headers, rows, ids, filters)

    def export(self) -> None:
        name = f"{self.title}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self.table, self.tr("Export to Excel"), name, self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> TaskHandle[int]:
        shown, actor = self.shown(), self.host.actor
        source = self.all_rows() if self.all_rows is not None else None

        def write(uow: UnitOfWork) -> int:
            listed = shown if source is None else ShownList(**{**shown.__dict__, "rows": source(uow)})
            return lists.export_list(uow, actor, listed, path)

        return self.host.write(write, self._on_exported, label=self.tr("Writing the spreadsheet…"))

    @Slot(object)
    def _on_exported(self, rows: int) -> None:
        self.host.show_status(self.tr("Saved {n} rows to the spreadsheet.").format(n=rows))
        self.exported.emit(rows)
