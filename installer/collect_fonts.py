"""Gather the CJK TrueType fonts the bundle carries, with their licence texts, into one folder.

The fonts come from Debian's packages at build time (no font file is committed to the repository):
  fonts-arphic-uming    AR PL UMing (文鼎明体), a 宋体-like serif for official documents:
                        Arphic Public License
  fonts-wqy-microhei    WenQuanYi Micro Hei (文泉驿微米黑), a sans:
                        Apache-2.0 or GPL-3+ with font exception

    python3 installer/collect_fonts.py --out build/fonts [--download | --root DIR | --from DIR]

The files are read from the installed Debian packages; ``--download`` fetches the two packages with
``apt-get download`` and unpacks them under build/debfonts instead (the build host's own fonts stay as
they were); ``--root DIR`` reads them below an unpacked root; ``--from DIR`` takes them from a folder laid
out like the output (a Windows build host copies the folder a Linux build made).
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# file in the bundle -> where Debian installs it
FONTS = {
    "uming.ttc": "/usr/share/fonts/truetype/arphic/uming.ttc",
    "wqy-microhei.ttc": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
}
LICENCES = {
    "LICENSE-AR-PL-UMing.txt": "/usr/share/doc/fonts-arphic-uming/copyright",
    "LICENSE-AR-PL-UMing-zh_CN.txt": "/usr/share/doc/fonts-arphic-uming/license/zh_CN.utf-8/ARPHICPL.txt.gz",
    "LICENSE-WenQuanYi-Micro-Hei.txt": "/usr/share/doc/fonts-wqy-microhei/copyright",
    "Apache-2.0.txt": "/usr/share/common-licenses/Apache-2.0",
}
README = """救助通随附字体 / Fonts shipped with Jiuzhu

uming.ttc         AR PL UMing（文鼎PL细上海宋），宋体风格，用于公文。
                  许可：Arphic Public License，见 LICENSE-AR-PL-UMing*.txt
wqy-microhei.ttc  文泉驿微米黑（WenQuanYi Micro Hei），黑体风格。
                  许可：Apache-2.0 或 GPL-3+（含字体例外），见 LICENSE-WenQuanYi-Micro-Hei.txt、Apache-2.0.txt

这两种字体均允许自由复制和分发。救助通打印时把所用字形嵌入 PDF。
Both fonts may be copied and redistributed freely. Jiuzhu embeds the glyphs it uses in every PDF.
"""
DEBIAN_PACKAGES = ("fonts-arphic-uming", "fonts-wqy-microhei")
BASE_FILES = {"Apache-2.0.txt"}  # from base-files, on every Debian system: read from / always


def _copy(source: Path, target: Path) -> None:
    if source.suffix == ".gz":
        target.write_bytes(gzip.decompress(source.read_bytes()))
    else:
        shutil.copyfile(source, target)


def download(target: Path) -> Path:
    """Fetch the font packages with apt-get and unpack them below ``target``; return that root."""
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as debs:
        os.chmod(debs, 0o755)  # apt's _apt user writes the downloads
        subprocess.run(["apt-get", "download", "-q", *DEBIAN_PACKAGES], cwd=debs, check=True)
        for deb in sorted(Path(debs).glob("*.deb")):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)
    return target


def _where(name: str, debian: str, source: Path | None, root: Path) -> Path:
    if source:
        return source / name
    return Path(debian) if name in BASE_FILES else root / debian.lstrip("/")


def collect(out: Path, source: Path | None = None, root: Path = Path("/")) -> list[Path]:
    """Fill ``out`` with the fonts, licences and a README; return the files written."""
    wanted = {**FONTS, **LICENCES}
    missing = [name for name, debian in wanted.items() if not _where(name, debian, source, root).is_file()]
    if missing:
        where = str(source) if source else f"{root} (Debian packages {' '.join(DEBIAN_PACKAGES)})"
        raise SystemExit(f"collect_fonts: {', '.join(missing)} not found in {where}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, debian in wanted.items():
        _copy(_where(name, debian, source, root), out / name)
        written.append(out / name)
    (out / "README.txt").write_text(README, encoding="utf-8")
    return [*written, out / "README.txt"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--from", dest="source", type=Path, help="a folder laid out like the output")
    how.add_argument("--root", type=Path, default=Path("/"), help="an unpacked root (default /)")
    how.add_argument("--download", action="store_true", help="apt-get download and unpack the packages")
    args = parser.parse_args(argv)
    root = download(args.out.parent / "debfonts") if args.download else args.root
    for path in collect(args.out, args.source, root):
        print(f"{path}\t{path.stat().st_size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
