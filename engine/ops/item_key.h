// Extracting and validating an item's primary key against its table's schema.
#pragma once

#include "catalog/table_def.h"
#include "core/result.h"
#include "core/value.h"

namespace ddb::ops {

struct KeyRef {
  const Value* hash = nullptr;
  const Value* range = nullptr;  // Null for hash-only tables.
};

// For a Key parameter (GetItem, DeleteItem, UpdateItem, BatchGetItem, TransactGetItems, a
// ConditionCheck, ExclusiveStartKey): exactly the key attributes, of the declared types, non-empty,
// within the key size limits. Errors are DynamoDB's ValidationExceptions ("The provided key element
// does not match the schema", ...).
// The KeyRef points into `key`, which must outlive it (hence no temporaries).
Result<KeyRef> ValidateKey(const TableDef& table, const Item& key);
Result<KeyRef> ValidateKey(const TableDef& table, Item&& key) = delete;

// One attribute of a Key parameter, as ValidateKey checks it (`is_hash`: the partition key of its
// key schema, whose size limit is larger).
Status ValidateKeyAttribute(const KeyAttribute& attr, const Value& v, bool is_hash);

// For a full item (PutItem): the key attributes present, of the declared types, non-empty, within
// the key size limits, and index key attributes of their declared types.
Result<KeyRef> ValidateItem(const TableDef& table, const Item& item);
Result<KeyRef> ValidateItem(const TableDef& table, Item&& item) = delete;

// The item size limit (400 KB). It needs no table, so DynamoDB checks it before the table lookup.
Status CheckItemSize(const Item& item);

// The storage key of the item identified by `key`.
std::string StorageKey(const TableDef& table, KeyRef key);

// The key attributes of `item` as a new item (LastEvaluatedKey).
Item KeyOf(const TableDef& table, const Item& item);

inline constexpr size_t kMaxItemSize = size_t{400} * 1024;

}  // namespace ddb::ops
