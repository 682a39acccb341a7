"""The smoke script's own parsing: pdffonts' table, a PDF's font objects, a bundle path, the IM check."""

from __future__ import annotations

from pathlib import Path

import pytest
import smoke

from app.printing import fonts

PDFFONTS = """name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
Helvetica                            Type 1            WinAnsi          no  no  no       2  0
AAAAAA+UMingCN-0                     TrueType          WinAnsi          yes yes yes      7  0
"""


def test_pdffonts_table() -> None:
    assert smoke.parse_pdffonts(PDFFONTS) == [
        ("Helvetica", "Type 1", False),
        ("AAAAAA+UMingCN-0", "TrueType", True),
    ]
    with pytest.raises(smoke.Failed):
        smoke.parse_pdffonts(PDFFONTS + "garbage\n")


def test_a_reportlab_pdf_read_without_pdffonts(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    chosen = fonts.load(None, dirs=[Path("/usr/share/fonts/truetype/wqy")], bundled=[])
    pdf = tmp_path / "x.pdf"
    canvas = Canvas(str(pdf))
    canvas.setFont(chosen.body, 12)
    canvas.drawString(72, 720, "三封寺镇长期公示")
    canvas.save()
    found = smoke.raw_fonts(pdf.read_bytes())
    assert ("Helvetica", "Type1", False) in found
    assert any(kind == "TrueType" and emb and "WenQuanYi" in name for name, kind, emb in found)
    assert smoke.embedded_fonts(pdf, "WenQuanYi").startswith("embedded ")
    with pytest.raises(smoke.Failed, match="no embedded font named like"):
        smoke.embedded_fonts(pdf, "UMing")


def test_the_bundle_an_export_names() -> None:
    out = "已导出上报数据包第1号（857条记录）：usb/jiuzhu-up-430623101-000001.jzb\n"
    assert smoke.bundle_path(out) == Path("usb/jiuzhu-up-430623101-000001.jzb")
    with pytest.raises(smoke.Failed):
        smoke.bundle_path("没有需要发送的内容\n")
