# Pins how ddb-server starts and stops as a process: the first answer comes soon after start;
# the one start line; --help/--version; refusals with one line on stderr and a non-zero exit
# (unknown flag, bad value, port in use, unwritable data folder, data folder locked by another
# server, which keeps serving); DynamoDB Local's command line; SIGTERM/SIGINT exit 0 with the
# data flushed; requests in flight at SIGTERM still get their complete, successful answers.
import http.client
import os
import re
import signal
import socket
import threading
import time

import pytest

from conftest import (Server, answers, create_table, free_port, raw_call, run_binary, scan_all)


def version():
    r = run_binary(["--version"])
    return r.stdout.strip().split()[-1]


def one_line(text):
    lines = text.splitlines()
    assert len(lines) == 1, "expected one line, got %r" % text
    return lines[0]


def test_first_answer_arrives_quickly(servers, data_dir):
    server = servers(db_path=data_dir)
    # Measured for the record; benchmarks measure speed, this only guards against a stall.
    print("first answer after %.3f s" % server.first_answer_after)
    assert server.first_answer_after < 2.0
    assert server.client().list_tables()["TableNames"] == []


def banner(port, in_memory="false", db_path="null", shared="false", cors="null"):
    """DynamoDB Local's start banner, which tools wait for, as ddb-server prints it."""
    return ["Initializing DynamoDB Local with the following configuration:",
            "Port:\t%d" % port, "InMemory:\t%s" % in_memory, "Version:\t%s" % version(),
            "DbPath:\t%s" % db_path, "SharedDb:\t%s" % shared,
            "shouldDelayTransientStatuses:\tfalse", "CorsParams:\t%s" % cors, ""]


def test_start_line(servers, data_dir):
    server = servers(db_path=data_dir)
    assert server.stdout.splitlines() == banner(server.port, db_path=data_dir) + [
        "ddb-server %s listening on 127.0.0.1:%d, data in %s" % (version(), server.port,
                                                                 data_dir)]
    assert server.stderr == ""


def test_start_line_in_memory_and_shared(servers):
    server = servers(extra=["--in-memory", "--shared-db", "--cors"])
    assert server.stdout.splitlines() == banner(
        server.port, in_memory="true", shared="true", cors="*") + [
        "ddb-server %s listening on 127.0.0.1:%d, data in memory (shared-db)"
        % (version(), server.port)]


def test_version_exits_zero():
    r = run_binary(["--version"])
    assert r.returncode == 0
    assert re.fullmatch(r"ddb-server \d+\.\d+\.\d+\n", r.stdout), r.stdout
    assert r.stderr == ""


def test_help_exits_zero_and_lists_flags(tmp_path):
    r = run_binary(["--help"], cwd=str(tmp_path))
    assert r.returncode == 0
    assert r.stderr == ""
    for flag in ("--port", "--db-path", "--in-memory", "--shared-db", "--host", "--help",
                 "--version", "dbPath", "sharedDb", "inMemory", "jar"):
        assert flag in r.stdout, flag
    assert os.listdir(str(tmp_path)) == [], "--help must not create a data folder"


@pytest.mark.parametrize("args,mentions", [
    (["--no-such-flag"], "no-such-flag"),
    (["-bogus"], "bogus"),
    (["--port", "not-a-number"], "port"),
    (["--port", "70000"], "port"),
])
def test_bad_command_line_exits_2_with_one_line(tmp_path, args, mentions):
    r = run_binary(args, cwd=str(tmp_path))
    assert r.returncode == 2, r
    line = one_line(r.stderr)
    assert line.startswith("ddb-server: ") and mentions in line, line
    assert r.stdout == ""
    assert os.listdir(str(tmp_path)) == [], "a refused start must not create ./data"


