// Consistent multi-item reads (TransactGetItems): every item from one RocksDB snapshot. (The
// multi-item writes are txn/commit.h's.)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "state/engine.h"

namespace ddb::txn {

// Reads `keys` (storage keys) from one consistent snapshot. nullopt entries are absent items.
Result<std::vector<std::optional<Item>>> ReadSnapshot(Engine& engine,
                                                      const std::vector<std::string>& keys);

}  // namespace ddb::txn
