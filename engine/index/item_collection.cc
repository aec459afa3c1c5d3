#include "index/item_collection.h"

#include <algorithm>

#include "index/index_writer.h"
#include "storage/keys.h"

namespace ddb::index {
namespace {

// The partition prefix naming the collection of `item` (which has the table's hash key).
std::string CollectionName(const TableDef& table, const Item& item) {
  return storage::PartitionPrefix(table.id, item.at(table.hash.name));
}

}  // namespace

bool HasItemCollections(const TableDef& table) {
  return std::any_of(table.indexes.begin(), table.indexes.end(),
                     [](const IndexDef& index) { return !index.global; });
}

int64_t CollectionBytes(const TableDef& table, const Item* item) {
  if (item == nullptr) return 0;
  auto bytes = static_cast<int64_t>(ItemSize(*item));
  std::string key;
  for (const IndexDef& index : table.indexes) {
    if (index.global || !EntryKey(table, index, *item, &key)) continue;
    bytes += static_cast<int64_t>(ItemSize(ProjectForIndex(table, index, *item)));
  }
  return bytes;
}

Result<std::optional<int64_t>> CheckCollection(const storage::Store& store, const TableDef& table,
                                               const Item* before, const Item* after,
                                               uint64_t limit) {
  if (!HasItemCollections(table)) return std::optional<int64_t>();
  if (before == nullptr && after == nullptr) return std::optional<int64_t>(0);
  const Item& any = after != nullptr ? *after : *before;
  DDB_ASSIGN_OR_RETURN(storage::TableCounters counters,
                       store.ReadCollectionCounters(CollectionName(table, any)));
  const int64_t current = counters.bytes;
  const int64_t delta = CollectionBytes(table, after) - CollectionBytes(table, before);
  // A change that shrinks the collection is always allowed, so a full collection can be emptied.
  if (delta > 0 && static_cast<uint64_t>(current + delta) > limit) {
    return ApiError::CollectionTooLarge();
  }
  return std::optional<int64_t>(std::max<int64_t>(0, current + delta));
}

void StageCollectionChange(const storage::Store& store, const TableDef& table, const Item* before,
                           const Item* after, rocksdb::WriteBatch* batch) {
  if (!HasItemCollections(table)) return;
  const Item& any = after != nullptr ? *after : *before;
  store.AddCollectionCounters(batch, CollectionName(table, any),
                              (after != nullptr ? 1 : 0) - (before != nullptr ? 1 : 0),
                              CollectionBytes(table, after) - CollectionBytes(table, before));
}

}  // namespace ddb::index
