#!/bin/sh
# CI for the installers (scripts/test.sh runs it after the suite): freeze, smoke-test the frozen
# program, build the .deb, install it, smoke-test the installed copy, remove it, compile the NSIS
# installer around a placeholder payload, print the bundle's glibc floor, and run the GUI and printing
# suites on PySide6 6.9.3 (the Qt of 信创 Linux builds). Prints the time of each step.
# A bundle frozen on CI needs CI's glibc: it is a smoke test, not a release (installer/RELEASE.md).
set -eu
cd "$(dirname "$0")/.."
START=$(date +%s)
LAST=$START
lap() {
  now=$(date +%s)
  echo "== installer CI: $1 took $((now - LAST)) s"
  LAST=$now
}

PKGS="nsis binutils x11-utils xvfb poppler-utils"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
if [ -n "$missing" ]; then
  echo "Installing system packages:$missing"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
lap "system packages"

# Freeze with the newest Qt, and a quick gzip .deb (a release uses xz -6: installer/RELEASE.md).
sh installer/build.sh --qt 6.12 --deb gzip --level 1
lap "freezing and the .deb"

echo "== smoke test: the frozen program"
python3 installer/smoke.py build/dist/jiuzhu/jiuzhu --expect-font UMing
lap "smoke test of the frozen program"

DEB_FILE=$(ls build/out/*.deb)
APP_ID=$(dpkg-deb -f "$DEB_FILE" Package)
echo "== dpkg -i $DEB_FILE ($(du -h "$DEB_FILE" | cut -f1))"
$SUDO dpkg -i "$DEB_FILE"
trap '$SUDO dpkg -P "$APP_ID" >/dev/null 2>&1 || true' EXIT
python3 installer/smoke.py "/opt/apps/$APP_ID/files/jiuzhu" --expect-font UMing
/usr/bin/jiuzhu --version
$SUDO dpkg -r "$APP_ID"
$SUDO dpkg -P "$APP_ID" >/dev/null  # forget it too: the postrm kept its "rc" record
trap - EXIT
if [ -e /usr/bin/jiuzhu ] || [ -e "/opt/apps/$APP_ID" ] || [ -e "/usr/share/applications/$APP_ID.desktop" ]; then
  echo "dpkg -r left files behind" >&2
  exit 1
fi
lap "installing, smoke-testing and removing the .deb"

echo "== NSIS installer around a placeholder payload"
PAYLOAD=build/nsis-payload
rm -rf "$PAYLOAD" && mkdir -p "$PAYLOAD/_internal" "$PAYLOAD/fonts"
for f in jiuzhu.exe jiuzhu-cli.exe _internal/placeholder.txt fonts/README.txt VERSION; do
  echo "placeholder for CI" >"$PAYLOAD/$f"
done
mkdir -p build/out
makensis -V2 -WX -INPUTCHARSET UTF8 \
  -DVERSION="$(python3 installer/version.py)" -DVERSION4="$(python3 installer/version.py --four)" \
  -DPAYLOAD="$PWD/$PAYLOAD" -DICON="$PWD/build/icon/jiuzhu.ico" \
  -DOUTFILE="$PWD/build/out/Jiuzhu-setup-placeholder.exe" installer/windows/jiuzhu.nsi
ls -l build/out/Jiuzhu-setup-placeholder.exe
lap "NSIS"

echo "== the GUI and printing suites on PySide6 6.9.3"
VENV=build/venv-test-qt6.9
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check \
  -r installer/requirements/qt-6.9.txt -e ".[qt-legacy,test]"
"$VENV/bin/python" -c "import PySide6; print('PySide6', PySide6.__version__)"
# sh has no pipefail: the exit code goes through a file.
rm -f build/pytest-qt6.9.rc
{
  rc=0
  QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest -p no:cacheprovider -q -n 2 tests/gui tests/printing \
    2>&1 || rc=$?
  echo "$rc" >build/pytest-qt6.9.rc
} | tee build/pytest-qt6.9.txt
[ "$(cat build/pytest-qt6.9.rc)" = 0 ] || exit 1
lap "PySide6 6.9.3 suites"

python3 installer/glibc_floor.py build/dist/jiuzhu
echo "== installer CI: $(($(date +%s) - START)) s in all"
tail -n 1 build/pytest-qt6.9.txt  # the closing line: the 6.9.3 suites' pytest summary
