"""Which font a document gets: the system's 宋体/仿宋, else the bundled serif, never one it cannot embed.

The font folders here are fake: real TrueType files (WenQuanYi Micro Hei, which scripts/setup.sh installs)
linked under the names of the fonts they stand for, next to broken and CFF files.
"""

from __future__ import annotations

import io
import logging
import sys
from datetime import date
from pathlib import Path

import pytest

from app.domain.calendar import DayKind
from app.domain.codes import Program, RuleMode
from app.errors import UserError
from app.printing import fonts
from app.printing.casefile import Office
from app.printing.catalog import NoticeKind
from app.printing.notice_data import Candidate, assemble
from app.printing.notices import build_notice

REAL_TTC = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
pytestmark = pytest.mark.skipif(not REAL_TTC.is_file(), reason="fonts-wqy-microhei is not installed")


def folder(root: Path, name: str, *files: str) -> Path:
    """A fake font folder holding the real TrueType file under each of ``files``."""
    target = root / name
    target.mkdir()
    for file in files:
        (target / file).symlink_to(REAL_TTC)
    return target


def cff(folder: Path) -> None:
    """A CFF-outline CJK font like the Noto/思源 fonts of Kylin and UOS, which ReportLab cannot embed."""
    (folder / "NotoSerifCJK-Regular.ttc").write_bytes(b"OTTO" + b"\0" * 60)


def test_the_systems_songti_comes_before_the_bundled_serif(tmp_path: Path) -> None:
    system = folder(tmp_path, "windows", "simsun.ttc", "simhei.ttf", "msyh.ttc")
    bundled = folder(tmp_path, "bundled", "uming.ttc", "wqy-microhei.ttc")
    chosen = fonts.load(None, dirs=[system], bundled=[bundled])
    assert chosen.description.startswith("SimSun（") and "随附" not in chosen.description
    # titles in the 小标宋 manner: the 宋体 drawn bold (no heavy 宋 on this machine), not the 黑体
    assert (chosen.body, chosen.heading, chosen.heading_bold) == ("JZ-simsun-0", "JZ-simsun-0", True)
    assert chosen.embedded


def test_fangsong_is_official_too(tmp_path: Path) -> None:
    system = folder(tmp_path, "windows", "simfang.ttf", "msyh.ttc")
    bundled = folder(tmp_path, "bundled", "uming.ttc")
    chosen = fonts.load(None, dirs=[system], bundled=[bundled])
    assert chosen.description.startswith("FangSong（")
    assert (chosen.heading, chosen.heading_bold) == ("JZ-simfang-0", True)


def test_a_heavy_song_sets_the_titles(tmp_path: Path) -> None:
    system = folder(tmp_path, "windows", "simfang.ttf", "simhei.ttf", "STZHONGS.TTF")
    chosen = fonts.load(None, dirs=[system], bundled=[])
    assert (chosen.body, chosen.heading, chosen.heading_bold) == ("JZ-simfang-0", "JZ-STZHONGS-0", False)


def test_a_stock_xinchuang_pc_gets_the_bundled_serif_not_its_sans(tmp_path: Path) -> None:
    """Kylin/UOS: CFF Noto fonts and perhaps a TrueType sans; official documents take the bundled 宋体."""
    system = folder(tmp_path, "kylin", "wqy-zenhei.ttc")
    cff(system)
    bundled = folder(tmp_path, "bundled", "uming.ttc", "wqy-microhei.ttc")
    chosen = fonts.load(None, dirs=[system], bundled=[bundled])
    assert chosen.description.startswith("AR PL UMing（") and "随附" in chosen.description
    assert str(bundled) in chosen.description
    assert (chosen.heading, chosen.heading_bold) == ("JZ-uming-0", True)  # the serif, bold, for titles


def test_with_no_system_cjk_font_both_come_from_the_bundle(tmp_path: Path) -> None:
    system = tmp_path / "empty"
    system.mkdir()
    cff(system)
    bundled = folder(tmp_path, "bundled", "uming.ttc", "wqy-microhei.ttc")
    chosen = fonts.load(None, dirs=[system], bundled=[bundled])
    assert (chosen.body, chosen.heading) == ("JZ-uming-0", "JZ-uming-0")


def test_without_a_bundled_serif_a_sans_is_used_before_nothing(tmp_path: Path) -> None:
    system = folder(tmp_path, "debian", "wqy-microhei.ttc")
    chosen = fonts.load(None, dirs=[system], bundled=[])
    assert chosen.description.startswith("WenQuanYi Micro Hei（")
    assert (chosen.heading, chosen.heading_bold) == ("JZ-wqy-microhei-0", False)  # a sans: its 黑体


