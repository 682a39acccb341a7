"""Issue 14, "Done when": on a demo installation made by `jiuzhu demo` (encrypted), after a backup, an
automatic backup and verbs that log, no file under the data folder (database, WAL, SHM, logs, backups,
cache, keyslots.json) holds any of the demo's ID numbers or bank accounts in clear."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.cli import run
from app.models.household import Household, Person
from app.paths import DataPaths
from app.services.setup import auto_backup, installation
from tests.backup_files import ADMIN, PASSWORD
from tests.conftest import DEMO_TODAY


def jiuzhu(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    return code, capsys.readouterr().err


def demo_secrets(paths: DataPaths) -> list[bytes]:
    """The demo's ID numbers (18 characters) and bank accounts, read through the unlocked database."""
    db = installation.open_unlocked(paths, ADMIN, PASSWORD)
    try:
        with db.uow("test") as uow:
            ids = uow.session.execute(select(Person.id_number)).scalars().all()
            accounts = uow.session.execute(select(Household.account_no)).scalars().all()
    finally:
        db.dispose()
    found = {value for value in ids if len(value) == 18} | {value for value in accounts if len(value) >= 12}
    assert len(found) > 60
    return sorted(value.encode("ascii") for value in found)


def test_no_file_in_the_data_folder_holds_an_id_number_or_account_in_clear(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    folder = ["--data-dir", str(data)]
    assert jiuzhu(capsys, *folder, "demo", "--households", "40", "--today", DEMO_TODAY.isoformat())[0] == 0
    paths = DataPaths(data)
    secrets = demo_secrets(paths)
    assert jiuzhu(capsys, *folder, "backup", "--out", str(data / "backups"))[0] == 0
    assert auto_backup.auto_backup(paths, DEMO_TODAY, key=installation.unlock(paths, ADMIN, PASSWORD))
    for verb in (["check"], ["stats"], ["export-ledger", "--out", str(tmp_path / "台账.xlsx")]):
        code, err = jiuzhu(capsys, *folder, *verb)
        assert code in (0, 1) and "Traceback" not in err, verb  # check exits 1 on a severe finding
    assert (tmp_path / "台账.xlsx").is_file()  # outside the data folder: a ledger holds them by design
    db = installation.open_unlocked(paths, ADMIN, PASSWORD)
    conn = db.engine.connect()  # kept open: the pages just written stay in the WAL while the folder is read
    try:
        conn.execute(text("UPDATE household SET account_no = account_no"))
        conn.execute(text("UPDATE person SET id_number = id_number"))
        conn.commit()
        files = [p for p in data.rglob("*") if p.is_file()]
        names = {p.name for p in files}
        assert {"keyslots.json", "jiuzhu.sqlite3-wal"} <= names and any(p.suffix == ".zip" for p in files)
        assert (data / "jiuzhu.sqlite3-wal").stat().st_size > 0 and any(
            p.parent.name == "logs" for p in files
        )
        leaks = [(p.relative_to(data), s.decode()[:6]) for p in files for s in secrets if s in p.read_bytes()]
    finally:
        conn.close()
        db.dispose()
    assert leaks == []
