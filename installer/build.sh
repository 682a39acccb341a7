#!/bin/sh
# Freeze Jiuzhu on Linux: a build venv with pinned wheels, the bundled fonts and icons, PyInstaller
# (onedir, from the repository root), the glibc floor, and optionally the .deb.
#
#   sh installer/build.sh [--qt 6.12|6.9|6.8] [--deb xz|gzip] [--level N] [--max-glibc X.Y]
#
#   --qt         the PySide6 pins (installer/requirements/qt-*.txt): 6.12 (default; Windows and glibc >= 2.34),
#                6.9 (x86_64 信创: Kylin V10, UOS 20), 6.8 (arm64 Kylin V10)
#   --deb        also package build/out/<appid>_<version>_<arch>.deb, xz (releases) or gzip (CI)
#   --level      the compression level of the .deb (default 6)
#   --max-glibc  fail when the bundle needs a newer glibc (2.28 for UOS 20, 2.31 for Kylin V10)
#
# Output: build/dist/jiuzhu (the program; run build/dist/jiuzhu/jiuzhu) and build/out/*.deb.
# A bundle frozen here needs this machine's glibc: release builds run in an old userland
# (installer/linux/build-old-glibc.sh); see installer/README.md.
set -eu
cd "$(dirname "$0")/.."
QT=6.12
DEB=""
LEVEL=6
MAX_GLIBC=""
while [ $# -gt 0 ]; do
  case "$1" in
    --qt) QT="$2"; shift 2 ;;
    --deb) DEB="$2"; shift 2 ;;
    --level) LEVEL="$2"; shift 2 ;;
    --max-glibc) MAX_GLIBC="$2"; shift 2 ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
REQS="installer/requirements/qt-$QT.txt"
[ -f "$REQS" ] || { echo "build.sh: no $REQS" >&2; exit 2; }
PY="${PYTHON:-python3}"
VENV="build/venv-qt$QT"

echo "== build venv $VENV ($REQS)"
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -r installer/requirements/build.txt -r "$REQS"

echo "== fonts and icons"
if [ ! -f build/fonts/uming.ttc ] || [ ! -f build/fonts/wqy-microhei.ttc ]; then
  if [ -f /usr/share/fonts/truetype/arphic/uming.ttc ] && [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
    "$PY" installer/collect_fonts.py --out build/fonts
  else
    "$PY" installer/collect_fonts.py --out build/fonts --download
  fi
fi
"$VENV/bin/python" installer/make_icon.py --font build/fonts/wqy-microhei.ttc --out build/icon

echo "== PyInstaller"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/work installer/jiuzhu.spec
echo "bundle: $(du -sh build/dist/jiuzhu | cut -f1)"
if [ -n "$MAX_GLIBC" ]; then
  "$PY" installer/glibc_floor.py build/dist/jiuzhu --max "$MAX_GLIBC"
else
  "$PY" installer/glibc_floor.py build/dist/jiuzhu
fi

if [ -n "$DEB" ]; then
  echo "== .deb ($DEB -$LEVEL)"
  "$PY" installer/linux/build_deb.py --bundle build/dist/jiuzhu --icons build/icon --out build/out \
    --compress "$DEB" --level "$LEVEL"
fi
