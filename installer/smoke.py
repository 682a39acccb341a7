"""Smoke-test a frozen or installed Jiuzhu: one verb of every CLI module, and the sign-in window.

    python3 installer/smoke.py PATH/TO/jiuzhu [--expect-font UMing] [--work DIR] [--keep] [--no-gui]

Runs against the executable alone, with the standard library only (Python 3.8+: the annotations stay
strings), so that the system Python of Kylin V10 or UOS 20 can run it too: init, demo, stats, check, a
notice PDF whose CJK font is embedded (pdffonts, from poppler-utils), a ledger export, a full station ->
county -> station bundle round trip, a roster, and the sign-in window on a virtual X display (Xvfb).
Prints one line per check and ``N passed, M failed``; exits 1 when any check failed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

DAY = "2026-11-20"  # the demo's day, so that every run builds the same demo
MONTH = DAY[:7]
ADMIN_PASSWORD = "smoke-admin-1"  # the county's, given to init in a file
DEMO_PASSWORD = "jiuzhu2026"  # the demo's accounts, printed by jiuzhu demo
COUNTY, TOWNSHIP, VILLAGE = "430623", "430623101", "430623101201"
SIGN_IN_TITLES = ("救助通：登录", "Jiuzhu: sign in")
VERBS_BY_MODULE = {
    "app.cli": ("init", "demo", "stats", "check"),
    "app.cli_print": ("notice", "print-form"),
    "app.cli_sync": ("station", "join", "export-bundle", "import-bundle"),
    "app.cli_ledger": ("import-ledger", "export-ledger"),
    "app.cli_county": ("roster", "payment-run", "report", "match"),
    "app.cli_users": ("user",),
}


class Failed(Exception):
    """A check's finding."""


