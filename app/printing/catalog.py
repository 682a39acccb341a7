"""What can be printed: notice kinds, form names and paper sizes (light: no ReportLab import)."""

from __future__ import annotations

from enum import StrEnum


class NoticeKind(StrEnum):
    """The kinds of 公示 (domain.md §1.4); the value is the CLI's ``--kind``."""

    PRELIMINARY = "preliminary"
    APPROVED = "approved"
    STANDING = "standing"
    STOP = "stop"

    @property
    def label(self) -> str:
        return _NOTICE_LABELS[self]


_NOTICE_LABELS = {
    NoticeKind.PRELIMINARY: "初审公示",
    NoticeKind.APPROVED: "拟批准公示",
    NoticeKind.STANDING: "长期公示",
    NoticeKind.STOP: "停发公示",
}


class Paper(StrEnum):
    """Page formats: A4 for files and letters, A4 landscape for wide lists, A3 for the village board."""

    A4 = "a4"
    A4_LANDSCAPE = "a4-landscape"
    A3 = "a3"

    @property
    def label(self) -> str:
        return {"a4": "A4纵向", "a4-landscape": "A4横向", "a3": "A3张贴"}[self.value]


# name (the CLI's --form) → the title printed on the document.
FORMS: dict[str, str] = {
    "application": "申请书（含家庭经济状况核对授权书）",
    "consent": "家庭经济状况核对授权书",
    "investigation": "入户调查表",
    "appraisal": "民主评议记录",
    "assessment": "审核确认表",
    "refusal": "不予确认告知书",
    "stop": "停发告知书",
    "reduce": "减发告知书",
    "confirmation": "确认通知书",
    "certificate": "低保证（特困人员供养证）",
    "summary": "家庭档案摘要",
}


def form_name(text: str) -> str:
    """The form's key for ``text`` given as its key or its Chinese title; KeyError if neither."""
    text = text.strip()
    if text in FORMS:
        return text
    for key, title in FORMS.items():
        if text in (title, title.split("（")[0]):
            return key
    raise KeyError(text)
