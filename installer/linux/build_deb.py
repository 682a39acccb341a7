"""Package a frozen bundle as a .deb in the UOS store layout: /opt/apps/<appid>/{entries,files,info}.

    python3 installer/linux/build_deb.py --bundle build/dist/jiuzhu --icons build/icon --out installer/out
        [--arch amd64|arm64] [--compress xz|gzip] [--level 0-9] [--glibc 2.28]

The program lands in /opt/apps/<appid>/files (the executable: files/jiuzhu), the desktop entry and icons
in entries/, the UOS metadata in info. The postinst links the entry and icons into /usr/share and the
program to /usr/bin/jiuzhu for desktops that do not read /opt/apps (Kylin); the postrm removes exactly
those links. Compression is xz or gzip, never zstd (the dpkg of UOS 20 and Kylin V10 cannot read it).
The version comes from app.__version__; Depends names the glibc the bundle needs (--glibc, else
measured with installer/glibc_floor.py) and the few system libraries Qt takes from the system.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from glibc_floor import floor  # noqa: E402
from version import read_version  # noqa: E402

APP_ID = "cn.jiuzhu.app"  # the package name too; a county may register its own id with UOS
ICON_SIZES = (48, 128, 256)
# What the bundle takes from the system besides glibc (PyInstaller leaves out the GL stack and libxcb):
# present under these names on Debian 10 (UOS 20), Ubuntu 20.04 (Kylin V10) and later.
SYSTEM_LIBS = ("libgl1", "libegl1", "libxcb1", "libdrm2", "libwayland-client0")
LINKS = (
    (f"entries/applications/{APP_ID}.desktop", f"/usr/share/applications/{APP_ID}.desktop"),
    *(
        (
            f"entries/icons/hicolor/{s}x{s}/apps/{APP_ID}.png",
            f"/usr/share/icons/hicolor/{s}x{s}/apps/{APP_ID}.png",
        )
        for s in ICON_SIZES
    ),
    ("files/jiuzhu", "/usr/bin/jiuzhu"),
)


def desktop_entry() -> str:
    return f"""[Desktop Entry]
Type=Application
Name=Jiuzhu
Name[zh_CN]=救助通
GenericName=Social assistance casework
GenericName[zh_CN]=社会救助经办
Comment=Offline casework for township social-assistance offices
Comment[zh_CN]=城乡低保、特困供养、临时救助离线经办
Exec=/opt/apps/{APP_ID}/files/jiuzhu gui
Icon={APP_ID}
Terminal=false
Categories=Office;
StartupWMClass=jiuzhu
"""


def info(version: str, arch: str) -> str:
    """UOS's per-application metadata (the store's ``info`` file)."""
    data = {
        "appid": APP_ID,
        "name": "救助通",
        "version": version,
        "arch": [arch],
        "permissions": {
            "autostart": False,
            "notification": False,
            "trayicon": False,
            "clipboard": True,
            "account": False,
            "bluetooth": False,
            "camera": False,
            "audio_record": False,
            "installed_apps": False,
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def control(version: str, arch: str, glibc: str, installed_kb: int) -> str:
    depends = ", ".join([f"libc6 (>= {glibc})", *SYSTEM_LIBS])
    return f"""Package: {APP_ID}
Version: {version}
Architecture: {arch}
Maintainer: Jiuzhu <jiuzhu@localhost>
Installed-Size: {installed_kb}
Depends: {depends}
Section: misc
Priority: optional
Description: 救助通 Jiuzhu: offline casework for township social-assistance offices
 城乡低保、特困供养、临时救助的离线经办程序：受理、调查、公示、审核确认、发放、
 复核与打印，数据以加密签名的数据包经U盘在乡镇与县之间同步。
