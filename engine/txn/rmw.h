// ReadModifyWrite: one item's write (PutItem, UpdateItem, DeleteItem, each write of a
// BatchWriteItem, a time-to-live deletion), as a commit of one change (txn/commit.h): under the
// item's lock it reads the current item, applies, and writes the item with its counters, index
// entries and stream record in one durable batch, or nothing if the item is unchanged. Holding
// the lock from read to write makes conditional writes to one item linearizable, and
// transactions take the same locks, so the two never interleave.
#pragma once

#include <string>

#include "txn/commit.h"

namespace ddb::txn {

// Runs one read-modify-write of the item stored under `storage_key` of `table`.
// InternalServerError if the store fails; otherwise whatever `apply` returns.
// `by_ttl` marks the change as a time-to-live deletion in its stream record.
Result<WriteResult> ReadModifyWrite(Engine& engine, const TableDef& table,
                                    const std::string& storage_key, const ApplyFn& apply,
                                    bool by_ttl = false);

}  // namespace ddb::txn