class Smoke:
    def __init__(self, exe: Path, work: Path, expect_font: str | None, gui: bool = True) -> None:
        self.exe = exe
        self.gui = gui
        self.work = work
        self.expect_font = expect_font
        self.passed: list[str] = []
        self.failed: list[str] = []
        self.env = dict(os.environ)
        for var in ("JIUZHU_DATA_DIR", "JIUZHU_FONT_DIR", "QT_QPA_PLATFORM"):
            self.env.pop(var, None)
        self.env["HOME"] = str(work / "home")  # no settings or fonts of the user running the smoke
        (work / "home").mkdir(parents=True, exist_ok=True)

    # ------------------------------------------------------------ running
    def jz(self, who: str, *args: str, expect: int = 0, timeout: int = 300) -> str:
        argv = [str(self.exe), "--data-dir", str(self.work / who), *args]
        # Both databases are encrypted: every verb unlocks as the installation's administrator.
        env = dict(self.env, JIUZHU_USER="admin", JIUZHU_PASSWORD_FILE=self.admin_password(who))
        proc = subprocess.run(
            argv, env=env, capture_output=True, text=True, timeout=timeout, encoding="utf-8"
        )
        if proc.returncode != expect:
            raise Failed(
                f"`jiuzhu {' '.join(args)}` exited {proc.returncode}, not {expect}:\n"
                f"{proc.stderr.strip() or proc.stdout.strip()}"
            )
        return proc.stdout

    def check(self, name: str, fn: Callable[[], str]) -> None:
        started = time.monotonic()
        try:
            detail = fn()
        except (Failed, OSError, subprocess.SubprocessError, ValueError, KeyError) as exc:
            self.failed.append(name)
            print(f"FAIL  {name}: {exc}", flush=True)
            return
        self.passed.append(name)
        print(
            f"ok    {name} ({time.monotonic() - started:.1f} s){': ' + detail if detail else ''}", flush=True
        )

    def admin_password(self, who: str) -> str:
        """The administrator's password file: the county's own, the demo's shown one."""
        path = self.work / f"{who}-admin.pass"
        if not path.exists():
            path.write_text(f"{ADMIN_PASSWORD if who == 'county' else DEMO_PASSWORD}\n", encoding="utf-8")
        return str(path)

    def secret(self, who: str) -> str:
        path = self.work / f"{who}.pass"
        if not path.exists():
            path.write_text(f"smoke-{who}-passphrase\n", encoding="utf-8")
        return str(path)

    # ------------------------------------------------------------ the checks
    def version_and_verbs(self) -> str:
        version = self.jz("none", "--version").strip()
        listed = self.jz("none", "--help")
        lost = [
            f"{module}: {verb}"
            for module, verbs in VERBS_BY_MODULE.items()
            for verb in verbs
            if not re.search(rf"^\s+{re.escape(verb)}\s", listed, re.M)
        ]
        if lost:
            raise Failed("verbs missing from --help: " + ", ".join(lost))
        return version

    def init_and_demo(self) -> str:
        self.jz("county", "init", "--county", COUNTY, "--admin-password-file", self.admin_password("county"))
        out = self.jz("station", "demo", "--households", "30", "--today", DAY)
        if "clerk" not in out:
            raise Failed("demo printed no accounts")
        return "county master and a demo station"

    def stats(self) -> str:
        data = json.loads(self.jz("station", "stats", "--json"))
        if data["households"] != 30 or data["persons"] < 30:
            raise Failed(f"unexpected counts: {data}")
        return f"{data['households']} households, {data['persons']} persons"

    def check_verb(self) -> str:
        out = self.jz("station", "check")
        return f"{len(out.splitlines())} lines, no severe finding"

    def notice_pdf(self) -> str:
        pdf = self.work / "notice.pdf"
        self.jz(
            "station", "notice", "--village", VILLAGE, "--kind", "standing", "--date", DAY, "--out", str(pdf)
        )
        if not pdf.read_bytes().startswith(b"%PDF"):
            raise Failed("notice.pdf is not a PDF")
        return embedded_fonts(pdf, self.expect_font)

    def ledger_export(self) -> str:
        xlsx = self.work / "ledger.xlsx"
        out = self.jz("station", "export-ledger", "--out", str(xlsx))
        with zipfile.ZipFile(xlsx) as book:
            if "xl/workbook.xml" not in book.namelist():
                raise Failed("ledger.xlsx is not a workbook")
        return out.strip()

    def round_trip(self) -> str:
        provision = self.work / "station.jzp"
        usb = self.work / "usb"
        self.jz(
            "county",
            "station",
            "add",
            "--code",
            TOWNSHIP,
            "--out",
            str(provision),
            "--passphrase-file",
            self.secret("station"),
            "--key-passphrase-file",
            self.secret("county"),
        )
        self.jz("station", "join", "--provision", str(provision), "--passphrase-file", self.secret("station"))
        up = bundle_path(
            self.jz(
                "station", "export-bundle", "--out", str(usb), "--passphrase-file", self.secret("station")
            )
        )
        self.jz("county", "import-bundle", str(up), "--passphrase-file", self.secret("county"))
        county = json.loads(self.jz("county", "stats", "--json"))
        if county["households"] != 30:
            raise Failed(f"the county holds {county['households']} households after the import, not 30")
        down = bundle_path(
            self.jz(
                "county",
                "export-bundle",
                "--station",
                TOWNSHIP,
                "--out",
                str(usb),
                "--passphrase-file",
                self.secret("county"),
            )
        )
        back = self.jz("station", "import-bundle", str(down), "--passphrase-file", self.secret("station"))
        if "摘要一致" not in back:
            raise Failed(f"the station's digest differs from the county's: {back.strip()}")
        return f"{up.name} -> county -> {down.name}"

    def roster(self) -> str:
        xlsx, pdf = self.work / "roster.xlsx", self.work / "roster.pdf"
        out = self.jz("county", "roster", "--month", MONTH, "--out", str(xlsx), "--pdf", str(pdf))
        with zipfile.ZipFile(xlsx) as book:
            book.getinfo("xl/workbook.xml")
        embedded_fonts(pdf, None)
        return out.strip().splitlines()[0]

    def sign_in_window(self) -> str:
        return sign_in_window(self.exe, self.work / "station", self.env)

    def run(self) -> int:
        self.check("version, and the verbs of every CLI module", self.version_and_verbs)
        self.check("init and demo", self.init_and_demo)
        self.check("stats", self.stats)
        self.check("check", self.check_verb)
        self.check("a notice PDF with an embedded CJK font", self.notice_pdf)
        self.check("ledger export", self.ledger_export)
        self.check("station -> county -> station bundle round trip", self.round_trip)
        self.check("roster", self.roster)
        if self.gui:
            self.check("the sign-in window under Xvfb", self.sign_in_window)
        print(f"{len(self.passed)} passed, {len(self.failed)} failed")
        return 1 if self.failed else 0


def bundle_path(out: str) -> Path:
    """The bundle file an export names at the end of its line (``已导出…：PATH``)."""
    for line in out.splitlines():
        if "已导出" in line and "：" in line:
            return Path(line.rsplit("：", 1)[1].strip())
    raise Failed(f"no bundle was written: {out.strip()}")


