"""动态管理 on the county: the proposals of township reviews, agreed with an amount or declined."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.demo.run import DEMO_PASSWORD
from app.models.case import Decision
from app.models.db import Database
from app.views import tasks
from app.views.login_dialog import sign_in
from app.views.reviews.proposals_page import ProposalsPage
from app.views.workspace import Workspace
from tests.county.conftest import county_demo_template, demo_county, demo_county_paths  # noqa: F401
from tests.county.test_county_proposals import _propose
from tests.gui.helpers import type_with_input_method


@pytest.fixture
def page(qtbot: QtBot, demo_county: Database) -> Iterator[ProposalsPage]:  # noqa: F811
    shown = ProposalsPage(Workspace(demo_county, sign_in(demo_county, "county", DEMO_PASSWORD)))
    qtbot.addWidget(shown)
    yield shown
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()


def _show(qtbot: QtBot, page: ProposalsPage) -> None:
    with qtbot.waitSignal(page.loaded):
        page.show()


def test_an_agreed_reduction_is_decided_with_the_proposed_amount(
    qtbot: QtBot,
    qtmodeltester: object,
    demo_county: Database,  # noqa: F811
    page: ProposalsPage,
) -> None:
    review_id, case_id, paid = _propose(demo_county, "reduce", -4000)
    _show(qtbot, page)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    row = next(i for i, r in enumerate(page.model.rows()) if r.review_id == review_id)
    page.table.selectRow(row)
    # Decision forms start undecided: neither agree nor decline is chosen, and submitting says so.
    assert not page.accept_radio.isChecked() and not page.decline_radio.isChecked()
    assert not page.amount_edit.isEnabled()
    page.submit_button.click()
    assert "请选择审批意见" in page.error.text()
    page.accept_radio.setChecked(True)
    assert page.amount_edit.isEnabled() and page.amount_edit.fen() == paid - 4000
    assert not page.months_spin.isEnabled()
    with qtbot.waitSignals([page.status_message, page.loaded]):
        page.submit_button.click()
    with demo_county.uow("test") as uow:
        decision = uow.session.execute(
            select(Decision).where(Decision.case_id == case_id, Decision.kind == "adjust")
        ).scalar_one()
    assert decision.amount_fen == paid - 4000
    assert review_id not in {r.review_id for r in page.model.rows()}


def test_declining_asks_for_the_reason(qtbot: QtBot, demo_county: Database, page: ProposalsPage) -> None:  # noqa: F811
    review_id, case_id, _ = _propose(demo_county, "stop")
    _show(qtbot, page)
    page.table.selectRow(next(i for i, r in enumerate(page.model.rows()) if r.review_id == review_id))
    page.decline_radio.setChecked(True)
    assert not page.amount_edit.isEnabled()
    page.submit_button.click()
    qtbot.waitUntil(lambda: "理由" in page.error.text())
    type_with_input_method(page.reason_edit, "入户核实后收入未超过标准")
    with qtbot.waitSignals([page.status_message, page.loaded]):
        page.submit_button.click()
    with demo_county.uow("test") as uow:
        stops = select(Decision).where(Decision.case_id == case_id, Decision.kind == "stop")
        assert uow.session.execute(stops).scalars().first() is None
    assert review_id not in {r.review_id for r in page.model.rows()}
