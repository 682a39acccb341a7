"""The desktop app: QApplication, translators, logging of Qt warnings, crash hook, then the session
(sign-in, main window, sign-out and the idle lock: ``app.views.setup.session``)."""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

import app as app_package
from app import log
from app.errors import UserError
from app.models.db import Database
from app.paths import DataPaths
from app.views import gc_guard

TRANSLATIONS_DIR = Path(app_package.__file__).resolve().parent.parent / "resources" / "translations"
LOCALE = "zh_CN"
MIN_POINT_SIZE = 10.5  # clerks read this all day: a little above the usual 9 pt default

qt_log = logging.getLogger("jiuzhu.qt")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def translations_dir() -> Path:
    """Where the built .qm files are: beside the package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources" / "translations"
    return TRANSLATIONS_DIR


def install_translators(qapp: QCoreApplication, locale: str = LOCALE) -> list[QTranslator]:
    """Load Qt's own translations (qtbase) and the app's; return them (they must stay alive)."""
    QLocale.setDefault(QLocale(locale))
    loaded: list[QTranslator] = []
    sources = [
        (f"qtbase_{locale}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        (f"jiuzhu_{locale}", str(translations_dir())),
    ]
    for name, folder in sources:
        translator = QTranslator(qapp)
        if translator.load(name, folder):
            qapp.installTranslator(translator)
            loaded.append(translator)
        else:
            log.gui.warning("translation %s not found in %s", name, folder)
    return loaded


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.category})" if context.category and context.category != "default" else ""
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names, a legible font and the Chinese translators."""
    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    qapp.setOrganizationName(app_package.APP_NAME)
    qapp.setApplicationName(app_package.APP_NAME)
    qapp.setApplicationVersion(app_package.__version__)
    font = QFont(qapp.font())
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        qapp.setFont(font)
    gc_guard.install(qapp)  # cyclic garbage is collected on this thread only, never in a worker
    if not qapp.property("jiuzhu_translators"):
        from app.views.ui_state import preferred_language

        # English is the source text: choosing it in 设置 means loading no translator.
        chosen = preferred_language()
        qapp.setProperty("jiuzhu_translators", install_translators(qapp) if chosen != "en" else [])
    return qapp


def open_or_explain(paths: DataPaths, database_url: str | None) -> Database | None:
    """Open the installation's database; an expected problem is shown in Chinese (returns None)."""
    from app.services.setup.installation import open_database

    try:
        return open_database(paths, database_url)
    except UserError as exc:
        log.gui.warning("cannot open the database: %s", exc)
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "Jiuzhu"),
            QCoreApplication.translate("App", "The database cannot be opened:\n{error}").format(error=exc),
        )
        return None


def _preload_main_window() -> None:
    """Import the main window's modules (about 0.4 s) off the GUI thread; widgets are made later."""
    try:
        importlib.import_module("app.views.main_window")
    except Exception:  # the GUI thread's own import reports any real problem
        log.gui.debug("preloading the main window failed", exc_info=True)


def first_run_setup(paths: DataPaths) -> bool:
    """The first-run wizard on an empty data folder; True once an installation was made."""
    from app.views import tasks
    from app.views.setup.first_run import FirstRunWizard

    wizard = FirstRunWizard(paths)
    accepted = wizard.exec() == QDialog.DialogCode.Accepted and wizard.created is not None
    tasks.wait_all()
    if accepted:
        log.setup(paths.logs)
    return accepted


def start_auto_backup(paths: DataPaths) -> None:
    """Today's automatic backup into the data folder (the first start of a day), on a read thread: SQLite's
    backup API copies a consistent snapshot while writes go on (WAL), and the sign-in never waits for it."""
    from app import clock
    from app.services.setup.auto_backup import auto_backup
    from app.views import tasks

    today = clock.today()

    def work(_progress: tasks.Progress, _cancel: tasks.CancelFlag) -> object:
        return auto_backup(paths, today)

    def failed(error: UserError) -> None:
        log.gui.warning("the automatic backup failed: %s", error)

    tasks.run(work, on_error=failed, pool=tasks.read_pool())


def run_gui(paths: DataPaths, database_url: str | None) -> int:
    """`jiuzhu gui`: first-run setup on an empty folder, then the session until the user quits; exit code."""
    log.setup(paths.logs if (database_url or paths.root.exists()) else None)
    previous_handler = qInstallMessageHandler(_qt_message)
    qapp = create_application()
    from app.views import crash_dialog, tasks

    crash_dialog.install(log.log_file(paths.logs))
    log.gui.info("starting Jiuzhu %s with data in %s", app_package.__version__, paths.root)
    from app.views import input_method

    input_method.log_at_start()  # a missing fcitx plugin shows in the log and in 帮助 → 关于
    from app.services.setup.first_run import needs_setup

    first_user = ""
    if needs_setup(paths, database_url):
        if not first_run_setup(paths):
            crash_dialog.uninstall()
            qInstallMessageHandler(previous_handler)
            return 0
        first_user = "admin"
    db = open_or_explain(paths, database_url)
    if db is None:
        return 1
    session = None
    try:
        from app.views.setup.session import DesktopSession

        qapp.setQuitOnLastWindowClosed(False)  # signing out closes every window: the session quits
        session = DesktopSession(db, paths, first_user=first_user)  # just set up: the administrator first
        session.finished.connect(qapp.exit)
        preload = threading.Thread(target=_preload_main_window, name="preload", daemon=True)
        preload.start()  # while the clerk types the password
        if database_url is None:
            start_auto_backup(paths)
        session.start()
        return qapp.exec()
    finally:
        tasks.wait_all()
        (session.db if session is not None else db).dispose()  # a restore opens the database anew
        crash_dialog.uninstall()
        qInstallMessageHandler(previous_handler)
