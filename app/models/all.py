"""Imports every model module so that ``Base.metadata`` is complete."""

from app.models.area import Area
from app.models.attachment import Attachment
from app.models.audit import AuditEvent
from app.models.base import Base
from app.models.case import (
    Appraisal,
    Benefit,
    BenefitMember,
    Case,
    CaseEvent,
    Decision,
    Investigation,
    Objection,
    Review,
)
from app.models.household import AssetItem, Household, IncomeItem, Person, Supporter
from app.models.matching import MatchFlag, MatchList
from app.models.notice import NoticeEntry, NoticePosting, PublicNotice
from app.models.outbox import OutboxEntry
from app.models.payment import BenefitChange, PaymentFlag, PaymentLine, PaymentResult, PaymentRun
from app.models.settings import Counter, Holiday, Installation, Setting, Standard
from app.models.sync import (
    SyncAck,
    SyncBundle,
    SyncConflict,
    SyncDuplicate,
    SyncKey,
    SyncPeer,
    SyncQuarantine,
    SyncReceipt,
)
from app.models.user import User

__all__ = [
    "Appraisal",
    "Area",
    "AssetItem",
    "Attachment",
    "AuditEvent",
    "Base",
    "Benefit",
    "BenefitChange",
    "BenefitMember",
    "Case",
    "CaseEvent",
    "Counter",
    "Decision",
    "Holiday",
    "Household",
    "IncomeItem",
    "Installation",
    "Investigation",
    "MatchFlag",
    "MatchList",
    "NoticeEntry",
    "NoticePosting",
    "Objection",
    "OutboxEntry",
    "PaymentFlag",
    "PaymentLine",
    "PaymentResult",
    "PaymentRun",
    "Person",
    "PublicNotice",
    "Review",
    "Setting",
    "Standard",
    "Supporter",
    "SyncAck",
    "SyncBundle",
    "SyncConflict",
    "SyncDuplicate",
    "SyncKey",
    "SyncPeer",
    "SyncQuarantine",
    "SyncReceipt",
    "User",
]

metadata = Base.metadata
