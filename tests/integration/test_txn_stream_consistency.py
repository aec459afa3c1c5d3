# Pins transactions, secondary indexes and streams under concurrency and crashes:
# 1. 16 threads moving units between 10 accounts with conditional TransactWriteItems, mixed with
#    conditional single-item UpdateItems, conserve the total, never go negative, and every
#    account ends at exactly what the acknowledged transfers make it.
# 2. kill -9 during 3-Put transactions on a table with a GSI (ALL) and a NEW_AND_OLD_IMAGES
#    stream, twice (DDB_KILL_ROUNDS to change): every acknowledged transaction is wholly there, none is partial, the GSI
#    matches the table item for item, and the stream has exactly one INSERT per stored item.
# 3. A GetRecords reader polling while 8 writers put/update/delete sees every acknowledged
#    change exactly once, in strictly increasing sequence order, with each key's images in the
#    order its writes were acknowledged; also across a clean restart, resuming with
#    AFTER_SEQUENCE_NUMBER.
# Ports come from 8600-8699 (DDB_TXN_STREAM_PORTS="first-last" to change).
import collections
import os
import random
import threading
import time

import botocore.exceptions
import pytest

from conftest import create_table, port_is_free, scan_all

_lo, _hi = os.environ.get("DDB_TXN_STREAM_PORTS", "8600-8699").split("-")
PORTS = range(int(_lo), int(_hi) + 1)
GONE = (botocore.exceptions.EndpointConnectionError, botocore.exceptions.ConnectionClosedError,
        botocore.exceptions.ReadTimeoutError, botocore.exceptions.ConnectTimeoutError)
NEW_AND_OLD = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
ACCOUNTS, KEYS, WRITERS = 10, 50, 8
_used = set()


def start(servers, data_dir):
    """A server on the data folder, on a port of PORTS not handed out before if possible."""
    ports = sorted(PORTS, key=lambda p: (p in _used, random.random()))
    port = next(p for p in ports if port_is_free(p))
    _used.add(port)
    return servers(db_path=data_dir, port=port)


def start_threads(target, args_list):
    threads = [threading.Thread(target=target, args=args, daemon=True) for args in args_list]
    for t in threads:
        t.start()
    return threads


def join_all(threads, timeout=120):
    for t in threads:
        t.join(timeout=timeout)
        assert not t.is_alive()


def shard_iterator(streams, arn, kind="TRIM_HORIZON", after=None):
    shards = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
    assert len(shards) == 1, shards
    extra = {"SequenceNumber": after} if after else {}
    return streams.get_shard_iterator(StreamArn=arn, ShardId=shards[0]["ShardId"],
                                      ShardIteratorType=kind, **extra)["ShardIterator"]


def assert_increasing(records):
    seqs = [r["dynamodb"]["SequenceNumber"] for r in records]
    assert all(len(s) == 21 and s.isdigit() for s in seqs), seqs[:5]
    bad = [(a, b) for a, b in zip(seqs, seqs[1:]) if int(a) >= int(b)]
    assert not bad, "sequence numbers not strictly increasing: %s" % bad[:5]


# ---- 1. transfers between accounts -------------------------------------------------------

