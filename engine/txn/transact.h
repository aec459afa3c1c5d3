// Multi-item atomic writes (TransactWriteItems) and consistent multi-item reads
// (TransactGetItems).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "catalog/table_def.h"
#include "core/result.h"
#include "ops/engine.h"
#include "txn/rmw.h"

namespace ddb::txn {

// One item of a transaction: where it is and how to change it (as for ReadModifyWrite; an
// apply that returns the current item unchanged writes nothing).
struct TransactionItem {
  const TableDef* table;
  std::string storage_key;
  ApplyFn apply;
};

struct TransactionOutcome {
  // Set when the transaction was cancelled: per item, its error or nullopt ("None").
  std::vector<std::optional<ApiError>> errors;
  std::vector<WriteResult> results;  // When committed: per item.
  bool committed() const { return errors.empty(); }
};

// Locks every item (in a global order, so transactions never deadlock), reads them, runs every
// apply, and either commits all changes in ONE durable write batch or, if any apply failed,
// writes nothing and reports every item's error. InternalServerError on a storage failure.
// Single-item writes take the same locks, so they never interleave with a transaction.
Result<TransactionOutcome> RunTransaction(ops::Engine& engine,
                                          const std::vector<TransactionItem>& items);

// Reads `keys` (storage keys) from one consistent snapshot. nullopt entries are absent items.
Result<std::vector<std::optional<Item>>> ReadSnapshot(ops::Engine& engine,
                                                      const std::vector<std::string>& keys);

}  // namespace ddb::txn
