"""Letters to the family: 不予确认/停发/减发告知书 with reasons and legal basis, 确认通知书, 低保证."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from app.domain.codes import Program
from app.domain.money import month_cn, yuan_unit
from app.errors import UserError
from app.printing.casefile import CaseFile, DecisionRow
from app.printing.formparts import day, heading, member_table, pairs, wide
from app.printing.layout import Styles, grid, issuer_block, para
from app.printing.wording import remedies


def _decision(case: CaseFile, kind: str, what: str) -> DecisionRow:
    found = case.last_decision(kind)
    if found is None:
        raise UserError(f"申请{case.case_number}没有{what}决定，不能打印{what}告知书")
    return found


def _receipt(st: Styles, width: float) -> Flowable:
    text = "本告知书已于＿＿＿＿年＿＿月＿＿日收到。\n签收人（签字或按手印）：＿＿＿＿＿＿"
    text += "    送达人：＿＿＿＿＿＿"
    return wide([("送达回执", text)], st, width, min_height=st.base * 5)


def _letter(
    case: CaseFile, st: Styles, width: float, title: str, body: list[str], d: DecisionRow
) -> list[Flowable]:
    story = heading(title, case, st, width)
    story.append(
        para(
            f"{case.applicant.name}：", st.plain.clone("salute", fontSize=st.base * 1.1, leading=st.base * 2)
        )
    )
    story += [para(text, st.body) for text in body]
    story += [
        para(remedies(case.office.county), st.body),
        para(
            f"如有疑问，请与{case.office.township_government}联系，"
            f"电话：{case.office.phone or '＿＿＿＿＿＿'}；社会救助服务热线：{case.office.hotline}。",
            st.body,
        ),
        Spacer(1, 4 * mm),
        KeepTogether([issuer_block(case.office.county_bureau, day(d.decided_on), st)]),
        Spacer(1, 8 * mm),
        _receipt(st, width),
    ]
    return story


def refusal(case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    d = _decision(case, "refuse", "不予确认")
    body = [
        f"您于{day(case.applied_on)}提出的{case.program_title}申请，经入户调查、信息核对和审核，"
        f"{case.office.county_bureau}于{day(d.decided_on)}决定不予确认。",
        f"理由：{d.reason}。",
        f"依据：{d.legal_basis or '《最低生活保障审核确认办法》第二十一条'}。",
    ]
    return _letter(case, st, width, f"{case.program_title}不予确认告知书", body, d)


def stop(case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    d = _decision(case, "stop", "停发")
    body = [
        f"经复核，您家已不再符合{case.program_title}条件，{case.office.county_bureau}于{day(d.decided_on)}"
        f"决定自{month_cn(d.start_month)}起停发{case.program_title}金。",
        f"理由：{d.reason}。",
        f"依据：{d.legal_basis or '《社会救助暂行办法》第十三条'}。",
    ]
    return _letter(case, st, width, f"停发{case.program_title}金告知书", body, d)


def reduce(case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    found = [d for d in case.decisions if d.kind in ("adjust", "reduce")]
    d = found[-1] if found else None
    before = [
        x
        for x in case.decisions
        if x.amount_fen and d is not None and x.decided_on <= d.decided_on and x is not d
    ]
    old = before[-1].amount_fen if before else None
    if d is None or d.amount_fen is None or old is None or d.amount_fen >= old:
        raise UserError(f"申请{case.case_number}没有减发决定，不能打印减发告知书")
    body = [
        f"经复核，{case.office.county_bureau}于{day(d.decided_on)}决定，自{month_cn(d.start_month)}起，"
        f"您家的{case.program_title}月保障金额由{yuan_unit(old)}调整为{yuan_unit(d.amount_fen)}。",
        f"理由：{d.reason}。",
        f"依据：{d.legal_basis or '《最低生活保障审核确认办法》第三十二条'}。",
    ]
    return _letter(case, st, width, f"减发{case.program_title}金告知书", body, d)


def confirmation(case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    d = _decision(case, "approve", "确认")
    category = case.benefit.category if case.benefit else case.program_title
    story = heading(f"{case.program_title}确认通知书", case, st, width)
    story.append(
        para(
            f"{case.applicant.name}：", st.plain.clone("salute", fontSize=st.base * 1.1, leading=st.base * 2)
        )
    )
    story.append(
        para(
            f"您于{day(case.applied_on)}提出的{case.program_title}申请，经审核，{case.office.county_bureau}于"
            f"{day(d.decided_on)}决定予以确认：保障人数{len(case.covered)}人，类别：{category}，"
            f"月保障金额{yuan_unit(d.amount_fen)}，自{month_cn(d.start_month)}起按月发放到您家的社会保障卡或惠民惠农一卡通账户。",
            st.body,
        )
    )
    story.append(member_table(case.covered, ["姓名", "与户主关系", "身份证号码", "性别", "年龄"], st, width))
    story.append(Spacer(1, 3 * mm))
    story.append(
        para(
            "请您家在人口、收入、财产状况发生变化时，及时主动告知乡镇人民政府；"
            "乡镇人民政府将定期复核，对不再符合条件的依法停发。如有隐瞒、虚报，将依法追回已发放的资金。",
            st.body,
        )
    )
    story += [
        Spacer(1, 4 * mm),
        KeepTogether([issuer_block(case.office.county_bureau, day(d.decided_on), st)]),
    ]
    return story


def certificate(case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    """低保证 (特困人员供养证): number, household, members, amount, start; pages for changes and reviews."""
    d = _decision(case, "approve", "确认")
    name = "特困人员救助供养证" if case.program is Program.TEKUN else "最低生活保障证"
    head = next((m for m in case.members if m.relation in ("户主", "本人")), case.applicant)
    story = heading(name, case, st, width)
    story.append(
        pairs(
            [
                ("证号", d.certificate_no or case.case_number),
                ("户主", head.name),
                ("身份证号码", head.id_number),
                ("家庭住址", case.address),
                ("类别", case.benefit.category if case.benefit else case.program_title),
                ("保障人数", f"{len(case.covered)}人"),
                ("月保障金额", yuan_unit(d.amount_fen)),
                ("起始月份", month_cn(d.start_month)),
                ("发证日期", day(d.decided_on)),
            ],
            st,
            width,
            weights=(1.5, 1.0, 1.3),
        )
    )
    story += [Spacer(1, 2 * mm), para("保障对象", st.plain)]
    story.append(member_table(case.covered, ["姓名", "与户主关系", "身份证号码", "性别", "年龄"], st, width))
    story += [
        Spacer(1, 3 * mm),
        para(
            "持证须知：本证是享受社会救助的凭证，不得转借、涂改；家庭情况发生变化须及时告知乡镇人民政府。",
            st.small,
        ),
        Spacer(1, 4 * mm),
        KeepTogether([issuer_block(case.office.county_bureau, day(d.decided_on), st)]),
        PageBreak(),
        para("变更记录", st.subtitle),
    ]
    rows: list[list[object]] = [["日期", "变更事项", "变更后月保障金额（元）", "经办人", "盖章"]]
    rows += [["", "", "", "", ""] for _ in range(8)]
    widths = [width * w for w in (0.16, 0.34, 0.2, 0.15, 0.15)]
    story.append(
        grid(rows, widths, st, heights=[None] + [st.base * 2.6] * 8, center=True, shade=[((0, 0), (-1, 0))])
    )
    story += [Spacer(1, 5 * mm), para("年度复核记录", st.subtitle)]
    rows = [["复核年度", "复核结论", "经办人", "盖章"]]
    rows += [["", "", "", ""] for _ in range(6)]
    widths = [width * w for w in (0.18, 0.46, 0.18, 0.18)]
    story.append(
        grid(rows, widths, st, heights=[None] + [st.base * 2.6] * 6, center=True, shade=[((0, 0), (-1, 0))])
    )
    return story