def test_concurrent_transfers_conserve_the_total(servers, data_dir):
    server = start(servers, data_dir)
    ddb = server.client()
    create_table(ddb, "accounts")
    initial = {a: a % 5 for a in range(ACCOUNTS)}  # small, some 0: conditions do fail
    for a, bal in initial.items():
        ddb.put_item(TableName="accounts", Item={"pk": {"S": "acct-%d" % a},
                                                 "bal": {"N": str(bal)}, "ops": {"N": "0"}})
    lock, errors, deadline = threading.Lock(), [], time.monotonic() + 3.0
    count = collections.Counter()  # outcomes, counted client-side

    def tally(*keys):
        with lock:
            count.update(keys)

    def upd(a, expr, cond, **values):
        return dict(TableName="accounts", Key={"pk": {"S": "acct-%d" % a}}, UpdateExpression=expr,
                    ConditionExpression=cond, ExpressionAttributeValues={
                        ":" + k: {"N": str(v)} for k, v in dict(values, one=1).items()})

    def worker(ddb):
        try:
            while time.monotonic() < deadline:
                src, dst = random.sample(range(ACCOUNTS), 2)
                if random.random() < 0.2:
                    # Compare-and-set of the balance read just before: a transfer committed in
                    # between must make it fail, or it would undo that transfer.
                    bal = ddb.get_item(TableName="accounts", Key={"pk": {"S": "acct-%d" % src}},
                                       ConsistentRead=True)["Item"]["bal"]["N"]
                    try:
                        ddb.update_item(**upd(src, "SET bal = :b, ops = ops + :one",
                                              "bal = :b", b=bal))
                        tally(("ops", src))
                    except ddb.exceptions.ConditionalCheckFailedException:
                        tally("stale")
                    continue
                for _attempt in range(3):
                    try:
                        ddb.transact_write_items(TransactItems=[
                            {"Update": upd(src, "SET bal = bal - :one", "bal >= :one")},
                            {"Update": upd(dst, "SET bal = bal + :one", "bal >= :zero", zero=0)}])
                        tally(("sent", src), ("received", dst), "transfers")
                        break
                    except ddb.exceptions.TransactionCanceledException as e:
                        codes = [r["Code"] for r in e.response["CancellationReasons"]]
                        assert codes == ["ConditionalCheckFailed", "None"], e.response
                        tally("cancelled")
        except Exception as e:  # noqa: BLE001 - reported below
            with lock:
                errors.append(repr(e))

    join_all(start_threads(worker, [(server.client(),) for _ in range(16)]))
    assert not errors, errors[:5]
    print("transfers %(transfers)d, cancelled %(cancelled)d, stale compare-and-sets %(stale)d"
          % count)
    assert count["transfers"] > 0 and count["cancelled"] > 0
    items = {int(i["pk"]["S"][5:]): i for i in scan_all(ddb, "accounts")}
    bal = {a: int(items[a]["bal"]["N"]) for a in items}
    assert sorted(bal) == list(range(ACCOUNTS))
    assert sum(bal.values()) == sum(initial.values()), bal
    assert min(bal.values()) >= 0, bal
    moved = sum(count["received", a] for a in range(ACCOUNTS))
    assert moved == sum(count["sent", a] for a in range(ACCOUNTS)) == count["transfers"]
    for a in range(ACCOUNTS):  # each account is exactly what its acknowledged transfers make it
        assert bal[a] == initial[a] - count["sent", a] + count["received", a], (a, bal, count)
        assert int(items[a]["ops"]["N"]) == count["ops", a], (a, items[a], count)
    assert server.stop() == 0


# ---- 2. kill -9 during transactions on a table with a GSI and a stream --------------------

def group_writer(ddb, index, cycle, out):
    """TransactWriteItems of 3 new items sharing gid and tok until the server goes away."""
    for seq in range(10 ** 6):
        tok = "c%d-w%d-%05d" % (cycle, index, seq)
        gid = "g%d-w%d-%d" % (cycle, index, seq % 7)
        out["attempted"][tok] = items = {
            "%s-%d" % (tok, j): {"pk": {"S": "%s-%d" % (tok, j)}, "gid": {"S": gid},
                                 "tok": {"S": tok}, "j": {"N": str(j)},
                                 "pad": {"S": "x" * random.randint(1, 200)}} for j in range(3)}
        out["in_request"] = True
        try:
            ddb.transact_write_items(TransactItems=[
                {"Put": {"TableName": "groups", "Item": item,
                         "ConditionExpression": "attribute_not_exists(pk)"}}
                for item in items.values()])
        except GONE as e:
            out["gone"] = repr(e)
            return
        except Exception as e:  # noqa: BLE001 - reported by the test
            out["error"] = repr(e)
            return
        out["in_request"] = False
        out["acked"].add(tok)


