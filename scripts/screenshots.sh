#!/bin/sh
# Screenshots of the main screens under Xvfb, on a demo station and a demo county:
#   sh scripts/screenshots.sh [OUT_DIR]
set -eu
cd "$(dirname "$0")/.."
OUT="${1:-docs/guide/images}"
DATA="${JIUZHU_SHOTS_DIR:-/tmp/jiuzhu-shots}"
COUNTY="${JIUZHU_SHOTS_COUNTY_DIR:-/tmp/jiuzhu-shots-county}"
if [ ! -f "$DATA/jiuzhu.sqlite3" ]; then
  .venv/bin/jiuzhu --data-dir "$DATA" demo --households "${JIUZHU_SHOTS_HOUSEHOLDS:-3000}" >/dev/null
fi
if [ ! -f "$COUNTY/jiuzhu.sqlite3" ]; then
  # The database is encrypted: the county's admin password in a file (never on a command line), and the
  # demo filled into it unlocks as that administrator.
  SECRET="$(mktemp)"
  trap 'rm -f "$SECRET"' EXIT
  printf 'jiuzhu-admin\n' >"$SECRET"
  .venv/bin/jiuzhu --data-dir "$COUNTY" init --county 430623 --admin-password-file "$SECRET" >/dev/null
  .venv/bin/jiuzhu --data-dir "$COUNTY" --user admin --password-file "$SECRET" \
    demo --households "${JIUZHU_SHOTS_HOUSEHOLDS:-3000}" >/dev/null
  rm -f "$SECRET"
fi
SCREEN="-screen 0 1366x768x24"  # the smallest screen an office has: every screen must fit it
xvfb-run -a -s "$SCREEN" .venv/bin/python scripts/screenshots.py "$DATA" "$OUT"
xvfb-run -a -s "$SCREEN" .venv/bin/python scripts/screenshots_county.py "$COUNTY" "$OUT"
# Joining, the stations and the lock, on the smallest screen an office has (it builds its own small county)
OFFICE="${JIUZHU_SHOTS_OFFICE_DIR:-/tmp/jiuzhu-shots-office}"
xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots_office.py "$OFFICE" "$OUT"
# 用户管理 and the forced password change, also at 1366×768 (it builds its own small station)
ACCOUNTS="${JIUZHU_SHOTS_ACCOUNTS_DIR:-/tmp/jiuzhu-shots-accounts}"
xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots_accounts.py "$ACCOUNTS" "$OUT"
# 文件 → 备份 / 恢复 and the workbench's reminder, at 1366×768 (a small demo station of its own)
BACKUPS="${JIUZHU_SHOTS_BACKUPS_DIR:-/tmp/jiuzhu-shots-backups}"
xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots_backups.py "$BACKUPS" "$OUT"
# The recovery key after the first-run setup, the sign-in's 忘记管理员密码 and its dialog (a small demo station)
RECOVERY="${JIUZHU_SHOTS_RECOVERY_DIR:-/tmp/jiuzhu-shots-recovery}"
xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots_recovery.py "$RECOVERY" "$OUT"
echo "screenshots in $OUT"
