"""Case forms pre-filled from the demo file: names, ID numbers, amounts, reasons and legal basis."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from app.domain.money import yuan
from app.errors import UserError
from app.models.case import Case, Decision
from app.models.db import Database
from app.printing.catalog import FORMS
from app.services.cases import printing
from app.services.context import Actor
from tests.conftest import DEMO_TODAY
from tests.printing.conftest import cn, compact, pdf_text


def case_in(db: Database, state: str) -> str:
    with db.uow("t") as uow:
        return str(
            uow.session.execute(
                text("SELECT case_number FROM case_file WHERE state=:s ORDER BY case_number"), {"s": state}
            ).scalar()
        )


def members(db: Database, number: str) -> list[tuple[str, str]]:
    with db.uow("t") as uow:
        rows = uow.session.execute(
            text(
                "SELECT p.name, p.id_number FROM person p JOIN case_file c ON c.household_id=p.household_id "
                "WHERE c.case_number=:n AND p.is_member AND p.death_date IS NULL"
            ),
            {"n": number},
        )
        return [(n, i) for n, i in rows]


def form_text(db: Database, actor: Actor, number: str, name: str) -> str:
    with db.uow("t") as uow:
        printed = printing.form(uow, actor, number, name, DEMO_TODAY)
    assert printed.pages >= 1 and not printed.warnings
    return compact(pdf_text(printed.pdf))


def test_application_lists_every_member_with_id_number_for_signature_and_thumbprint(
    print_db: Database, admin: Actor
) -> None:
    number = case_in(print_db, "notice")
    body = form_text(print_db, admin, number, "application")
    assert "申请书" in body and "家庭经济状况核对授权书" in body and number in body
    consent = body[body.index("家庭经济状况核对授权书") :]
    assert "本人签字" in consent and "手印" in consent and "监护人" in consent
    for name, id_number in members(print_db, number):
        assert name in consent and id_number in consent


def test_the_application_prints_the_reason_given_at_intake(print_db: Database, admin: Actor) -> None:
    number = case_in(print_db, "notice")
    with print_db.uow("t") as uow:
        case = uow.session.execute(select(Case).where(Case.case_number == number)).scalar_one()
        case.apply_reason = "丈夫去年因病去世，本人患慢性病无力务工"
        uow.commit()
    body = form_text(print_db, admin, number, "application")
    assert compact("丈夫去年因病去世，本人患慢性病无力务工") in body


def test_investigation_and_appraisal_records(print_db: Database, admin: Actor) -> None:
    number = case_in(print_db, "active")
    with print_db.uow("t") as uow:
        staff, attendance, votes_for = uow.session.execute(
            text(
                "SELECT i.staff, a.attendance, a.votes_for FROM case_file c "
                "JOIN investigation i ON i.case_id=c.id JOIN appraisal a ON a.case_id=c.id "
                "WHERE c.case_number=:n AND i.kind='home_visit'"
            ),
            {"n": number},
        ).one()
    body = form_text(print_db, admin, number, "investigation")
    assert "入户调查表" in body and all(s in body for s in staff.split("、"))
    assert "家庭成员签字或按手印" in body
    body = form_text(print_db, admin, number, "appraisal")
    assert f"应到{attendance}人" in body and f"赞成{votes_for}票" in body and "参加评议人员签字" in body


def test_assessment_confirmation_and_certificate_show_the_decision(print_db: Database, admin: Actor) -> None:
    number = case_in(print_db, "active")
    with print_db.uow("t") as uow:
        decision = uow.session.execute(
            select(Decision)
            .join(Case, Case.id == Decision.case_id)
            .where(Case.case_number == number, Decision.kind == "approve")
        ).scalar_one()
    amount = f"{yuan(decision.amount_fen or 0)}元"
    start = f"{int(decision.start_month[:4])}年{int(decision.start_month[5:])}月"
    for name in ("assessment", "confirmation", "certificate"):
        body = form_text(print_db, admin, number, name)
        assert amount in body and start in body, name
        assert "华容县民政局" in body or "县级" in body
    assert decision.certificate_no in form_text(print_db, admin, number, "certificate")
    assert cn(decision.decided_on) in form_text(print_db, admin, number, "confirmation")


def test_refusal_and_stop_letters_give_reasons_legal_basis_and_remedies(
    print_db: Database, admin: Actor
) -> None:
    for state, form, kind in (("refused", "refusal", "refuse"), ("stopped", "stop", "stop")):
        number = case_in(print_db, state)
        with print_db.uow("t") as uow:
            reason, basis = uow.session.execute(
                text(
                    "SELECT d.reason, d.legal_basis FROM decision d JOIN case_file c ON c.id=d.case_id "
                    "WHERE c.case_number=:n AND d.kind=:k"
                ),
                {"n": number, "k": kind},
            ).one()
        body = form_text(print_db, admin, number, form)
        assert compact(reason) in body and basis in body, form
        assert "行政复议" in body and "行政诉讼" in body and "送达回执" in body


def test_reduction_letter_needs_a_reduction_decision(print_db: Database, admin: Actor) -> None:
    number = case_in(print_db, "active")
    with print_db.uow("t") as uow:
        with pytest.raises(UserError, match="没有减发决定"):
            printing.form(uow, admin, number, "reduce", DEMO_TODAY)
        approve = uow.session.execute(
            text(
                "SELECT d.case_id, d.amount_fen FROM decision d JOIN case_file c ON c.id=d.case_id "
                "WHERE c.case_number=:n AND d.kind='approve'"
            ),
            {"n": number},
        ).one()
        uow.session.add(
            Decision(
                case_id=approve.case_id,
                kind="adjust",
                decided_on=date(2026, 10, 15),
                decided_by="county",
                amount_fen=approve.amount_fen - 10000,
                start_month="2026-11",
                legal_basis="《最低生活保障审核确认办法》第三十二条",
                reason="家庭成员务工收入增加",
            )
        )
        uow.session.flush()
        printed = printing.form(uow, admin, number, "reduce", DEMO_TODAY)
    body = compact(pdf_text(printed.pdf))
    old, new = (
        yuan(approve.amount_fen),
        yuan(approve.amount_fen - 10000),
    )
    assert f"由{old}元调整为{new}元" in body and "家庭成员务工收入增加" in body and "2026年11月起" in body


def test_every_form_prints_for_a_full_case_and_the_summary_masks_the_account(
    print_db: Database, admin: Actor
) -> None:
    number = case_in(print_db, "active")
    with print_db.uow("t") as uow:
        account = uow.session.execute(
            text(
                "SELECT h.account_no FROM household h JOIN case_file c ON c.household_id=h.id "
                "WHERE c.case_number=:n"
            ),
            {"n": number},
        ).scalar_one()
    body = form_text(print_db, admin, number, "summary")
    assert account not in body and f"尾号{account[-4:]}" in body
    assert "办理经过" in body and "家庭成员" in body


def test_unknown_case_or_form_is_refused(print_db: Database, admin: Actor) -> None:
    with print_db.uow("t") as uow:
        with pytest.raises(UserError, match="找不到申请编号"):
            printing.form(uow, admin, "430623101-1999-000001", "summary")
        with pytest.raises(UserError, match="可打印的表格"):
            printing.form(uow, admin, case_in(print_db, "active"), "nope")
    assert set(FORMS) >= {"application", "investigation", "appraisal", "assessment", "certificate", "summary"}


def test_S1_art19_the_assessment_form_says_no_objection_only_once_the_notice_has_ended(
    print_db: Database, admin: Actor
) -> None:
    with print_db.uow("t") as uow:
        number, ends = uow.session.execute(
            text(
                "SELECT c.case_number, n.ends_on FROM case_file c JOIN notice_entry e ON e.case_id=c.id "
                "JOIN public_notice n ON n.id=e.notice_id WHERE c.state='notice' AND n.kind='preliminary' "
                "AND n.ends_on >= :today AND NOT EXISTS (SELECT 1 FROM objection o WHERE o.case_id=c.id)"
            ),
            {"today": DEMO_TODAY.isoformat()},
        ).first()
    ends = date.fromisoformat(str(ends))
    running = form_text(print_db, admin, number, "assessment")  # printed on DEMO_TODAY, within the 公示
    assert f"公示期未满（至{ends.year}年{ends.month}月{ends.day}日止）" in running
    assert "期满无异议" not in running and "无异议" not in running.replace("□无异议", "")
    with print_db.uow("t") as uow:
        after = printing.form(uow, admin, number, "assessment", ends + timedelta(days=1))
    assert "公示期满无异议" in compact(pdf_text(after.pdf))
