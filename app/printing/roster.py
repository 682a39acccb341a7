"""The bank roster (发放名册) as a printable PDF: A4 landscape, the header on every page, totals and the
制表/审核/审批 signature lines on the last page.

The full roster carries ID and account numbers for the bank and the file; ``masked`` prints them as
``430623********1234`` for a copy that is posted (domain.md §1.4: never publish full numbers).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from app.documents.roster import HEADERS, Roster
from app.domain.money import fen_to_yuan, yuan
from app.domain.privacy import mask_account, mask_id_number
from app.printing.catalog import Paper
from app.printing.fonts import FontSet
from app.printing.layout import list_style, page_spec, para, render, styles, wrap_lines
from app.printing.notices import paginate
from app.printing.output import Document

SIGNERS = ("制表", "审核", "审批")

# Share of the table width per column (序号 … 备注).
_COLUMNS = (0.035, 0.055, 0.065, 0.05, 0.125, 0.03, 0.065, 0.065, 0.06, 0.065, 0.12, 0.135, 0.045, 0.085)
LEADING = 1.25


def _rows(roster: Roster, font: str, size: float, widths: list[float], masked: bool) -> list[list[str]]:
    pad = 6.0

    def fit(text: str, col: int) -> str:
        return wrap_lines(text, font, size, widths[col] - pad)

    rows = [[fit(h, i) for i, h in enumerate(HEADERS)]]
    month = roster.month
    for line in roster.lines:
        number = mask_id_number(line.id_number) if masked else line.id_number
        account = mask_account(line.account_no) if masked and line.account_no else line.account_no
        rows.append(
            [
                str(line.seq),
                fit(line.township, 1),
                fit(line.village, 2),
                fit(line.head_name, 3),
                number,
                str(line.persons),
                fit(line.category, 6),
                fen_to_yuan(line.base_fen),
                fen_to_yuan(line.topup_fen),
                fen_to_yuan(line.total_fen),
                fit(line.bank_name, 10),
                fit(account, 11),
                month,
                fit(line.remark, 13),
            ]
        )
    rows.append(
        [
            "合计",
            "",
            "",
            f"{roster.households}户",
            "",
            str(roster.persons),
            "",
            yuan(roster.total("base_fen")),
            yuan(roster.total("topup_fen")),
            yuan(roster.total()),
            "",
            "",
            "",
            "",
        ]
    )
    return rows


def _table(rows: list[list[str]], heights: list[float], widths: list[float], font: str, size: float) -> Table:
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1)
    style = list_style(font, size, LEADING, total_row=rows[-1][0] == "合计", pad=2, side_pad=2)
    style += [
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("ALIGN", (7, 1), (9, -1), "RIGHT"),
        ("ALIGN", (13, 1), (13, -1), "LEFT"),
    ]
    if rows[-1][0] == "合计":
        last = len(rows) - 1
        # the totals are the widest numbers: shrink the row's font until each fits its column
        fits = [(widths[c] - 5) / stringWidth(rows[-1][c], font, 1) for c in (7, 8, 9) if rows[-1][c]]
        small = min([size, *fits])
        style.append(("FONT", (0, last), (-1, last), font, small, size * LEADING))
    table.setStyle(TableStyle(style))
    return table


def build_roster(roster: Roster, fonts: FontSet, *, masked: bool = False) -> Document:
    """The roster over as many pages as it needs; the signature block shares a page with the totals."""
    paper = Paper.A4_LANDSCAPE
    spec = page_spec(paper)
    st = styles(fonts, spec)
    size = st.base * 0.78
    widths = [spec.width * share for share in _COLUMNS]
    rows = _rows(roster, st.font, size, widths, masked)
    heights = [(max(cell.count("\n") for cell in row) + 1) * size * LEADING + 5 for row in rows]
    title = roster.title + ("（公示用，已隐去证件号和账号）" if masked else "")
    head: list[Flowable] = [para(title, st.subtitle), para(roster.subtitle, st.small), Spacer(1, 2 * mm)]
    used = sum(f.wrap(spec.width, spec.height)[1] + f.getSpaceAfter() for f in head)
    dated = para(f"制表日期：{roster.prepared_on:%Y-%m-%d}", st.plain)
    signatures = Table(
        [[para(f"{role}：", st.plain) for role in SIGNERS], [dated, "", ""]],
        colWidths=[spec.width / 3] * 3,
        rowHeights=[st.base * 3, None],
        hAlign="LEFT",
    )
    signatures.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    sign: list[Flowable] = [Spacer(1, 4 * mm), signatures]
    tail = sum(f.wrap(spec.width, spec.height)[1] + f.getSpaceAfter() for f in sign)
    story = head
    for n, page in enumerate(paginate(heights, spec.height - used, spec.height, tail)):
        if n:
            story.append(PageBreak())
        story.append(
            _table(
                [rows[0], *rows[page.start : page.stop]],
                [heights[0], *heights[page.start : page.stop]],
                widths,
                st.font,
                size,
            )
        )
    story += sign
    check = title + "".join(
        f"{x.township}{x.village}{x.head_name}{x.category}{x.bank_name}{x.remark}"
        for x in roster.lines[:2000]
    )
    return render(story, paper, fonts, title, footer=roster.title, check_text=check)