def test_port_in_use_refused(tmp_path, data_dir):
    port = free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", port))
        holder.listen(1)
        server = Server(["--port", str(port), "--db-path", data_dir], port,
                        str(tmp_path / "logs")).start()
        code = server.wait(timeout=30)
    assert code != 0
    line = one_line(server.stderr)
    assert line.startswith("ddb-server: ") and "127.0.0.1:%d" % port in line, line
    assert "listening" not in server.stdout


def test_port_held_by_another_ddb_server_refused(servers, tmp_path):
    first = servers(db_path=str(tmp_path / "a"))
    create_table(first.client(), "kept")
    second = servers(db_path=str(tmp_path / "b"), port=first.port, wait=False)
    assert second.wait(timeout=30) != 0
    assert ":%d" % first.port in one_line(second.stderr)
    assert first.client().list_tables()["TableNames"] == ["kept"]


@pytest.mark.parametrize("kind", ["under-a-file", "is-a-file"])
def test_unwritable_data_folder_refused(servers, tmp_path, kind):
    blocker = tmp_path / "plain-file"
    blocker.write_text("not a folder")
    path = str(blocker / "data") if kind == "under-a-file" else str(blocker)
    server = servers(db_path=path, wait=False)
    assert server.wait(timeout=30) != 0
    line = one_line(server.stderr)
    assert line.startswith("ddb-server: ") and path in line, line
    assert "listening" not in server.stdout
    assert answers(server.port) is None
    assert blocker.read_text() == "not a folder"


def test_second_server_on_same_folder_refused_first_keeps_serving(servers, data_dir):
    first = servers(db_path=data_dir)
    ddb = first.client()
    create_table(ddb, "locked")
    ddb.put_item(TableName="locked", Item={"pk": {"S": "a"}, "v": {"N": "1"}})

    second = servers(db_path=data_dir, wait=False)
    assert second.wait(timeout=30) != 0
    line = one_line(second.stderr)
    assert line.startswith("ddb-server: ") and data_dir in line and "in use" in line, line
    assert answers(second.port) is None

    # The first one still serves, reads and writes.
    assert ddb.get_item(TableName="locked", Key={"pk": {"S": "a"}})["Item"] == {
        "pk": {"S": "a"}, "v": {"N": "1"}}
    ddb.put_item(TableName="locked", Item={"pk": {"S": "b"}, "v": {"N": "2"}})
    assert first.stop() == 0

    again = servers(db_path=data_dir)
    items = sorted(scan_all(again.client(), "locked"), key=lambda i: i["pk"]["S"])
    assert items == [{"pk": {"S": "a"}, "v": {"N": "1"}}, {"pk": {"S": "b"}, "v": {"N": "2"}}]


def test_dynamodb_local_command_line(servers, tmp_path, data_dir):
    port = free_port()
    server = servers(port=port, args=["-jar", "DynamoDBLocal.jar", "-sharedDb", "-dbPath",
                                      data_dir, "-port", str(port)], cwd=str(tmp_path))
    assert server.stdout.splitlines() == banner(port, db_path=data_dir, shared="true") + [
        "ddb-server %s listening on 127.0.0.1:%d, data in %s (shared-db)"
        % (version(), port, data_dir)]
    create_table(server.client(access_key="ONE", region="us-east-1"), "from-one")
    # -sharedDb: another key and region see the same table.
    assert server.client(access_key="TWO", region="eu-west-1").list_tables()["TableNames"] == [
        "from-one"]
    assert os.path.isfile(os.path.join(data_dir, "CURRENT")), os.listdir(data_dir)
    assert sorted(os.listdir(str(tmp_path))) == ["data", "logs"]


