"""The desktop app: QApplication, translators, logging of Qt warnings, crash hook, then the session
(sign-in, main window, sign-out and the idle lock: ``app.views.setup.session``)."""

from __future__ import annotations

import logging
import sys
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
from PySide6.QtWidgets import QApplication, QDialog

import app as app_package
from app import log
from app.paths import DataPaths
from app.views import gc_guard
from app.views.opening import DatabaseHolder
from app.views.startup import Startup

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


def first_run_setup(paths: DataPaths) -> bool:
    """The first-run wizard on an empty data folder; True once an installation was made."""
    from app.views import tasks
    from app.views.setup.first_run import FirstRunWizard

    wizard = FirstRunWizard(paths)
    accepted = wizard.exec() == QDialog.DialogCode.Accepted and wizard.created is not None
    tasks.wait_all()
    if accepted:
        log.setup(paths.logs)
        created = wizard.created
        assert created is not None
        if created.recovery_key:  # shown this once, before anyone signs in
            from app.views.setup.recovery_dialogs import RecoveryKeyDialog

            RecoveryKeyDialog(created.recovery_key, created.name).exec()
    return accepted


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
    first_user = ""
    if database_url is None and not paths.database.exists():  # an empty folder: the first-run setup
        if not first_run_setup(paths):
            crash_dialog.uninstall()
            qInstallMessageHandler(previous_handler)
            return 0
        first_user = "admin"
    # The sign-in is drawn first; the database is opened behind it (app/views/opening.py).
    holder = DatabaseHolder(paths=paths, database_url=database_url)
    startup = Startup(qapp, holder, paths, first_user)
    try:
        startup.show_login()
        return qapp.exec()
    finally:
        tasks.wait_all()
        if startup.session is not None:  # a restore opens the database anew
            startup.session.db.dispose()
        elif holder.database is not None:
            holder.database.dispose()
        crash_dialog.uninstall()
        qInstallMessageHandler(previous_handler)
