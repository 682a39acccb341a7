#!/bin/sh
# Refresh the Chinese translation source from the code, then build the .qm the app loads.
# Usage: scripts/translations.sh   (run from anywhere; uses the project's .venv)
# New strings are filled from resources/translations/pending/*.tsv (`source<TAB>translation` lines) and
# from the same string already translated elsewhere in the .ts (a string that moved to another class).
set -eu
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
TS=resources/translations/jiuzhu_zh_CN.ts
"$BIN/pyside6-lupdate" -extensions py -locations none -target-language zh_CN app/views -ts "$TS" >/dev/null
"$BIN/python" scripts/fill_translations.py resources/translations/pending/*.tsv || true
"$BIN/pyside6-lupdate" -extensions py -locations none -no-obsolete -target-language zh_CN app/views -ts "$TS"
"$BIN/pyside6-lrelease" -removeidentical "$TS" -qm resources/translations/jiuzhu_zh_CN.qm
