"""申请书, 家庭经济状况核对授权书 and 入户调查表, pre-filled from the household file (domain.md §2)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from app.domain.money import fen_to_yuan, yuan_unit
from app.printing.casefile import CaseFile
from app.printing.formparts import (
    BLANK_DATE,
    day,
    heading,
    listing,
    member_table,
    pairs,
    signature_line,
    wide,
)
from app.printing.layout import Styles, grid, para

MATCHING_ITEMS = (
    "户籍、婚姻、车辆、社会保险和养老金、住房和不动产、存款、证券、商业保险、市场主体登记、纳税、住房公积金"
)


def application(case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    """The written application (S1 Art.4) with the members and the applicant's promise."""
    a = case.applicant
    story = heading(f"{case.program_title}申请书", case, st, width)
    story.append(
        pairs(
            [
                ("申请人", a.name),
                ("性别", a.sex),
                ("出生日期", f"{a.birth_date:%Y-%m-%d}"),
                ("身份证号码", a.id_number),
                ("联系电话", case.phone),
                ("城乡类别", case.urban_rural),
                ("户主", case.head_name),
                ("家庭人口", f"{len(case.living_members)}人"),
                ("申请类别", case.program_title),
            ],
            st,
            width,
        )
    )
    story.append(wide([("户籍地址", case.address)], st, width))
    story += [Spacer(1, 2 * mm), para("共同生活家庭成员", st.plain)]
    columns = ["姓名", "与户主关系", "身份证号码", "性别", "年龄", "健康状况", "就业或就学", "月收入（元）"]
    story.append(member_table(case.members, columns, st, width, blank_rows=max(0, 2 - len(case.members))))
    causes = f"家庭主要困难：{case.poverty_causes}。" if case.poverty_causes else ""
    reason = "\n".join(part for part in (case.apply_reason, causes) if part)
    story += [
        Spacer(1, 2 * mm),
        wide([("申请理由", f"{reason}\n\n\n")], st, width, min_height=st.base * 9),
        Spacer(1, 2 * mm),
        para(
            "本人承诺：以上填写的内容和提供的材料真实、完整，家庭人口、收入和财产状况发生变化时及时主动告知；"
            "同意并配合入户调查、邻里访问、信函索证和家庭经济状况信息核对。如有虚报、隐瞒、伪造，"
            "愿意承担相应的法律责任。",
            st.body,
        ),
        KeepTogether(
            [
                signature_line(["申请人（签字或按手印）", "代办人或受委托人（签字）"], st, width),
                Spacer(1, 3 * mm),
                wide(
                    [("受理意见", f"受理日期：{day(case.accepted_on)}    受理人（签字）：＿＿＿＿＿＿")],
                    st,
                    width,
                    min_height=st.base * 4,
                ),
            ]
        ),
    ]
    return story


