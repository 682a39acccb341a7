"""The highest GLIBC symbol version a frozen bundle needs: the oldest glibc that can run it.

    python3 installer/glibc_floor.py build/dist/jiuzhu [--max 2.28]

Reads every ELF file's dynamic symbols with ``objdump -T`` (binutils) and prints the highest
``GLIBC_x.y`` with the files that need it. With ``--max`` it exits 1 when the bundle needs more (a
release for UOS 20 must stay at 2.28, one for Kylin V10 at 2.31).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
SYMBOL = re.compile(rb"GLIBC_(\d+(?:\.\d+)+)")


def version_key(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("."))


def needs(path: Path) -> set[str]:
    """The GLIBC_ versions ``path``'s dynamic symbols refer to."""
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, check=False).stdout
    return {m.decode() for m in SYMBOL.findall(out)}


def elf_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def floor(root: Path) -> tuple[str, list[Path]]:
    """The highest version any ELF file below ``root`` needs, and those files."""
    by_file = {path: needs(path) for path in elf_files(root)}
    versions = {v for vs in by_file.values() for v in vs}
    if not versions:
        raise SystemExit(f"glibc_floor: no ELF file with GLIBC symbols below {root}")
    top = max(versions, key=version_key)
    return top, [path for path, vs in by_file.items() if top in vs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--max", help="fail when the bundle needs a newer glibc than this")
    args = parser.parse_args(argv)
    top, files = floor(args.bundle)
    shown = ", ".join(str(p.relative_to(args.bundle)) for p in files[:5])
    more = f" and {len(files) - 5} more" if len(files) > 5 else ""
    print(f"highest GLIBC symbol: GLIBC_{top} (needed by {shown}{more})")
    if args.max and version_key(top) > version_key(args.max):
        print(f"the bundle needs glibc {top}, more than the target's {args.max}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
