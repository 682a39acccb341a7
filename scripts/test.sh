#!/bin/sh
# Install everything and run every check headless: ruff, mypy, then the whole pytest suite.
# A throwaway PostgreSQL server on loopback serves the county-on-PostgreSQL tests, and is stopped after.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "${JIUZHU_TEST_PG:-}" ] && [ -n "$PGBIN" ]; then
  PGDIR=$(mktemp -d)
  PGPORT="${JIUZHU_TEST_PG_PORT:-55433}"
  AS=""
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PGDIR"
    AS="runuser -u postgres --"
  fi
  # From / so that the postgres user may enter the working directory.
  (cd / && $AS "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null)
  (cd / && $AS "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null)
  trap 'cd / && $AS "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null; rm -rf "$PGDIR"' EXIT
  export JIUZHU_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"
fi
.venv/bin/python -m pytest -p no:cacheprovider "$@"

# The suite pins "today" through app.clock; run the date-sensitive suites again with the system clock
# moved (three months ahead, and across a year end) so that a stray read of the real date shows.
if [ "$#" -eq 0 ]; then
  # libfaketime (0.9.10 on Debian 12) wraps the thread primitives and has crashed a pytest worker
  # now and then: under faketime only, a failed test is run once more (a stray read of the date
  # fails both times). FAKETIME_DONT_FAKE_MONOTONIC is no cure: it makes time.sleep fail with EINVAL.
  for shift in "+92d" "@$(date +%Y)-12-31 23:58:30"; do
    echo "== the date-sensitive suites with the clock at: $shift"
    faketime -f "$shift" \
      .venv/bin/python -m pytest -p no:cacheprovider -q -n 2 --reruns 1 --ignore=tests/gui
  done
  # Freeze, package and smoke-test the program; the GUI and printing suites on PySide6 6.9.3.
  sh installer/ci.sh
fi
