# ddb-server on a disk that fills up (issue 12): writes are refused with InternalServerError while
# the disk is short of space, reads keep working, writes resume by themselves once space returns,
# nothing acknowledged is lost, shutdown is clean, and a start on a full disk fails with one clear
# line. The disk is a small tmpfs mounted by the test (needs root, or sudo without a password).
import os
import shutil
import subprocess

import botocore.exceptions
import pytest

from conftest import run_binary

BIG = "x" * 300 * 1024  # 300 KB items fill the disk quickly.


def mount_command():
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"],
                                               capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


@pytest.fixture
def small_disk(tmp_path):
    prefix = mount_command()
    if prefix is None:
        pytest.skip("mounting a tmpfs needs root or password-less sudo")
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(prefix + ["mount", "-t", "tmpfs", "-o", "size=256m,mode=1777", "tmpfs",
                             str(disk)], check=True)
    yield disk
    subprocess.run(prefix + ["umount", "-l", str(disk)], check=False)


def fill(path, megabytes):
    with open(path, "wb") as f:
        chunk = b"\0" * (1 << 20)
        for _ in range(megabytes):
            f.write(chunk)


def test_a_full_disk_refuses_writes_then_recovers(servers, small_disk):
    fill(small_disk / "filler", 100)
    data = str(small_disk / "data")
    server = servers(db_path=data, extra=["--min-free-space", "64"])
    ddb = server.client()
    ddb.create_table(TableName="full", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    acknowledged, refused = set(), None
    for i in range(1000):
        try:
            ddb.put_item(TableName="full", Item={"pk": {"S": "k%d" % i}, "v": {"S": BIG}})
            acknowledged.add("k%d" % i)
        except botocore.exceptions.ClientError as e:
            refused = e.response
            break
    assert refused is not None, "the disk never filled"
    assert refused["Error"]["Code"] == "InternalServerError"
    assert refused["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert "no space left" in refused["Error"]["Message"]
    # Reads keep working; the process is alive.
    got = ddb.get_item(TableName="full", Key={"pk": {"S": "k0"}})["Item"]
    assert got["v"]["S"] == BIG
    assert server.running()

    os.remove(small_disk / "filler")  # Space returns: writes resume by themselves.
    ddb.put_item(TableName="full", Item={"pk": {"S": "after"}, "v": {"S": "y"}})
    acknowledged.add("after")
    assert server.stop() == 0, server.describe()  # A clean shutdown.

    server = servers(db_path=data, extra=["--min-free-space", "64"])
    keys, start = set(), None
    while True:
        kwargs = {"ExclusiveStartKey": start} if start else {}
        page = server.client().scan(TableName="full", ProjectionExpression="pk",
                                    ConsistentRead=True, **kwargs)
        keys |= {item["pk"]["S"] for item in page["Items"]}
        start = page.get("LastEvaluatedKey")
        if not start:
            break
    assert acknowledged <= keys, "acknowledged writes lost: %s" % sorted(acknowledged - keys)
    assert server.stop() == 0, server.describe()

    # A start on a disk without the space it needs: one clear line, no crash.
    free = shutil.disk_usage(small_disk).free >> 20
    fill(small_disk / "filler", max(0, free - 32))
    result = run_binary(["--port", "0", "--db-path", data, "--min-free-space", "64"])
    assert result.returncode == 1, result
    assert result.stderr.count("\n") == 1 and "free some space" in result.stderr, result.stderr
