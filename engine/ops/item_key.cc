#include "ops/item_key.h"

#include "index/index_writer.h"
#include "storage/keys.h"

namespace ddb::ops {
namespace {

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

// The service's wording for a Key parameter whose attributes are not exactly the key's, or not of
// its types (GetItem, DeleteItem, UpdateItem, BatchGetItem; docs/notes/service-errors.md §2.6).
constexpr std::string_view kKeyMismatch = "The provided key element does not match the schema";

std::string_view EmptyKind(const Value& v) { return v.type == Type::kB ? "binary" : "string"; }

// The key size limits: 2048 bytes for a partition key, 1024 for a sort key (the service's words,
// "limit of2048" sic; numbers are always within them).
Status CheckKeySize(const Value& v, bool is_hash) {
  if (v.type == Type::kN) return Status::OK();
  if (is_hash && v.scalar.size() > 2048) {
    return Invalid(
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size "
        "limit of2048 bytes");
  }
  if (!is_hash && v.scalar.size() > 1024) {
    return Invalid(
        "One or more parameter values were invalid: Aggregated size of all range keys has exceeded "
        "the size limit of 1024 bytes");
  }
  return Status::OK();
}

// A key attribute of a full item (PutItem): the service names the attribute and the types.
Status CheckItemKeyAttribute(const KeyAttribute& attr, const Item& item, bool is_hash,
                             const Value** out) {
  auto it = item.find(attr.name);
  if (it == item.end()) {
    return Invalid("One or more parameter values were invalid: Missing the key " + attr.name +
                   " in the item");
  }
  const Value& v = it->second;
  if (v.type != attr.type) {
    return Invalid("One or more parameter values were invalid: Type mismatch for key " + attr.name +
                   " expected: " + std::string(TypeName(attr.type)) +
                   " actual: " + std::string(TypeName(v.type)));
  }
  // PutItem's wording differs from the Key parameter's ("are not valid." here).
  if (v.scalar.empty()) {
    return Invalid(
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty " +
        std::string(EmptyKind(v)) + " value. Key: " + attr.name);
  }
  DDB_RETURN_IF_ERROR(CheckKeySize(v, is_hash));
  *out = &v;
  return Status::OK();
}

}  // namespace

Status ValidateKeyAttribute(const KeyAttribute& attr, const Value& v, bool is_hash) {
  if (v.type != attr.type) return Invalid(std::string(kKeyMismatch));
  if (v.scalar.empty()) {
    return Invalid(
        "One or more parameter values were invalid: The AttributeValue for a key attribute "
        "cannot contain an empty " +
        std::string(EmptyKind(v)) + " value. Key: " + attr.name);
  }
  return CheckKeySize(v, is_hash);
}

Result<KeyRef> ValidateKey(const TableDef& table, const Item& key) {
  if (key.size() != (table.range ? 2u : 1u)) return Invalid(std::string(kKeyMismatch));
  KeyRef ref;
  for (const KeyAttribute* attr : {&table.hash, table.range ? &*table.range : nullptr}) {
    if (attr == nullptr) continue;
    auto it = key.find(attr->name);
    if (it == key.end()) return Invalid(std::string(kKeyMismatch));
    const bool is_hash = attr == &table.hash;
    DDB_RETURN_IF_ERROR(ValidateKeyAttribute(*attr, it->second, is_hash));
    (is_hash ? ref.hash : ref.range) = &it->second;
  }
  return ref;
}

Result<KeyRef> ValidateItem(const TableDef& table, const Item& item) {
  KeyRef ref;
  DDB_RETURN_IF_ERROR(CheckItemKeyAttribute(table.hash, item, true, &ref.hash));
  if (table.range)
    DDB_RETURN_IF_ERROR(CheckItemKeyAttribute(*table.range, item, false, &ref.range));
  DDB_RETURN_IF_ERROR(index::ValidateIndexKeys(table, item, false));
  return ref;
}

Status CheckItemSize(const Item& item) {
  if (ItemSize(item) > kMaxItemSize) {
    return Invalid("Item size has exceeded the maximum allowed size");
  }
  return Status::OK();
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
