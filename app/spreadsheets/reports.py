"""The monthly statistics report and the year summary as xlsx, with openpyxl charts beside the tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.documents.reports import LINSHI_HEADERS, LINSHI_KINDS, MONTH_COLUMNS, linshi_total
from app.domain.money import yuan_value
from app.fileio import write_atomically
from app.spreadsheets import safe

if TYPE_CHECKING:  # the report data is built by the services; this module only lays it out
    from app.documents.reports import CategoryRow, LinshiRow, MonthlyReport, YearSummary

STATUS_LABELS = {"": "无已审批批次", "approved": "已审批", "sent": "已送银行", "closed": "已结清"}


def cell_value(row: CategoryRow, attr: str) -> Any:
    if attr.startswith("labour."):
        return row.labour[attr.split(".", 1)[1]]
    value = getattr(row, attr)
    return yuan_value(value) if attr.endswith("_fen") else value


def _save(wb: Any, out: Path) -> Path:
    return write_atomically(out, safe.saver(wb))


def _title(ws: Any, text: str, subtitle: str, width: int) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    safe.append(ws, [text])
    safe.append(ws, [subtitle])
    last = get_column_letter(width)
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    ws["A1"].font = Font(bold=True, size=15)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.page_setup.orientation = "landscape"  # printed on one page width: the title centred over it
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _linshi_table(ws: Any, title: str, rows: list[LinshiRow]) -> None:
    """临时救助 by township and category of need, with its 合计 row, from the sheet's next row."""
    from openpyxl.styles import Font

    ws.append([title])
    ws[f"A{ws.max_row}"].font = Font(bold=True)
    ws.append(list(LINSHI_HEADERS))
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    for r in [*rows, linshi_total(rows)]:
        values: list[Any] = [r.township]
        for kind in LINSHI_KINDS:
            values += [r.times.get(kind, 0), yuan_value(r.fen.get(kind, 0))]
        ws.append([*values, r.total_times, yuan_value(r.total_fen)])
        for col in (3, 5, 7):
            ws.cell(ws.max_row, col).number_format = "0.00"
    ws[f"A{ws.max_row}"].font = Font(bold=True)


