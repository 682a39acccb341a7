"""Preview a printed document (QtPdf), print it through the system dialog (QPrinter), or save it as PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import log
from app.errors import UserError
from app.fileio import cause, write_atomically
from app.views.widgets.screen import fit_to_screen

# Printing renders each page to an image; more than this adds nothing on paper but memory.
MAX_PRINT_DPI = 300
ZOOM_STEP = 1.25


class PdfPreviewDialog(QDialog):
    """Shows PDF bytes page by page; 打印 opens the system print dialog, 另存为 writes the same bytes.

    The QBuffer (and the QByteArray under it) live as long as the dialog, because QPdfDocument reads
    from the device for as long as it shows the document.
    """

    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)  # path written

    def __init__(
        self,
        pdf: bytes,
        title: str,
        filename: str = "",
        parent: QWidget | None = None,
        *,
        save: Callable[[Path], object] | None = None,
    ) -> None:
        """``save``: write the chosen file through this instead (an audited service run by the caller)."""
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("Print preview: {title}").format(title=title))
        fit_to_screen(self, 900, 1000)
        self._pdf = pdf
        self._filename = filename or f"{title}.pdf"
        self._data = QByteArray(pdf)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        if self.document.status() is not QPdfDocument.Status.Ready:
            log.gui.error("PDF preview could not load %s: %s", title, self.document.error())

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._page_label = QLabel(self)
        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)

        bar = QToolBar(self)
        self._add(bar, self.tr("&Print…"), QKeySequence.StandardKey.Print, self._on_print)
        self._add(bar, self.tr("&Save as PDF…"), QKeySequence.StandardKey.Save, self._on_save)
        bar.addSeparator()
        self._add(bar, self.tr("Zoom in"), QKeySequence.StandardKey.ZoomIn, lambda: self._zoom(ZOOM_STEP))
        self._add(
            bar, self.tr("Zoom out"), QKeySequence.StandardKey.ZoomOut, lambda: self._zoom(1 / ZOOM_STEP)
        )
        self._add(bar, self.tr("Fit width"), QKeySequence("Ctrl+1"), self._fit_width)
        self._add(bar, self.tr("Whole page"), QKeySequence("Ctrl+2"), self._fit_page)
        bar.addSeparator()
        bar.addWidget(self._page_label)
        bar.addSeparator()
        self._add(bar, self.tr("Close"), QKeySequence.StandardKey.Close, self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        layout.addWidget(self.view)
        self._on_page_changed(0)

    def _add(
        self,
        bar: QToolBar,
        text: str,
        key: QKeySequence | QKeySequence.StandardKey,
        slot: Callable[[], object],
    ) -> None:
        action = QAction(text, self)
        action.setShortcut(key)
        action.triggered.connect(slot)
        bar.addAction(action)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @Slot(int)
    def _on_page_changed(self, page: int) -> None:
        self._page_label.setText(
            self.tr("  Page {page} of {count}  ").format(page=page + 1, count=self.page_count)
        )

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, self.view.zoomFactor() * factor)))

    def _fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    # ------------------------------------------------------------ printing and saving

    def page_layout(self) -> QPageLayout:
        """The paper of the document's first page (A4 portrait or landscape, A3), zero margins."""
        size = self.document.pagePointSize(0) if self.page_count else QSizeF(595, 842)
        landscape = size.width() > size.height()
        portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
        orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        page_size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        return QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0))

    @Slot()
    def _on_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(self.page_layout())
        printer.setDocName(self._filename)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.page_count))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        pages = self.print_to(printer)
        log.gui.info("printed %d pages of %s", pages, self._filename)

    def print_to(self, printer: QPrinter) -> int:
        """Render the chosen pages onto ``printer``, each scaled to fit its paper; return pages printed."""
        first, last = 1, self.page_count
        if printer.printRange() is QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), min(printer.toPage() or last, last)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(
                self, self.tr("Print"), self.tr("Printing cannot start: check that the printer is available.")
            )
            return 0
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        count = 0
        progress = QProgressDialog(
            self.tr("Sending pages to the printer…"), self.tr("Stop"), 0, last - first + 1, self
        )
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        try:
            for page in range(first - 1, last):
                progress.setValue(count)  # also keeps the window responsive between pages
                if progress.wasCanceled():
                    printer.abort()
                    log.gui.info("printing stopped after %d pages", count)
                    break
                if count:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                image = self.document.render(
                    page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                )
                target = QRectF(painter.viewport())
                scale = min(target.width() / image.width(), target.height() / image.height())
                drawn = QSizeF(image.width() * scale, image.height() * scale)
                corner = QPointF((target.width() - drawn.width()) / 2, (target.height() - drawn.height()) / 2)
                painter.drawImage(QRectF(corner, drawn), image)
                count += 1
        finally:
            painter.end()
            progress.close()
        self.printed.emit(count)
        return count

    @Slot()
    def _on_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), self._filename, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return
        if self._save is not None:
            self._save(pdf_path(Path(path)))
            return
        try:
            self.save_to(Path(path))
        except UserError as exc:
            self.save_failed(Path(path), exc)

    def save_failed(self, path: Path, exc: UserError) -> None:
        """Say why the document could not be saved (the preview stays open)."""
        reason = exc.__cause__
        error = cause(reason) if isinstance(reason, OSError) else str(exc)
        QMessageBox.warning(
            self,
            self.tr("Save as PDF"),
            self.tr("Cannot save to {path}: {error}").format(path=path, error=error),
        )

    def save_to(self, path: Path) -> Path:
        """Write the document's bytes to ``path`` (".pdf" added when missing), whole or not at all."""
        path = write_atomically(pdf_path(path), self._pdf)
        self.saved.emit(str(path))
        return path


def pdf_path(path: Path) -> Path:
    """``path``, with ".pdf" added when it has another ending or none."""
    if path.suffix.lower() == ".pdf":
        return path
    return path.with_suffix(path.suffix + ".pdf") if path.suffix else path.with_suffix(".pdf")


def preview(
    pdf: bytes,
    title: str,
    filename: str = "",
    parent: QWidget | None = None,
    *,
    save: Callable[[Path], object] | None = None,
) -> PdfPreviewDialog:
    """Open a non-modal preview window (closed windows are deleted); ``save`` as for the dialog."""
    dialog = PdfPreviewDialog(pdf, title, filename, parent, save=save)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
