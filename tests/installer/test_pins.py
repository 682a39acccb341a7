"""The release pins (installer/requirements/runtime.txt) cover every runtime dependency of pyproject.toml.

A dependency missing there is missing from the frozen program, which then fails only when it is run
(the SQLCipher driver, once). Checked for each target the installers build: Windows x64, Linux x86_64
and Linux arm64 (信创).
"""

from __future__ import annotations

import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.installer.conftest import INSTALLER

TARGETS = {
    "windows x64": {"sys_platform": "win32", "platform_machine": "AMD64", "platform_system": "Windows"},
    "linux x86_64": {"sys_platform": "linux", "platform_machine": "x86_64", "platform_system": "Linux"},
    "linux arm64": {"sys_platform": "linux", "platform_machine": "aarch64", "platform_system": "Linux"},
}
QT = {"pyside6-essentials", "pyside6-addons", "pyside6-pdf", "shiboken6"}  # pinned per Qt in qt-*.txt


def applies(req: Requirement, env: dict[str, str]) -> bool:
    return req.marker is None or req.marker.evaluate(env)


def declared() -> list[Requirement]:
    data = tomllib.loads((INSTALLER.parent / "pyproject.toml").read_text(encoding="utf-8"))
    return [Requirement(line) for line in data["project"]["dependencies"]]


def pinned() -> list[Requirement]:
    lines = (INSTALLER / "requirements" / "runtime.txt").read_text(encoding="utf-8").splitlines()
    return [Requirement(line) for line in (raw.split("#")[0].strip() for raw in lines) if line]


@pytest.mark.parametrize("target", TARGETS)
def test_every_runtime_dependency_is_pinned_within_its_range(target: str) -> None:
    env = TARGETS[target]
    pins: dict[str, str] = {}
    for req in pinned():
        if applies(req, env):
            (spec,) = req.specifier  # one exact version per package
            assert spec.operator == "==", f"{req} is not an exact pin"
            pins[canonicalize_name(req.name)] = spec.version
    missing, outside = [], []
    for req in declared():
        name = canonicalize_name(req.name)
        if name in QT or not applies(req, env):
            continue
        if name not in pins:
            missing.append(req.name)
        elif not req.specifier.contains(pins[name], prereleases=True):
            outside.append(f"{req.name}=={pins[name]} (pyproject: {req.specifier})")
    assert missing == [], f"not pinned in runtime.txt for {target}"
    assert outside == [], f"pinned outside pyproject's range for {target}"


def test_the_sqlcipher_driver_is_pinned_on_every_target() -> None:
    for target, env in TARGETS.items():
        drivers = [req.name for req in pinned() if req.name.startswith("sqlcipher3") and applies(req, env)]
        assert len(drivers) == 1, f"{target}: {drivers}"