def test_a_broken_songti_is_skipped_for_the_bundled_serif(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    system = tmp_path / "system"
    system.mkdir()
    (system / "simsun.ttc").write_bytes(b"\0" * 64)
    bundled = folder(tmp_path, "bundled", "uming.ttc")
    with caplog.at_level(logging.WARNING, logger="jiuzhu.printing"):
        chosen = fonts.load(None, dirs=[system], bundled=[bundled])
    assert chosen.body == "JZ-uming-0"
    assert "cannot be embedded" in caplog.text


def test_with_no_embeddable_font_anywhere_printing_is_refused(tmp_path: Path) -> None:
    system = tmp_path / "system"
    system.mkdir()
    cff(system)
    (system / "simsun.ttc").write_bytes(b"\0" * 64)
    with pytest.raises(UserError, match="未找到可嵌入"):
        fonts.load(None, dirs=[system], bundled=[tmp_path / "no-such-folder"])
    with pytest.raises(UserError):  # an unusable setting does not change that
        fonts.load("no-such-font", dirs=[system], bundled=[])


def test_the_font_setting_takes_a_family_name_or_a_path(tmp_path: Path) -> None:
    system = folder(tmp_path, "system", "wqy-microhei.ttc", "simhei.ttf")
    bundled = folder(tmp_path, "bundled", "uming.ttc")
    assert fonts.load("WenQuanYi Micro Hei", dirs=[system], bundled=[bundled]).body == "JZ-wqy-microhei-0"
    assert fonts.load("ar pl uming", dirs=[system], bundled=[bundled]).body == "JZ-uming-0"
    by_path = fonts.load(f"{system / 'simhei.ttf'}#0", dirs=[system], bundled=[bundled])
    assert by_path.body == "JZ-simhei-0"
    assert fonts.parse_setting("C:/Windows/Fonts/simsun.ttc#1") == ("C:/Windows/Fonts/simsun.ttc", 1)
    unusable = fonts.load("no-such-font", dirs=[system], bundled=[bundled])
    assert unusable.body == "JZ-uming-0"  # the usual search


def test_the_bundled_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.FONT_DIR_ENV, raising=False)
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert fonts.bundled_dirs() == []
    monkeypatch.setenv(fonts.FONT_DIR_ENV, str(tmp_path / "env-fonts"))
    assert fonts.bundled_dirs() == [tmp_path / "env-fonts"]
    monkeypatch.delenv(fonts.FONT_DIR_ENV)
    exe = tmp_path / "Jiuzhu" / "jiuzhu.exe"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "Jiuzhu" / "_internal"), raising=False)
    assert fonts.bundled_dirs() == [
        exe.resolve().parent / "fonts",
        tmp_path / "Jiuzhu" / "_internal" / "fonts",
    ]


def test_load_uses_the_bundled_folder_named_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system = tmp_path / "system"
    system.mkdir()
    bundled = folder(tmp_path, "bundled", "uming.ttc")
    monkeypatch.setenv(fonts.FONT_DIR_ENV, str(bundled))
    assert fonts.load(None, dirs=[system]).body == "JZ-uming-0"


def test_a_notice_in_the_bundled_serif_embeds_it(tmp_path: Path) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    system = tmp_path / "system"
    system.mkdir()
    bundled = folder(tmp_path, "bundled", "uming.ttc", "wqy-microhei.ttc")
    chosen = fonts.load(None, dirs=[system], bundled=[bundled])
    office = Office("华容县", "三封寺镇", "杨柳村", phone="0730-4211234", address="三封寺镇人民政府民政办")
    rows = [Candidate("杨柳村1组", "张三", 2, "农村低保", 30000, "", Program.DIBAO, RuleMode.RULES_2021)]
    data = assemble(
        NoticeKind.STANDING, office, "三封寺镇人民政府", rows, date(2026, 11, 20), None, 7, DayKind.CALENDAR
    )
    pdf = build_notice(data, chosen).pdf
    assert chosen.body == "JZ-uming-0"
    page = next(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(pdf)))))
    used = [font.resolve() for font in page.resources["Font"].resolve().values()]
    # ReportLab names Helvetica in every page's preamble; the text is all in the TrueType font.
    truetype = [font for font in used if font["BaseFont"].name != "Helvetica"]
    assert truetype
    for font in truetype:
        descendant = font["DescendantFonts"].resolve()[0].resolve() if "DescendantFonts" in font else font
        assert "FontFile2" in descendant["FontDescriptor"].resolve(), f"{font['BaseFont']} is not embedded"