def write_monthly(out: Path, report: MonthlyReport) -> Path:
    """月报: one row per category (城市低保, 农村低保, 特困供养) and the total; 分类施保 by group; charts."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, PieChart, Reference, Series
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "月报"
    year, mon = int(report.month[:4]), int(report.month[5:])
    width = len(MONTH_COLUMNS) + 1
    subtitle = f"填报单位：{report.office}    统计月份：{report.month}    数据来源：{report.source_label}"
    _title(ws, f"{report.county}{year}年{mon}月城乡低保、特困供养统计月报", subtitle, width)
    groups: list[Any] = ["类别"]
    names: list[Any] = [None]
    for group, name, _attr in MONTH_COLUMNS:
        groups.append(group or name)
        names.append(name if group else None)
    safe.append(ws, groups)
    safe.append(ws, names)
    ws.merge_cells("A3:A4")
    col = 2
    for group, _name, _attr in MONTH_COLUMNS:
        if group is None:
            letter = get_column_letter(col)
            ws.merge_cells(f"{letter}3:{letter}4")
        col += 1
    start = 2
    while start <= len(MONTH_COLUMNS) + 1:
        group = MONTH_COLUMNS[start - 2][0]
        end = start
        while group and end + 1 <= len(MONTH_COLUMNS) + 1 and MONTH_COLUMNS[end - 1][0] == group:
            end += 1
        if group and end > start:
            ws.merge_cells(f"{get_column_letter(start)}3:{get_column_letter(end)}3")
        start = end + 1
    for row in ws.iter_rows(min_row=3, max_row=4):
        for c in row:
            c.font, c.alignment = (
                Font(bold=True),
                Alignment(horizontal="center", vertical="center", wrap_text=True),
            )
    for r in [*report.rows, report.total]:
        safe.append(ws, [r.category, *(cell_value(r, attr) for _g, _n, attr in MONTH_COLUMNS)])
        for c in ws[ws.max_row][1:]:
            if isinstance(c.value, Decimal):
                c.number_format = "0.00"
    ws[f"A{ws.max_row}"].font = Font(bold=True)
    ws.column_dimensions["A"].width = 12
    for index in range(2, width + 1):
        ws.column_dimensions[get_column_letter(index)].width = 10
    first_data, last_cat = 5, 4 + len(report.rows)
    safe.append(ws, [])
    safe.append(
        ws,
        [
            f"说明：人员构成、劳动能力按在册保障对象统计（共{report.total.members}人）；年龄按{report.month}月末计算。"
        ],
    )
    safe.append(ws, [])
    safe.append(ws, ["分类施保（按主要类别）", "人数", "金额（元）"])
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    topup_first = ws.max_row + 1
    for label, persons, fen in report.topups:
        safe.append(ws, [label, persons, yuan_value(fen)])
        ws.cell(ws.max_row, 3).number_format = "0.00"
    safe.append(
        ws, ["合计", sum(p for _, p, _ in report.topups), yuan_value(sum(f for _, _, f in report.topups))]
    )
    ws.cell(ws.max_row, 3).number_format = "0.00"
    ws.append([])
    _linshi_table(ws, "临时救助（本月确认，按乡镇、救助类型）", report.linshi)
    chart_at = ws.max_row + 2
    bar = BarChart()
    bar.title, bar.y_axis.title = "保障户数和人数", "户/人"
    for col, name in ((2, "户数"), (3, "人数")):  # the header is two merged rows: name the series here
        bar.series.append(
            Series(Reference(ws, min_col=col, min_row=first_data, max_row=last_cat), title=name)
        )
    bar.set_categories(Reference(ws, min_col=1, min_row=first_data, max_row=last_cat))
    ws.add_chart(bar, f"A{chart_at}")
    pie = PieChart()
    pie.title = "支出构成（按类别）"
    total_col = 2 + [a for _g, _n, a in MONTH_COLUMNS].index("total_fen")
    pie.add_data(Reference(ws, min_col=total_col, min_row=first_data, max_row=last_cat))
    pie.set_categories(Reference(ws, min_col=1, min_row=first_data, max_row=last_cat))
    ws.add_chart(pie, f"I{chart_at}")
    if report.topups:
        topups = BarChart()
        topups.title = "分类施保金额（元）"
        last = topup_first + len(report.topups) - 1
        topups.add_data(Reference(ws, min_col=3, min_row=topup_first, max_row=last))
        topups.set_categories(Reference(ws, min_col=1, min_row=topup_first, max_row=last))
        topups.legend = None
        ws.add_chart(topups, f"A{chart_at + 16}")
    return _save(wb, out)


def write_year(out: Path, s: YearSummary) -> Path:
    """年度汇总: the self-evaluation indicators, then the months with a chart of funds and persons."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "年度汇总"
    _title(
        ws,
        f"{s.county}{s.year}年社会救助绩效自评数据汇总",
        f"填报单位：{s.office}    统计日期：{s.today:%Y-%m-%d}",
        3,
    )
    safe.append(ws, ["指标", "数值", "说明"])
    for c in ws[3]:
        c.font = Font(bold=True)
    review = s.reviews
    rows: list[tuple[str, Any, str]] = [
        ("救助户数（低保、特困）", s.households, "全年已审批发放名册中的户数（去重）"),
        ("救助人数（低保、特困）", s.persons, "每户取全年最多的保障人数"),
        ("保障人次（人·月）", s.person_months, "各月发放名册保障人数之和"),
        ("发放资金（元）", yuan_value(s.funds_fen), "全年已审批发放名册合计"),
        *((f"  其中{cat}（元）", yuan_value(fen), "") for cat, fen in sorted(s.funds_by_category.items())),
        ("临时救助（件）", s.linshi_cases, "全年确认的临时救助"),
        ("临时救助金额（元）", yuan_value(s.linshi_fen), ""),
        ("通过银行发放金额（元）", yuan_value(s.bank_fen), "有银行账号且银行未退回"),
        ("社会化发放比例", s.bank_share, "通过银行发放金额 ÷ 发放资金"),
        ("应复核（户次）", review.get("due", 0), "到期日在本年内的定期和专项复核"),
        ("按时完成", review.get("on_time", 0), ""),
        ("逾期完成", review.get("late", 0), ""),
        ("逾期未完成", review.get("overdue_open", 0), ""),
        ("尚未到期", review.get("not_due", 0), ""),
        ("复核按时完成率", s.reviews_on_time_share, "按时完成 ÷（应复核 − 尚未到期）"),
        *((f"公示：{kind}（期）", n, "") for kind, n in sorted(s.notices.items())),
        ("公示对象（户次）", s.notice_entries, ""),
        *(
            (f"审核确认：{label}（件）", n, f"其中在办理时限内{k}件")
            for label, (n, k) in sorted(s.decided.items())
        ),
        (
            "审核确认在时限内的比例",
            s.decided_in_time_share,
            f"特困人员认定只规定分步时限，{s.no_limit}件未计入",
        ),
    ]
    for name, value, note in rows:
        safe.append(ws, [name, value, note])
        c = ws.cell(ws.max_row, 2)
        if isinstance(value, Decimal):
            c.number_format = "0.00"
        elif isinstance(value, float):
            c.number_format = "0.0%"
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 44
    linshi = wb.create_sheet("临时救助")
    _linshi_table(linshi, f"{s.year}年临时救助（全年确认，按乡镇、救助类型）", s.linshi_rows)
    linshi.column_dimensions["A"].width = 14
    for letter in "BCDEFG":
        linshi.column_dimensions[letter].width = 14
    months = wb.create_sheet("月度发放")
    safe.append(months, ["月份", "状态", "户数", "人数", "金额（元）", "银行发放（元）"])
    for c in months[1]:
        c.font = Font(bold=True)
    for m in s.months:
        label = STATUS_LABELS.get(m.status, m.status)
        safe.append(
            months, [m.month, label, m.households, m.persons, yuan_value(m.total_fen), yuan_value(m.bank_fen)]
        )
        for c in months[months.max_row][4:]:
            c.number_format = "0.00"
    for letter, width in zip("ABCDEF", (10, 14, 10, 10, 16, 16), strict=True):
        months.column_dimensions[letter].width = width
    bar = BarChart()
    bar.title, bar.y_axis.title = "各月发放金额", "元"
    bar.add_data(Reference(months, min_col=5, max_col=6, min_row=1, max_row=13), titles_from_data=True)
    bar.set_categories(Reference(months, min_col=1, min_row=2, max_row=13))
    months.add_chart(bar, "H2")
    line = LineChart()
    line.title = "各月保障人数"
    line.add_data(Reference(months, min_col=4, min_row=1, max_row=13), titles_from_data=True)
    line.set_categories(Reference(months, min_col=1, min_row=2, max_row=13))
    months.add_chart(line, "H18")
    return _save(wb, out)
