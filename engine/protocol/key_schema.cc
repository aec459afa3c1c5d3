// Key schemas of CreateTable and of new global secondary indexes, checked against the attribute
// definitions as the service checks them (docs/notes/service-errors.md §2.1). The JSON types,
// presence and KeyType enum were checked before by protocol/shape.h.
#include <algorithm>

#include "protocol/table_fields.h"

namespace ddb::protocol {
namespace {

// A multi-attribute key's partition or sort key: at most this many attributes.
constexpr size_t kMaxKeyAttributes = 4;

const AttributeDefinition* FindDefinition(const std::vector<AttributeDefinition>& defs,
                                          const std::string& name) {
  for (const auto& d : defs) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

std::string NameList(const std::vector<std::string>& names) {
  std::string s = "[";
  for (size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s + "]";
}

// A global index's key: up to four HASH elements, then up to four RANGE elements (the service's
// words: docs/notes/service-errors.md §2.1).
Status CheckMultiAttributeKeys(const std::vector<KeyElement>& keys) {
  size_t hash = 0, range = 0;
  for (const auto& k : keys) {
    if (k.type == "HASH" && range > 0) {
      return Invalid("All HASH key attributes must precede RANGE key attributes in the KeySchema");
    }
    ++(k.type == "HASH" ? hash : range);
  }
  for (auto [count, type] : {std::pair{hash, "HASH"}, std::pair{range, "RANGE"}}) {
    if (count > kMaxKeyAttributes) {
      return Invalid(std::string("The KeySchema exceeds the maximum allowed number of ") + type +
                     " key attributes");
    }
  }
  return Status::OK();
}

}  // namespace

std::vector<KeyElement> ReadKeySchema(simdjson::dom::array arr) {
  std::vector<KeyElement> keys;
  for (simdjson::dom::element e : arr) {
    simdjson::dom::object o;
    if (e.get(o) != simdjson::SUCCESS) continue;
    KeyElement k;
    std::string_view s;
    if (o["AttributeName"].get(s) == simdjson::SUCCESS) k.name = std::string(s);
    if (o["KeyType"].get(s) == simdjson::SUCCESS) k.type = std::string(s);
    keys.push_back(std::move(k));
  }
  return keys;
}

Status CheckKeySchema(const std::vector<KeyElement>& keys,
                      const std::vector<AttributeDefinition>& defs, bool global, KeySchema* out) {
  std::vector<std::string> key_names, defined;
  for (const auto& k : keys) key_names.push_back(k.name);
  for (const auto& d : defs) defined.push_back(d.name);
  for (const auto& k : keys) {
    if (!FindDefinition(defs, k.name)) {
      return Invalid(
          "One or more parameter values were invalid: Some index key attributes are not defined "
          "in AttributeDefinitions. Keys: " +
          NameList(key_names) + ", AttributeDefinitions: " + NameList(defined));
    }
  }
  // The service's older words for a hash and range key of one name; two HASH elements of one
  // name (a multi-attribute key) get the general message below.
  if (keys.size() == 2 && keys[0].name == keys[1].name && keys[1].type != "HASH") {
    return Invalid(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (keys[i].name == keys[j].name) {
        return Invalid("The KeySchema contains multiple key attributes with the same name");
      }
    }
  }
  if (keys.empty() || keys[0].type != "HASH") {
    return Invalid("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (!global) {
    // A table's or local index's schema has at most two elements (checked by protocol/shape.h).
    if (keys.size() == 2 && keys[1].type != "RANGE") {
      return Invalid("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }
  } else {
    DDB_RETURN_IF_ERROR(CheckMultiAttributeKeys(keys));
  }
  *out = KeySchema{};
  for (size_t i = 0; i < keys.size(); ++i) {  // HASH elements first, as checked above
    KeyAttribute attr{keys[i].name, FindDefinition(defs, keys[i].name)->type};
    if (i == 0) {
      out->hash = std::move(attr);
    } else if (keys[i].type == "HASH") {
      out->more_hash.push_back(std::move(attr));
    } else if (!out->range) {
      out->range = std::move(attr);
    } else {
      out->more_range.push_back(std::move(attr));
    }
  }
  return Status::OK();
}

}  // namespace ddb::protocol