def consent(case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    """The 核对授权书: every member (and legal supporter) signs and puts a thumbprint (S1 Art.9)."""
    story = heading("家庭经济状况核对授权书", case, st, width)
    story.append(
        para(
            f"本人及共同生活的家庭成员因申请{case.program_title}，授权{case.office.county}民政局及其委托的"
            f"社会救助家庭经济状况核对机构，向有关部门和金融机构查询、核对本人及家庭成员的{MATCHING_ITEMS}"
            "等信息，查询结果仅用于审核确认社会救助申请。",
            st.body,
        )
    )
    story.append(
        para(
            "我们承诺所提供的信息真实、完整，如有虚假，愿意承担相应的法律责任。"
            "无民事行为能力或者限制民事行为能力的家庭成员，由其监护人代为签字。",
            st.body,
        )
    )
    sign_h = 15 * mm
    rows: list[list[object]] = [["序号", "姓名", "与户主关系", "身份证号码", "本人签字", "手印"]]
    people = [(m.name, m.relation, m.id_number) for m in case.members if m.is_member]
    people += [(s.name, f"{s.relation}（赡养/扶养/抚养义务人）", s.id_number) for s in case.supporters]
    rows += [[str(i), n, r, idn, "", ""] for i, (n, r, idn) in enumerate(people, start=1)]
    rows += [[str(i), "", "", "", "", ""] for i in range(len(people) + 1, len(people) + 3)]
    widths = [width * w for w in (0.07, 0.14, 0.17, 0.28, 0.19, 0.15)]
    heights: list[float | None] = [None] + [sign_h] * (len(rows) - 1)
    story.append(
        grid(rows, widths, st, shade=[((0, 0), (-1, 0))], heights=heights, header_rows=1, center=True)
    )
    story += [
        Spacer(1, 4 * mm),
        pairs(
            [
                ("授权书编号", case.case_number),
                ("授权日期", day(case.applied_on)),
                ("经办人（签字）", ""),
            ],
            st,
            width,
            weights=(1.5, 1.1, 0.8),
        ),
    ]
    return story


def investigation(case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    """The 入户调查表 (S1 Art.16): signed by at least two staff and the family members present."""
    # The procedure's own investigation, not a later follow-up visit or the county's check.
    own = [i for i in case.investigations if i.kind not in ("入户走访", "县级入户核查")]
    found = own or list(case.investigations)
    inv = found[-1] if found else None
    story = heading("入户调查表", case, st, width)
    hh = [
        ("乡镇", case.office.township),
        ("村（居）", case.office.village),
        ("调查日期", day(inv.started_on) if inv else BLANK_DATE),
        ("户主", case.head_name),
        ("家庭人口", f"{len(case.living_members)}人"),
        ("城乡类别", case.urban_rural),
        ("是否在保", "是" if case.benefit and case.benefit.end_month is None else "否"),
        ("干部亲属", "是（已单独登记备案）" if case.near_relative else "否"),
        ("三无人员", "是" if case.three_no else "否"),
    ]
    story.append(pairs(hh, st, width))
    story += [Spacer(1, 2 * mm), para("家庭成员情况", st.plain)]
    columns = ["姓名", "身份证号码", "与户主关系", "健康状况", "劳动能力", "就业或就学", "月收入（元）"]
    story.append(member_table(case.members, columns, st, width))
    assets = "；".join(
        f"{x.kind}{('：' + x.description) if x.description else ''}"
        f"{'×' + str(x.quantity) if x.quantity > 1 else ''}"
        f"{'，价值' + yuan_unit(x.value_fen) if x.value_fen else ''}{'（豁免）' if x.exempt else ''}"
        for x in case.assets
    )
    means = case.means
    income = (
        f"家庭月收入{fen_to_yuan(means.income_fen)}元，月人均收入{fen_to_yuan(means.per_capita_fen)}元"
        if means
        else "家庭月收入＿＿＿＿元，月人均收入＿＿＿＿元"
    )
    story += [
        Spacer(1, 2 * mm),
        wide(
            [
                ("致贫原因", case.poverty_causes),
                ("住房情况", case.housing),
                ("其他财产", assets or "无"),
                ("收入情况", income),
            ],
            st,
            width,
        ),
    ]
    if case.supporters:
        story += [Spacer(1, 2 * mm), para("赡养、扶养、抚养义务人", st.plain)]
        rows = [["姓名", "关系", "年龄", "健康", "职业", "年收入（元）", "实际给付（元/年）"]]
        rows += [
            [
                s.name,
                s.relation,
                "" if s.age is None else str(s.age),
                s.health,
                s.occupation,
                fen_to_yuan(s.annual_income_fen),
                fen_to_yuan(s.support_paid_fen),
            ]
            for s in case.supporters
        ]
        story.append(listing(rows, st, width))
    verdict = "" if inv is None or inv.eligible is None else ("符合条件" if inv.eligible else "不符合条件")
    findings = f"{inv.findings}\n结论：{verdict}" if inv else "\n\n结论：□符合条件  □不符合条件  理由："
    story += [Spacer(1, 2 * mm), wide([("调查结论", findings)], st, width, min_height=st.base * 6)]
    staff = "、".join(inv.staff) if inv else ""
    story.append(
        KeepTogether(
            [
                Spacer(1, 3 * mm),
                para(f"入户调查人员：{staff}", st.plain),
                signature_line(["调查人员签字", "村（居）委会签字盖章", "家庭成员签字或按手印"], st, width),
            ]
        )
    )
    return story


def application_with_consent(case: CaseFile, st: Styles, width: float) -> list[Flowable]:
    return [*application(case, st, width), PageBreak(), *consent(case, st, width)]
