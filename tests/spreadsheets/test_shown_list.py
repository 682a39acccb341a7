"""A list as shown, written to xlsx: every cell text, nothing a live formula."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from app.documents.shown_list import ShownList
from app.spreadsheets.shown_list import write_shown_list


def test_cells_are_text_and_never_formulas(tmp_path: Path) -> None:
    shown = ShownList(
        "全部申请",
        "case_file",
        ("户主", "身份证号", "备注"),
        [("张三", "430623195003051234", '=HYPERLINK("http://x")'), ("李四", "", "+1")],
        frozenset({1}),
        "筛选条件：在保",
    )
    out = tmp_path / "list.xlsx"
    write_shown_list(out, shown)
    wb = load_workbook(out)  # not read-only: data types and formats are there to check
    ws = wb.worksheets[0]
    assert ws["A1"].value == "全部申请" and ws["A2"].value == "筛选条件：在保"
    assert [c.value for c in ws[3]] == ["户主", "身份证号", "备注"]
    assert ws["B4"].value == "430623195003051234" and ws["B4"].data_type == "s"
    assert ws["C4"].data_type == "s" and ws["C4"].value.startswith("=")
    assert ws["C5"].data_type == "s" and ws["B5"].value is None
    assert ws.freeze_panes == "A4"
