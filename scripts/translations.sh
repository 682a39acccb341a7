#!/bin/sh
# Refresh the Chinese translation source from the code, then build the .qm the app loads.
# Usage: scripts/translations.sh   (run from anywhere; uses the project's .venv)
set -eu
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
TS=resources/translations/jiuzhu_zh_CN.ts
"$BIN/pyside6-lupdate" -extensions py -locations none -no-obsolete -target-language zh_CN app/views -ts "$TS"
"$BIN/pyside6-lrelease" -removeidentical "$TS" -qm resources/translations/jiuzhu_zh_CN.qm
