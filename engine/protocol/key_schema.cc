// Key schemas of CreateTable and of new global secondary indexes, checked against the attribute
// definitions as the service checks them (docs/notes/service-errors.md §2.1). The JSON types,
// presence and KeyType enum were checked before by protocol/shape.h.
#include <algorithm>

#include "protocol/table_fields.h"

namespace ddb::protocol {
namespace {

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
                      const std::vector<AttributeDefinition>& defs, KeySchema* out) {
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
  if (keys.size() >= 2 && keys[0].name == keys[1].name) {
    return Invalid(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  if (keys.empty() || keys[0].type != "HASH") {
    return Invalid("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (keys.size() >= 2 && keys[1].type != "RANGE") {
    return Invalid("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  if (keys.size() > 2) {
    // Multi-attribute keys are for global secondary indexes only (not yet served here).
    return Invalid(
        "Key Schema too big.  Key Schema must at most consist of the hash and range key of a "
        "table");
  }
  out->hash = {keys[0].name, FindDefinition(defs, keys[0].name)->type};
  out->range.reset();
  if (keys.size() == 2)
    out->range = KeyAttribute{keys[1].name, FindDefinition(defs, keys[1].name)->type};
  return Status::OK();
}

}  // namespace ddb::protocol
