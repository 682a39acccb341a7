"""Take one step of a case from the workspace, as one unit of work (a record with the transition it needs)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from app.domain.workflow import Action, CaseState
from app.errors import UserError
from app.models.db import UnitOfWork
from app.services.cases import decisions, procedure
from app.services.cases.procedure import AppraisalInput
from app.services.cases.workspace import APPRAISAL, INVESTIGATION, load_case
from app.services.context import Actor


@dataclass(frozen=True)
class PlainStep:
    """A transition with its date and, where the procedure wants one, a written reason."""

    on: date
    reason: str = ""


@dataclass(frozen=True)
class InvestigationInput:
    kind: str
    started_on: date
    staff: list[str] = field(default_factory=list)
    finished_on: date | None = None
    findings: str = ""
    eligible: bool | None = None


@dataclass(frozen=True)
class ObjectionInput:
    received_on: date
    channel: str
    content: str
    real_name: bool = False


@dataclass(frozen=True)
class DecisionInput:
    """确认 (amount: None = as the rules give), 不予确认, 停发 or 渐退 (``exit_months``)."""

    on: date
    reason: str = ""
    amount_fen: int | None = None
    exit_months: int = 6


T = TypeVar("T")
OBJECTION_CHANNELS = ("来人", "来信", "来电", "网络", "其他")  # stored as written on the objection register
StepInput = PlainStep | InvestigationInput | AppraisalInput | ObjectionInput | DecisionInput


def _expect(data: StepInput, kind: type[T]) -> T:
    if not isinstance(data, kind):
        raise TypeError(f"expected {kind.__name__}, got {type(data).__name__}")
    return data


def take_step(uow: UnitOfWork, actor: Actor, case_id: str, key: str, data: StepInput) -> None:
    """Do the step ``key`` (an Action value, INVESTIGATION or APPRAISAL) with the data of its form.

    Every rule and role check is the services' own; a refusal raises before anything is written.
    """
    state = CaseState(load_case(uow.session, case_id).state)
    if key == INVESTIGATION:
        inv = _expect(data, InvestigationInput)
        if state is CaseState.ACCEPTED:
            procedure.act(uow, actor, case_id, Action.START_INVESTIGATION, inv.started_on)
        procedure.record_investigation(
            uow,
            actor,
            case_id,
            kind=inv.kind,
            started_on=inv.started_on,
            staff=inv.staff,
            finished_on=inv.finished_on,
            findings=inv.findings,
            eligible=inv.eligible,
        )
        return
    if key == APPRAISAL:
        appraisal = _expect(data, AppraisalInput)
        if state is not CaseState.APPRAISAL:
            procedure.act(uow, actor, case_id, Action.HOLD_APPRAISAL, appraisal.held_on)
        procedure.record_appraisal(uow, actor, case_id, appraisal)
        if state is CaseState.OBJECTION:
            _resolve_objections(uow, case_id, appraisal.held_on, "召开民主评议")
        return
    action = Action(key)
    if action is Action.RECORD_OBJECTION:
        obj = _expect(data, ObjectionInput)
        procedure.record_objection(
            uow,
            actor,
            case_id,
            received_on=obj.received_on,
            channel=obj.channel,
            content=obj.content,
            real_name=obj.real_name,
        )
    elif action is Action.APPROVE:
        d = _expect(data, DecisionInput)
        reason = d.reason.strip() or decisions.APPROVED
        decisions.approve(uow, actor, case_id, d.on, amount_fen=d.amount_fen, reason=reason)
    elif action is Action.REFUSE:
        d = _expect(data, DecisionInput)
        decisions.refuse(uow, actor, case_id, d.on, d.reason.strip())
    elif action is Action.STOP:
        d = _expect(data, DecisionInput)
        _need_reason(action, d.reason)
        decisions.stop(uow, actor, case_id, d.on, d.reason.strip())
    elif action is Action.START_GRADUAL_EXIT:
        d = _expect(data, DecisionInput)
        _need_reason(action, d.reason)
        decisions.gradual_exit(uow, actor, case_id, d.on, d.exit_months, d.reason.strip())
    else:
        step = _expect(data, PlainStep)
        procedure.act(uow, actor, case_id, action, step.on, step.reason)
        if action is Action.REINVESTIGATE and state is CaseState.OBJECTION:
            _resolve_objections(uow, case_id, step.on, "重新调查核实")


def _resolve_objections(uow: UnitOfWork, case_id: str, on: date, outcome: str) -> None:
    """The objections of the notice are answered by re-investigating or appraising (S1 Art.19)."""
    procedure.resolve_objections(uow.session, case_id, on, outcome)


def _need_reason(action: Action, reason: str) -> None:
    if not reason.strip():
        raise UserError(f"“{action.label}”须写明理由", field="理由")
