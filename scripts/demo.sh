#!/bin/sh
# Install Jiuzhu, build a demo county (华容县, 3,000 households) in ./demo-county once, start the app.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
DATA="${JIUZHU_DEMO_DIR:-demo-county}"
if [ ! -f "$DATA/jiuzhu.sqlite3" ]; then
  .venv/bin/jiuzhu --data-dir "$DATA" init --county 430623 --name 华容县 --admin-password jiuzhu2026
  .venv/bin/jiuzhu --data-dir "$DATA" demo --households 3000
fi
exec .venv/bin/jiuzhu --data-dir "$DATA" gui
