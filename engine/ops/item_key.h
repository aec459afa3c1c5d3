// Extracting and validating an item's primary key against its table's schema.
#pragma once

#include "catalog/table_def.h"
#include "common/result.h"
#include "item/value.h"

namespace ddb::ops {

struct KeyRef {
  const Value* hash = nullptr;
  const Value* range = nullptr;  // Null for hash-only tables.
};

// For a Key parameter (GetItem, DeleteItem, UpdateItem, ExclusiveStartKey): exactly the key
// attributes, of the declared types, non-empty. Errors are DynamoDB's ValidationExceptions.
Result<KeyRef> ValidateKey(const TableDef& table, const Item& key);

// For a full item (PutItem): the key attributes present, of the declared types, non-empty; plus
// the item size limit (400 KB).
Result<KeyRef> ValidateItem(const TableDef& table, const Item& item);

// The storage key of the item identified by `key`.
std::string StorageKey(const TableDef& table, KeyRef key);

// The key attributes of `item` as a new item (LastEvaluatedKey).
Item KeyOf(const TableDef& table, const Item& item);

inline constexpr size_t kMaxItemSize = size_t{400} * 1024;

}  // namespace ddb::ops
