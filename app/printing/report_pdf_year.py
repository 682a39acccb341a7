"""The year summary for the performance self-evaluation (年度汇总) as a printable PDF: A4 portrait, the
indicators, the month-by-month figures, charts (funds and bank payments by month, persons by month, the
bank share) and the signature lines.

The figures are those of ``app.services.reports.year.year_summary`` — the same the xlsx shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from app.domain.money import yuan
from app.printing.catalog import Paper
from app.printing.fonts import FontSet
from app.printing.layout import SHADE, Styles, list_style, page_spec, para, render, styles, wrap_lines
from app.printing.output import Document
from app.printing.report_pdf_linshi import linshi_table, linshi_text
from app.printing.report_pdf_parts import (
    bar_chart,
    info_line,
    line_chart,
    percent,
    pie_chart,
    signature_block,
)

if TYPE_CHECKING:
    from app.documents.reports import YearSummary

STATUS_LABELS = {"": "无已审批批次", "approved": "已审批", "sent": "已送银行", "closed": "已结清"}
MONTH_HEADERS = ("月份", "状态", "户数", "人数", "金额（元）", "银行发放（元）")
LEADING = 1.3


def year_title(s: YearSummary) -> str:
    return f"{s.county}{s.year}年社会救助绩效自评数据汇总"


def indicators(s: YearSummary) -> list[tuple[str, str, str]]:
    """(指标, 数值, 说明) as printed: the rows of the xlsx's 年度汇总 sheet, formatted."""
    review = s.reviews
    return [
        ("救助户数（低保、特困）", str(s.households), "全年已审批发放名册中的户数（去重）"),
        ("救助人数（低保、特困）", str(s.persons), "每户取全年最多的保障人数"),
        ("保障人次（人·月）", str(s.person_months), "各月发放名册保障人数之和"),
        ("发放资金（元）", yuan(s.funds_fen), "全年已审批发放名册合计"),
        *((f"　其中{cat}（元）", yuan(fen), "") for cat, fen in sorted(s.funds_by_category.items())),
        ("临时救助（件）", str(s.linshi_cases), "全年确认的临时救助"),
        ("临时救助金额（元）", yuan(s.linshi_fen), ""),
        ("通过银行发放金额（元）", yuan(s.bank_fen), "有银行账号且银行未退回"),
        ("社会化发放比例", percent(s.bank_share), "通过银行发放金额 ÷ 发放资金"),
        ("应复核（户次）", str(review.get("due", 0)), "到期日在本年内的定期和专项复核"),
        ("按时完成", str(review.get("on_time", 0)), ""),
        ("逾期完成", str(review.get("late", 0)), ""),
        ("逾期未完成", str(review.get("overdue_open", 0)), ""),
        ("尚未到期", str(review.get("not_due", 0)), ""),
        ("复核按时完成率", percent(s.reviews_on_time_share), "按时完成 ÷（应复核 － 尚未到期）"),
        *((f"公示：{kind}（期）", str(n), "") for kind, n in sorted(s.notices.items())),
        ("公示对象（户次）", str(s.notice_entries), ""),
        *(
            (f"审核确认：{label}（件）", str(n), f"其中在办理时限内{k}件")
            for label, (n, k) in sorted(s.decided.items())
        ),
        (
            "审核确认在时限内的比例",
            percent(s.decided_in_time_share),
            f"特困人员认定只规定分步时限，{s.no_limit}件未计入",
        ),
    ]


def _ruled(rows: list[list[str]], widths: list[float], font: str, size: float, numeric: range) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = list_style(font, size, LEADING, pad=2.5)
    style += [
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (numeric.start, 1), (numeric.stop - 1, -1), "RIGHT"),
    ]
    table.setStyle(TableStyle(style))
    return table


