# The stream processor (spec §3 pattern E, `cruddur stream-processor`): every message item in
# the table's stream moves both inbox rows of its conversation to the newest message (never
# backwards, even when messages are written out of order by concurrent writers); group and
# pair items and deletions are ignored; checkpoints are kept in their own table, so after a
# kill -9 mid-stream a restarted processor neither skips a message nor breaks what it did.
import os
import signal
import subprocess
import threading
import time

import cruddur_harness as h

CRUDDUR = os.environ.get("CRUDDUR_BIN") or os.path.join(h.REPO, "build", "release", "cruddur")


def start_processor(app):
    return subprocess.Popen([CRUDDUR, "stream-processor"], env=app.env, cwd=app.cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def conversations(client, n):
    """n conversations of two new users each, as pattern D leaves them: two group items holding
    the first message's time, and that message."""
    groups = []
    for i in range(n):
        group, a, b = "g-%02d" % i, "a-%02d" % i, "b-%02d" % i
        for owner, other in ((a, b), (b, a)):
            client.put_item(TableName=h.TABLE, Item={
                "pk": {"S": "GRP#" + owner}, "sk": {"S": sk(0)},
                "message_group_uuid": {"S": group}, "message": {"S": "first"},
                "user_uuid": {"S": other}, "user_display_name": {"S": other},
                "user_handle": {"S": other}})
        groups.append((group, a, b))
    return groups


def sk(n):
    return "2031-01-01T00:%02d:%02d.%06d+00:00" % (n // 3600 % 60, n // 60 % 60, n % 60)


def put_message(client, group, n):
    client.put_item(TableName=h.TABLE, Item={
        "pk": {"S": "MSG#" + group}, "sk": {"S": sk(n)}, "message_uuid": {"S": "m%d" % n},
        "message": {"S": "message %d" % n}, "user_uuid": {"S": "x"},
        "user_display_name": {"S": "x"}, "user_handle": {"S": "x"}})


def write_concurrently(client_factory, groups, per_group, offset=0, writers=8):
    """Writes per_group messages to each group from `writers` threads, each group's messages in
    a shuffled order; returns {group: newest n}."""
    jobs = [(g, offset + k * len(groups) + i + 1) for i, (g, _, _) in enumerate(groups)
            for k in range(per_group)]
    jobs.reverse()  # Newest first: late records must not move inboxes backwards.

    def work(part):
        client = client_factory()
        for group, n in part:
            put_message(client, group, n)

    threads = [threading.Thread(target=work, args=(jobs[i::writers],)) for i in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    newest = {}
    for group, n in jobs:
        newest[group] = max(newest.get(group, 0), n)
    return newest


def inbox_rows(client, owner):
    return client.query(TableName=h.TABLE, KeyConditionExpression="pk = :p",
                        ExpressionAttributeValues={":p": {"S": "GRP#" + owner}})["Items"]


def wait_inboxes(client, groups, newest, timeout=30):
    deadline = time.time() + timeout
    while True:
        wrong = []
        for group, a, b in groups:
            for owner in (a, b):
                rows = inbox_rows(client, owner)
                want = (sk(newest[group]), "message %d" % newest[group])
                got = [(r["sk"]["S"], r["message"]["S"]) for r in rows]
                if got != [want]:
                    wrong.append((owner, got, want))
        if not wrong:
            return
        if time.time() > deadline:
            raise AssertionError("inboxes not current: %r" % wrong[:3])
        time.sleep(0.1)


def test_inboxes_follow_200_concurrent_messages(users_ready):
    app = users_ready
    app.ok("ddb/schema-load")
    client = app.client()
    groups = conversations(client, 10)
    processor = start_processor(app)
    try:
        newest = write_concurrently(app.client, groups, 20)
        wait_inboxes(client, groups, newest)
        # Group and pair items and deletions do not disturb anything.
        client.delete_item(TableName=h.TABLE,
                           Key={"pk": {"S": "MSG#" + groups[0][0]}, "sk": {"S": sk(newest[groups[0][0]])}})
        time.sleep(0.5)
        wait_inboxes(client, groups, newest, timeout=1)
        assert processor.poll() is None
    finally:
        processor.send_signal(signal.SIGTERM)
        out, err = processor.communicate(timeout=30)
    assert processor.returncode == 0, err
    assert "stream processor stopped after" in out


def test_kill_9_mid_stream_then_restart(users_ready):
    app = users_ready
    app.ok("ddb/schema-load")
    client = app.client()
    groups = conversations(client, 10)
    processor = start_processor(app)
    writer = threading.Thread(target=write_concurrently, args=(app.client, groups, 10))
    writer.start()
    time.sleep(0.3)
    processor.kill()  # kill -9, most likely in the middle of a batch.
    processor.wait()
    writer.join()
    newest = write_concurrently(app.client, groups, 10, offset=10 * len(groups))
    processor = start_processor(app)
    try:
        wait_inboxes(client, groups, newest)
        # The checkpoint table holds the processor's position.
        checkpoints = client.scan(TableName=h.TABLE + "-stream-checkpoints")["Items"]
        assert len(checkpoints) == 1 and "sequence" in checkpoints[0]
    finally:
        processor.send_signal(signal.SIGTERM)
        processor.communicate(timeout=30)
    # A restart after catching up finds nothing new and changes nothing.
    processor = start_processor(app)
    time.sleep(1)
    processor.send_signal(signal.SIGTERM)
    processor.communicate(timeout=30)
    wait_inboxes(client, groups, newest, timeout=1)


def test_seeded_inbox_moves_when_a_message_arrives(seeded):
    app = seeded
    client = app.client()
    processor = start_processor(app)
    try:
        me = app.users()["andrewbrown"]["uuid"]
        rows = inbox_rows(client, me)
        assert len(rows) == 1
        newer = "2099-01-01T00:00:00.000000+00:00"
        client.put_item(TableName=h.TABLE, Item={
            "pk": {"S": "MSG#" + h.GROUP}, "sk": {"S": newer}, "message_uuid": {"S": "new"},
            "message": {"S": "from the future"}, "user_uuid": {"S": me},
            "user_display_name": {"S": "Andrew Brown"}, "user_handle": {"S": "andrewbrown"}})
        deadline = time.time() + 10
        while inbox_rows(client, me)[0]["sk"]["S"] != newer:
            assert time.time() < deadline, inbox_rows(client, me)
            time.sleep(0.05)
        assert inbox_rows(client, me)[0]["message"]["S"] == "from the future"
    finally:
        processor.send_signal(signal.SIGTERM)
        processor.communicate(timeout=30)
