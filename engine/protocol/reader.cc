#include "protocol/reader.h"

#include "core/value_json.h"
#include "protocol/shape.h"

namespace ddb::protocol {
namespace {

ApiError WrongType(std::string_view key, std::string_view expected) {
  return ApiError::Serialization("Unexpected value type in payload for " + std::string(key) +
                                 "; expected " + std::string(expected));
}

// The first member of `obj` whose value fails to decode.
std::string FirstInvalidKey(simdjson::dom::element obj) {
  simdjson::dom::object o;
  if (obj.get(o) != simdjson::SUCCESS) return "";
  for (auto member : o) {
    if (!DecodeValue(member.value, 1).ok()) return std::string(member.key);
  }
  return "";
}

}  // namespace

std::optional<simdjson::dom::element> FieldReader::Find(std::string_view key) const {
  simdjson::dom::element e;
  if (obj_.at_key(key).get(e) != simdjson::SUCCESS || e.is_null()) return std::nullopt;
  return e;
}

bool FieldReader::Has(std::string_view key) const { return Find(key).has_value(); }

Result<std::optional<std::string>> FieldReader::String(std::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<std::string>();
  std::string_view s;
  if (e->get(s) != simdjson::SUCCESS) return WrongType(key, "string");
  return std::optional<std::string>(std::string(s));
}

Result<std::optional<int64_t>> FieldReader::Int(std::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<int64_t>();
  int64_t v;
  if (e->get(v) == simdjson::SUCCESS) return std::optional<int64_t>(v);
  uint64_t u;
  if (e->get(u) == simdjson::SUCCESS) return std::optional<int64_t>(INT64_MAX);
  double d;
  if (e->get(d) == simdjson::SUCCESS) return std::optional<int64_t>(SaturatingInt64(d));
  return WrongType(key, "number");
}

Result<std::optional<bool>> FieldReader::Bool(std::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<bool>();
  bool b;
  if (e->get(b) == simdjson::SUCCESS) return std::optional<bool>(b);
  std::string_view text;
  if (e->get(text) == simdjson::SUCCESS) {
    if (auto parsed = BooleanFromText(text)) return parsed;  // "yes", "0", ... as the service
  }
  return WrongType(key, "boolean");
}

Result<std::optional<Item>> FieldReader::ItemMap(std::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<Item>();
  if (!e->is_object()) return WrongType(key, "map");
  auto item = DecodeItemJson(*e);
  if (!item.ok()) {
    // DynamoDB names the placeholder whose value is invalid.
    if (key == "ExpressionAttributeValues" && item.error().kind == ErrorKind::kValidation) {
      return ApiError::Validation("ExpressionAttributeValues contains invalid value: " +
                                  item.error().message + " for key " + FirstInvalidKey(*e));
    }
    return std::move(item).error();
  }
  return std::optional<Item>(std::move(item).value());
}

Result<std::optional<Value>> FieldReader::AttributeValue(std::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<Value>();
  DDB_ASSIGN_OR_RETURN(Value v, DecodeValue(*e, 1));
  return std::optional<Value>(std::move(v));
}

Result<std::optional<expr::NameMap>> FieldReader::Names(std::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<expr::NameMap>();
  simdjson::dom::object obj;
  if (e->get(obj) != simdjson::SUCCESS) return WrongType(key, "map");
  expr::NameMap names;
  for (auto member : obj) {
    std::string_view s;
    if (member.value.get(s) != simdjson::SUCCESS) return WrongType(key, "string");
    names.emplace(std::string(member.key), std::string(s));
  }
  return std::optional<expr::NameMap>(std::move(names));
}

Result<std::optional<simdjson::dom::object>> FieldReader::Object(std::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<simdjson::dom::object>();
  simdjson::dom::object obj;
  if (e->get(obj) != simdjson::SUCCESS) return WrongType(key, "structure");
  return std::optional<simdjson::dom::object>(obj);
}

Result<std::optional<simdjson::dom::array>> FieldReader::Array(std::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<simdjson::dom::array>();
  simdjson::dom::array arr;
  if (e->get(arr) != simdjson::SUCCESS) return WrongType(key, "list");
  return std::optional<simdjson::dom::array>(arr);
}

int64_t SaturatingInt64(double d) {
  if (!(d == d)) return 0;  // NaN cannot come from JSON, but costs nothing to rule out
  if (d >= 9.2233720368547758e18) return INT64_MAX;
  if (d <= -9.2233720368547758e18) return INT64_MIN;
  return static_cast<int64_t>(d);
}

Result<std::string> TableNameOf(const std::optional<std::string>& name) {
  if (!name) {
    return ApiError::Validation(
        "The parameter 'TableName' is required but was not present in the request");
  }
  if (!name->starts_with("arn:")) return *name;
  // arn:<partition>:dynamodb:<region>:<account>:table/<name>
  std::vector<std::string_view> parts;
  std::string_view rest = *name;
  for (int i = 0; i < 5; ++i) {
    size_t colon = rest.find(':');
    if (colon == std::string_view::npos) break;
    parts.push_back(rest.substr(0, colon));
    rest.remove_prefix(colon + 1);
  }
  std::string_view table = rest.starts_with("table/") ? rest.substr(6) : std::string_view();
  bool ok = parts.size() == 5 && parts[2] == "dynamodb" && !parts[3].empty() && table.size() >= 3 &&
            table.size() <= 255;
  for (char c : table) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.');
  }
  if (!ok) {
    return ApiError::Validation("Invalid TableArn: Invalid ResourceArn provided as input " + *name);
  }
  return std::string(table);
}

}  // namespace ddb::protocol
