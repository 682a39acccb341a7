"""Fill unfinished zh_CN messages in the .ts from TSV files of `source<TAB>translation` lines.

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


def main(files: list[str]) -> int:
    pairs = load(files)
    tree = ET.parse(TS)
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
