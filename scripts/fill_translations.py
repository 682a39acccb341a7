"""Fill unfinished zh_CN messages in the .ts from TSV files of `source<TAB>translation` lines, and from
the same source already translated in another context of the .ts.

.venv/bin/python scripts/fill_translations.py resources/translations/pending/*.tsv
sh scripts/translations.sh   # then rebuild the .qm
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "resources" / "translations" / "jiuzhu_zh_CN.ts"


def load(files: list[str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for name in files:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if line.strip() and "\t" in line:
                source, translation = line.split("\t", 1)
                pairs[source] = translation
    return pairs


def finished(tree: ET.ElementTree) -> dict[str, str]:
    """Translations the .ts already has: a string moved to another context keeps its translation."""
    known: dict[str, str] = {}
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        kind = None if translation is None else translation.get("type")
        if translation is not None and kind in (None, "vanished", "obsolete") and translation.text:
            known.setdefault(message.findtext("source") or "", translation.text)
    return known


def main(files: list[str]) -> int:
    tree = ET.parse(TS)
    pairs = finished(tree) | load(files)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") != "unfinished":
            continue
        if source not in pairs:
            missing.append(source)
            continue
        del translation.attrib["type"]
        if message.get("numerus") == "yes":
            for form in translation.findall("numerusform"):
                form.text = pairs[source]
        else:
            translation.text = pairs[source]
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"still untranslated: {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
