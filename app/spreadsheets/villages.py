"""Match the village a ledger writes (东山村, 东山村委会, 东山, 东山村3组) to the area table."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_GROUP = re.compile(r"([0-9一二三四五六七八九十]+)\s*(组|队|小组|村民小组)$")
_SUFFIXES = ("村民委员会", "居民委员会", "社区居委会", "村委会", "居委会", "委员会", "社区", "村")
_OFFICE = ("村民委员会", "居民委员会", "社区居委会", "村委会", "居委会", "委员会")


def _fold(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def clean_name(written: str, townships: Iterable[str] = ()) -> str:
    """The village as it should be named, without township prefix, group or “委员会”: 东山村委会 → 东山村."""
    name = _fold(written)
    for township in townships:
        if township and name.startswith(township) and len(name) > len(township):
            name = name[len(township) :]
    name = _GROUP.sub("", name)
    for office in _OFFICE:
        if name.endswith(office) and len(name) > len(office):
            name = name[: -len(office)]
            name += (
                "社区"
                if office in ("居民委员会", "社区居委会", "居委会") and not name.endswith("社区")
                else ""
            )
            name += "村" if office in ("村民委员会", "村委会") and not name.endswith("村") else ""
            break
    return name


def key(written: str, townships: Iterable[str] = ()) -> str:
    """The bare name used to compare: 东山村委会, 东山村, 东山 and 东山村3组 all give 东山."""
    name = clean_name(written, townships)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class Match:
    code: str | None
    suggestion: str | None = None  # the closest existing village when none matches
    ambiguous: tuple[str, ...] = ()  # several villages fit the bare name


class VillageMatcher:
    """The villages an import may use (code, name), and the township names that may prefix them."""

    def __init__(self, villages: Iterable[tuple[str, str]], townships: Iterable[str] = ()) -> None:
        self.townships = tuple(t for t in townships if t)
        self.by_name: dict[str, str] = {}
        self.by_key: dict[str, list[tuple[str, str]]] = {}
        for code, name in villages:
            self.add(code, name)

    def add(self, code: str, name: str) -> None:
        self.by_name[_fold(name)] = code
        self.by_key.setdefault(key(name), []).append((code, name))

    def match(self, written: str) -> Match:
        folded = _fold(written)
        if folded in self.by_name:
            return Match(self.by_name[folded])
        cleaned = clean_name(written, self.townships)
        if cleaned in self.by_name:
            return Match(self.by_name[cleaned])
        found = self.by_key.get(key(written, self.townships), [])
        if len(found) == 1:
            return Match(found[0][0])
        if len(found) > 1:
            return Match(None, ambiguous=tuple(sorted(name for _code, name in found)))
        names = {name for entries in self.by_key.values() for _code, name in entries}
        close = difflib.get_close_matches(cleaned, sorted(names), n=1, cutoff=0.5)
        return Match(None, suggestion=close[0] if close else None)


def free_code(township12: str, used: set[str], name: str) -> str:
    """A village code under the township: 社区 take 001–199, villages 200–999 (统计用区划代码 practice)."""
    start, stop = (1, 200) if name.endswith("社区") else (200, 1000)
    for n in [*range(start, stop), *range(1, 1000)]:
        code = f"{township12[:9]}{n:03d}"
        if code not in used:
            return code
    raise ValueError(f"no free village code under {township12}")
