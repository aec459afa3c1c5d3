# ddb-server under hostile or unlucky clients (issue 12): a connection burst beyond the
# descriptor limit, more connections than the cap, slow senders, and requests near the size limit
# that must not ratchet memory. Each starts its own server; limits are small so it runs in
# seconds.
import resource
import socket
import time

from conftest import answers

LIST_TABLES = (b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
               b"Content-Type: application/x-amz-json-1.0\r\n"
               b"Authorization: AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/dynamodb/"
               b"aws4_request, SignedHeaders=host, Signature=0\r\nContent-Length: 2\r\n\r\n{}")


def wait_until(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    return s


def closed_by_server(sock, timeout=5.0):
    """True if the server closes `sock` within `timeout` (EOF or reset)."""
    sock.settimeout(timeout)
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


def read_response(sock):
    sock.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        assert chunk, "connection closed before a response"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int([line.split(b":")[1] for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length")][0])
    while len(body) < length:
        body += sock.recv(4096)
    return head.split(b"\r\n")[0]


def test_a_burst_beyond_the_descriptor_limit_does_not_stop_accepting(servers):
    server = servers(extra=["--in-memory", "--max-connections", "10000"])
    resource.prlimit(server.proc.pid, resource.RLIMIT_NOFILE, (64, 64))
    burst = []
    for _ in range(150):  # Beyond the limit: the rest wait in the listen backlog.
        try:
            burst.append(connect(server.port))
        except OSError:
            break
    time.sleep(0.5)
    for s in burst:
        s.close()
    assert wait_until(lambda: answers(server.port, timeout=1.0) == 200, 10), server.describe()
    assert server.stderr.count("cannot accept connections") == 1, server.stderr
    assert "accepting connections again" in server.stderr
    assert server.running()


def test_connections_beyond_the_cap_close_the_longest_idle(servers):
    server = servers(extra=["--in-memory", "--max-connections", "8"])
    idle = []
    for _ in range(8):
        idle.append(connect(server.port))
        time.sleep(0.02)
    time.sleep(0.3)  # All eight accepted and idle, the first for longest.
    fresh = connect(server.port)
    fresh.sendall(LIST_TABLES)
    assert read_response(fresh) == b"HTTP/1.1 200 OK"
    assert closed_by_server(idle[0]), "the oldest idle connection was not shed"
    assert sum(closed_by_server(s, timeout=0.2) for s in idle[1:]) == 0
    for s in idle + [fresh]:
        s.close()
    assert "refusing" not in server.stderr


def test_a_request_in_progress_is_never_shed(servers):
    server = servers(extra=["--in-memory", "--max-connections", "2"])
    uploading = connect(server.port)
    uploading.sendall(LIST_TABLES[:60])  # Its first bytes: from now on it is busy.
    time.sleep(0.2)
    idle = connect(server.port)  # Idle, and younger than the upload.
    time.sleep(0.2)
    fresh = connect(server.port)
    fresh.sendall(LIST_TABLES)
    assert read_response(fresh) == b"HTTP/1.1 200 OK"
    assert closed_by_server(idle), "the idle connection was not the one shed"
    uploading.sendall(LIST_TABLES[60:])
    assert read_response(uploading) == b"HTTP/1.1 200 OK"
    for s in (uploading, fresh):
        s.close()


def test_a_slow_sender_is_cut_off_but_an_idle_keep_alive_connection_is_not(servers):
    server = servers(extra=["--in-memory", "--request-timeout", "1"])
    slow = connect(server.port)
    started = time.monotonic()
    slow.sendall(LIST_TABLES[:40])
    closed = False
    while time.monotonic() - started < 5:  # One byte every 0.2 s: never a whole request.
        try:
            slow.sendall(b"x")
        except OSError:
            closed = True
            break
        if closed_by_server(slow, timeout=0.2):
            closed = True
            break
    assert closed and time.monotonic() - started < 3, "a slow sender held its connection"
    slow.close()

    kept = connect(server.port)
    kept.sendall(LIST_TABLES)
    assert read_response(kept) == b"HTTP/1.1 200 OK"
    time.sleep(1.5)  # Idle between requests: the keep-alive timeout applies, not the request's.
    kept.sendall(LIST_TABLES)
    assert read_response(kept) == b"HTTP/1.1 200 OK"
    kept.close()


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def put_near_the_limit(port, megabytes=15.5):
    """One PutItem of about `megabytes` (refused: the item is over 400 KB, after parsing)."""
    body = (b'{"TableName":"big","Item":{"pk":{"S":"k"},"v":{"S":"' +
            b"x" * int(megabytes * 1024 * 1024) + b'"}}}')
    head = (b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n"
            b"Content-Type: application/x-amz-json-1.0\r\n"
            b"Authorization: AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/dynamodb/"
            b"aws4_request, SignedHeaders=host, Signature=0\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body))
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(head + body)
        return read_response(s)


def test_requests_near_the_size_limit_do_not_ratchet_memory(servers):
    import threading
    server = servers(extra=["--in-memory", "--threads", "4", "--write-threads", "4"])
    server.client().create_table(
        TableName="big", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    put_near_the_limit(server.port, 1)  # Warm every path once.
    before = rss_mb(server.proc.pid)
    statuses = []

    def five():
        for _ in range(5):
            statuses.append(put_near_the_limit(server.port))
    threads = [threading.Thread(target=five) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [b"HTTP/1.1 400 Bad Request"] * 20
    assert wait_until(lambda: rss_mb(server.proc.pid) - before < 150, 5), \
        "RSS %.0f MB after twenty 15 MB requests, %.0f MB before" % (
            rss_mb(server.proc.pid), before)