def test_dynamodb_local_in_memory_command_line(servers, tmp_path):
    port = free_port()
    server = servers(port=port, args=["-jar", "DynamoDBLocal.jar", "-inMemory", "-port",
                                      str(port)], cwd=str(tmp_path))
    assert "data in memory" in server.stdout
    create_table(server.client(), "mem")
    assert server.client().list_tables()["TableNames"] == ["mem"]
    assert server.stop() == 0
    assert os.listdir(str(tmp_path)) == ["logs"]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_exits_zero_and_keeps_data(servers, data_dir, sig):
    server = servers(db_path=data_dir)
    ddb = server.client()
    create_table(ddb, "sig")
    ddb.put_item(TableName="sig", Item={"pk": {"S": "x"}, "v": {"S": "kept"}})
    # The client keeps an idle keep-alive connection open; shutdown must not wait for it.
    assert server.stop(sig, timeout=10) == 0
    assert server.stderr == ""
    assert server.stdout.splitlines()[-1] == "ddb-server stopped"
    assert answers(server.port) is None
    # The port and the data folder are free again at once, and the data is there.
    again = servers(db_path=data_dir, port=server.port)
    assert again.client().get_item(TableName="sig", Key={"pk": {"S": "x"}})["Item"] == {
        "pk": {"S": "x"}, "v": {"S": "kept"}}


def _hammer(port, kind, index, results, ready, stop_after_error):
    """Sends requests on one keep-alive connection until the server goes away. Records
    (kind, key, status, body, sent_at, answered_at) for every answered request."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    n = 0
    try:
        while True:
            key = "put-%d-%d" % (index, n)
            sent = time.monotonic()
            if kind == "scan":
                resp, body = raw_call(conn, "Scan", {"TableName": "inflight"})
            else:
                resp, body = raw_call(conn, "PutItem", {"TableName": "inflight", "Item": {
                    "pk": {"S": key}, "v": {"S": "y" * 2000}}})
            results.append((kind, key, resp.status, body, sent, time.monotonic()))
            n += 1
            if n == 3:
                ready.release()
    except (OSError, http.client.HTTPException) as e:
        stop_after_error.append((kind, index, repr(e)))
    finally:
        conn.close()
        if n < 3:
            ready.release()


def test_in_flight_requests_answered_during_sigterm(servers, data_dir):
    server = servers(db_path=data_dir)
    ddb = server.client()
    create_table(ddb, "inflight")
    loaded = 600
    for i in range(loaded):  # ~1.2 MB, so that each Scan answers a full 1 MB page.
        ddb.put_item(TableName="inflight", Item={"pk": {"S": "load-%04d" % i},
                                                 "v": {"S": "x" * 2000}})

    results, errors = [], []
    ready = threading.Semaphore(0)
    threads = [threading.Thread(target=_hammer, args=(server.port, kind, i, results, ready,
                                                      errors))
               for i, kind in enumerate(["scan", "put"] * 4)]
    for t in threads:
        t.start()
    for _ in threads:
        assert ready.acquire(timeout=60)
    signalled_at = time.monotonic()
    server.send(signal.SIGTERM)
    for t in threads:
        t.join(timeout=60)
        assert not t.is_alive()
    assert server.wait(timeout=30) == 0, server.describe()
    assert server.stderr == ""

    # Every answer, including those to requests in flight at SIGTERM, is whole and successful.
    assert results
    for kind, key, status, body, sent, answered in results:
        assert status == 200, (kind, key, status, body)
        if kind == "scan":
            assert body["Count"] == len(body["Items"]) > 0
            assert "LastEvaluatedKey" in body
    in_flight = [r for r in results if r[4] < signalled_at < r[5]]
    print("%d answers, %d sent before and answered after SIGTERM"
          % (len(results), len(in_flight)))
    assert in_flight, "no request was in flight at SIGTERM; the test did not exercise drain"

    acknowledged = {key for kind, key, status, *_ in results if kind == "put"}
    again = servers(db_path=data_dir)
    stored = {i["pk"]["S"] for i in scan_all(again.client(), "inflight")}
    assert acknowledged <= stored, sorted(acknowledged - stored)[:10]
    assert len([k for k in stored if k.startswith("load-")]) == loaded
