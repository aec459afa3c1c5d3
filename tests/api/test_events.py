# GET /api/events: Server-Sent Events for the signed-in user. Every message of their
# conversations arrives as `event: message` ({message_group_uuid, message} as the send returned
# it) on the streams of both participants, and on no one else's; reading a conversation sends
# `event: read` to the reader's other pages; a stream reopened with Last-Event-ID gets what it
# missed, in order.
import json
import queue
import socket
import threading
import uuid

import api_harness as a


class Events:
    """One open event stream on a socket of its own, read on a thread of its own into a queue of
    (id, event, data). A raw socket, so that close() ends the read at once."""

    def __init__(self, server, token, last_event_id=None):
        host, port = server.url.split("//")[1].split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=10)
        extra = "Last-Event-ID: %s\r\n" % last_event_id if last_event_id else ""
        self.sock.sendall(("GET /api/events HTTP/1.1\r\nHost: %s\r\nAccept: text/event-stream\r\n"
                           "Authorization: Bearer %s\r\n%s\r\n" % (host, token, extra)).encode())
        self.file = self.sock.makefile("rb")
        status = self.file.readline().decode()
        self.status = int(status.split()[1])
        self.headers = {}
        for line in iter(self.file.readline, b"\r\n"):
            name, value = line.decode().split(":", 1)
            self.headers[name.strip().lower()] = value.strip()
        self.sock.settimeout(None)
        self.events = queue.Queue()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        fields = {}
        try:
            for raw in self.file:
                line = raw.decode().rstrip("\n")
                if line == "":
                    if "event" in fields or "data" in fields:
                        self.events.put((fields.get("id"), fields.get("event", "message"),
                                         fields.get("data")))
                    fields = {}
                elif not line.startswith(":") and ":" in line:
                    name, value = line.split(":", 1)
                    fields[name] = value[1:] if value.startswith(" ") else value
        except (OSError, ValueError):
            pass  # Closed by the test.

    def next(self, timeout=2.0):
        return self.events.get(timeout=timeout)

    def until(self, event, timeout=2.0):
        """The next event named `event` (skipping others)."""
        while True:
            got = self.next(timeout)
            if got[1] == event:
                return got

    def nothing(self, wait=0.5):
        try:
            got = self.events.get(timeout=wait)
        except queue.Empty:
            return True
        raise AssertionError("unexpected event %r" % (got,))

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self.thread.join(timeout=5)


def test_a_stream_needs_a_signed_in_user(server):
    r = server.get("/api/events")
    assert r.status_code == 401, r.text


def test_messages_reach_both_participants_and_no_one_else(server, tokens):
    bayko = Events(server, tokens["bayko"])
    andrew = Events(server, tokens["andrewbrown"])
    londo = Events(server, tokens["londo"])
    try:
        assert bayko.status == 200
        assert bayko.headers["content-type"] == "text/event-stream"
        assert bayko.headers["cache-control"] == "no-store"
        text = "live %s" % uuid.uuid4()
        sent = server.send(tokens["andrewbrown"], text, group=a.GROUP)
        assert sent.status_code == 200, sent.text
        for stream in (bayko, andrew):
            _, _, data = stream.until("message", timeout=1.0)
            assert json.loads(data) == {"message_group_uuid": a.GROUP, "message": sent.json()}
        londo.nothing()
    finally:
        for s in (bayko, andrew, londo):
            s.close()


def test_reading_tells_the_readers_other_pages(server, tokens):
    other_page = Events(server, tokens["bayko"])
    try:
        assert server.get("/api/messages/" + a.GROUP, token=tokens["bayko"]).status_code == 200
        _, _, data = other_page.until("read", timeout=1.0)
        assert json.loads(data) == {"message_group_uuid": a.GROUP}
    finally:
        other_page.close()


def test_a_reconnect_gets_what_it_missed_in_order(server, tokens):
    first = Events(server, tokens["bayko"])
    text = "before the drop %s" % uuid.uuid4()
    server.send(tokens["andrewbrown"], text, group=a.GROUP)
    last_id, _, _ = first.until("message")
    first.close()
    missed = ["missed %d %s" % (i, uuid.uuid4()) for i in range(2)]
    for t in missed:
        assert server.send(tokens["andrewbrown"], t, group=a.GROUP).status_code == 200
    again = Events(server, tokens["bayko"], last_event_id=last_id)
    try:
        got = [json.loads(again.until("message")[2])["message"]["message"] for _ in missed]
        assert got == missed
        again.nothing()
    finally:
        again.close()
    # An id this server never gave: the page is told to fetch everything again.
    foreign = Events(server, tokens["bayko"], last_event_id="other-process-1")
    try:
        assert foreign.until("resync")[2] == "{}"
    finally:
        foreign.close()
