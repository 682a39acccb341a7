#!/bin/sh
# Install Jiuzhu, build a demo once, start the app.
#   sh scripts/demo.sh          a township station (三封寺镇, 3,000 households) in ./demo-station
#   sh scripts/demo.sh county   the county master (华容县, its townships' casework too) in ./demo-county
# The demo's database is encrypted like any installation: its accounts' password (jiuzhu2026) unlocks it.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
KIND="${1:-station}"
case "$KIND" in
  station) DATA="${JIUZHU_DEMO_DIR:-demo-station}" ;;
  county) DATA="${JIUZHU_DEMO_DIR:-demo-county}" ;;
  *) echo "usage: sh scripts/demo.sh [station|county]" >&2; exit 2 ;;
esac
if [ ! -f "$DATA/jiuzhu.sqlite3" ]; then
  SECRET="$(mktemp)"
  trap 'rm -f "$SECRET"' EXIT
  echo jiuzhu2026 > "$SECRET"
  if [ "$KIND" = county ]; then
    .venv/bin/jiuzhu --data-dir "$DATA" init --county 430623 --name 华容县 --admin-password-file "$SECRET"
  fi
  .venv/bin/jiuzhu --data-dir "$DATA" --user admin --password-file "$SECRET" demo --households 3000
fi
exec .venv/bin/jiuzhu --data-dir "$DATA" gui
