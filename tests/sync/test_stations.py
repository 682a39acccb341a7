"""The station registry and keys: list, revoke a lost laptop, re-provision it and restore from the county."""

from __future__ import annotations

from pathlib import Path

from tests.sync.conftest import STATIONS, World
from tests.sync.test_roundtrip import digest_of

STATION = "430623101"


def test_station_verbs_belong_to_the_county_and_list_the_stations(world: World) -> None:
    code, _, err = world.jz(STATION, "station", "list")
    assert code == 1 and "只有县级主库" in err
    code, _, err = world.jz(STATION, "station", "add", "--code", STATION, "--out", str(world.root / "x.jzp"))
    assert code == 1 and "只有县级主库" in err
    lines = world.ok("county", "station", "list").splitlines()
    assert [line.split("\t")[0] for line in lines[1:4]] == list(STATIONS)
    assert all("\t有效\t" in line for line in lines[1:4])
    code, _, err = world.jz("county", "station", "add", "--code", STATION, "--out", str(world.root / "x.jzp"))
    assert code == 1 and "已登记且有效" in err
    code, _, _ = world.jz("county", "station")
    assert code == 2
    code, _, err = world.jz(
        "county", "export-bundle", "--out", str(world.usb), "--passphrase-file", "/nonexistent"
    )
    assert code == 1 and "只有乡镇工作站" in err
    code, _, err = world.jz(
        "county",
        "export-bundle",
        "--station",
        STATION,
        "--out",
        str(world.usb),
        "--passphrase-file",
        "/nonexistent",
    )
    assert code == 1 and "口令文件" in err


def test_nothing_to_send_says_so_and_a_provisioning_file_only_fits_its_station(world: World) -> None:
    assert world.export(STATION) is not None
    out = world.ok(
        STATION,
        "export-bundle",
        "--out",
        str(world.usb),
        "--passphrase-file",
        str(world.secret_file(STATION)),
    )
    assert "没有需要发送的内容" in out
    other = world.root / "430623102.jzp"
    code, _, err = world.jz(
        STATION, "join", "--provision", str(other), "--passphrase-file", str(world.secret_file("430623102"))
    )
    assert code == 1 and "属于乡镇 430623102" in err


def test_a_lost_laptop_is_revoked_and_a_new_one_restored_from_the_county(world: World) -> None:
    old = world.export(STATION)
    assert old is not None
    code, _, err = world.import_("county", old)
    assert code == 0, err
    world.ok("county", "station", "revoke", "--code", STATION)
    assert "已吊销" in world.ok("county", "station", "list").splitlines()[1]
    provision: Path = world.root / "new.jzp"
    world.ok(
        "county",
        "station",
        "add",
        "--code",
        STATION,
        "--out",
        str(provision),
        "--passphrase-file",
        str(world.secret_file(STATION)),
    )
    world.ok("laptop", "init", "--township", STATION, "--admin-password", "jiuzhu2026")
    world.secret_file("laptop").write_text(
        world.secret_file(STATION).read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = world.ok(
        "laptop", "join", "--provision", str(provision), "--passphrase-file", str(world.secret_file("laptop"))
    )
    assert "第2号" in out  # the sequence goes on from what the county applied
    first = world.export("laptop")
    if first is not None:
        code, _, err = world.import_("county", first)
        assert code == 0, err
    down = world.export("county", STATION)
    assert down is not None
    code, out, err = world.import_("laptop", down)
    assert code == 0, err
    assert digest_of(world, "laptop", STATION) == digest_of(world, "county", STATION)
    assert digest_of(world, "laptop", STATION)["total"] == digest_of(world, STATION, STATION)["total"]
    stale = world.root / "stale.jzb"
    stale.write_bytes(old.read_bytes())
    code, _, err = world.import_("county", stale)
    assert code == 1
