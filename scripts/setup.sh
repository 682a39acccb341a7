#!/bin/sh
# Install what Jiuzhu needs on Debian/Ubuntu: system packages (only the missing ones), then a
# virtual environment in .venv with the project installed in editable mode.
#   sh scripts/setup.sh          runtime only
#   sh scripts/setup.sh test     runtime + test tools and the packages tests need
set -eu
cd "$(dirname "$0")/.."
MODE="${1:-run}"

# Qt (offscreen and xcb), CJK fonts for the PDFs, poppler for PDF checks, Xvfb for screenshots.
PKGS="python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-xinerama0 libxcb-image0
 libxcb-randr0 libxcb-render-util0 libxcb-shape0 fonts-wqy-microhei"
if [ "$MODE" = "test" ]; then
  # LibreOffice and age read our files independently; PostgreSQL serves the county master's tests;
  # faketime moves the system clock for the date-sensitive suites.
  PKGS="$PKGS poppler-utils xvfb libreoffice-calc-nogui age postgresql faketime"
fi

missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing system packages:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
# "qt": the newest PySide6 with its QtPdf wheel (installer/README.md: the older Qt of 信创 Linux builds).
if [ "$MODE" = "test" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[qt,test,postgres]"
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[qt]"
fi
