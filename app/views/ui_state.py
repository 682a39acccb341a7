"""UI state (window geometry, last section) in QSettings; business settings live in the database."""

from __future__ import annotations

from PySide6.QtCore import QSettings

import app as app_package


def ui_settings() -> QSettings:
    """An INI file in the user's config folder (%APPDATA% on Windows), not the registry or program folder."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, app_package.APP_NAME, app_package.APP_NAME
    )


LANGUAGE_KEY = "ui/language"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


def preferred_language() -> str:
    """The interface language chosen in 设置 (Chinese unless English was chosen)."""
    value = ui_settings().value(LANGUAGE_KEY, "zh_CN")
    return value if value in LANGUAGES else "zh_CN"


def set_preferred_language(code: str) -> None:
    if code not in LANGUAGES:
        raise ValueError(code)
    settings = ui_settings()
    settings.setValue(LANGUAGE_KEY, code)
    settings.sync()
