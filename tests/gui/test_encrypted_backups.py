"""文件 → 备份 / 恢复 on an encrypted installation (issue 14, "Copies"): the dialog writes the encrypted
backup file, the preview opens it with the session's key, another installation's backup does not open,
and the restore opens the database again with the same key."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.models import cipher
from app.models.db import Database
from app.paths import DataPaths
from app.services.setup import backup, backup_file, installation
from app.views.setup.restore_flow import replace_database
from tests.backup_files import members, other_encrypted_station
from tests.conftest import ENCRYPTED_HOUSEHOLDS
from tests.gui.conftest import signed_in
from tests.gui.test_backups import WAIT, back_up, backup_dialog, digest, fits, restore_dialog


def test_backup_preview_and_restore_of_an_encrypted_installation(
    qtbot: QtBot, enc_db: Database, enc_paths: DataPaths, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = backup_dialog(qtbot, enc_db, signed_in(enc_db, "head"), enc_paths)
    assert dialog.encrypted_label.isVisible() and "恢复密钥" in dialog.encrypted_label.text()
    fits(dialog)
    done = back_up(qtbot, dialog, usb)
    assert done.path.suffix == backup_file.SUFFIX and done.offsite
    assert not members(done.path)[backup_file.DATABASE].startswith(b"SQLite format 3")
    admin = signed_in(enc_db, "admin")
    dialog = restore_dialog(qtbot, enc_db, admin, enc_paths)
    with qtbot.waitSignal(dialog.preview_shown, timeout=WAIT):
        dialog.file_edit.setText(str(done.path))
        dialog.read_preview()
    assert "430623101" in dialog.fields["installation"].text()
    assert str(ENCRYPTED_HOUSEHOLDS) in dialog.fields["contents"].text()
    dialog.close()
    key = enc_db.key
    outcome = replace_database(enc_db, enc_paths, done.path, admin.actor)
    try:
        assert outcome.error == "" and outcome.db.key == key
        assert outcome.safety is not None and outcome.safety.suffix == backup_file.SUFFIX
        assert cipher.is_encrypted(enc_paths.database)
    finally:
        outcome.db.dispose()


def test_another_installations_backup_does_not_open_in_the_dialog(
    qtbot: QtBot, enc_db: Database, enc_paths: DataPaths, tmp_path: Path
) -> None:
    other = other_encrypted_station(tmp_path / "other")

    other_db = installation.open_unlocked(other, "admin", "jiuzhu2026")
    try:
        with other_db.uow("admin") as uow:
            theirs = backup.backup(
                uow, signed_in(other_db, "admin").actor, other, tmp_path, other_db.key
            ).path
            uow.commit()
    finally:
        other_db.dispose()
    before = digest(enc_paths.database)
    dialog = restore_dialog(qtbot, enc_db, signed_in(enc_db, "admin"), enc_paths)
    dialog.file_edit.setText(str(theirs))
    dialog.read_preview()
    qtbot.waitUntil(lambda: dialog.refused.isVisible(), timeout=WAIT)
    assert "不能用本机的密钥打开" in dialog.refused.text() and not dialog.restore_button.isEnabled()
    assert digest(enc_paths.database) == before
