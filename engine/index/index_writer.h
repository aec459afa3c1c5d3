// Secondary-index maintenance: the index entries of an item, kept in the same write batch as
// the item itself, so that after a crash an index never disagrees with its table.
#pragma once

#include <rocksdb/write_batch.h>

#include <string>
#include <vector>

#include "catalog/table_def.h"
#include "core/result.h"
#include "storage/store.h"

namespace ddb::index {

// The write capacity one item change cost in one index (only indexes the change touched).
struct IndexUnits {
  const IndexDef* index;
  double units;
};

// Projects `item` as `index` stores it: everything (ALL), or the table and index keys plus the
// INCLUDEd attributes.
Item ProjectForIndex(const TableDef& table, const IndexDef& index, const Item& item);

// The entry key of `item` in `index`. False if the item lacks an index key attribute: such an
// item is not in the index (sparse indexes).
bool EntryKey(const TableDef& table, const IndexDef& index, const Item& item, std::string* key);

// Checks the index key attributes present in `item`: of the declared type and non-empty.
// `from_update` selects DynamoDB's UpdateItem wording.
Status ValidateIndexKeys(const TableDef& table, const Item& item, bool from_update);

// Adds to `batch` the index changes that take `before` to `after` (either may be null) and the
// indexes' counter deltas; appends the write units per touched index to `units`. For an index
// still being backfilled, the old entry is looked up rather than assumed. The caller holds the
// item's lock. Fails only on a storage read error.
Status UpdateIndexes(const storage::Store& store, const TableDef& table, const Item* before,
                     const Item* after, rocksdb::WriteBatch* batch, std::vector<IndexUnits>* units);

}  // namespace ddb::index