"""


def _script(body: str) -> str:
    return "#!/bin/sh\nset -e\n" + body


def postinst() -> str:
    lines = ['link() { [ -e "$2" ] || [ -L "$2" ] || { mkdir -p "$(dirname "$2")"; ln -s "$1" "$2"; }; }']
    lines += [f"link /opt/apps/{APP_ID}/{src} {dst}" for src, dst in LINKS]
    hicolor = "/usr/share/icons/hicolor"
    lines.append(f"command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q {hicolor} || true")
    lines.append("command -v update-desktop-database >/dev/null && update-desktop-database -q || true")
    return _script("\n".join(lines) + "\n")


def postrm() -> str:
    lines = ['unlink_ours() { [ "$(readlink "$2" 2>/dev/null)" = "$1" ] && rm -f "$2" || true; }']
    lines += [f"unlink_ours /opt/apps/{APP_ID}/{src} {dst}" for src, dst in LINKS]
    return _script("\n".join(lines) + "\n")


ELF_MACHINES = {0x3E: "amd64", 0xB7: "arm64"}


def bundle_arch(executable: Path) -> str:
    """The Debian architecture of a frozen executable, from its ELF header's e_machine."""
    head = executable.read_bytes()[:20]
    machine = int.from_bytes(head[18:20], "little") if head[:4] == b"\x7fELF" else -1
    if machine not in ELF_MACHINES:
        raise SystemExit(f"build_deb: {executable} is not an x86_64 or aarch64 Linux executable")
    return ELF_MACHINES[machine]


def size_kb(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024 + 1


def build(
    bundle: Path, icons: Path, out: Path, arch: str, compress: str, level: int, glibc: str | None
) -> Path:
    version = read_version()
    if not (bundle / "jiuzhu").is_file():
        raise SystemExit(f"build_deb: {bundle}/jiuzhu is missing: freeze first (installer/build.sh)")
    glibc = glibc or floor(bundle)[0]
    staging = out / f"deb-{arch}"
    shutil.rmtree(staging, ignore_errors=True)
    app = staging / "opt" / "apps" / APP_ID
    shutil.copytree(bundle, app / "files", symlinks=True)
    entries = app / "entries"
    (entries / "applications").mkdir(parents=True)
    (entries / "applications" / f"{APP_ID}.desktop").write_text(desktop_entry(), encoding="utf-8")
    for s in ICON_SIZES:
        target = entries / "icons" / "hicolor" / f"{s}x{s}" / "apps"
        target.mkdir(parents=True)
        shutil.copyfile(icons / f"icon-{s}.png", target / f"{APP_ID}.png")
    (app / "info").write_text(info(version, arch), encoding="utf-8")
    debian = staging / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control(version, arch, glibc, size_kb(staging)), encoding="utf-8")
    for name, text in (("postinst", postinst()), ("postrm", postrm())):
        (debian / name).write_text(text, encoding="utf-8")
        (debian / name).chmod(0o755)
    deb = out / f"{APP_ID}_{version}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compress}", f"-z{level}", "--build", str(staging), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(staging)
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, required=True, help="the frozen folder (dist/jiuzhu)")
    parser.add_argument("--icons", type=Path, required=True, help="icon-48/128/256.png (make_icon.py)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--arch", choices=["amd64", "arm64"], help="check the bundle is of this architecture")
    parser.add_argument("--compress", choices=["xz", "gzip"], default="xz")
    parser.add_argument("--level", type=int, default=6, choices=range(10), metavar="0-9")
    parser.add_argument("--glibc", help="the glibc floor for Depends (default: measured)")
    args = parser.parse_args(argv)
    arch = bundle_arch(args.bundle / "jiuzhu")
    if args.arch and args.arch != arch:
        raise SystemExit(f"build_deb: the bundle is {arch}, not {args.arch}")
    args.out.mkdir(parents=True, exist_ok=True)
    deb = build(args.bundle, args.icons, args.out, arch, args.compress, args.level, args.glibc)
    print(f"{deb}\t{deb.stat().st_size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
