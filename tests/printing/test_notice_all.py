"""`jiuzhu notice --all`: one PDF per village with something to post, audited; refusals write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.models.db import Database
from app.paths import DataPaths
from app.printing.catalog import NoticeKind
from app.services.cases import notice_batch
from tests.conftest import DEMO_TODAY
from tests.db.test_procedure import CADRE, CLERK
from tests.printing.conftest import compact, pdf_text
from tests.printing.test_cli_print import exports, jiuzhu


def test_notice_all_writes_one_pdf_per_village_with_something_to_post(
    capsys: pytest.CaptureFixture[str], demo_paths: DataPaths, tmp_path: Path
) -> None:
    out = tmp_path / "公示"
    out.mkdir()
    code, stdout, _ = jiuzhu(
        capsys, "notice", "--all", "--data-dir", str(demo_paths.root), "--kind", "standing",
        "--date", "2026-11-20", "--out", str(out),
    )  # fmt: skip
    assert code == 0, stdout
    files = sorted(out.iterdir())
    assert files and all(f.suffix == ".pdf" for f in files)
    assert not [f for f in out.iterdir() if f.name.startswith(".")]  # no staged file left behind
    audited = exports(demo_paths)
    assert sorted(name for _, _, name, _, _, _ in audited) == [f.name for f in files]
    for f, (actor, table, _, kind, area, households) in zip(
        files, sorted(audited, key=lambda r: r[2]), strict=True
    ):
        code_, village = f.name.split("_")[:2]
        assert (actor, table, kind, area) == ("system", "public_notice", "notice:standing", code_)
        body = compact(pdf_text(f.read_bytes()))
        assert f"{village}" in body and "对象长期公示" in body and f"{households}户" in body
    assert f"已生成{len(files)}个村（居）的长期公示" in stdout


def test_notice_all_refusals_exit_1_or_2_and_write_nothing(
    capsys: pytest.CaptureFixture[str], demo_paths: DataPaths, tmp_path: Path
) -> None:
    out = tmp_path / "公示"
    out.mkdir()
    base = ["notice", "--data-dir", str(demo_paths.root), "--out", str(out)]
    code, _, err = jiuzhu(capsys, *base, "--all", "--kind", "standing", "--date", "2001-01-01")
    assert code == 1 and "没有需要张贴的长期公示" in err
    code, _, err = jiuzhu(capsys, "notice", "--data-dir", str(demo_paths.root), "--all", "--kind", "standing",
                          "--out", str(tmp_path / "missing"))  # fmt: skip
    assert code == 1 and "已存在的文件夹" in err
    code, _, _ = jiuzhu(capsys, *base, "--all", "--village", "430623101201", "--kind", "standing")
    assert code == 2
    code, _, _ = jiuzhu(capsys, *base, "--kind", "standing")
    assert code == 2
    assert list(out.iterdir()) == [] and exports(demo_paths) == []


def test_all_villages_in_one_file_number_each_notice_apart(demo_db: Database) -> None:
    with demo_db.uow("clerk") as uow:
        each = notice_batch.each_village(uow, CLERK, NoticeKind.STANDING, DEMO_TODAY)
        together = notice_batch.one_file(uow, CLERK, NoticeKind.STANDING, DEMO_TODAY)
    assert together.pages == sum(n.printed.pages for n in each)
    assert together.households == sum(n.printed.households for n in each)
    text = pdf_text(together.pdf)
    assert text.count("第1页") == len(each)  # every village's notice counts its own pages


def test_a_cadre_batch_holds_only_his_village(demo_db: Database) -> None:
    with demo_db.uow("cadre") as uow:
        each = notice_batch.each_village(uow, CADRE, NoticeKind.STANDING, DEMO_TODAY)
    assert [n.code for n in each] == [CADRE.area_code]


def test_files_are_placed_only_when_their_audit_is_committed(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "公示"
    out.mkdir()
    with demo_db.uow("clerk") as uow:
        notices = notice_batch.each_village(uow, CLERK, NoticeKind.STANDING, DEMO_TODAY)
        paths = notice_batch.save_each(uow, CLERK, notices, out)
        assert paths and not any(p.exists() for p in paths)  # staged beside, not yet in place
    assert list(out.iterdir()) == []  # rolled back: the staged files are gone too
    with demo_db.uow("clerk") as uow:
        paths = notice_batch.save_each(uow, CLERK, notices, out)
        uow.commit()
    assert sorted(out.iterdir()) == sorted(paths)
