"""动态管理: the queue of reviews due, a review ending in a proposed stop, and a cadre who may only read."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.models.case import Review
from app.models.db import Database
from app.views.reviews.reviews_page import ReviewsPage
from app.views.signed_in import SignedIn
from tests.gui.casework import today
from tests.gui.helpers import type_with_input_method


def open_page(qtbot: QtBot, db: Database, who: SignedIn) -> ReviewsPage:
    page = ReviewsPage(db, who, today=today)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.queue_loaded):
        page.show()
    return page


def choose_first(qtbot: QtBot, page: ReviewsPage) -> str:
    with qtbot.waitSignal(page.context_loaded):
        page.table.selectRow(0)
    assert page.form.context is not None
    return page.form.context.case_id


def test_the_queue_is_most_overdue_first(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> None:
    page = open_page(qtbot, gui_db, clerk)
    rows = page.model.rows()
    assert rows and [r.due_on for r in rows] == sorted(r.due_on for r in rows)
    assert "待复核" in page.count_label.text()
    with qtbot.waitSignal(page.queue_loaded):
        page.horizon_combo.setCurrentIndex(1)  # every open review
    assert page.model.rowCount() >= len(rows)


def test_a_review_ends_in_a_proposed_stop(qtbot: QtBot, gui_db: Database, clerk: SignedIn) -> None:
    page = open_page(qtbot, gui_db, clerk)
    case_id = choose_first(qtbot, page)
    form = page.form
    assert "现发" in form.facts.text() and "按现有档案测算" in form.facts.text()
    type_with_input_method(form.finding_edit, "子女在外务工，家庭收入明显提高", preedit="zinv")
    # Decision forms start undecided: the file's suggestion is shown, never chosen for the reviewer.
    assert form.proposal_combo.currentIndex() == -1 and "建议为" in form.suggestion.text()
    form.save_button.click()
    assert "请选择处理建议" in form.error.text() and form.save_button.isEnabled()
    form.proposal_combo.setCurrentIndex(form.proposal_combo.findText("停发"))
    assert not form.amount_edit.isEnabled()
    form.save_button.click()
    qtbot.waitUntil(lambda: "理由" in form.error.text())  # the service wants the written reason
    type_with_input_method(form.reason_edit, "家庭人均收入超过保障标准")
    with qtbot.waitSignals([page.review_saved, page.queue_loaded]):
        form.save_button.click()
    assert case_id not in [r.case_id for r in page.model.rows()]  # the next review is months away
    with gui_db.uow("test") as uow:
        reviews = uow.session.execute(select(Review).where(Review.case_id == case_id)).scalars().all()
    done = [r for r in reviews if r.done_on == today()]
    assert len(done) == 1 and done[0].proposal == "stop" and done[0].reason == "家庭人均收入超过保障标准"
    assert [r.due_on > today() for r in reviews if r.done_on is None] == [True]


def test_a_cadre_reads_but_does_not_record(qtbot: QtBot, gui_db: Database, cadre: SignedIn) -> None:
    page = open_page(qtbot, gui_db, cadre)
    assert not page.form.save_button.isVisibleTo(page)
    assert "只能查阅" in page.form.error.text()
