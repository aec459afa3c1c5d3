#include "txn/rmw.h"

#include "index/item_collection.h"
#include "item/codec.h"
#include "streams/records.h"

namespace ddb::txn {
namespace {

const Item* Ptr(const std::optional<Item>& item) { return item ? &*item : nullptr; }

}  // namespace

Result<std::optional<Item>> ReadItem(ops::Engine& engine, const std::string& storage_key) {
  std::string raw;
  DDB_ASSIGN_OR_RETURN(bool found, engine.store().Get(engine.store().items(), storage_key, &raw));
  if (!found) return std::optional<Item>();
  Item item;
  if (!DecodeItem(raw, &item)) return ApiError::Internal("corrupt item in storage");
  return std::optional<Item>(std::move(item));
}

Result<WriteResult> ReadModifyWrite(ops::Engine& engine, const TableDef& table,
                                    const std::string& storage_key, const ApplyFn& apply,
                                    bool by_ttl) {
  std::lock_guard lock(engine.ItemLock(storage_key));
  WriteResult result;
  DDB_ASSIGN_OR_RETURN(result.old_item, ReadItem(engine, storage_key));
  DDB_ASSIGN_OR_RETURN(result.new_item, apply(result.old_item ? &*result.old_item : nullptr));
  DDB_ASSIGN_OR_RETURN(
      result.collection_bytes,
      index::CheckCollection(engine.store(), table, Ptr(result.old_item), Ptr(result.new_item),
                             engine.item_collection_limit()));
  // A write that changes nothing (an identical put, a TTL re-check that found the item renewed)
  // needs no batch, no WAL sync and no stream record.
  if (result.old_item == result.new_item) {
    if (result.old_item) result.old_size = result.new_size = ItemSize(*result.old_item);
    return result;
  }
  rocksdb::WriteBatch batch;
  streams::SequenceGuard sequence(&engine.sequencer());
  DDB_RETURN_IF_ERROR(
      StageWrite(engine.store(), table, storage_key, &result, &batch, &sequence, by_ttl));
  std::string error;
  if (!engine.store().Write(&batch, &error)) {
    return ApiError::Internal("storage write failed: " + error);
  }
  return result;
}

Status StageWrite(const storage::Store& store, const TableDef& table,
                  const std::string& storage_key, WriteResult* result, rocksdb::WriteBatch* batch,
                  streams::SequenceGuard* sequence, bool by_ttl) {
  if (result->old_item) result->old_size = ItemSize(*result->old_item);
  if (result->new_item) result->new_size = ItemSize(*result->new_item);
  if (!result->old_item && !result->new_item) return Status::OK();
  if (result->new_item) {
    std::string encoded;
    EncodeItem(*result->new_item, &encoded);
    batch->Put(store.items(), storage_key, encoded).PermitUncheckedError();
  } else {
    batch->Delete(store.items(), storage_key).PermitUncheckedError();
  }
  int64_t item_delta = (result->new_item ? 1 : 0) - (result->old_item ? 1 : 0);
  int64_t size_delta =
      static_cast<int64_t>(result->new_size) - static_cast<int64_t>(result->old_size);
  store.AddCounters(batch, table.id, item_delta, size_delta);
  index::StageCollectionChange(store, table, Ptr(result->old_item), Ptr(result->new_item), batch);
  if (!table.indexes.empty()) {
    DDB_RETURN_IF_ERROR(index::UpdateIndexes(
        store, table, result->old_item ? &*result->old_item : nullptr,
        result->new_item ? &*result->new_item : nullptr, batch, &result->index_units));
  }
  if (streams::Records(table) && result->old_item != result->new_item) {
    streams::StageRecord(store, table, result->old_item ? &*result->old_item : nullptr,
                         result->new_item ? &*result->new_item : nullptr, sequence->Take(), by_ttl,
                         batch);
  }
  return Status::OK();
}

}  // namespace ddb::txn
