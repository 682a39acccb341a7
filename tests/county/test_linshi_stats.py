"""临时救助 in the monthly report and the year summary: 人次 and 金额 by township and category of need,
checked against counts and sums made by SQL on the demo county."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import text

from app.domain.money import yuan
from app.models.db import Database
from app.printing import fonts
from app.printing.report_pdf import build_monthly_report, build_year_summary
from app.services.reports.monthly import monthly
from app.services.reports.year import year_summary
from app.spreadsheets.reports import write_monthly, write_year
from tests.county.conftest import ADMIN
from tests.printing.conftest import compact, pdf_text

BY_SQL = """
SELECT substr(h.village_code, 1, 9), c.emergency, count(*), coalesce(sum(d.amount_fen), 0)
FROM decision d JOIN case_file c ON c.id = d.case_id JOIN household h ON h.id = c.household_id
WHERE c.program = 'linshi' AND d.kind = 'approve' AND d.decided_on BETWEEN :start AND :end
GROUP BY 1, 2
"""


def by_sql(db: Database, start: date, end: date) -> dict[tuple[str, str], tuple[int, int]]:
    with db.uow("t") as uow:
        rows = uow.session.execute(text(BY_SQL), {"start": start, "end": end}).all()
    return {(t, "急难型" if e else "支出型"): (int(n), int(fen)) for t, e, n, fen in rows}


def busiest_month(db: Database) -> str:
    """The month with the most 临时救助 confirmed (so the test checks real figures, not zeros)."""
    with db.uow("t") as uow:
        month = uow.session.execute(
            text(
                "SELECT substr(d.decided_on, 1, 7) AS m FROM decision d JOIN case_file c ON c.id = d.case_id"
                " WHERE c.program = 'linshi' AND d.kind = 'approve' GROUP BY m ORDER BY count(*) DESC, m"
                " LIMIT 1"
            )
        ).scalar_one()
    return str(month)


def test_the_monthly_report_counts_and_sums_temporary_assistance_as_sql_does(
    demo_county: Database, tmp_path: Path
) -> None:
    month = busiest_month(demo_county)
    start = date(int(month[:4]), int(month[5:]), 1)
    end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    want = by_sql(demo_county, start, date.fromordinal(end.toordinal() - 1))
    with demo_county.uow("t") as uow:
        report = monthly(uow, ADMIN, month)
    got = {
        (r.township_code, kind): (r.times[kind], r.fen[kind])
        for r in report.linshi
        for kind in r.times
        if r.times[kind]
    }
    assert got == want and sum(n for n, _ in want.values()) > 0
    assert all(r.township.endswith(("镇", "乡")) for r in report.linshi)
    times, fen = sum(n for n, _ in want.values()), sum(f for _, f in want.values())
    ws = load_workbook(write_monthly(tmp_path / "m.xlsx", report))["月报"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    first = next(i for i, r in enumerate(rows) if r[0] == "乡镇")
    total = next(r for r in rows[first:] if r[0] == "合计")
    assert total[5] == times and float(total[6]) == fen / 100
    body = compact(pdf_text(build_monthly_report(report, fonts.load()).pdf))
    assert "临时救助（本月确认，按乡镇、救助类型）" in body and yuan(fen) in body


def test_the_year_summary_lists_temporary_assistance_by_township(
    demo_county: Database, tmp_path: Path
) -> None:
    want = by_sql(demo_county, date(2026, 1, 1), date(2026, 12, 31))
    with demo_county.uow("t") as uow:
        s = year_summary(uow, ADMIN, 2026)
    assert sum(r.total_times for r in s.linshi_rows) == s.linshi_cases == sum(n for n, _ in want.values())
    assert sum(r.total_fen for r in s.linshi_rows) == s.linshi_fen == sum(f for _, f in want.values())
    ws = load_workbook(write_year(tmp_path / "y.xlsx", s))["临时救助"]
    assert [c.value for c in ws[2]][:3] == ["乡镇", "急难型人次", "急难型金额（元）"]
    assert ws.cell(ws.max_row, 1).value == "合计" and ws.cell(ws.max_row, 6).value == s.linshi_cases
    body = compact(pdf_text(build_year_summary(s, fonts.load()).pdf))
    assert "2026年临时救助（全年确认，按乡镇、救助类型）" in body
