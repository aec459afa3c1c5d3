// Commit: the one routine every write of items goes through, a single-item write
// (ReadModifyWrite, txn/rmw.h) as much as a transaction (TransactWriteItems, ops/transact_ops.cc).
//
// It locks every item's stripe (each once, in address order, so two commits never deadlock),
// reads each item, runs its `apply`, checks the item-collection limit, and then either writes
// every change in ONE atomic, durable RocksDB batch (items, table counters, index entries,
// stream records numbered in commit order) or, if any apply or limit failed, writes nothing
// and reports each change's error. Changes that leave their item as it was (an identical put,
// a condition check) are part of the outcome but not of the batch; a commit that changes nothing
// writes nothing and does not sync the log.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "catalog/table_def.h"
#include "core/result.h"
#include "index/index_writer.h"
#include "state/engine.h"

namespace ddb::txn {

// Given the current item (null if absent), returns the item to store, std::nullopt to delete
// it, or an error (e.g. ConditionalCheckFailed) that cancels the commit. Must be pure: no side
// effects, as it runs under the item lock.
using ApplyFn = std::function<Result<std::optional<Item>>(const Item* current)>;

// One item of a commit: where it is and how to change it.
struct Change {
  const TableDef* table = nullptr;
  std::string storage_key;
  ApplyFn apply;
  bool by_ttl = false;  // A time-to-live deletion: so marked in its stream record.
};

struct WriteResult {
  std::optional<Item> old_item;
  std::optional<Item> new_item;
  size_t old_size = 0;  // DynamoDB item sizes, for capacity accounting.
  size_t new_size = 0;
  std::vector<index::IndexUnits> index_units;  // Write units per secondary index touched.
  // Tables with local indexes: the item collection's bytes after the write (ItemCollectionMetrics).
  std::optional<int64_t> collection_bytes;
};

struct CommitOutcome {
  // Set when the commit was cancelled: per change, its error or nullopt (it did not fail).
  std::vector<std::optional<ApiError>> errors;
  std::vector<WriteResult> results;  // When committed: per change, in order.
  bool committed() const { return errors.empty(); }
};

// Runs `changes` as one atomic commit (see above). InternalServerError, with nothing written, if
// the store fails or an apply returns an internal error.
Result<CommitOutcome> Commit(Engine& engine, const std::vector<Change>& changes);

// Reads one item (no lock: RocksDB reads are atomic per key). nullopt if absent.
Result<std::optional<Item>> ReadItem(Engine& engine, const std::string& storage_key);

}  // namespace ddb::txn
