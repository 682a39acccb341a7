"""First-run setup of an empty data folder: a county master, a standalone station, or a station joining
its county with the provisioning file. All or nothing: on any failure the files it made are removed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.domain import areas as divisions
from app.domain.codes import InstallationKind
from app.errors import UserError
from app.paths import DataPaths
from app.services.setup import auth

# What to set up: a county master or a station (their installation kinds), or a station joining its county
COUNTY, STATION, JOIN = InstallationKind.COUNTY.value, InstallationKind.STATION.value, "join"
# Stable step keys for the progress callback; the desktop shows its own words for each.
STEP_PROVISION, STEP_DATABASE, STEP_INSTALLATION, STEP_JOIN, STEP_DEMO = (
    "provision",
    "database",
    "installation",
    "join",
    "demo",
)
FIELD_COUNTY, FIELD_TOWNSHIP, FIELD_PASSWORD = "县级区划代码", "乡镇区划代码", "管理员密码"
FIELD_PROVISION, FIELD_SECRET, FIELD_DEMO = "配置文件", "配置文件口令", "演示数据"

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class SetupRequest:
    """What the first-run screen asks for. ``code`` is 6 digits (county) or 9 (station); unused to join."""

    mode: str  # COUNTY, STATION or JOIN
    admin_password: str
    code: str = ""
    name: str | None = None
    provision_file: Path | None = None
    provision_secret: str = ""
    demo_households: int = 0


@dataclass(frozen=True)
class SetupResult:
    kind: InstallationKind
    code: str
    name: str
    county_name: str = ""  # the county joined, when joining
    demo_report: list[str] = field(default_factory=list)
    recovery_key: str = ""  # shown once, to be printed and kept in the office safe


@dataclass(frozen=True)
class ProvisionInfo:
    """What a provisioning file says about the station it is for."""

    code: str
    name: str
    county_code: str
    county_name: str


def check_password(password: str, again: str) -> None:
    if len(password) < auth.MIN_PASSWORD:
        raise UserError(f"密码至少需要{auth.MIN_PASSWORD}个字符", field=FIELD_PASSWORD)
    if password != again:
        raise UserError("两次输入的密码不一致", field=FIELD_PASSWORD)


def county_code(text: str) -> str:
    code = text.strip()
    if not (code.isdigit() and len(code) == 6):
        raise UserError(f"县级区划代码应为6位数字，收到“{code}”", field=FIELD_COUNTY)
    return code


def township_code(county: str, text: str) -> str:
    """A township's 9-digit code from its 9 digits, or from the 3 digits after the county's 6."""
    county = county_code(county)
    code = text.strip()
    if code.isdigit() and len(code) == 3:
        code = county + code
    if not (code.isdigit() and len(code) == 9):
        raise UserError(f"乡镇区划代码应为9位数字（或县代码后的3位），收到“{code}”", field=FIELD_TOWNSHIP)
    if not code.startswith(county):
        raise UserError(f"乡镇区划代码 {code} 不属于县 {county}", field=FIELD_TOWNSHIP)
    return code


def known_townships(county: str) -> list[tuple[str, str]]:
    """The built-in (code, name) townships of a county, before any area list is loaded."""
    return list(divisions.HUARONG_TOWNSHIPS) if county == divisions.DEFAULT_COUNTY[0] else []


def peek_provision(file: Path, secret: str) -> ProvisionInfo:
    """Open a provisioning file far enough to learn which station and county it is for."""
    from app.sync import keys
    from app.sync.provision import PROVISION_KIND

    try:
        sealed = file.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取配置文件 {file}：{exc.strerror}", field=FIELD_PROVISION) from None
    if not secret:
        raise UserError("请输入县里随配置文件另行告知的口令", field=FIELD_SECRET)
    try:
        doc = keys.unseal(sealed, secret, "配置文件")
    except UserError as exc:
        raise UserError(exc.message, field=FIELD_SECRET) from None
    if doc.get("kind") != PROVISION_KIND or doc.get("format") != 1:
        raise UserError("该文件不是救助通乡镇配置文件", field=FIELD_PROVISION)
    try:
        code = str(doc["station"]["code"])
        county = doc["county"]
        info = ProvisionInfo(
            code, str(doc.get("station_name") or ""), str(county["code"]), str(county["name"])
        )
    except (KeyError, TypeError):
        raise UserError("配置文件内容不完整", field=FIELD_PROVISION) from None
    if not (code.isdigit() and len(code) == 9 and code.startswith(info.county_code)):
        raise UserError(f"配置文件中的乡镇代码“{code}”无效", field=FIELD_PROVISION)
    return info


def _check_demo(request: SetupRequest, code: str) -> None:
    if not request.demo_households:
        return
    if request.mode == JOIN:
        raise UserError("加入县级同步的工作站不能装入演示数据（会随数据包上报到县里）", field=FIELD_DEMO)
    if request.mode == COUNTY and not known_townships(code):
        raise UserError(
            f"演示数据需要县内的乡镇区划，目前只有{divisions.DEFAULT_COUNTY[1]}"
            f"（{divisions.DEFAULT_COUNTY[0]}）内置了乡镇",
            field=FIELD_DEMO,
        )


def set_up(paths: DataPaths, request: SetupRequest, progress: Progress | None = None) -> SetupResult:
    """Create the installation the request describes; on any failure remove what was created."""
    report: Progress = progress or (lambda done, total, step: None)
    total = 2 + (2 if request.mode == JOIN else 0) + (1 if request.demo_households else 0)
    check_password(request.admin_password, request.admin_password)
    provision: ProvisionInfo | None = None
    if request.mode == JOIN:
        _check_demo(request, "")
        if request.provision_file is None:
            raise UserError("请选择县里发来的配置文件", field=FIELD_PROVISION)
        report(0, total, STEP_PROVISION)
        provision = peek_provision(request.provision_file, request.provision_secret)
        kind, code, name = InstallationKind.STATION, provision.code, provision.name or None
    elif request.mode == COUNTY:
        kind, code, name = InstallationKind.COUNTY, county_code(request.code), request.name
    elif request.mode == STATION:
        kind, code, name = (
            InstallationKind.STATION,
            township_code(request.code[:6], request.code),
            request.name,
        )
    else:
        raise ValueError(f"unknown setup mode {request.mode!r}")
    _check_demo(request, code)
    if paths.database.exists():
        raise UserError(f"数据目录 {paths.root} 中已有救助通数据库，不能重复设置")
    before = set(paths.root.iterdir()) if paths.root.exists() else None
    try:
        return _create(paths, request, kind, code, name, provision, report, total)
    except BaseException:
        _remove_created(paths.root, before)
        raise


def _create(
    paths: DataPaths,
    request: SetupRequest,
    kind: InstallationKind,
    code: str,
    name: str | None,
    provision: ProvisionInfo | None,
    report: Progress,
    total: int,
) -> SetupResult:
    from app.services.setup.installation import initialise, new_keys, open_database

    done = 1 if provision else 0
    report(done, total, STEP_DATABASE)
    key, recovery = new_keys(paths, demo=bool(request.demo_households))  # encrypted from the start
    db = open_database(paths, create=True, key=key)
    try:
        report(done + 1, total, STEP_INSTALLATION)
        result = initialise(db, kind=kind, code=code, name=name, admin_password=request.admin_password)
        county_name = ""
        if provision is not None and request.provision_file is not None:
            from app.services.context import system_actor
            from app.services.sync import stations

            report(done + 2, total, STEP_JOIN)
            secret, actor = request.provision_secret, system_actor(provision.county_code)
            try:
                with db.uow(actor.username) as uow:
                    joined = stations.join(uow, actor, paths, request.provision_file, lambda: secret)
                    uow.commit()
            except UserError as exc:  # the file is at fault: it opened but does not fit
                if exc.field:
                    raise
                raise UserError(exc.message, field=FIELD_PROVISION) from None
            county_name = joined.county_name
    finally:
        db.dispose()
    demo_report: list[str] = []
    if request.demo_households:
        from app.demo.run import run_demo

        report(total - 1, total, STEP_DEMO)
        demo_report = run_demo(paths, None, households=request.demo_households, seed=1, key=key)
    report(total, total, "")
    return SetupResult(result.kind, result.code, result.name, county_name, demo_report, recovery)


def _remove_created(root: Path, before: set[Path] | None) -> None:
    """Remove what a failed setup made: the folder itself if it was new, else only the new entries."""
    if before is None:
        shutil.rmtree(root, ignore_errors=True)
        return
    for entry in set(root.iterdir()) - before:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