def embedded_fonts(pdf: Path, expect: str | None) -> str:
    """The PDF's fonts (pdffonts): a TrueType font embedded, nothing else unembedded but the Helvetica
    that ReportLab names in each page's preamble; ``expect`` must be part of an embedded font's name.
    Without pdffonts (a Windows build host), the PDF's own font dictionaries are read instead."""
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        fonts = parse_pdffonts(listing)
    else:
        fonts = raw_fonts(pdf.read_bytes())
    embedded = [name for name, kind, emb in fonts if emb and "TrueType" in kind]
    bare = [name for name, _, emb in fonts if not emb and name != "Helvetica"]
    if not embedded or bare:
        raise Failed(f"embedded: {embedded or 'none'}; not embedded: {bare or 'none'}")
    if expect and not any(expect.lower() in name.lower() for name in embedded):
        raise Failed(f"no embedded font named like {expect!r}: {embedded}")
    return "embedded " + ", ".join(embedded)


def parse_pdffonts(listing: str) -> list[tuple[str, str, bool]]:
    """(name, type, embedded) per font from pdffonts' table."""
    fonts = []
    for line in listing.splitlines()[2:]:
        match = re.match(r"(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line)
        if not match:
            raise Failed(f"pdffonts line not understood: {line!r}")
        fonts.append((match.group(1), match.group(2), match.group(4) == "yes"))
    return fonts


def raw_fonts(data: bytes) -> list[tuple[str, str, bool]]:
    """(name, type, embedded) per font from ReportLab's uncompressed font and descriptor objects."""
    objects = dict(re.findall(rb"\n(\d+) 0 obj\s*(.*?)endobj", data, re.S))
    fonts = []
    for body in objects.values():
        if b"/Type /Font" not in body or b"/BaseFont" not in body:
            continue
        name = re.search(rb"/BaseFont /([^\s/>]+)", body)
        kind = re.search(rb"/Subtype /(\w+)", body)
        descriptor = re.search(rb"/FontDescriptor (\d+) 0 R", body)
        described = objects.get(descriptor.group(1), b"") if descriptor else b""
        fonts.append(
            (
                name.group(1).decode() if name else "?",
                kind.group(1).decode() if kind else "?",
                b"/FontFile2" in described,
            )
        )
    return fonts


def sign_in_window(exe: Path, data: Path, env: dict) -> str:
    """Start ``jiuzhu gui`` on a fresh Xvfb display; pass when the sign-in window is mapped."""
    for tool, package in (("Xvfb", "xvfb"), ("xwininfo", "x11-utils")):
        if not shutil.which(tool):
            raise Failed(f"{tool} is missing (apt-get install {package})")
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    app = None
    try:
        with os.fdopen(read) as pipe:
            display = ":" + pipe.readline().strip()
        # The session asks for fcitx, as on Kylin and UOS: the start-up check must log what it found.
        genv = dict(env, DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_IM_MODULE="fcitx")
        genv.pop("QT_IM_MODULES", None)
        log_file = data / "gui-stderr.txt"
        with open(log_file, "w", encoding="utf-8") as err:
            app = subprocess.Popen(
                [str(exe), "--data-dir", str(data), "gui"], env=genv, stdout=err, stderr=err
            )
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if app.poll() is not None:
                    raise Failed(f"the GUI exited with {app.returncode}: {log_file.read_text()[-2000:]}")
                tree = subprocess.run(
                    ["xwininfo", "-display", display, "-root", "-tree"], capture_output=True, text=True
                ).stdout
                title = next((t for t in SIGN_IN_TITLES if t in tree), None)
                if title:
                    return f"“{title}” on {display}; {input_method_line(data)}"
                time.sleep(0.5)
        raise Failed(f"no sign-in window within 60 s: {log_file.read_text()[-2000:]}")
    finally:
        for proc in (app, xvfb):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()


def input_method_line(data: Path) -> str:
    """The start-up input-method check's line in the program's log (its content depends on the plugins
    the installation has: without a fcitx plugin it is a warning)."""
    log = data / "logs" / "jiuzhu.log"
    lines = [line for line in log.read_text(encoding="utf-8").splitlines() if "input method fcitx" in line]
    if not lines:
        raise Failed(f"the start-up input-method check logged nothing in {log}")
    return lines[-1].split("input method ", 1)[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exe", type=Path, help="the jiuzhu executable (frozen or installed)")
    parser.add_argument("--expect-font", help="part of the name of the font the notice must embed")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    parser.add_argument("--no-gui", action="store_true", help="no sign-in window check (Windows hosts)")
    args = parser.parse_args(argv)
    if not (args.exe.is_file() and os.access(args.exe, os.X_OK)):
        print(f"not an executable: {args.exe}", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="jiuzhu-smoke-"))
    if args.work and work.exists() and any(work.iterdir()):
        print(f"the working folder is not empty: {work}", file=sys.stderr)
        return 2
    work.mkdir(parents=True, exist_ok=True)
    try:
        return Smoke(args.exe.resolve(), work, args.expect_font, gui=not args.no_gui).run()
    finally:
        if args.keep:
            print(f"working folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
