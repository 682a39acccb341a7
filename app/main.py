"""Entry point: parse the command line, then run a verb or start the desktop app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from app import cli

    return cli.run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
