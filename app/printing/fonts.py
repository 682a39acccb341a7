"""Find and register an embeddable TrueType CJK font: the system's 宋体/仿宋, else the bundled serif.

A document is never printed with a font it does not embed: with no usable font at all, printing is
refused with a clear message (the frozen program always carries AR PL UMing and WenQuanYi Micro Hei).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from app.errors import UserError

log = logging.getLogger("jiuzhu.printing")

FONT_DIR_ENV = "JIUZHU_FONT_DIR"  # a folder of bundled fonts (the frozen build's fonts/ beside the .exe)
NO_FONT = (
    "未找到可嵌入 PDF 的中文 TrueType 字体（宋体、仿宋或程序随附的文鼎明体、文泉驿微米黑），无法打印。"
    "请重新安装救助通（安装包自带字体），或在设置中指定一个 .ttf/.ttc 字体文件。"
)


@dataclass(frozen=True)
class Candidate:
    """A font file we know how to use: its family name, file names to look for, TTC sub-font, style."""

    name: str
    files: tuple[str, ...]
    subfont: int = 0
    serif: bool = False  # 宋体/仿宋-like: what official documents are set in
    heading_only: bool = False  # a heavy 宋 (小标宋) for titles, never for the text


# In order of preference: the serifs first (宋体/仿宋 read like an official paper), then the sans.
CANDIDATES: tuple[Candidate, ...] = (
    Candidate("SimSun", ("simsun.ttc",), serif=True),
    Candidate("FangSong", ("simfang.ttf",), serif=True),
    Candidate("AR PL UMing", ("uming.ttc",), serif=True),
    Candidate("SimHei", ("simhei.ttf",)),
    Candidate("Microsoft YaHei", ("msyh.ttc", "msyh.ttf")),
    Candidate("WenQuanYi Micro Hei", ("wqy-microhei.ttc",)),
    Candidate("WenQuanYi Zen Hei", ("wqy-zenhei.ttc",)),
    Candidate("Arial Unicode MS", ("Arial Unicode.ttf", "arialuni.ttf")),
    Candidate("FZXiaoBiaoSong-B05S", ("FZXBSJW.TTF", "fzxbsjw.ttf", "FZXBSJW.ttf"), heading_only=True),
    Candidate("STZhongsong", ("STZHONGS.TTF", "stzhongs.ttf", "STZhongsong.ttf"), heading_only=True),
)
# Titles of official documents are set in 小标宋: a heavy 宋 where the machine has one; else the text's
# own 宋体/仿宋 drawn bold; a sans text takes a 黑体 for its titles.
HEAVY_SONG: tuple[str, ...] = ("FZXiaoBiaoSong-B05S", "STZhongsong")
HEADING_ORDER: tuple[str, ...] = ("SimHei", "Microsoft YaHei", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")


def bundled_dirs() -> list[Path]:
    """Folders of the fonts that ship with the program: ``$JIUZHU_FONT_DIR``, and in a frozen build
    the ``fonts`` folder beside the executable (and inside the bundle's own folder)."""
    dirs: list[Path] = []
    env = os.environ.get(FONT_DIR_ENV, "").strip()
    if env:
        dirs.append(Path(env))
    if getattr(sys, "frozen", False):
        dirs.append(Path(sys.executable).resolve().parent / "fonts")
        inside = getattr(sys, "_MEIPASS", None)
        if inside:
            dirs.append(Path(inside) / "fonts")
    return dirs


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
    """The registered ReportLab font names a document uses; ``embedded`` is always True (load()
    refuses rather than fall back to a font the PDF would not carry)."""

    body: str
    heading: str
    embedded: bool
    description: str
    heading_bold: bool = False  # draw the titles emboldened (the text's serif standing in for 小标宋)


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
_cache: dict[tuple[str, tuple[str, ...], tuple[str, ...]], FontSet] = {}


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


def _first(cands: list[Candidate], dirs: list[Path], bundled: list[Path]) -> tuple[str, str] | None:
    """The first candidate usable from the system's folders, else from the bundled ones."""
    for folders, where in ((dirs, ""), (bundled, "，随附")):
        for cand in cands:
            path = _find_file(cand.files, folders) if folders else None
            name = _try(path, cand.subfont) if path else None
            if name:
                return name, f"{cand.name}（{path}{where}）"
    return None


def load(
    setting: str | None = None, dirs: list[Path] | None = None, bundled: list[Path] | None = None
) -> FontSet:
    """The fonts for documents: the ``print.font`` setting if usable, else the system's 宋体/仿宋, else the
    bundled serif, else a sans (the system's, then the bundled one). Headings take a 黑体 where found.

    Args:
        setting: the ``print.font`` setting: a family name, or a file path with an optional ``#index``.
        dirs: the system's font folders (default: this platform's, font_dirs()).
        bundled: the folders of the fonts shipped with the program (default: bundled_dirs()).

    Raises:
        UserError: no embeddable CJK TrueType font anywhere; nothing is printed with a font that the
            PDF would not embed.
    """
    dirs = dirs if dirs is not None else font_dirs()
    bundled = bundled if bundled is not None else bundled_dirs()
    key = (setting or "", tuple(str(d) for d in dirs), tuple(str(d) for d in bundled))
    if key in _cache:
        return _cache[key]
    body: tuple[str, str] | None = None
    if setting and setting.strip() and setting.strip().lower() != "auto":
        body = _from_setting(setting, [*dirs, *bundled])
        if body is None:
            log.warning("print.font setting %r is not usable; searching the system fonts", setting)
    serif = False
    if body is None:
        body = _first([c for c in CANDIDATES if c.serif], dirs, bundled)
        serif = body is not None
        body = body or _first([c for c in CANDIDATES if not c.serif and not c.heading_only], dirs, bundled)
    else:
        serif = any(c.serif and body[1].startswith(f"{c.name}（") for c in CANDIDATES)
    if body is None:
        log.error("no embeddable CJK TrueType font in %s or %s", dirs, bundled)
        raise UserError(NO_FONT)
    by_name = {c.name: c for c in CANDIDATES}
    heading = _first([by_name[f] for f in HEAVY_SONG], dirs, bundled)
    bold = False
    if heading is None and serif:
        heading, bold = body, True
    elif heading is None:
        heading = _first([by_name[f] for f in HEADING_ORDER], dirs, bundled)
    fonts = FontSet(body[0], heading[0] if heading else body[0], True, body[1], bold)
    log.info("document fonts: body %s, heading %s", fonts.description, heading[1] if heading else "同正文")
    _cache[key] = fonts
    return fonts


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
