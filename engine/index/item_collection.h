// Item collections. In a table with local secondary indexes, the items sharing one partition key
// value, together with their entries in the local indexes, form an item collection, which
// DynamoDB caps at 10 GB (ItemCollectionSizeLimitExceededException) and reports in
// ItemCollectionMetrics. Each collection's item count and bytes are kept exact by counters
// updated in the same write batch as the item (storage/store.h); tables without local indexes
// keep none. Thread-safe (stateless); the caller holds the item's lock.
#pragma once

#include <rocksdb/write_batch.h>

#include <cstdint>
#include <optional>

#include "catalog/table_def.h"
#include "core/result.h"
#include "storage/store.h"

namespace ddb::index {

// DynamoDB's limit on an item collection.
inline constexpr uint64_t kItemCollectionLimit = uint64_t{10} << 30;

// True if `table` has item collections (a local secondary index).
bool HasItemCollections(const TableDef& table);

// The bytes `item` adds to its collection: its size plus its entry in each local index that
// holds it. 0 for null.
int64_t CollectionBytes(const TableDef& table, const Item* item);

// The size of the collection of the item changing from `before` to `after` once the change is
// made (0 if both are null), or ItemCollectionSizeLimitExceededException if the change would grow
// it past `limit` bytes. nullopt for tables without item collections.
Result<std::optional<int64_t>> CheckCollection(const storage::Store& store, const TableDef& table,
                                               const Item* before, const Item* after,
                                               uint64_t limit);

// Adds the counter change of the collection of `before` -> `after` to `batch`.
void StageCollectionChange(const storage::Store& store, const TableDef& table, const Item* before,
                           const Item* after, rocksdb::WriteBatch* batch);

}  // namespace ddb::index