def pages(call, **params):
    """Every item of a paged Query or Scan."""
    items = []
    while True:
        page = call(**params)
        items.extend(page["Items"])
        if "LastEvaluatedKey" not in page:
            return items
        params["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def check_groups(server, attempted, acked, cycle):
    """Everything stored against what was attempted and acknowledged; the GSI item for item for
    the group ids of `cycle` (earlier cycles' were checked when they ran, and the index's keys
    are compared as a whole every time)."""
    ddb = server.client()
    stored = {i["pk"]["S"]: i for i in scan_all(ddb, "groups")}
    expected = {}
    for tok, items in attempted.items():
        present = [pk for pk in items if pk in stored]
        assert len(present) in (0, 3), "partial transaction %s: only %s" % (tok, present)
        assert present or tok not in acked, "acknowledged transaction %s lost" % tok
        expected.update(items if present else {})
    assert stored == expected, "stored items differ from the transactions' items"
    desc = ddb.describe_table(TableName="groups")["Table"]
    assert desc["ItemCount"] == desc["GlobalSecondaryIndexes"][0]["ItemCount"] == len(stored)
    # The GSI, item for item: per group id, and as a whole.
    for gid in sorted({i["gid"]["S"] for items in attempted.values() for i in items.values()
                       if i["gid"]["S"].startswith("g%d-" % cycle)}):
        in_index = {i["pk"]["S"]: i for i in pages(
            ddb.query, TableName="groups", IndexName="by_group",
            KeyConditionExpression="gid = :g", ExpressionAttributeValues={":g": {"S": gid}})}
        in_table = {pk: i for pk, i in stored.items() if i["gid"]["S"] == gid}
        assert in_index == in_table, "GSI disagrees with the table for %s" % gid
    index_all = pages(ddb.scan, TableName="groups", IndexName="by_group")
    assert sorted(i["pk"]["S"] for i in index_all) == sorted(stored)
    # The stream: one INSERT with the item's image per stored item, nothing else.
    recs, done, out = [], threading.Event(), {}
    done.set()  # the whole stream: until two calls in a row return nothing
    reader(server.streams(), desc["LatestStreamArn"], recs, done, out)
    assert not out, out
    assert_increasing(recs)
    pks = [r["dynamodb"]["Keys"]["pk"]["S"] for r in recs]
    assert len(pks) == len(set(pks)), "duplicate stream records"
    assert set(pks) == set(stored), ("records of absent items", sorted(set(pks) - set(stored)),
                                     "items without a record", sorted(set(stored) - set(pks)))
    for r in recs:
        d = r["dynamodb"]
        assert r["eventName"] == "INSERT" and "OldImage" not in d, r
        assert d["NewImage"] == stored[d["Keys"]["pk"]["S"]], r
    return len(stored), len(recs), desc["LatestStreamArn"]


def test_kill_9_during_transactions_keeps_gsi_and_stream_consistent(servers, data_dir):
    server = start(servers, data_dir)
    create_table(server.client(), "groups", StreamSpecification=NEW_AND_OLD,
                 AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                       {"AttributeName": "gid", "AttributeType": "S"},
                                       {"AttributeName": "tok", "AttributeType": "S"}],
                 GlobalSecondaryIndexes=[{
                     "IndexName": "by_group", "Projection": {"ProjectionType": "ALL"},
                     "KeySchema": [{"AttributeName": "gid", "KeyType": "HASH"},
                                   {"AttributeName": "tok", "KeyType": "RANGE"}]}])
    attempted, acked, arns = {}, set(), set()
    for cycle in range(int(os.environ.get("DDB_KILL_ROUNDS", "2"))):
        outs = [{"attempted": {}, "acked": set(), "in_request": False} for _ in range(8)]
        writers = start_threads(group_writer, [(server.client(read_timeout=20), i, cycle,
                                                outs[i]) for i in range(8)])
        time.sleep(1.5)
        busy = sum(o["in_request"] for o in outs)
        assert server.kill9() == -9
        join_all(writers, timeout=60)
        for o in outs:
            assert "error" not in o and "gone" in o and o["acked"], o.get("error", o.keys())
            attempted.update(o["attempted"])
            acked |= o["acked"]
        server = start(servers, data_dir)
        items, recs, arn = check_groups(server, attempted, acked, cycle)
        arns.add(arn)
        assert len(arns) == 1, arns  # the same stream after each restart
        print("cycle %d: %d transactions acknowledged, %d in flight at the kill; %d items, %d "
              "records" % (cycle, sum(len(o["acked"]) for o in outs), busy, items, recs))
        assert busy > 0, "no transaction was in flight at the kill"
    assert server.stop() == 0


# ---- 3. a stream reader sees each change once --------------------------------------------

class Model:
    """What each key should look like, and the (event, old, new) each acknowledged write makes.
    Writer w alone writes the keys k with k % WRITERS == w, so its order is the key's order."""

    def __init__(self):
        self.items = {}  # pk -> current item, None once deleted
        self.changes = {"k%02d" % k: [] for k in range(KEYS)}
        self.writes = [0] * WRITERS

    def next_write(self, w):
        """(pk, kind, new item or None) for writer w's next write; every one changes the item."""
        self.writes[w] += 1
        n = w * 10 ** 7 + self.writes[w]
        pk = "k%02d" % random.choice(range(w, KEYS, WRITERS))
        old = self.items.get(pk)
        kind = random.choice(["put", "update", "delete"] if old else ["put", "update"])
        if kind == "put":
            return pk, kind, {"pk": {"S": pk}, "n": {"N": str(n)}, "by": {"S": "put"},
                              "pad": {"S": "p" * random.randint(0, 50)}}
        if kind == "update":  # keeps what a put left, creates the item if missing
            return pk, kind, dict(old or {"pk": {"S": pk}}, n={"N": str(n)}, by={"S": "update"})
        return pk, kind, None

    def applied(self, pk, new):
        old = self.items.get(pk)
        self.changes[pk].append(("REMOVE" if new is None else "MODIFY" if old else "INSERT",
                                 old, new))
        self.items[pk] = new


