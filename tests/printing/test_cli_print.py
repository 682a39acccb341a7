"""`jiuzhu notice` and `jiuzhu print-form`: exit codes, messages, and no file written on a refusal."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.cli import run
from app.paths import DataPaths
from app.printing.catalog import FORMS
from tests.printing.conftest import compact, pdf_text
from tests.unwritable import KINDS, make_sink


def jiuzhu(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_notice_writes_a_pdf(
    capsys: pytest.CaptureFixture[str], demo_paths: DataPaths, tmp_path: Path
) -> None:
    out = tmp_path / "公示.pdf"
    code, stdout, _ = jiuzhu(
        capsys, "notice", "--data-dir", str(demo_paths.root), "--village", "430623101206",
        "--kind", "preliminary", "--date", "2026-11-20", "--out", str(out),
    )  # fmt: skip
    assert code == 0 and "初审公示" in stdout and "共1页" in stdout
    body = compact(pdf_text(out.read_bytes()))
    assert "三封寺镇新华村最低生活保障初审公示" in body and "为期7天，从2026年11月16日起至11月22日止" in body
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".jiuzhu-")]
    assert exports(demo_paths) == [
        ("system", "public_notice", "公示.pdf", "notice:preliminary", "430623101206", 1)
    ]  # the file written with personal data is audited: who, what, where, how many households


def exports(paths: DataPaths) -> list[tuple[str, str, str, str, str, int]]:
    """The audited exports of printed documents, oldest first."""
    with sqlite3.connect(paths.database) as conn:
        rows = conn.execute(
            "SELECT actor, table_name, new_values FROM audit_event WHERE action = 'export' ORDER BY seq"
        ).fetchall()
    found = []
    for actor, table, values in rows:
        summary = json.loads(values)
        found.append((actor, table, summary["file"], summary["kind"], summary["area"], summary["households"]))
    return found


def test_notice_refusals_exit_1_and_write_nothing(
    capsys: pytest.CaptureFixture[str], demo_paths: DataPaths, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    base = ["notice", "--data-dir", str(demo_paths.root), "--out", str(out)]
    code, _, err = jiuzhu(capsys, *base, "--village", "430623101999", "--kind", "standing")
    assert code == 1 and "找不到村（居）“430623101999”" in err
    code, _, err = jiuzhu(
        capsys, *base, "--village", "430623101201", "--kind", "standing", "--date", "2001-01-01"
    )
    assert code == 1 and "没有在保对象" in err
    assert not out.exists()
    code, _, err = jiuzhu(capsys, *base, "--village", "430623101201", "--kind", "weekly")
    assert code == 2
    code, _, err = jiuzhu(
        capsys, *base, "--village", "430623101201", "--kind", "standing", "--date", "2026-13-01"
    )
    assert code == 2 and "YYYY-MM-DD" in err
    assert not out.exists()


def test_print_form_and_its_refusals(
    capsys: pytest.CaptureFixture[str], demo_paths: DataPaths, tmp_path: Path
) -> None:
    out = tmp_path / "form.pdf"
    base = ["print-form", "--data-dir", str(demo_paths.root), "--out", str(out)]
    code, stdout, _ = jiuzhu(capsys, *base, "--case", "430623101-2017-000001", "--form", "certificate")
    assert code == 0 and "最低生活保障证" in stdout and "共2页" in stdout
    assert "430623101-2017-000001" in pdf_text(out.read_bytes())
    ((actor, table, name, kind, area, households),) = exports(demo_paths)
    assert (actor, table, name, kind, households) == (
        "system",
        "case_file",
        "form.pdf",
        "form:certificate",
        1,
    )
    assert len(area) == 12 and area.startswith("430623101")
    out.unlink()
    code, _, err = jiuzhu(capsys, *base, "--case", "430623101-1999-000001", "--form", "summary")
    assert code == 1 and "找不到申请编号" in err
    code, _, err = jiuzhu(capsys, *base, "--case", "430623101-2017-000001", "--form", "nope")
    assert code == 1 and "可打印的表格" in err
    code, _, err = jiuzhu(capsys, *base, "--case", "430623101-2017-000001", "--form", "refusal")
    assert code == 1 and "没有不予确认决定" in err
    assert not out.exists() and len(exports(demo_paths)) == 1  # a refusal writes and audits nothing
    missing = tmp_path / "no-such-folder" / "x.pdf"
    code, _, err = jiuzhu(capsys, "print-form", "--data-dir", str(demo_paths.root), "--out", str(missing),
                          "--case", "430623101-2017-000001", "--form", "summary")  # fmt: skip
    assert code == 1 and "文件夹不存在" in err and len(exports(demo_paths)) == 1


def test_print_form_help_lists_the_form_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = jiuzhu(capsys, "print-form", "--help")
    assert code == 0
    for name, title in FORMS.items():
        assert name in stdout and title in stdout
    code, stdout, _ = jiuzhu(capsys, "notice", "--help")
    assert code == 0 and "preliminary" in stdout and "standing" in stdout and "a4-landscape" in stdout


@pytest.mark.parametrize("kind", KINDS)
def test_notice_and_form_to_an_unwritable_place_exit_1_and_leave_nothing(
    kind: str,
    demo_paths: DataPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 11: the cause in Chinese, naming the file, and no PDF or temporary file left behind."""
    sink = make_sink(kind, tmp_path, monkeypatch)
    d = str(demo_paths.root)
    out = sink.target("公示.pdf")
    code, _, err = jiuzhu(capsys, "notice", "--data-dir", d, "--village", "430623101206",
                          "--kind", "preliminary", "--date", "2026-11-20", "--out", str(out))  # fmt: skip
    sink.assert_refused(code, err, out)
    out = sink.target("表.pdf")
    code, _, err = jiuzhu(capsys, "print-form", "--data-dir", d, "--out", str(out),
                          "--case", "430623101-2017-000001", "--form", "certificate")  # fmt: skip
    sink.assert_refused(code, err, out)
