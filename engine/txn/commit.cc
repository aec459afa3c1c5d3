#include "txn/commit.h"

#include <algorithm>
#include <mutex>

#include "index/item_collection.h"
#include "item/codec.h"
#include "streams/records.h"

namespace ddb::txn {
namespace {

const Item* Ptr(const std::optional<Item>& item) { return item ? &*item : nullptr; }

// Locks the stripe of every change: several items may share one, so each is locked once, and
// always in address order.
std::vector<std::unique_lock<std::mutex>> LockAll(Engine& engine,
                                                  const std::vector<Change>& changes) {
  std::vector<std::mutex*> stripes;
  stripes.reserve(changes.size());
  for (const auto& change : changes) stripes.push_back(&engine.ItemLock(change.storage_key));
  std::sort(stripes.begin(), stripes.end());
  stripes.erase(std::unique(stripes.begin(), stripes.end()), stripes.end());
  std::vector<std::unique_lock<std::mutex>> locks;
  locks.reserve(stripes.size());
  for (std::mutex* m : stripes) locks.emplace_back(*m);
  return locks;
}

// Reads the item of `change` and applies it into `r`. A returned error is the change's own
// (it cancels the commit); an internal error aborts the whole commit instead.
Result<std::optional<ApiError>> Apply(Engine& engine, const Change& change, WriteResult* r) {
  DDB_ASSIGN_OR_RETURN(r->old_item, ReadItem(engine, change.storage_key));
  auto applied = change.apply(Ptr(r->old_item));
  if (!applied.ok()) {
    if (applied.error().kind == ErrorKind::kInternal) return std::move(applied).error();
    return std::optional<ApiError>(std::move(applied).error());
  }
  r->new_item = std::move(applied).value();
  auto collection = index::CheckCollection(engine.store(), *change.table, Ptr(r->old_item),
                                           Ptr(r->new_item), engine.item_collection_limit());
  if (!collection.ok()) {
    if (collection.error().kind == ErrorKind::kInternal) return std::move(collection).error();
    return std::optional<ApiError>(std::move(collection).error());
  }
  r->collection_bytes = collection.value();
  if (r->old_item) r->old_size = ItemSize(*r->old_item);
  if (r->new_item) r->new_size = ItemSize(*r->new_item);
  return std::optional<ApiError>();
}

// Adds to `batch` the change from r->old_item to r->new_item of the item under `change`'s key:
// the item, the table's counters, the item collection's counters, the index entries (filling
// r's index units) and, with an enabled stream, the stream record numbered from `sequence` and
// made at `now`.
Status Stage(const storage::Store& store, const Change& change, double now, WriteResult* r,
             rocksdb::WriteBatch* batch, streams::SequenceGuard* sequence) {
  const TableDef& table = *change.table;
  if (r->new_item) {
    std::string encoded;
    EncodeItem(*r->new_item, &encoded);
    batch->Put(store.items(), change.storage_key, encoded).PermitUncheckedError();
  } else {
    batch->Delete(store.items(), change.storage_key).PermitUncheckedError();
  }
  const int64_t item_delta = (r->new_item ? 1 : 0) - (r->old_item ? 1 : 0);
  const int64_t size_delta = static_cast<int64_t>(r->new_size) - static_cast<int64_t>(r->old_size);
  store.AddCounters(batch, table.id, item_delta, size_delta);
  index::StageCollectionChange(store, table, Ptr(r->old_item), Ptr(r->new_item), batch);
  if (!table.indexes.empty()) {
    DDB_RETURN_IF_ERROR(index::UpdateIndexes(store, table, Ptr(r->old_item), Ptr(r->new_item),
                                             batch, &r->index_units));
  }
  if (streams::Records(table)) {
    streams::StageRecord(store, table, Ptr(r->old_item), Ptr(r->new_item), sequence->Take(),
                         change.by_ttl, now, batch);
  }
  return Status::OK();
}

}  // namespace

Result<std::optional<Item>> ReadItem(Engine& engine, const std::string& storage_key) {
  std::string raw;
  DDB_ASSIGN_OR_RETURN(bool found, engine.store().Get(engine.store().items(), storage_key, &raw));
  if (!found) return std::optional<Item>();
  Item item;
  if (!DecodeItem(raw, &item)) return ApiError::Internal("corrupt item in storage");
  return std::optional<Item>(std::move(item));
}

Result<CommitOutcome> Commit(Engine& engine, const std::vector<Change>& changes) {
  auto locks = LockAll(engine, changes);
  CommitOutcome outcome;
  outcome.results.resize(changes.size());
  std::vector<std::optional<ApiError>> errors(changes.size());
  bool failed = false;
  for (size_t i = 0; i < changes.size(); ++i) {
    DDB_ASSIGN_OR_RETURN(errors[i], Apply(engine, changes[i], &outcome.results[i]));
    failed = failed || errors[i].has_value();
  }
  if (failed) {
    outcome.errors = std::move(errors);
    return outcome;
  }
  rocksdb::WriteBatch batch;
  streams::SequenceGuard sequence(&engine.sequencer());
  const double now = engine.clock().EpochSeconds();
  for (size_t i = 0; i < changes.size(); ++i) {
    WriteResult& r = outcome.results[i];
    if (r.old_item == r.new_item) continue;  // A condition check, or a no-op.
    DDB_RETURN_IF_ERROR(Stage(engine.store(), changes[i], now, &r, &batch, &sequence));
  }
  std::string error;
  if (batch.Count() > 0 && !engine.store().Write(&batch, &error)) {
    return ApiError::Internal("storage write failed: " + error);
  }
  return outcome;
}

}  // namespace ddb::txn