def stream_writer(ddb, model, w, deadline, out):
    """Writes until the deadline or the server goes; out gets an unacknowledged write, if any."""
    try:
        while time.monotonic() < deadline:
            pk, kind, new = model.next_write(w)
            out["pending"] = (pk, new)
            if kind == "put":
                ddb.put_item(TableName="feed", Item=new)
            elif kind == "update":
                ddb.update_item(TableName="feed", Key={"pk": {"S": pk}},
                                UpdateExpression="SET n = :n, #by = :by",
                                ExpressionAttributeNames={"#by": "by"},
                                ExpressionAttributeValues={":n": new["n"],
                                                           ":by": {"S": "update"}})
            else:
                ddb.delete_item(TableName="feed", Key={"pk": {"S": pk}})
            out["pending"] = None
            model.applied(pk, new)
    except GONE as e:
        out["gone"] = repr(e)
    except Exception as e:  # noqa: BLE001 - reported by the test
        out["error"] = repr(e)


def reader(streams, arn, records, done, out):
    """Polls GetRecords after the last record in `records` (TRIM_HORIZON if none) until the
    server goes away, or until `done` is set and two calls started after it return nothing."""
    try:
        after = records[-1]["dynamodb"]["SequenceNumber"] if records else None
        it = shard_iterator(streams, arn, "AFTER_SEQUENCE_NUMBER" if after else "TRIM_HORIZON",
                            after)
        empty = 0
        while empty < 2:
            finishing = done.is_set()
            page = streams.get_records(ShardIterator=it)
            records.extend(page["Records"])
            it = page["NextShardIterator"]
            empty = 0 if page["Records"] or not finishing else empty + 1
            time.sleep(0 if page["Records"] or finishing else 0.01)  # poll interval only
    except GONE as e:
        out["gone"] = repr(e)
    except Exception as e:  # noqa: BLE001 - reported by the test
        out["error"] = repr(e)


def run_phase(server, model, arn, records, seconds, stop_server=False):
    """Writers for `seconds` (then SIGTERM if stop_server) while a reader follows the stream.
    Returns the writes cut off by the stop: (pk, new item or None)."""
    done, outs = threading.Event(), [{"pending": None} for _ in range(WRITERS + 1)]
    readers = start_threads(reader, [(server.streams(), arn, records, done, outs[-1])])
    deadline = time.monotonic() + (3600 if stop_server else seconds)
    # A reply slower than the read timeout would count as cut off by the stop although applied:
    # generous, for a ThreadSanitizer build on a loaded machine.
    writers = start_threads(stream_writer, [(server.client(read_timeout=120), model, w, deadline,
                                             outs[w]) for w in range(WRITERS)])
    if stop_server:
        time.sleep(seconds)
        assert server.stop() == 0
    join_all(writers)
    assert records, "the reader saw nothing while the writers ran"
    done.set()
    join_all(readers)
    assert not [o for o in outs if "error" in o], outs
    assert all(("gone" in o) == stop_server for o in outs), outs
    return [o["pending"] for o in outs if o["pending"] is not None]


def check_feed(ddb, model, records):
    acked = sum(len(c) for c in model.changes.values())
    assert len(records) == acked, (len(records), "records for acknowledged changes:", acked)
    assert_increasing(records)
    seen = {pk: [] for pk in model.changes}
    for r in records:
        d = r["dynamodb"]
        seen[d["Keys"]["pk"]["S"]].append((r["eventName"], d.get("OldImage"), d.get("NewImage")))
    for pk, changes in model.changes.items():
        assert seen[pk] == changes, (pk, "stream:", seen[pk], "acknowledged:", changes)
    assert {i["pk"]["S"]: i for i in scan_all(ddb, "feed")} == {
        k: v for k, v in model.items.items() if v}
    return acked


@pytest.mark.parametrize("restart", [False, True], ids=["running", "clean_restart"])
def test_stream_reader_sees_every_change_once(servers, data_dir, restart):
    server = start(servers, data_dir)
    arn = create_table(server.client(), "feed", StreamSpecification=NEW_AND_OLD)[
        "LatestStreamArn"]
    model, records = Model(), []
    pending = run_phase(server, model, arn, records, 1.5 if restart else 3.0, restart)
    before = len(records)
    if restart:  # SIGTERM mid-way; the reader goes on after its last sequence number
        server = start(servers, data_dir)
        ddb = server.client()
        assert ddb.describe_table(TableName="feed")["Table"]["LatestStreamArn"] == arn
        # In-flight requests get their replies at SIGTERM, so a write whose connection was cut
        # off never reached a handler: it must not be applied.
        for pk, new in pending:
            item = ddb.get_item(TableName="feed", Key={"pk": {"S": pk}},
                                ConsistentRead=True).get("Item")
            assert item == model.items.get(pk), (pk, new, item)
        run_phase(server, model, arn, records, 1.5)
        assert 0 < before < len(records)
    print("%d changes read once each, %d before a restart, %d writes cut off"
          % (check_feed(server.client(), model, records), before, len(pending)))
    assert len(records) > 100
    assert server.stop() == 0
