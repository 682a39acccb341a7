"""Form pieces used on every screen: Chinese dates, yuan amounts, error lines, headings and work tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QRegularExpression, Qt
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from app import clock
from app.domain.money import fen_to_yuan, yuan_to_fen

SPIN_WIDTH = 120  # a spin box of a few digits: wide enough for its suffix, never stretched across a form


def date_format() -> str:
    """The display format of dates (Chinese: 2026年11月20日)."""
    return QCoreApplication.translate("Forms", "yyyy-MM-dd")


def show_date(value: date | None) -> str:
    if value is None:
        return ""
    return QDate(value.year, value.month, value.day).toString(date_format())


def _with_note(text: str, note: str) -> str:
    return f"{text}（{note}）" if note else text


def working_days_text(days: int | None, due: date | None = None, note: str = "") -> str:
    """“还剩3个工作日”, “今天到期” (only when ``due`` is today) or “已逾期2个工作日”.

    No working day left before a due date that is a weekend or holiday reads “11月22日到期”; ``note``
    (“截止日为周六”, from the services) says which day off it is.
    """
    if days is None:
        return ""
    if days < 0:
        text = QCoreApplication.translate("Forms", "{n} working days overdue").format(n=-days)
    elif days == 0 and due is not None and due != clock.today():
        text = QCoreApplication.translate("Forms", "due on {date}").format(date=show_date(due))
    elif days == 0:
        text = QCoreApplication.translate("Forms", "due today")
    else:
        text = QCoreApplication.translate("Forms", "{n} working days left").format(n=days)
    return _with_note(text, note)


def list_working_days_text(days: int | None, due: date | None = None) -> str:
    """``working_days_text`` for a narrow list cell: “逾期12个工作日”, a due date without its year
    (“11月22日到期”) and no note on the day off; the cell's tooltip gives the whole sentence."""
    if days is not None and days < 0:
        return QCoreApplication.translate("Forms", "overdue by {n} working days").format(n=-days)
    if days == 0 and due is not None and due != clock.today():
        return QCoreApplication.translate("Forms", "due on {month}/{day}").format(
            month=due.month, day=due.day
        )
    return working_days_text(days, due)


def calendar_days_text(days: int, note: str = "") -> str:
    """Calendar days to a due date: 0 is the due date itself (“今天到期”)."""
    if days < 0:
        text = QCoreApplication.translate("Forms", "{n} days overdue").format(n=-days)
    elif days == 0:
        text = QCoreApplication.translate("Forms", "due today")
    else:
        text = QCoreApplication.translate("Forms", "{n} days left").format(n=days)
    return _with_note(text, note)


class DateEdit(QDateEdit):
    """A date field shown the Chinese way, with a calendar popup; ``value()`` is a ``date``."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(date_format())
        self.setCalendarPopup(True)
        self.setMinimumDate(QDate(1900, 1, 1))
        self.set_value(value or clock.today())

    def value(self) -> date:
        d = self.date()
        return date(d.year(), d.month(), d.day())

    def set_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


class MoneyEdit(QLineEdit):
    """An amount in yuan with at most two decimals; ``fen()`` is None when left empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pattern = QRegularExpression(r"^\d{0,9}([.]\d{0,2})?$")
        self.setValidator(QRegularExpressionValidator(pattern, self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("1,234,567.00") + 16)
        self.setMaximumWidth(180)

    def fen(self) -> int | None:
        text = self.text().strip()
        return yuan_to_fen(text) if text and text != "." else None

    def set_fen(self, fen: int | None) -> None:
        self.setText("" if fen is None else fen_to_yuan(fen))


class ErrorLabel(QLabel):
    """A red, wrapped line for an expected error; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))

    def clear_error(self) -> None:
        self.show_error("")


def heading(text: str, scale: float = 1.3, bold: bool = True) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label


def work_table(parent: QWidget | None = None) -> QTableView:
    """A read-only table of rows: whole-row selection, no wrapping, rows tall enough for Chinese text."""
    table = QTableView(parent)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setCornerButtonEnabled(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def stretch_column(table: QTableView, column: int) -> None:
    """Let ``column`` (a name or a description) take the spare width instead of the last one."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def fit_columns(table: QTableView, samples: dict[int, str]) -> None:
    """Give each column the width of a typical value (or its title), so nothing is cut off."""
    metrics = table.fontMetrics()
    model = table.model()
    header = table.horizontalHeader()
    for column, sample in samples.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title) + 12) + 12
        if table.isSortingEnabled():  # room for the sort arrow beside the title once the column is clicked
            width = max(width, header.sectionSizeFromContents(column).width())
        table.setColumnWidth(column, width)


def widen_to_contents(table: QTableView, column: int, least: int, rows: int = 500) -> None:
    """Size ``column`` to its widest text among the first ``rows`` (never under ``least``), once
    loaded: a text wider than the sample the column was fitted to is not cut."""
    model, metrics = table.model(), table.fontMetrics()
    texts = (str(model.index(r, column).data() or "") for r in range(min(model.rowCount(), rows)))
    widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
    table.setColumnWidth(column, max(least, widest + 12))


def label_grid(fields: Sequence[tuple[str, QWidget]], columns: int = 2) -> QGridLayout:
    """Labelled inputs in ``columns`` label-input pairs per row, each label the buddy of its input."""
    grid = QGridLayout()
    for i, (text, widget) in enumerate(fields):
        label = QLabel(text)
        label.setBuddy(widget)
        grid.addWidget(label, i // columns, (i % columns) * 2)
        grid.addWidget(widget, i // columns, (i % columns) * 2 + 1)
    return grid


def ok_cancel(
    dialog: QDialog, ok_text: str, on_ok: Callable[[], object] | None = None
) -> tuple[QDialogButtonBox, QPushButton]:
    """The dialog's OK / Cancel row with OK renamed to what it does; OK calls ``on_ok`` (else accepts)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    ok.setText(ok_text)
    buttons.accepted.connect(on_ok if on_ok is not None else dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok
