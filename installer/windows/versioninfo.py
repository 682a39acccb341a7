"""The .exe's VERSIONINFO resource, as a PyInstaller version file, from ``app.__version__``.

    python installer/windows/versioninfo.py OUT.txt

The spec writes it on every build; on Windows it passes it to EXE(version=...). CI parses it back with
PyInstaller's own reader so that a malformed file fails on Linux too.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from version import read_version, version_tuple

TEMPLATE = """# Jiuzhu's VERSIONINFO, made from app.__version__ by installer/windows/versioninfo.py
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('080404b0', [
        StringStruct('CompanyName', '救助通'),
        StringStruct('FileDescription', '救助通 社会救助经办系统'),
        StringStruct('FileVersion', '{version}'),
        StringStruct('InternalName', 'jiuzhu'),
        StringStruct('LegalCopyright', ''),
        StringStruct('OriginalFilename', 'jiuzhu.exe'),
        StringStruct('ProductName', '救助通 Jiuzhu'),
        StringStruct('ProductVersion', '{version}')])
    ]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""


def version_file_text(version: str) -> str:
    return TEMPLATE.format(version=version, numbers=version_tuple(version))


def write(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(version_file_text(read_version()), encoding="utf-8")
    return out


if __name__ == "__main__":
    print(write(Path(sys.argv[1])))
