"""Pieces shared by the paper forms: heading, label/value grid, member table, signature lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.domain.calendar import format_cn
from app.domain.money import fen_to_yuan
from app.printing.casefile import CaseFile, Member
from app.printing.layout import Styles, auto_widths, fit_header, grid, para
from app.printing.layout import title as title_flowable

BLANK_DATE = "＿＿＿＿年＿＿月＿＿日"


def day(d: date | None) -> str:
    return format_cn(d) if d else BLANK_DATE


def heading(title: str, case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    """The form's title and the line under it: township, village and the case number."""
    left = f"{case.office.township}{case.office.village}"
    st_right = st.plain.clone("plainright", alignment=2)
    line = Table(
        [[para(left, st.plain), para(f"编号：{case.case_number}", st_right)]],
        colWidths=[width * 0.5, width * 0.5],
    )
    line.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [title_flowable(title, st), line, Spacer(1, 2 * mm)]


def pairs(
    items: Sequence[tuple[str, str]],
    st: Styles,
    width: float,
    per_row: int = 3,
    weights: Sequence[float] | None = None,
) -> Table:
    """Label/value cells, ``per_row`` pairs a row; each label column as wide as its longest label,
    the value columns share the rest by ``weights`` (equal by default)."""
    rows: list[list[object]] = []
    shade = []
    for start in range(0, len(items), per_row):
        chunk = list(items[start : start + per_row])
        chunk += [("", "")] * (per_row - len(chunk))
        r = len(rows)
        rows.append([x for pair in chunk for x in pair])
        shade += [((2 * i, r), (2 * i, r)) for i in range(per_row)]
    size = st.cell.fontSize
    label_w = [max(stringWidth(str(row[2 * i]), st.font, size) for row in rows) + 8 for i in range(per_row)]
    weights = list(weights or [1.0] * per_row)
    spare = width - sum(label_w)
    widths = [w for lw, vw in zip(label_w, weights, strict=True) for w in (lw, spare * vw / sum(weights))]
    return grid(rows, widths, st, shade=shade)


def wide(
    items: Sequence[tuple[str, str | Flowable]], st: Styles, width: float, min_height: float = 0
) -> Table:
    """One label and one wide value a row (for opinions, reasons, findings)."""
    size = st.cell.fontSize
    label_w = max(width * 0.13, max(stringWidth(a, st.font, size) for a, _ in items) + 10)
    heights = [(max(min_height, 0) or None) if isinstance(b, str) else None for _, b in items]
    shade = [((0, i), (0, i)) for i in range(len(items))]
    return grid([[a, b] for a, b in items], [label_w, width - label_w], st, shade=shade, heights=heights)


def value_width(items: Sequence[tuple[str, object]], st: Styles, width: float) -> float:
    """The width of the value column ``wide`` gives these items."""
    size = st.cell.fontSize
    label: float = max(width * 0.13, max(stringWidth(a, st.font, size) for a, _ in items) + 10)
    return width - label


def opinion_cell(text: str, signer: str, seal: str, date_text: str, st: Styles, width: float) -> Table:
    """An opinion with the signer's line at the left and the seal's place at the right, over the date:
    the stamp goes on the date, clear of the signature."""
    seal_w = min(46 * mm, width * 0.4)
    centred = st.cell.clone("sealcell", alignment=1)
    faint = st.small.clone("sealmark", alignment=1)
    stamp = Table([[para(f"（{seal}）", faint)], [para(date_text, centred)]], colWidths=[seal_w - 6])
    stamp.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (0, 0), 10 * mm),
                ("BOTTOMPADDING", (0, 0), (0, 0), 3 * mm),
            ]
        )
    )
    left = para(f"{text}\n\n{signer}" if text.strip() else f"\n\n{signer}", st.cell)
    cell = Table([[left, stamp]], colWidths=[width - seal_w - 6, seal_w])
    cell.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (0, 0), "TOP"),
                ("VALIGN", (1, 0), (1, 0), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return cell


def member_table(
    members: Sequence[Member], columns: Sequence[str], st: Styles, width: float, blank_rows: int = 0
) -> Table:
    """Members with the chosen columns; ``blank_rows`` empty rows for members the file lacks."""
    getters: dict[str, Callable[[Member], str]] = {
        "姓名": lambda m: m.name,
        "与户主关系": lambda m: m.relation,
        "身份证号码": lambda m: m.id_number,
        "性别": lambda m: m.sex,
        "年龄": lambda m: str(m.age),
        "健康状况": lambda m: (
            m.disability
            if m.disability and m.health == "健康"
            else "、".join(x for x in (m.health, m.disability) if x)
        ),
        "劳动能力": lambda m: m.labour,
        "就业或就学": lambda m: m.employment,
        "婚姻": lambda m: m.marital,
        "月收入（元）": lambda m: fen_to_yuan(m.monthly_income_fen) if m.monthly_income_fen else "0.00",
        "保障对象": lambda m: "是" if m.covered else "",
        "备注": lambda m: m.note,
    }
    texts: list[list[str]] = [list(columns)] + [[str(getters[c](m)) for c in columns] for m in members]
    keep = [i for i, c in enumerate(columns) if c == "身份证号码"]
    widths = auto_widths(texts, st.font, st.cell.fontSize, width, keep)
    size = st.cell.fontSize
    head: list[object] = [fit_header(c, w, st.font, size) for c, w in zip(columns, widths, strict=True)]
    rows: list[list[object]] = [head, *(list[object](r) for r in texts[1:])]
    rows += [[""] * len(columns) for _ in range(blank_rows)]
    return grid(rows, widths, st, shade=[((0, 0), (-1, 0))], header_rows=1, center=True, pad=5)


def listing(rows: Sequence[Sequence[str]], st: Styles, width: float) -> Table:
    """A ruled list with a shaded header repeated on each page, columns sized to their content."""
    widths = auto_widths(rows, st.font, st.cell.fontSize, width)
    head = [fit_header(c, w, st.font, st.cell.fontSize) for c, w in zip(rows[0], widths, strict=True)]
    return grid([head, *rows[1:]], widths, st, header_rows=1, shade=[((0, 0), (-1, 0))])


def signature_line(labels: Sequence[str], st: Styles, width: float) -> Table:
    """ "申请人（签字或按手印）：＿＿＿＿ 日期：…" blocks side by side, with room to sign."""
    cells = [para(f"{label}：\n\n{BLANK_DATE}", st.plain) for label in labels]
    table = Table([cells], colWidths=[width / len(labels)] * len(labels))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 6)]))
    return table
