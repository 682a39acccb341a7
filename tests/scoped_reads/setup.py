"""The setup reads: the division list, the standards screen and the settings screen."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.domain.codes import AreaLevel
from app.models.area import Area
from app.services import settings
from app.services.setup import accounts, areas, auto_backup, backup, standards
from app.services.setup.standards import EditorView, StandardRow
from tests.scoped_reads import ReadCase


def _villages(rows: Iterable[Area]) -> Iterable[str]:
    return [area.code for area in rows if area.level == AreaLevel.VILLAGE]


def _is_village(code: str) -> bool:
    return not code.endswith("000")


def _standard_areas(rows: Iterable[StandardRow]) -> Iterable[str]:
    """Standards are set for the county or a township (the cadre sees those above his village, as they
    apply to it; tests/county/test_standards.py checks that another township's are not listed)."""
    return [row.area_code for row in rows if _is_village(row.area_code)]


def _choices(choices: Iterable[tuple[str, str]]) -> Iterable[str]:
    return [code for code, _name in choices if _is_village(code)]


def _editor(view: EditorView) -> Iterable[str]:
    yield from _choices(view.areas)
    yield from _standard_areas(view.rows)


READS = [
    ReadCase(
        accounts.list_users,
        accounts.list_users,
        lambda rows: [a.area_code for a in rows if _is_village(a.area_code)],
    ),
    ReadCase(accounts.password_min_length, accounts.password_min_length, lambda _n: [], note="a number"),
    ReadCase(
        accounts.area_choices,
        accounts.area_choices,
        lambda rows: [a.code for a in rows if _is_village(a.code)],
    ),
    ReadCase(areas.list_areas, areas.list_areas, _villages),
    ReadCase(areas.list_areas, areas.list_areas, _villages, "county"),
    ReadCase(standards.area_choices, standards.area_choices, _choices, "county"),
    ReadCase(standards.years, standards.years, lambda _years: [], note="years only"),
    ReadCase(standards.list_standards, standards.list_standards, _standard_areas, "county"),
    ReadCase(standards.editor_view, standards.editor_view, _editor, "county"),
    ReadCase(
        settings.settings_view,
        settings.settings_view,
        lambda _view: [],
        note="the office's own details and rules: nothing in them belongs to a village",
    ),
    ReadCase(
        settings.idle_lock_minutes,
        settings.idle_lock_minutes,
        lambda _minutes: [],
        note="this computer's idle minutes: a number",
    ),
    ReadCase(
        auto_backup.backup_reminder,
        lambda uow, actor: auto_backup.backup_reminder(uow, actor, date(2026, 11, 20)),
        lambda _reminder: [],
        note="the day of the last backup copied off this PC",
    ),
    ReadCase(backup.backup_form, backup.backup_form, lambda _form: [], note="refused: heads only"),
    ReadCase(
        backup.this_installation,
        backup.this_installation,
        lambda _who: [],
        note="refused: administrator only",
    ),
]
