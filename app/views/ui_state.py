"""UI state (window geometry, last section) in QSettings; business settings live in the database."""

from __future__ import annotations

from PySide6.QtCore import QSettings

import app as app_package


def ui_settings() -> QSettings:
    """An INI file in the user's config folder (%APPDATA% on Windows), not the registry or program folder."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, app_package.APP_NAME, app_package.APP_NAME
    )
