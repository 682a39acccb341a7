"""Draw the program icon at build time (no image is committed): 救 in white on a red rounded square.

    python installer/make_icon.py --font build/fonts/wqy-microhei.ttc --out build/icon

writes icon-48.png, icon-128.png, icon-256.png (the .deb's hicolor icons) and jiuzhu.ico (the .exe's and
the NSIS installer's). Needs Pillow, which ReportLab already brings into the build venv.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

RED = (192, 32, 38, 255)
SIZES = (48, 128, 256)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int, font_file: Path):  # -> PIL.Image.Image
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=RED)
    font = ImageFont.truetype(str(font_file), int(size * 0.72))
    pen.text((size / 2, size / 2), "救", font=font, fill="white", anchor="mm")
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", type=Path, required=True, help="a TrueType CJK font (the bundled sans)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        draw(size, args.font).save(args.out / f"icon-{size}.png")
    draw(256, args.font).save(args.out / "jiuzhu.ico", sizes=ICO_SIZES)
    print(f"icons written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
