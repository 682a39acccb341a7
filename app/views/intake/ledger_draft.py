"""What the ledger import wizard's pages fill in together: one draft, handed to each page."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path

from app.services.intake.ledger import ImportOptions, LedgerGuess
from app.spreadsheets.report import ImportReport


class PageId(IntEnum):
    FILE = 0
    MAPPING = 1
    PREVIEW = 2
    RESULT = 3


@dataclass
class LedgerDraft:
    """The file chosen, what was guessed of it, the clerk's choices, and the reports of the runs.

    ``mapping`` holds every field (``""`` for "not in this ledger"): that is what is remembered.
    """

    chosen_path: Path | None = None  # the file last read (or being read)
    guessed: LedgerGuess | None = None
    sheet: str | None = None  # None: every sheet with a ledger header
    mapping: dict[str, str] = field(default_factory=dict)
    remember: bool = True
    accept_partial: bool = False
    create_villages: bool = False
    preview: ImportReport | None = None
    report: ImportReport | None = None

    def options(self, *, dry_run: bool) -> ImportOptions:
        remember = self.mapping if self.remember and not dry_run else None
        return ImportOptions(
            sheet=self.sheet,
            dry_run=dry_run,
            accept_partial=self.accept_partial,
            create_villages=self.create_villages,
            mapping={f: label for f, label in self.mapping.items() if label},
            remember_mapping=dict(remember) if remember is not None else None,
        )

    def last_report(self) -> ImportReport | None:
        return self.report or self.preview
