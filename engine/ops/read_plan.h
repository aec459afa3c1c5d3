// ReadPlan: a Query or Scan request checked and turned into one key-range iteration over the
// table's items or one of its secondary indexes.
#pragma once

#include <rocksdb/db.h>

#include <optional>
#include <string>
#include <vector>

#include "catalog/table_def.h"
#include "core/result.h"
#include "expr/ast.h"
#include "ops/key_condition.h"
#include "protocol/requests.h"
#include "storage/store.h"

namespace ddb::ops {

struct ReadPlan {
  const TableDef* table = nullptr;
  const IndexDef* index = nullptr;  // Null when reading the table itself.
  const KeySchema* keys = nullptr;  // The key schema of what is read: table or index.
  rocksdb::ColumnFamilyHandle* cf = nullptr;
  uint64_t id = 0;  // Table or index id (the key prefix).
  std::optional<expr::Condition> key_condition;
  std::optional<expr::Condition> filter;
  std::vector<expr::Path> projection;
  KeyCondition key_range;
  std::string lower, upper;  // Storage key range to iterate.
  std::string start_after;   // Encoded ExclusiveStartKey, or empty.
  bool count_only = false;
  bool fetch_from_table = false;  // A local index read that needs unprojected attributes.
};

// Validates `req` against `table` (index, Select, expressions, key condition, start key) with
// DynamoDB's messages, and computes the key range. The plan points into `req` and `table`,
// which must outlive it.
Result<ReadPlan> PlanRead(const protocol::ReadRequest& req, const TableDef& table,
                          const storage::Store& store);

// The LastEvaluatedKey of `item` read through `plan`: the table's key attributes, plus the
// index's when reading an index.
Item LastKeyOf(const ReadPlan& plan, const Item& item);

}  // namespace ddb::ops
