"""申请办理 on the county: the queue of cases sent up, the home visit, and decisions from the form."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.demo.run import DEMO_PASSWORD
from app.domain.codes import InstallationKind
from app.models.case import Case, Decision
from app.models.db import Database
from app.services.cases import county_review
from app.services.cases.county_decide import APPROVE, REFUSE
from app.views import tasks
from app.views.cases.approval_page import ApprovalPage
from app.views.login_dialog import sign_in
from app.views.signed_in import SignedIn
from app.views.workspace import Workspace
from tests.county.conftest import (  # noqa: F401
    CLERK,
    STAFF,
    county_demo_template,
    demo_county,
    demo_county_paths,
)
from tests.gui.helpers import type_with_input_method


@pytest.fixture
def county_db(demo_county: Database) -> Iterator[Database]:  # noqa: F811
    yield demo_county
    assert tasks.wait_all(), "background work did not finish"
    QCoreApplication.sendPostedEvents()


@pytest.fixture
def officer(county_db: Database) -> SignedIn:
    return sign_in(county_db, "county", DEMO_PASSWORD)


def _page(qtbot: QtBot, db: Database, who: SignedIn) -> ApprovalPage:
    page = ApprovalPage(Workspace(db, who))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    return page


def _select(qtbot: QtBot, page: ApprovalPage, case_id: str) -> None:
    row = next(i for i, r in enumerate(page.model.rows()) if r.case_id == case_id)
    with qtbot.waitSignal(page.facts_loaded):
        page.table.selectRow(row)


def _decide(qtbot: QtBot, page: ApprovalPage) -> None:
    """Submit; the queue reloads on the change the decision announces, and the next case's facts load."""
    with qtbot.waitSignals([page.status_message, page.loaded, page.facts_loaded]):
        page.panel.submit_button.click()
    assert page.panel.facts is not None and page.panel.choice() is None  # the next case: undecided


def _state(db: Database, case_id: str) -> str:
    with db.uow("test") as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        return case.state


def test_the_queue_lists_what_the_service_gives_and_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, county_db: Database, officer: SignedIn
) -> None:
    page = _page(qtbot, county_db, officer)
    with county_db.uow("test") as uow:
        expected = county_review.approval_queue(uow, STAFF)
    assert [r.case_number for r in page.model.rows()] == [r.case_number for r in expected]
    assert str(len(expected)) in page.count_label.text()
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_approving_with_the_rules_amount_activates_the_case(
    qtbot: QtBot, county_db: Database, officer: SignedIn
) -> None:
    page = _page(qtbot, county_db, officer)
    first = next(r for r in page.model.rows() if r.state == "submitted" and not r.visit_reasons)
    _select(qtbot, page, first.case_id)
    panel = page.panel
    assert first.applicant in panel.title.text()
    # Decision forms start undecided: nothing is chosen, and submitting without a choice is refused.
    assert panel.choice() is None and not panel.amount_edit.isEnabled()
    panel.submit_button.click()
    assert "请选择审批结果" in panel.error.text()
    assert _state(county_db, first.case_id) == "submitted"
    panel.radios[APPROVE].click()
    assert panel.choice() == APPROVE
    facts = panel.facts
    assert facts is not None and facts.rules_fen is not None
    assert panel.amount_edit.fen() == facts.rules_fen
    _decide(qtbot, page)
    assert _state(county_db, first.case_id) == "active"
    with county_db.uow("test") as uow:
        decision = uow.session.execute(select(Decision).where(Decision.case_id == first.case_id)).scalar_one()
    assert decision.amount_fen == facts.rules_fen
    assert first.case_id not in {r.case_id for r in page.model.rows()}


def test_an_adjusted_amount_needs_a_reason(qtbot: QtBot, county_db: Database, officer: SignedIn) -> None:
    page = _page(qtbot, county_db, officer)
    row = next(r for r in page.model.rows() if r.state == "submitted" and not r.visit_reasons)
    _select(qtbot, page, row.case_id)
    page.panel.radios[APPROVE].click()
    page.panel.amount_edit.set_fen((page.panel.facts.rules_fen or 0) + 5000)  # type: ignore[union-attr]
    assert page.panel.submit_button.isEnabled()
    page.panel.submit_button.click()
    qtbot.waitUntil(lambda: "理由" in page.panel.error.text())
    assert _state(county_db, row.case_id) == "submitted"
    type_with_input_method(page.panel.reason_edit, "家中有重病患者，经县级复核酌情增加")
    _decide(qtbot, page)
    assert _state(county_db, row.case_id) == "active"


