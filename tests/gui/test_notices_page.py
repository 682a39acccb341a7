"""公示 page: a clerk builds a village's standing list off the GUI thread and previews it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.codes import Role
from app.models.audit import AuditEvent
from app.models.db import Database
from app.paths import DataPaths
from app.printing.catalog import NoticeKind
from app.printing.output import Printed
from app.services.context import Actor
from app.views import tasks
from app.views.cases.notices_page import NoticesPage
from app.views.signed_in import SignedIn
from app.views.workspace import Workspace
from tests.conftest import DEMO_TODAY


def _page(qtbot: QtBot, db: Database, actor: Actor) -> NoticesPage:
    page = NoticesPage(Workspace(db, SignedIn(actor, "三封寺镇", "station")))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    return page


def test_a_clerk_builds_previews_and_saves_the_standing_list(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import func

    from app.models.case import Benefit
    from app.models.household import Household

    with demo_db.uow("check") as uow:
        village = uow.session.execute(
            select(Household.village_code)
            .join(Benefit, Benefit.household_id == Household.id)
            .where(Benefit.status == "active")
            .group_by(Household.village_code)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
    page = _page(qtbot, demo_db, Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000"))
    assert page.village_combo.count() == 12
    page.village_combo.setCurrentIndex(page.village_combo.findData(village))
    page.date_edit.setDate(QDate(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day))
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(NoticeKind.STANDING))
    with qtbot.waitSignal(page.printed, timeout=20_000) as blocker:
        page.build_button.click()
    doc = blocker.args[0]
    assert isinstance(doc, Printed) and doc.pdf.startswith(b"%PDF") and doc.pages >= 1
    assert page.village_combo.currentText() in doc.title and "长期公示" in doc.title
    preview = page.preview_dialog
    assert preview is not None and preview.isVisible()
    # 另存为 is an audited export: who, what, how many households, where.
    target = tmp_path / "长期公示"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    with qtbot.waitSignal(preview.saved) as saved:
        preview._on_save()
    assert saved.args == [str(target) + ".pdf"] and Path(saved.args[0]).read_bytes() == doc.pdf
    with demo_db.uow("check") as uow:
        event = uow.session.execute(
            select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.seq.desc()).limit(1)
        ).scalar_one()
    summary = json.loads(event.new_values)
    assert event.actor == "clerk" and event.table_name == "public_notice"
    assert summary["kind"] == "notice:standing" and summary["area"] == village
    assert summary["households"] == doc.households > 0 and summary["file"] == "长期公示.pdf"
    preview.close()
    tasks.wait_all()


def test_a_village_cadre_sees_only_their_village(qtbot: QtBot, demo_db: Database) -> None:

    from app.models.area import Area

    with demo_db.uow("check") as uow:
        village = uow.session.execute(
            select(Area.code).where(Area.level == "village").order_by(Area.code).limit(1)
        ).scalar_one()
    page = _page(qtbot, demo_db, Actor("cadre", "李春生", Role.VILLAGE_CADRE, village))
    assert page.village_combo.count() == 1
    assert page.village_combo.currentData() == village
    tasks.wait_all()


def test_nothing_to_post_is_said_on_the_page(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(qtbot, demo_db, Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000"))
    page.date_edit.setDate(QDate(2000, 1, 3))
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(NoticeKind.STOP))
    with qtbot.waitSignal(page.status_message, timeout=20_000) as blocker:
        page.build_button.click()
    assert "无可公示" in blocker.args[0] or "没有" in blocker.args[0]
    assert page.refused.isVisible() and blocker.args[0] in page.refused.text()
    assert page.preview_dialog is None
    tasks.wait_all()


CLERK = Actor("clerk", "张丽", Role.TOWNSHIP_CLERK, "430623101000")


def test_a_clerk_prints_the_standing_list_of_every_village_into_a_folder(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    page = _page(qtbot, demo_db, CLERK)
    page.date_edit.setDate(QDate(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day))
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(NoticeKind.STANDING))
    out = tmp_path / "公示"
    out.mkdir()
    with qtbot.waitSignal(page.batch_saved, timeout=60_000) as blocker:
        page.print_all_to_folder(out)
    written = blocker.args[0]
    assert written and sorted(written) == sorted(out.iterdir())
    assert all(p.name.startswith("430623101") and p.suffix == ".pdf" for p in written)
    assert f"{len(written)}" in page.status.text()
    one = tmp_path / "all" / "全部.pdf"
    one.parent.mkdir()
    with qtbot.waitSignal(page.batch_saved, timeout=60_000) as blocker:
        page.print_all_to_file(one)
    assert blocker.args[0] == [one] and one.read_bytes().startswith(b"%PDF")
    tasks.wait_all()


def test_the_notices_up_now_are_listed_and_a_posting_is_recorded_with_its_photo(
    qtbot: QtBot, demo_db: Database, demo_paths: DataPaths, tmp_path: Path
) -> None:
    page = NoticesPage(Workspace(demo_db, SignedIn(CLERK, "三封寺镇", "station"), demo_paths))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    qtbot.waitUntil(lambda: page.posted.table.rowCount() > 0, timeout=20_000)
    box = page.posted
    assert [n.ends_on for n in box.notices] == sorted(n.ends_on for n in box.notices)
    assert box.table.item(0, 3).text() == f"{box.notices[0].ends_on:%Y-%m-%d}"
    page.record_posting()  # nothing selected
    assert page.refused.isVisible()
    with qtbot.waitSignal(page.postings_shown, timeout=20_000) as shown:
        box.table.selectRow(0)
    assert shown.args[0] == [] and "尚未登记" in box.postings_label.text()
    page.record_posting()
    dialog = page.posting_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.by_edit.setText("Li Chunsheng")
    dialog.save()  # no photo yet: refused in the dialog, nothing written
    assert dialog.refused.isVisible() and dialog.isVisible()
    photo = tmp_path / "board.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n board")
    dialog.set_photo(photo)
    dialog.date_edit.set_value(box.notices[0].starts_on)
    with (
        qtbot.waitSignal(page.postings_shown, timeout=20_000, check_params_cb=lambda r: len(r) == 1) as shown,
        qtbot.waitSignal(dialog.posting_saved, timeout=20_000) as saved,
    ):
        dialog.save()  # saved, the page reloads: the list and the selected notice's postings
    assert saved.args[0].posted_by == "Li Chunsheng" and saved.args[0].recorded_by == "clerk"
    assert box.notices[0].postings == 1
    assert [r.place for r in shown.args[0]] == ["村务公开栏"]
    assert "Li Chunsheng" in box.postings_label.text() and "board.png" in box.postings_label.text()
    tasks.wait_all()
