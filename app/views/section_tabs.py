"""A section that holds several pages as tabs (the county's 工作台, 申请办理, 动态管理; 设置)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget


class SectionTabs(QTabWidget):
    """Tabs with mnemonics in their titles; the pages keep their own signals and loading."""

    def __init__(self, *pages: tuple[QWidget, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        for page, title in pages:
            self.addTab(page, title)
