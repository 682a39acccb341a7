"""Can Qt load a plugin for the session's input method? Checked at start, logged, shown in 帮助 → 关于.

PySide6's wheels carry only the ibus and compose input-method plugins; clerks on Kylin and UOS commonly
type with fcitx, whose Qt 6 plugin county IT installs (docs/guide/在办公电脑上安装.md). Without it Qt
falls back to "compose" and no Chinese can be typed: this module makes that visible.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("jiuzhu.gui")

SUBFOLDER = "platforminputcontexts"
BUILTIN = frozenset({"none", "wayland"})  # served inside Qt itself, with no plugin file
# Plugin files whose keys differ from their name (the rest: libNAMEplatforminputcontextplugin.so -> NAME).
KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "compose": ("compose", "xim"),
    "fcitx5": ("fcitx5", "fcitx"),
    "qtvirtualkeyboard": ("qtvirtualkeyboard",),
}
_SUFFIXES = (".so", ".dll", ".dylib")


@dataclass(frozen=True)
class InputMethodCheck:
    """What the session asks for, where it says so, and whether a plugin for it is there."""

    wanted: tuple[str, ...]  # input-method keys, in Qt's order of trying them
    source: str  # "QT_IM_MODULES", "QT_IM_MODULE" or "XMODIFIERS"
    available: tuple[str, ...]  # the keys of the plugins Qt can load, sorted
    ok: bool

    @property
    def unrequested(self) -> bool:
        """Only XMODIFIERS names it: Qt on X11 then uses "compose" whatever plugins there are."""
        return self.source == "XMODIFIERS" and not self.ok

    @property
    def summary(self) -> str:
        """One line for the log: the request, and the plugins there are."""
        if self.ok:
            state = "plugin found"
        elif self.unrequested:
            state = "QT_IM_MODULE is not set, so Qt will not use it: Chinese input will not work"
        else:
            state = "NO plugin: Chinese input will not work"
        have = ", ".join(self.available) or "none"
        return f"input method {'/'.join(self.wanted)} (from {self.source}): {state}; plugins: {have}"


def requested(env: Mapping[str, str]) -> tuple[tuple[str, ...], str]:
    """The input methods the session asks Qt for, and the variable that says so.

    ``QT_IM_MODULES`` (a ``;`` list, Qt ≥ 6.8) wins over ``QT_IM_MODULE``; a ``key:params`` entry counts by
    its key. Without either, ``XMODIFIERS=@im=NAME`` names the X input method the desktop runs.
    """
    for var in ("QT_IM_MODULES", "QT_IM_MODULE"):
        text = env.get(var, "").strip()
        keys = tuple(k.split(":", 1)[0].strip().lower() for k in text.split(";") if k.strip())
        if keys:
            return keys, var
    modifiers = env.get("XMODIFIERS", "")
    for part in modifiers.split("@"):
        name, sep, value = part.partition("=")
        if sep and name.strip().lower() == "im" and value.strip():
            return (value.strip().lower(),), "XMODIFIERS"
    return (), ""


def plugin_keys(folders: Iterable[Path]) -> set[str]:
    """The input-method keys served by the plugin files in ``folders`` (Qt's platforminputcontexts)."""
    keys: set[str] = set()
    for folder in folders:
        if not folder.is_dir():
            continue
        for file in folder.iterdir():
            if file.suffix not in _SUFFIXES:
                continue
            stem = file.stem.lower().removeprefix("lib").removesuffix("-qt6")
            name = stem.removesuffix("plugin").removesuffix("platforminputcontext")
            keys.update(KNOWN_KEYS.get(name, (name,)))
    return keys


def check(env: Mapping[str, str], folders: Iterable[Path]) -> InputMethodCheck | None:
    """Whether Qt has a plugin for the session's input method; None when the session names none."""
    wanted, source = requested(env)
    if not wanted:
        return None
    available = plugin_keys(folders)
    if source == "XMODIFIERS":  # Qt reads no XMODIFIERS: X11 falls back to compose, Wayland to its own
        ok = env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or wanted[0] in ("none", "compose")
    else:
        ok = any(key in available or key in BUILTIN for key in wanted)
    return InputMethodCheck(wanted, source, tuple(sorted(available)), ok)


def qt_plugin_folders() -> list[Path]:
    """The platforminputcontexts folders of Qt's plugin paths (the bundle's, QT_PLUGIN_PATH's)."""
    from PySide6.QtCore import QCoreApplication

    return [Path(p) / SUBFOLDER for p in QCoreApplication.libraryPaths()]


def session_check() -> InputMethodCheck | None:
    """The check for this process (Linux and other X11/Wayland systems only)."""
    if sys.platform in ("win32", "darwin"):
        return None
    return check(os.environ, qt_plugin_folders())


def log_at_start() -> InputMethodCheck | None:
    """Log the check once at start: a missing plugin as a warning."""
    result = session_check()
    if result is not None:
        log.log(logging.INFO if result.ok else logging.WARNING, "%s", result.summary)
    return result


def about_text(result: InputMethodCheck | None) -> str:
    """A paragraph for 关于 (rich text), empty when the session names no input method."""
    from PySide6.QtCore import QCoreApplication

    if result is None:
        return ""
    name = "/".join(result.wanted)
    if result.ok:
        text = QCoreApplication.translate("InputMethod", "<p>Input method: {name}.</p>")
    elif result.unrequested:
        text = QCoreApplication.translate(
            "InputMethod",
            "<p><b>Input method: {name} is not passed on to Jiuzhu</b>, so Chinese may not be typed "
            "here. Please ask the county IT staff to set up the input method for Qt programs (see the "
            "installation chapter of the guide).</p>",
        )
    else:
        text = QCoreApplication.translate(
            "InputMethod",
            "<p><b>Input method: {name} cannot be used.</b> This copy of Jiuzhu has no Qt plugin for it, "
            "so Chinese cannot be typed here. Please ask the county IT staff to install the input-method "
            "plugin (see the installation chapter of the guide).</p>",
        )
    return text.format(name=name)
