"""A 2,000-row standing list (长期公示) against a bare ReportLab table of the same rows.

    .venv/bin/python bench/bench_notice.py [--rows 2000] [--repeat 3]

Both sides lay out the same rows on A4 with the same embedded CJK font (registered once, before
timing), a ruled table and the header row repeated on every page. Jiuzhu's side is the whole pure
path of ``jiuzhu notice --kind standing``: the privacy filter over each row (``assemble``), the
notice text, wrapping, totals row, issuer block and the 「第x页 共y页」 footer (``build_notice``).
Budget (architecture.md): ≤ 1.3 × the bare table.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from app.domain.calendar import DayKind
from app.domain.codes import Program, RuleMode
from app.domain.money import fen_to_yuan
from app.printing import fonts
from app.printing.casefile import Office
from app.printing.catalog import NoticeKind, Paper
from app.printing.notice_data import Candidate, assemble
from app.printing.notices import HEADERS, build_notice
from bench.common import report, timed

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国春花志红玉梅德福"


def candidates(n: int) -> list[Candidate]:
    rng = random.Random(1)
    rows = []
    for _ in range(n):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        remark = "渐退期至2027年3月" if rng.random() < 0.05 else ""
        rows.append(
            Candidate(
                f"杨柳村{rng.randint(1, 12)}组",
                name,
                rng.randint(1, 6),
                rng.choice(("农村低保", "城市低保", "特困供养")),
                rng.randrange(20000, 200000, 100),
                remark,
                Program.DIBAO,
                RuleMode.RULES_2021,
            )
        )
    return rows


def ours(lines: list[Candidate], font: fonts.FontSet) -> int:
    office = Office("华容县", "三封寺镇", "杨柳村", phone="0730-4211234", address="三封寺镇人民政府民政办")
    data = assemble(
        NoticeKind.STANDING, office, "三封寺镇人民政府", lines, date(2026, 11, 20), None, 7, DayKind.CALENDAR
    )
    return len(build_notice(data, font, Paper.A4).pdf)


def floor(lines: list[Candidate], font: fonts.FontSet) -> int:
    rows = [list(HEADERS)] + [
        [str(i), c.place, c.name, str(c.persons), c.category, fen_to_yuan(c.monthly_fen or 0), c.remark]
        for i, c in enumerate(lines, start=1)
    ]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm)
    table = Table(rows, repeatRows=1)
    table.setStyle(
        TableStyle([("FONT", (0, 0), (-1, -1), font.body, 10), ("GRID", (0, 0), (-1, -1), 0.6, "black")])
    )
    doc.build([table])
    return len(buf.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    font = fonts.load()
    print(f"font: {font.description}")
    lines = candidates(args.rows)
    floor(lines[:10], font)  # warm up: font subsetting tables, imports
    ours(lines[:10], font)
    bare = min(timed(lambda: floor(lines, font))[0] for _ in range(args.repeat))
    built = min(timed(lambda: ours(lines, font))[0] for _ in range(args.repeat))
    report(f"{args.rows}-row standing list (A4)", built, bare, budget=1.3)


if __name__ == "__main__":
    main()
