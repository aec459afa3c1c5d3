#include "ops/item_key.h"

#include "index/index_writer.h"
#include "storage/keys.h"

namespace ddb::ops {
namespace {

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

// One key attribute's value: a scalar of the declared type, non-empty, within the size limits.
Status CheckKeyValue(const KeyAttribute& attr, const Value& v, bool is_hash) {
  if (!v.is_scalar()) return Invalid("Invalid attribute value type");
  if (v.type != attr.type)
    return Invalid("One or more parameter values were invalid: Type mismatch for key");
  if (v.scalar.empty()) {
    return Invalid(std::string("One or more parameter values are not valid. The AttributeValue for "
                               "a key attribute cannot contain an empty ") +
                   (v.type == Type::kB ? "binary" : "string") + " value. Key: " + attr.name);
  }
  if (is_hash && v.scalar.size() > 2048) {
    return Invalid(
        "Hash primary key values must be under 2048 bytes, and range primary key values must be "
        "under 1024 bytes");
  }
  if (!is_hash && v.scalar.size() > 1024) {
    return Invalid(
        "Hash primary key values must be under 2048 bytes, and range primary key values must be "
        "under 1024 bytes");
  }
  return Status::OK();
}

// Finds the key attributes in `attrs`; "One of the required keys was not given a value" if absent.
Result<KeyRef> FindKey(const TableDef& table, const Item& attrs) {
  KeyRef ref;
  auto h = attrs.find(table.hash.name);
  if (h == attrs.end()) return Invalid("One of the required keys was not given a value");
  ref.hash = &h->second;
  if (table.range) {
    auto r = attrs.find(table.range->name);
    if (r == attrs.end()) return Invalid("One of the required keys was not given a value");
    ref.range = &r->second;
  }
  DDB_RETURN_IF_ERROR(CheckKeyValue(table.hash, *ref.hash, true));
  if (ref.range) DDB_RETURN_IF_ERROR(CheckKeyValue(*table.range, *ref.range, false));
  return ref;
}

}  // namespace

Result<KeyRef> ValidateKey(const TableDef& table, const Item& key) {
  if (key.size() != (table.range ? 2u : 1u)) {
    return Invalid("The number of conditions on the keys is invalid");
  }
  return FindKey(table, key);
}

Result<KeyRef> ValidateItem(const TableDef& table, const Item& item) {
  DDB_ASSIGN_OR_RETURN(KeyRef ref, FindKey(table, item));
  DDB_RETURN_IF_ERROR(index::ValidateIndexKeys(table, item, false));
  if (ItemSize(item) > kMaxItemSize) {
    return Invalid("Item size has exceeded the maximum allowed size");
  }
  return ref;
}

std::string StorageKey(const TableDef& table, KeyRef key) {
  return storage::ItemKey(table.id, *key.hash, key.range);
}

Item KeyOf(const TableDef& table, const Item& item) {
  Item key;
  if (auto it = item.find(table.hash.name); it != item.end()) key.emplace(*it);
  if (table.range) {
    if (auto it = item.find(table.range->name); it != item.end()) key.emplace(*it);
  }
  return key;
}

}  // namespace ddb::ops
