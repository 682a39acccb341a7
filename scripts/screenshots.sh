#!/bin/sh
# Screenshots of the main screens on a demo station, under Xvfb: sh scripts/screenshots.sh [OUT_DIR]
set -eu
cd "$(dirname "$0")/.."
OUT="${1:-docs/guide/images}"
DATA="${JIUZHU_SHOTS_DIR:-/tmp/jiuzhu-shots}"
if [ ! -f "$DATA/jiuzhu.sqlite3" ]; then
  .venv/bin/jiuzhu --data-dir "$DATA" demo --households 3000 >/dev/null
fi
xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py "$DATA" "$OUT"
echo "screenshots in $OUT"
