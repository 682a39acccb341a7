"""民主评议记录, 审核确认表 and the household file summary."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.domain.money import fen_to_yuan, month_cn, yuan_unit
from app.printing.casefile import CaseFile
from app.printing.formparts import (
    BLANK_DATE,
    day,
    heading,
    listing,
    member_table,
    opinion_cell,
    pairs,
    value_width,
    wide,
)
from app.printing.layout import Styles, grid, para

APPRAISAL_STEPS = "宣讲政策 → 介绍申请人家庭情况 → 现场评议 → 无记名投票 → 宣布结果 → 参加人员签字"
# Rows for signatures: one per person present, at least this many, at most a page's worth.
MIN_SIGNATURES, MAX_SIGNATURES = 15, 40


def appraisal(case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    """民主评议记录 (S2 Art.22–23): attendance, the ballot, the result, and everyone present signs."""
    a = case.appraisals[-1] if case.appraisals else None
    story = heading("民主评议记录", case, st, width)
    story.append(
        pairs(
            [
                ("评议时间", day(a.held_on) if a else BLANK_DATE),
                ("评议地点", a.place if a else ""),
                ("主持人", a.chair if a else ""),
                ("记录人", a.recorder if a else ""),
                ("参加人数", f"{a.attendance}人" if a else "＿＿人"),
                ("居民代表", f"{a.representatives}人" if a else "＿＿人"),
            ],
            st,
            width,
        )
    )
    means = case.means
    situation = f"申请人{case.applicant.name}，{case.address}，家庭人口{len(case.living_members)}人"
    if means:
        situation += f"，经调查核实家庭月人均收入{fen_to_yuan(means.per_capita_fen)}元"
    if a:
        cast = a.votes_for + a.votes_against + a.votes_abstain
        ballot = (
            f"应到{a.attendance}人，实投{cast}票：赞成{a.votes_for}票，反对{a.votes_against}票，"
            f"弃权{a.votes_abstain}票。"
        )
        result = "赞成票达到三分之二以上，评议通过" if a.passed else "赞成票未达到三分之二，评议未通过"
        record = a.record
    else:
        ballot, result, record = "应到＿＿人，实投＿＿票：赞成＿＿票，反对＿＿票，弃权＿＿票。", "", ""
    story += [
        Spacer(1, 2 * mm),
        wide(
            [
                ("评议对象", situation),
                ("评议程序", APPRAISAL_STEPS),
                ("回避情况", "与申请人有利害关系的人员已回避"),
                ("评议记录", record or "\n\n"),
                ("表决情况", ballot),
                ("评议结论", result or "□通过  □未通过"),
            ],
            st,
            width,
        ),
        Spacer(1, 3 * mm),
        para("参加评议人员签字", st.plain),
    ]
    count = min(MAX_SIGNATURES, max(MIN_SIGNATURES, a.attendance if a else 0))
    rows: list[list[object]] = [["序号", "姓名", "身份", "签字", "序号", "姓名", "身份", "签字"]]
    half = (count + 1) // 2
    for i in range(half):
        right = i + half + 1
        rows.append([str(i + 1), "", "", "", str(right) if right <= count else "", "", "", ""])
    widths = [width * w for w in (0.06, 0.13, 0.14, 0.17) * 2]
    hint = "身份：乡镇干部、村（居）两委成员、党员代表、居民代表"
    heights: list[float | None] = [None] + [st.base * 2.4] * half
    story.append(
        grid(rows, widths, st, shade=[((0, 0), (-1, 0))], heights=heights, header_rows=1, center=True)
    )
    story.append(para(hint, st.small))
    return story


def assessment(case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    """审核确认表: the household, the means test, the township's opinion and the county's decision."""
    story = heading(f"{case.program_title}审核确认表", case, st, width)
    a = case.applicant
    story.append(
        pairs(
            [
                ("申请人", a.name),
                ("身份证号码", a.id_number),
                ("申请日期", day(case.applied_on)),
                ("户籍地址", case.address),
                ("城乡类别", case.urban_rural),
                ("家庭人口", f"{len(case.living_members)}人"),
            ],
            st,
            width,
            weights=(1.0, 1.4, 1.0),
        )
    )
    story += [Spacer(1, 2 * mm)]
    columns = ["姓名", "与户主关系", "身份证号码", "年龄", "健康状况", "劳动能力", "月收入（元）", "保障对象"]
    story.append(member_table(case.members, columns, st, width))
    m = case.means
    story += [
        Spacer(1, 2 * mm),
        pairs(
            [
                ("家庭月收入", yuan_unit(m.income_fen) if m else ""),
                ("月人均收入", yuan_unit(m.per_capita_fen) if m else ""),
                ("保障标准", f"{yuan_unit(m.standard_fen)}/人·月" if m else ""),
            ],
            st,
            width,
        ),
    ]
    period = notice_outcome(case)
    labels = ("公示情况", "乡镇初审意见", "县级审核确认意见")
    inner = value_width([(a, "") for a in labels], st, width) - 6
    township = opinion_cell(
        case.opinion,
        f"负责人（签字）：{case.opinion_by or '＿＿＿＿'}",
        "乡镇人民政府盖章",
        day(case.opinion_on),
        st,
        inner,
    )
    decision = case.last_decision("approve", "refuse")
    if decision is not None and decision.kind == "approve":
        kind = case.benefit.category if case.benefit else case.program_title
        text = (
            f"予以确认。保障人数{len(case.covered)}人，类别：{kind}，"
            f"户月保障金额{yuan_unit(decision.amount_fen)}，自{month_cn(decision.start_month)}起发放。"
        )
        signer, when = f"经办人：{decision.decided_by}", day(decision.decided_on)
    elif decision is not None:
        text, signer = f"不予确认。理由：{decision.reason}", f"经办人：{decision.decided_by}"
        when = day(decision.decided_on)
    else:
        text = "□予以确认：保障人数＿＿人，户月保障金额＿＿＿＿元，自＿＿年＿＿月起发放\n□不予确认，理由："
        signer, when = "经办人：＿＿＿＿  负责人：＿＿＿＿", BLANK_DATE
    county = opinion_cell(text, signer, "县级民政部门盖章", when, st, inner)
    story += [
        Spacer(1, 2 * mm),
        KeepTogether(
            wide(
                [
                    (labels[0], period or "公示期：＿＿＿＿至＿＿＿＿，□无异议 □有异议"),
                    (labels[1], township),
                    (labels[2], county),
                ],
                st,
                width,
                min_height=st.base * 5,
            )
        ),
    ]
    return story


def notice_outcome(case: CaseFile) -> str:
    """The 公示情况 line: 「公示期满无异议」 only once the period has ended (on the day of printing)."""
    if not case.notice_period:
        return ""
    first, last = case.notice_period
    text = f"{day(first)}至{day(last)}在村（居）公示"
    received = "；".join(case.objections)
    if case.printed_on <= last:
        text += f"，公示期未满（至{day(last)}止）"
        return text + (f"，已收到异议：{received}" if received else "")
    return text + (f"，期间收到异议：{received}" if received else "，公示期满无异议")


def summary(case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    """家庭档案摘要: the household, members, incomes, assets, supporters, the benefit and the history."""
    story = heading("家庭档案摘要", case, st, width)
    story.append(
        pairs(
            [
                ("户主", case.head_name),
                ("城乡类别", case.urban_rural),
                ("联系电话", case.phone),
                ("住址", case.address),
                ("住房", case.housing),
                ("致贫原因", case.poverty_causes),
                ("申请类别", case.program_title),
                ("办理状态", case.state),
                ("开户银行", f"{case.bank} {case.account_masked}".strip()),
            ],
            st,
            width,
            weights=(1.0, 1.4, 1.2),
        )
    )
    story += [Spacer(1, 2 * mm), para("家庭成员", st.plain)]
    columns = [
        "姓名",
        "与户主关系",
        "身份证号码",
        "性别",
        "年龄",
        "健康状况",
        "劳动能力",
        "月收入（元）",
        "备注",
    ]
    story.append(member_table(case.members, columns, st, width))
    if case.incomes:
        story += [Spacer(1, 2 * mm), para("收入（按月折算）", st.plain)]
        rows: list[list[str]] = [["成员", "收入项目", "月额（元）", "是否计入", "说明"]]
        rows += [
            [i.person, i.kind, fen_to_yuan(i.monthly_fen), "计入" if i.counted else "不计入", i.note]
            for i in case.incomes
        ]
        story.append(listing(rows, st, width))
    if case.assets:
        story += [Spacer(1, 2 * mm), para("财产", st.plain)]
        rows = [["类别", "说明", "数量", "价值（元）", "豁免"]]
        rows += [
            [x.kind, x.description, str(x.quantity), fen_to_yuan(x.value_fen), x.note if x.exempt else ""]
            for x in case.assets
        ]
        story.append(listing(rows, st, width))
    if case.benefit:
        b = case.benefit
        until = f"，至{month_cn(b.end_month)}" if b.end_month else ""
        text = (
            f"{b.status}；{b.category}；月保障金额{yuan_unit(b.monthly_fen)}（基本{yuan_unit(b.base_fen)}，"
            f"分类施保{yuan_unit(b.topup_fen)}）；自{month_cn(b.start_month)}起{until}"
        )
        story += [Spacer(1, 2 * mm), wide([("保障情况", text)], st, width)]
    if case.events:
        story += [Spacer(1, 2 * mm), para("办理经过", st.plain)]
        rows = [["日期", "事项", "经办", "依据", "理由或说明"]]
        rows += [[f"{e.on:%Y-%m-%d}", e.action, e.actor, e.basis, e.reason] for e in case.events]
        story.append(listing(rows, st, width))
    story += [
        Spacer(1, 2 * mm),
        para(f"打印日期：{day(case.printed_on)}。本摘要含个人信息，仅供经办使用，请妥善保管。", st.small),
    ]
    return story
