"""The installer's pieces without freezing: one version everywhere, the .deb, VERSIONINFO, NSIS, fonts."""

from __future__ import annotations

import ast
import gzip
import json
import shutil
import subprocess
from pathlib import Path

import build_deb
import collect_fonts
import glibc_floor
import pytest
import versioninfo
from version import read_version, version_tuple

import app
from tests.installer.conftest import INSTALLER

X86_64_ELF = b"\x7fELF\x02\x01\x01" + b"\0" * 11 + b"\x3e\x00" + b"\0" * 44


def test_one_version_feeds_every_build_input() -> None:
    assert read_version() == app.__version__
    assert version_tuple("1.2") == (1, 2, 0, 0) and version_tuple("0.1.0") == (0, 1, 0, 0)
    text = versioninfo.version_file_text("2.3.4")
    tree = ast.parse(text)  # PyInstaller evaluates it as a Python expression
    assert isinstance(tree.body[0], ast.Expr)
    assert "filevers=(2, 3, 4, 0)" in text and "StringStruct('ProductVersion', '2.3.4')" in text
    assert "'jiuzhu.exe'" in text


def test_a_version_that_windows_cannot_take_is_refused(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text('__version__ = "1.0rc1"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="numbers"):
        read_version(tmp_path)


def test_the_deb_control_entry_info_and_scripts() -> None:
    control = build_deb.control("0.1.0", "arm64", "2.31", 290000)
    fields = dict(line.split(": ", 1) for line in control.splitlines() if line and not line.startswith(" "))
    assert fields["Package"] == build_deb.APP_ID and fields["Version"] == "0.1.0"
    assert fields["Architecture"] == "arm64" and fields["Installed-Size"] == "290000"
    assert fields["Depends"].startswith("libc6 (>= 2.31), ")
    entry = build_deb.desktop_entry()
    assert f"Exec=/opt/apps/{build_deb.APP_ID}/files/jiuzhu gui" in entry and "Name[zh_CN]=救助通" in entry
    info = json.loads(build_deb.info("0.1.0", "amd64"))
    assert (info["appid"], info["version"], info["arch"]) == (build_deb.APP_ID, "0.1.0", ["amd64"])
    for script in (build_deb.postinst(), build_deb.postrm()):
        subprocess.run(["sh", "-n"], input=script, text=True, check=True)
        assert script.count("/usr/bin/jiuzhu") == 1


def test_the_bundle_architecture_comes_from_its_elf_header(tmp_path: Path) -> None:
    exe = tmp_path / "jiuzhu"
    exe.write_bytes(X86_64_ELF)
    assert build_deb.bundle_arch(exe) == "amd64"
    exe.write_bytes(X86_64_ELF[:18] + b"\xb7\x00" + X86_64_ELF[20:])
    assert build_deb.bundle_arch(exe) == "arm64"
    exe.write_bytes(b"MZ" + b"\0" * 60)
    with pytest.raises(SystemExit, match="not an x86_64 or aarch64"):
        build_deb.bundle_arch(exe)


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is Debian's")
def test_a_deb_in_the_uos_layout(tmp_path: Path) -> None:
    bundle = tmp_path / "dist" / "jiuzhu"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "jiuzhu").write_bytes(X86_64_ELF)
    (bundle / "jiuzhu").chmod(0o755)
    (bundle / "fonts").mkdir()
    (bundle / "fonts" / "README.txt").write_text("fonts\n", encoding="utf-8")
    icons = tmp_path / "icons"
    icons.mkdir()
    for size in build_deb.ICON_SIZES:
        (icons / f"icon-{size}.png").write_bytes(b"\x89PNG")
    deb = build_deb.build(bundle, icons, tmp_path / "out", "amd64", "xz", 1, "2.28")
    assert deb.name == f"{build_deb.APP_ID}_{app.__version__}_amd64.deb"
    members = subprocess.run(["ar", "t", str(deb)], capture_output=True, text=True, check=True).stdout.split()
    assert "data.tar.xz" in members and not any(m.endswith(".zst") for m in members)
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    root = f"./opt/apps/{build_deb.APP_ID}"
    for path in (
        f"{root}/files/jiuzhu",
        f"{root}/files/fonts/README.txt",
        f"{root}/entries/applications/{build_deb.APP_ID}.desktop",
        f"{root}/entries/icons/hicolor/256x256/apps/{build_deb.APP_ID}.png",
        f"{root}/info",
    ):
        assert path in listing, path
    assert "root/root" in listing and " ./usr/" not in listing  # nothing outside /opt/apps
    depends = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True, text=True, check=True
    ).stdout
    assert depends.startswith("libc6 (>= 2.28)")
    assert not (tmp_path / "out" / "deb-amd64").exists()  # the staging folder is gone


def test_the_nsis_script_is_per_user_chinese_and_keeps_the_data() -> None:
    nsi = (INSTALLER / "windows" / "jiuzhu.nsi").read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in nsi
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_KEY}"' in nsi
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in nsi
    assert "${IfNot} ${RunningX64}" in nsi and "${IfNot} ${AtLeastWin10}" in nsi
    assert "$SMPROGRAMS\\" in nsi and "$DESKTOP\\" in nsi
    uninstall = nsi[nsi.index('Section "Uninstall"') :]
    removals = [
        line.split(None, 1)[1].removeprefix("/r ").strip('"')
        for line in (raw.strip() for raw in uninstall.splitlines())
        if line.startswith(("Delete ", "RMDir "))
    ]
    assert removals and all(
        r.startswith(("$INSTDIR\\", "$SMPROGRAMS\\", "$DESKTOP\\")) for r in removals[:-1]
    )
    assert removals[-1] == "$INSTDIR"  # the folder itself only when empty (no /r): the data stays
    assert 'RMDir /r "$INSTDIR"\n' not in uninstall
    assert "HKLM" not in nsi


def test_fonts_are_gathered_with_their_licences(tmp_path: Path) -> None:
    root = tmp_path / "root"
    for name, debian in {**collect_fonts.FONTS, **collect_fonts.LICENCES}.items():
        if name in collect_fonts.BASE_FILES:
            continue
        target = root / debian.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = f"{name} text".encode()
        target.write_bytes(gzip.compress(payload) if debian.endswith(".gz") else payload)
    out = tmp_path / "fonts"
    written = collect_fonts.collect(out, root=root)
    assert {p.name for p in written} == {*collect_fonts.FONTS, *collect_fonts.LICENCES, "README.txt"}
    assert (out / "LICENSE-AR-PL-UMing-zh_CN.txt").read_text() == "LICENSE-AR-PL-UMing-zh_CN.txt text"
    (root / collect_fonts.FONTS["uming.ttc"].lstrip("/")).unlink()
    with pytest.raises(SystemExit, match=r"uming\.ttc not found"):
        collect_fonts.collect(tmp_path / "again", root=root)


@pytest.mark.skipif(shutil.which("objdump") is None, reason="binutils")
def test_the_glibc_floor_of_a_folder(tmp_path: Path) -> None:
    assert glibc_floor.version_key("2.9") < glibc_floor.version_key("2.28")
    shutil.copy("/bin/true", tmp_path / "true")
    (tmp_path / "notes.txt").write_text("not an ELF file\n", encoding="utf-8")
    top, files = glibc_floor.floor(tmp_path)
    assert glibc_floor.version_key(top) >= (2, 2) and files == [tmp_path / "true"]
    assert glibc_floor.main([str(tmp_path), "--max", "2.0"]) == 1
    assert glibc_floor.main([str(tmp_path), "--max", "99.0"]) == 0
