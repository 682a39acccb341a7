"""Find and register an embeddable TrueType CJK font; fall back to ReportLab's STSong-Light CID font."""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("jiuzhu.printing")

FALLBACK = "STSong-Light"


@dataclass(frozen=True)
class Candidate:
    """A font file we know how to use: its family name, file names to look for and TTC sub-font."""

    name: str
    files: tuple[str, ...]
    subfont: int = 0


# Body text first in order of preference (宋体/仿宋 read like an official paper), then sans.
CANDIDATES: tuple[Candidate, ...] = (
    Candidate("SimSun", ("simsun.ttc",)),
    Candidate("FangSong", ("simfang.ttf",)),
    Candidate("SimHei", ("simhei.ttf",)),
    Candidate("Microsoft YaHei", ("msyh.ttc", "msyh.ttf")),
    Candidate("AR PL UMing", ("uming.ttc",)),
    Candidate("WenQuanYi Micro Hei", ("wqy-microhei.ttc",)),
    Candidate("WenQuanYi Zen Hei", ("wqy-zenhei.ttc",)),
    Candidate("Arial Unicode MS", ("Arial Unicode.ttf", "arialuni.ttf")),
)
# Headings prefer a bold-looking face where the machine has one.
HEADING_ORDER: tuple[str, ...] = ("SimHei", "Microsoft YaHei", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")


def font_dirs() -> list[Path]:
    """Folders searched for font files on this platform."""
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        local = os.environ.get("LOCALAPPDATA", "")
        dirs = [Path(windir) / "Fonts"]
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), Path.home() / "Library" / "Fonts"]
    return [
        Path("/usr/share/fonts/truetype/wqy"),
        Path("/usr/share/fonts/truetype/arphic"),
        Path("/usr/share/fonts/truetype"),
        Path("/usr/share/fonts"),
        Path.home() / ".local" / "share" / "fonts",
        Path.home() / ".fonts",
    ]


@dataclass(frozen=True)
class FontSet:
    """The registered ReportLab font names a document uses, and whether they are embedded."""

    body: str
    heading: str
    embedded: bool
    description: str


def _find_file(files: tuple[str, ...], dirs: list[Path]) -> Path | None:
    for folder in dirs:
        for file in files:
            direct = folder / file
            if direct.is_file():
                return direct
    for folder in dirs:  # one level of sub-folders (Debian puts each package in its own)
        if not folder.is_dir():
            continue
        for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
            for file in files:
                if (sub / file).is_file():
                    return sub / file
    return None


def parse_setting(value: str) -> tuple[str, int]:
    """A ``print.font`` setting: a family name from CANDIDATES, or a path with an optional ``#index``."""
    text = value.strip()
    path, sep, index = text.rpartition("#")
    if sep and index.isdigit():
        return path, int(index)
    return text, 0


_lock = threading.Lock()
_registered: dict[tuple[str, int], str] = {}
_cache: dict[tuple[str, tuple[str, ...] | None], FontSet] = {}


def register_file(path: Path, subfont: int = 0) -> str:
    """Register a TrueType file with ReportLab once per process; return its font name.

    Raises ValueError when ReportLab cannot use it (CFF outlines such as Noto CJK, a broken file).
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    key = (str(path), subfont)
    with _lock:
        if key in _registered:
            return _registered[key]
        name = f"JZ-{path.stem}-{subfont}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=subfont))
        except (TTFError, OSError, IndexError, KeyError, ValueError) as exc:
            raise ValueError(f"{path}: {exc}") from exc
        _registered[key] = name
        return name


def _try(path: Path, subfont: int) -> str | None:
    try:
        return register_file(path, subfont)
    except ValueError as exc:
        log.warning("font %s (#%d) cannot be embedded: %s", path, subfont, exc)
        return None


def _from_setting(setting: str, dirs: list[Path]) -> tuple[str, str] | None:
    target, subfont = parse_setting(setting)
    for cand in CANDIDATES:
        if cand.name.lower() == target.lower():
            found = _find_file(cand.files, dirs)
            name = _try(found, cand.subfont) if found else None
            return (name, f"{cand.name}（{found}）") if name else None
    path = Path(target).expanduser()
    if path.is_file():
        name = _try(path, subfont)
        return (name, str(path)) if name else None
    return None


def load(setting: str | None = None, dirs: list[Path] | None = None) -> FontSet:
    """The fonts for documents: the ``print.font`` setting if usable, else the first CJK TrueType found.

    With none found, ReportLab's STSong-Light (not embedded: the reader supplies the glyphs) is used
    and a warning is logged, because printing may then show blank boxes.
    """
    key = (setting or "", None if dirs is None else tuple(str(d) for d in dirs))
    if key in _cache:
        return _cache[key]
    dirs = dirs if dirs is not None else font_dirs()
    body: tuple[str, str] | None = None
    if setting and setting.strip() and setting.strip().lower() != "auto":
        body = _from_setting(setting, dirs)
        if body is None:
            log.warning("print.font setting %r is not usable; searching the system fonts", setting)
    if body is None:
        for cand in CANDIDATES:
            path = _find_file(cand.files, dirs)
            name = _try(path, cand.subfont) if path else None
            if name:
                body = (name, f"{cand.name}（{path}）")
                break
    if body is None:
        log.warning(
            "no embeddable CJK TrueType font found; using %s: printing may show blank boxes", FALLBACK
        )
        fonts = FontSet(_cid_fallback(), FALLBACK, False, f"{FALLBACK}（未嵌入）")
    else:
        fonts = FontSet(body[0], _heading(dirs) or body[0], True, body[1])
    _cache[key] = fonts
    return fonts


def _heading(dirs: list[Path]) -> str | None:
    by_name = {c.name: c for c in CANDIDATES}
    for family in HEADING_ORDER:
        cand = by_name[family]
        path = _find_file(cand.files, dirs)
        name = _try(path, cand.subfont) if path else None
        if name:
            return name
    return None


def _cid_fallback() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    with _lock:
        if FALLBACK not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    return FALLBACK


def missing_chars(font_name: str, text: str) -> list[str]:
    """Characters of ``text`` the font has no glyph for (empty for a CID font: not known here)."""
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(font_name)
    cmap = getattr(getattr(font, "face", None), "charToGlyph", None)
    if cmap is None:
        return []
    seen: dict[str, None] = {}
    for ch in text:
        if not ch.isspace() and ord(ch) not in cmap:
            seen.setdefault(ch)
    return list(seen)
