#!/bin/sh
# Release build for 信创 Linux: freeze inside an old userland so that the bundle needs no newer glibc
# than the targets have (UOS 20: 2.28, Kylin V10: 2.31), then package the .deb on this host.
#
#   sh installer/linux/build-old-glibc.sh amd64    AlmaLinux 8 (glibc 2.28), PySide6 6.9.3: UOS 20 + Kylin V10
#   sh installer/linux/build-old-glibc.sh arm64    an image with glibc 2.31 and Python 3.11 (see below),
#                                                  PySide6 6.8.0.2: Kylin V10 on arm64
#
# Needs docker or podman (and, for arm64 on an x86_64 host, qemu-user binfmt), network for the image and
# the wheels, and on this host: python3, dpkg-deb, apt-get (for the fonts). JIUZHU_BUILD_IMAGE overrides
# the image. Without a container runtime it says so and stops: build on a real machine of the oldest
# target instead (installer/README.md, "Release builds").
set -eu
cd "$(dirname "$0")/../.."
ARCH="${1:-amd64}"
RUNTIME=$(command -v podman || command -v docker || true)
if [ -z "$RUNTIME" ] || ! "$RUNTIME" info >/dev/null 2>&1; then
  echo "build-old-glibc.sh: no working docker or podman here." >&2
  echo "Build on a machine of the oldest target instead; see installer/README.md (Release builds)." >&2
  exit 2
fi
case "$ARCH" in
  amd64)
    IMAGE="${JIUZHU_BUILD_IMAGE:-docker.io/library/almalinux:8}"
    PLATFORM=linux/amd64
    QT=6.9
    GLIBC=2.28
    # Python 3.11 with its shared libpython (PyInstaller needs it), binutils, and the X/GL libraries
    # PyInstaller copies into the bundle next to Qt's xcb plugin.
    PREPARE="dnf install -y -q epel-release && dnf install -y -q python3.11 python3.11-devel binutils \
      findutils libxkbcommon-x11 xcb-util-cursor xcb-util-wm xcb-util-keysyms xcb-util-image \
      xcb-util-renderutil fontconfig freetype dbus-libs mesa-libGL mesa-libEGL cups-libs"
    PYTHON=python3.11
    ;;
  arm64)
    # No stock image has Python 3.11 on glibc <= 2.31 for arm64: build one from
    # installer/linux/Dockerfile.arm64-glibc2.31 (Ubuntu 20.04 + Python 3.11 with --enable-shared).
    IMAGE="${JIUZHU_BUILD_IMAGE:-jiuzhu-build:arm64-glibc2.31}"
    PLATFORM=linux/arm64
    QT=6.8
    GLIBC=2.31
    PREPARE="true"
    PYTHON=/opt/python3.11/bin/python3.11
    if ! "$RUNTIME" image inspect "$IMAGE" >/dev/null 2>&1; then
      "$RUNTIME" build --platform "$PLATFORM" -t "$IMAGE" -f installer/linux/Dockerfile.arm64-glibc2.31 installer/linux
    fi
    ;;
  *) echo "build-old-glibc.sh: amd64 or arm64, not $ARCH" >&2; exit 2 ;;
esac

# The fonts come from Debian packages: gather them on this host, the container reuses build/fonts.
[ -f build/fonts/uming.ttc ] || python3 installer/collect_fonts.py --out build/fonts --download
rm -rf build/dist build/work "build/venv-qt$QT"
"$RUNTIME" run --rm --platform "$PLATFORM" -v "$PWD:/src" -w /src "$IMAGE" sh -c \
  "$PREPARE && PYTHON=$PYTHON sh installer/build.sh --qt $QT --max-glibc $GLIBC"
python3 installer/glibc_floor.py build/dist/jiuzhu --max "$GLIBC"
python3 installer/linux/build_deb.py --bundle build/dist/jiuzhu --icons build/icon --out build/out \
  --arch "$ARCH" --compress xz --level 6 --glibc "$GLIBC"
