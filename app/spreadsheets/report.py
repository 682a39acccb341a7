"""What an import found and did (or would do): counts, changes, problems, skipped rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.spreadsheets.model import Problem, Severity, SheetData


@dataclass
class ImportReport:
    file: str
    households_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    persons_added: int = 0
    villages_created: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetData] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False
    problem_households: int = 0  # households with a row in ``problems`` (the errors workbook copies them)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def summary(self) -> list[str]:
        verb = "将" if self.dry_run or not self.written else "已"
        lines = [
            f"台账 {self.file}：读到{self.households_read}户",
            f"{verb}新建{self.created}户，{verb}更新{self.updated}户，未变{self.unchanged}户，"
            f"{verb}新增{self.persons_added}人；有错误未导入{self.refused}户",
        ]
        if self.villages_created:
            lines.append(f"{verb}新建村（社区）：{'、'.join(self.villages_created)}")
        skipped: dict[str, int] = {}
        for s in self.sheets:
            for kind, n in s.skipped.items():
                skipped[kind] = skipped.get(kind, 0) + n
        names = {
            "blank": "空行",
            "total": "合计/小计行",
            "note": "表下说明行",
            "footer": "表尾签名/说明行",
            "header": "重复的表头行",
        }
        if skipped:
            lines.append("跳过：" + "，".join(f"{names.get(k, k)}{n}行" for k, n in skipped.items()))
        lines.append(f"错误{len(self.errors)}条，提示{len(self.warnings)}条")
        if self.dry_run:
            lines.append("试导入：未写入任何数据")
        elif not self.written and self.errors:
            lines.append("因有错误，未写入任何数据（可修改台账后重新导入，或选择只导入无误的户）")
        return lines
