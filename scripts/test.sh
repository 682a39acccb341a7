#!/bin/sh
# Install everything and run every check headless: ruff, mypy, then the whole pytest suite.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest -p no:cacheprovider "$@"
