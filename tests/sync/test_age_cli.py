"""The payload is plain age: the standard `age` tool decrypts it with the recipient's identity."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess

import pytest

from app.sync import format as fmt
from app.sync import keys
from tests.sync.conftest import COUNTY_SECRET, World

pytestmark = pytest.mark.skipif(
    shutil.which("age") is None, reason="the age command-line tool is not installed (apt-get install age)"
)


def test_the_age_tool_decrypts_a_payload_given_the_recipient_identity(world: World) -> None:
    bundle = world.export("430623103")
    assert bundle is not None
    data = bundle.read_bytes()
    header = fmt.Header.from_bytes(fmt.unpack(data).header_bytes)
    payload = world.root / "payload.age"
    payload.write_bytes(
        data[-header.payload_size :]
    )  # the spec: the payload is the file's last payload_size bytes
    identity = world.root / "county-identity.txt"
    identity.write_text(keys.load_keystore(world.paths("county"), COUNTY_SECRET).age_identity + "\n")
    done = subprocess.run(["age", "-d", "-i", str(identity), str(payload)], capture_output=True, check=True)
    plain = gzip.decompress(done.stdout)
    assert len(plain) == header.plain_size
    doc = json.loads(plain)
    assert doc["bundle_id"] == header.bundle_id and doc["kind"] == "up"
    assert {t["name"] for t in doc["tables"]} >= {"household", "person", "case_file"}
