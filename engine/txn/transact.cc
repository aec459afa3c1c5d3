#include "txn/transact.h"

#include <algorithm>
#include <mutex>

#include "index/item_collection.h"
#include "item/codec.h"

namespace ddb::txn {

Result<TransactionOutcome> RunTransaction(ops::Engine& engine,
                                          const std::vector<TransactionItem>& items) {
  // Several items may share a lock stripe: lock each stripe once, in address order.
  std::vector<std::mutex*> stripes;
  stripes.reserve(items.size());
  for (const auto& item : items) stripes.push_back(&engine.ItemLock(item.storage_key));
  std::sort(stripes.begin(), stripes.end());
  stripes.erase(std::unique(stripes.begin(), stripes.end()), stripes.end());
  std::vector<std::unique_lock<std::mutex>> locks;
  locks.reserve(stripes.size());
  for (std::mutex* m : stripes) locks.emplace_back(*m);

  TransactionOutcome outcome;
  outcome.results.resize(items.size());
  std::vector<std::optional<ApiError>> errors(items.size());
  bool failed = false;
  for (size_t i = 0; i < items.size(); ++i) {
    WriteResult& r = outcome.results[i];
    DDB_ASSIGN_OR_RETURN(r.old_item, ReadItem(engine, items[i].storage_key));
    auto applied = items[i].apply(r.old_item ? &*r.old_item : nullptr);
    if (!applied.ok()) {
      if (applied.error().kind == ErrorKind::kInternal) return std::move(applied).error();
      errors[i] = std::move(applied).error();
      failed = true;
      continue;
    }
    r.new_item = std::move(applied).value();
    if (r.old_item == r.new_item) continue;
    auto collection =
        index::CheckCollection(engine.store(), *items[i].table, r.old_item ? &*r.old_item : nullptr,
                               r.new_item ? &*r.new_item : nullptr, engine.item_collection_limit());
    if (!collection.ok()) {
      if (collection.error().kind == ErrorKind::kInternal) return std::move(collection).error();
      errors[i] = std::move(collection).error();
      failed = true;
      continue;
    }
    r.collection_bytes = collection.value();
  }
  if (failed) {
    outcome.errors = std::move(errors);
    return outcome;
  }
  rocksdb::WriteBatch batch;
  streams::SequenceGuard sequence(&engine.sequencer());
  for (size_t i = 0; i < items.size(); ++i) {
    WriteResult& r = outcome.results[i];
    if (r.old_item) r.old_size = ItemSize(*r.old_item);
    if (r.new_item) r.new_size = ItemSize(*r.new_item);
    if (r.old_item == r.new_item) continue;  // A condition check, or a no-op.
    DDB_RETURN_IF_ERROR(
        StageWrite(engine.store(), *items[i].table, items[i].storage_key, &r, &batch, &sequence));
  }
  std::string error;
  if (batch.Count() > 0 && !engine.store().Write(&batch, &error)) {
    return ApiError::Internal("storage write failed: " + error);
  }
  return outcome;
}

Result<std::vector<std::optional<Item>>> ReadSnapshot(ops::Engine& engine,
                                                      const std::vector<std::string>& keys) {
  rocksdb::DB* db = engine.store().db();
  const rocksdb::Snapshot* snapshot = db->GetSnapshot();
  std::vector<std::optional<Item>> out;
  out.reserve(keys.size());
  for (const auto& key : keys) {
    std::string raw;
    Result<bool> found = engine.store().Get(engine.store().items(), key, &raw, snapshot);
    if (!found.ok()) {
      db->ReleaseSnapshot(snapshot);
      return std::move(found).error();
    }
    if (!*found) {
      out.emplace_back();
      continue;
    }
    Item item;
    if (!DecodeItem(raw, &item)) {
      db->ReleaseSnapshot(snapshot);
      return ApiError::Internal("corrupt item in storage");
    }
    out.emplace_back(std::move(item));
  }
  db->ReleaseSnapshot(snapshot);
  return out;
}

}  // namespace ddb::txn
