"""A list as a screen shows it (its columns and the rows its filter left), for writing to a spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ShownList:
    """``rows`` hold the texts on screen; ``id_columns`` (0-based) hold ID numbers.

    ``table`` names the data the list shows (``household``, ``case_file`` …) for the audit record.
    """

    title: str
    table: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    id_columns: frozenset[int] = frozenset()
    filters: str = ""  # the filter as the user set it, printed under the title
