"""Screens of the procedure: the workbench, the case list and workspace, notices, approvals."""

# The tables a case's screens show (a write to any of them refreshes the pages that set these as CONCERNS).
CASE_TABLES = frozenset(
    {
        "case_file",
        "case_event",
        "investigation",
        "appraisal",
        "objection",
        "decision",
        "benefit",
        "benefit_member",
        "review",
        "public_notice",
        "notice_entry",
        "household",
        "person",
        "income_item",
        "supporter",
        "standard",
        "setting",
        "holiday",
        "area",
        "app_user",
    }
)