def _indicator_table(s: YearSummary, st: Styles, width: float) -> Table:
    size = st.base * 0.9
    widths = [width * 0.36, width * 0.2, width * 0.44]
    rows = [["指标", "数值", "说明"]]
    for name, value, note in indicators(s):
        rows.append(
            [
                wrap_lines(name, st.font, size, widths[0] - 8),
                value,
                wrap_lines(note, st.font, size, widths[2] - 8),
            ]
        )
    return _ruled(rows, widths, st.font, size, range(1, 2))


def _month_table(s: YearSummary, st: Styles, width: float) -> Table:
    size = st.base * 0.9
    rows = [list(MONTH_HEADERS)]
    for m in s.months:
        rows.append(
            [
                m.month,
                STATUS_LABELS.get(m.status, m.status),
                str(m.households),
                str(m.persons),
                yuan(m.total_fen),
                yuan(m.bank_fen),
            ]
        )
    rows.append(["合计", "", "", str(s.person_months), yuan(s.funds_fen), yuan(s.bank_fen)])
    shares = (0.12, 0.16, 0.12, 0.14, 0.23, 0.23)
    table = _ruled(rows, [width * x for x in shares], st.font, size, range(2, 6))
    table.setStyle(TableStyle([("BACKGROUND", (0, -1), (-1, -1), SHADE)]))
    return table


def _charts(s: YearSummary, font: str, width: float) -> tuple[Flowable, Flowable]:
    """The funds by month (full width), and persons by month beside the bank share."""
    months = [f"{int(m.month[5:])}月" for m in s.months]
    funds = bar_chart(
        "各月发放金额（元）",
        months,
        [
            ("发放金额", [m.total_fen / 100 for m in s.months]),
            ("银行发放", [m.bank_fen / 100 for m in s.months]),
        ],
        font,
        width,
        70 * mm,
        values_on_bars=False,
    )
    persons = line_chart(
        "各月保障人数", months, [("保障人数", [m.persons for m in s.months])], font, width * 0.58, 62 * mm
    )
    bank = pie_chart(
        "社会化发放比例",
        [("银行发放", s.bank_fen), ("其他（现金、退回）", s.funds_fen - s.bank_fen)],
        font,
        width * 0.42 - 4,
        62 * mm,
        empty="本年尚无已审批的发放",
        caption=f"银行发放{yuan(s.bank_fen)}元，占发放资金的{percent(s.bank_share)}" if s.funds_fen else "",
    )
    pair = Table([[persons, bank]], colWidths=[width * 0.58, width * 0.42])
    pair.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return funds, pair


def build_year_summary(summary: YearSummary, fonts: FontSet) -> Document:
    """The year summary on A4 portrait; the 制表日期 is the summary's ``today``."""
    s = summary
    paper = Paper.A4
    spec = page_spec(paper)
    st = styles(fonts, spec)
    title = year_title(s)
    fields = [f"填报单位：{s.office}", f"统计日期：{s.today:%Y-%m-%d}"]
    funds, pair = _charts(s, st.font, spec.width)
    story: list[Flowable] = [
        para(title, st.subtitle),
        info_line(fields, st),
        Spacer(1, 2 * mm),
        _indicator_table(s, st, spec.width),
        Spacer(1, 5 * mm),
        funds,
        CondPageBreak(90 * mm),
        Spacer(1, 3 * mm),
        KeepTogether(
            [para("各月发放情况（只计已审批的发放名册）", st.plain), _month_table(s, st, spec.width)]
        ),
        Spacer(1, 4 * mm),
        pair,
        Spacer(1, 4 * mm),
        linshi_table(
            f"{s.year}年临时救助（全年确认，按乡镇、救助类型）", s.linshi_rows, st, spec.width, st.base * 0.85
        ),
        KeepTogether(signature_block(st, spec.width, s.today)),
    ]
    check = title + "".join(fields) + "".join(a + c for a, _, c in indicators(s)) + linshi_text(s.linshi_rows)
    return render(story, paper, fonts, title, footer=title, check_text=check)


def year_summary_pdf(summary: YearSummary, fonts: FontSet) -> bytes:
    """The year summary as PDF bytes (see ``build_year_summary``)."""
    return build_year_summary(summary, fonts).pdf