def test_a_near_relative_case_needs_the_visit_recorded_first(
    qtbot: QtBot, county_db: Database, officer: SignedIn
) -> None:
    with county_db.uow("test") as uow:
        case = uow.session.execute(select(Case).where(Case.state == "submitted")).scalars().first()
        assert case is not None
        case.near_relative = True
        case_id = case.id
        uow.commit()
    page = _page(qtbot, county_db, officer)
    row = next(r for r in page.model.rows() if r.case_id == case_id)
    assert row.visit_needed and row.visit_reasons == ("近亲属备案",)
    _select(qtbot, page, case_id)
    assert page.panel.visit_button.isEnabled()
    page.panel.radios[APPROVE].click()
    page.panel.submit_button.click()
    qtbot.waitUntil(lambda: "入户核查" in page.panel.error.text())
    assert _state(county_db, case_id) == "submitted"

    page.panel.visit_button.click()
    dialog = page.visit_dialog
    assert dialog is not None
    type_with_input_method(dialog.staff_edits[0], "刘敏")
    type_with_input_method(dialog.staff_edits[1], "王强")
    type_with_input_method(dialog.findings_edit, "入户核实，家庭情况与申报一致")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "请选择调查结论" in dialog.refused.text() and dialog.isVisible()  # the conclusion starts undecided
    dialog.eligible_combo.setCurrentIndex(dialog.eligible_combo.findData(True))
    with qtbot.waitSignals([dialog.visit_saved, page.loaded]):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with county_db.uow("test") as uow:
        assert uow.session.get(Case, case_id).county_visit_done  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: page.panel.facts is not None and page.panel.facts.visit_done)
    assert page.panel.choice() is None  # a case shown afresh is undecided again
    page.panel.radios[APPROVE].click()
    _decide(qtbot, page)
    assert _state(county_db, case_id) == "active"


def test_refusing_needs_reasons(qtbot: QtBot, county_db: Database, officer: SignedIn) -> None:
    page = _page(qtbot, county_db, officer)
    row = next(r for r in page.model.rows() if r.state == "submitted")
    _select(qtbot, page, row.case_id)
    page.panel.radios[REFUSE].setChecked(True)
    assert not page.panel.amount_edit.isEnabled()
    page.panel.submit_button.click()
    qtbot.waitUntil(lambda: "理由" in page.panel.error.text())
    type_with_input_method(page.panel.reason_edit, "家庭人均收入高于当地保障标准")
    _decide(qtbot, page)
    assert _state(county_db, row.case_id) == "refused"


def test_the_spot_check_draw_marks_cases_for_a_visit(
    qtbot: QtBot, county_db: Database, officer: SignedIn
) -> None:
    with county_db.uow("test") as uow:
        for case in uow.session.execute(select(Case).where(Case.state == "submitted")).scalars():
            case.rule_mode = "2012"
        uow.commit()
    page = _page(qtbot, county_db, officer)
    undrawn = [r for r in page.model.rows() if r.state == "submitted"]
    assert undrawn and all(r.drawn is None for r in undrawn)
    with qtbot.waitSignal(page.loaded):
        page.draw_button.click()
    rows = [r for r in page.model.rows() if r.state == "submitted"]
    drawn = [r for r in rows if r.drawn]
    assert len(drawn) * 10 >= 3 * len(rows) and all(r.drawn is not None for r in rows)
    assert all(r.visit_needed for r in drawn)
    column = 7  # 入户核查
    texts = [
        page.model.index(i, column).data(Qt.ItemDataRole.DisplayRole) for i in range(page.model.rowCount())
    ]
    assert sum("随机抽查" in t for t in texts) == len(drawn)


def test_a_township_clerk_is_refused_the_county_queue(qtbot: QtBot, county_db: Database) -> None:
    clerk = SignedIn(CLERK, "华容县", InstallationKind.COUNTY)
    page = ApprovalPage(Workspace(county_db, clerk))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.status_message) as refused:
        page.show()
    assert "无权" in refused.args[0] and page.refused.isVisible() and page.model.rowCount() == 0
