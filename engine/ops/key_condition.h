// KeyConditionExpression: checked against the key schema and turned into a storage key range.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/table_def.h"
#include "core/result.h"
#include "expr/ast.h"

namespace ddb::ops {

// A Query's key condition: the partition key value and an optional sort key predicate. With a
// multi-attribute key: every partition key value, equalities on the first sort key attributes
// and a predicate on the next one.
struct KeyCondition {
  const Value* hash = nullptr;
  std::vector<const Value*> more_hash;  // The partition key's other values, in schema order.
  std::vector<const Value*> sort_eq;    // Values of the first sort key attributes, in order.
  // The predicate on sort key attribute sort_eq.size().
  enum class Sort { kNone, kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith } sort = Sort::kNone;
  const Value* a = nullptr;  // The predicate's value (lower bound for BETWEEN).
  const Value* b = nullptr;  // BETWEEN's upper bound.
};

// Checks `condition` is a valid key condition for `table` (equality on every partition key
// attribute, sort key attributes from the first with at most the last not an equality, values
// of the key types) with DynamoDB's messages.
Result<KeyCondition> AnalyzeKeyCondition(const expr::Condition& condition, const KeySchema& table);

// The [lower, upper) range of storage keys that satisfy `kc` in the table or index `id` with
// key schema `keys` (index entries encode their sort key self-delimited, see storage/keys.h).
void KeyRange(uint64_t id, const KeySchema& keys, bool is_index, const KeyCondition& kc,
              std::string* lower, std::string* upper);

// The smallest key greater than every key that starts with `prefix` ("" if there is none).
std::string PrefixSuccessor(std::string prefix);

}  // namespace ddb::ops
