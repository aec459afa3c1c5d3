// The read-modify-write core shared by every single-item write (PutItem, UpdateItem,
// DeleteItem; later the transaction and batch paths).
//
// Under the item's lock it reads the current item, calls `apply` with it, and commits what
// `apply` returns (unless it equals the current item: then nothing is written) in ONE atomic,
// durable RocksDB write batch: the item itself and the table's
// counters (and, as they arrive, the item's index entries and stream record). Holding the lock
// from read to commit makes conditional writes to one item linearizable.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "catalog/table_def.h"
#include "core/result.h"
#include "index/index_writer.h"
#include "ops/engine.h"
#include "streams/sequencer.h"

namespace ddb::txn {

// Given the current item (null if absent), returns the item to store, std::nullopt to delete
// it, or an error (e.g. ConditionalCheckFailed) that aborts the write. Must be pure: no side
// effects, as it runs under the item lock.
using ApplyFn = std::function<Result<std::optional<Item>>(const Item* current)>;

struct WriteResult {
  std::optional<Item> old_item;
  std::optional<Item> new_item;
  size_t old_size = 0;  // DynamoDB item sizes, for capacity accounting.
  size_t new_size = 0;
  std::vector<index::IndexUnits> index_units;  // Write units per secondary index touched.
  // Tables with local indexes: the item collection's bytes after the write (ItemCollectionMetrics).
  std::optional<int64_t> collection_bytes;
};

// Runs one read-modify-write of the item stored under `storage_key` of `table`.
// InternalServerError if the store fails; otherwise whatever `apply` returns.
// `by_ttl` marks the change as a time-to-live deletion in its stream record.
Result<WriteResult> ReadModifyWrite(ops::Engine& engine, const TableDef& table,
                                    const std::string& storage_key, const ApplyFn& apply,
                                    bool by_ttl = false);

// Adds to `batch` the change from result->old_item to result->new_item of the item stored under
// `storage_key`: the item, the table's counters, the index entries (filling result's sizes and
// index units). The one place that knows what an item write consists of; the caller holds the
// item's lock and commits the batch.
// When the table has an enabled stream and the item changed, the stream record goes in the same
// batch, numbered from `sequence`, which the caller keeps alive until the batch is written.
// Fails only on a storage read error (an index still being back-filled is read).
Status StageWrite(const storage::Store& store, const TableDef& table,
                  const std::string& storage_key, WriteResult* result, rocksdb::WriteBatch* batch,
                  streams::SequenceGuard* sequence, bool by_ttl = false);

// Reads one item (no lock: RocksDB reads are atomic per key). nullopt if absent.
Result<std::optional<Item>> ReadItem(ops::Engine& engine, const std::string& storage_key);

}  // namespace ddb::txn
