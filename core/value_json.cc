#include "core/value_json.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_set>

#include "core/number.h"

namespace ddb {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// The service's deserializer's complaints (docs/notes/service-errors.md §1.6), for a member of
// scalar Java type `java_type` ("String", "Boolean") whose collection class is `java_class`
// ("java.lang.String") given `e`.
ApiError WrongType(element e, std::string_view java_type, std::string_view java_class) {
  std::string token;
  switch (e.type()) {
    case element_type::OBJECT:
      return ApiError::Serialization("Start of structure or map found where not expected");
    case element_type::ARRAY:
      return ApiError::Serialization("Unrecognized collection type class " +
                                     std::string(java_class));
    case element_type::STRING:
      token = "STRING_VALUE";
      break;
    case element_type::BOOL:
      token = e.get_bool().value() ? "TRUE_VALUE" : "FALSE_VALUE";
      break;
    case element_type::DOUBLE:
      token = "DECIMAL_VALUE";
      break;
    default:
      token = "NUMBER_VALUE";
      break;
  }
  return ApiError::Serialization(token + " cannot be converted to " + std::string(java_type));
}

// A list member (SS, NS, BS, L) or a map member (M) given something else.
ApiError NotACollection(element e, bool want_list) {
  if (e.is_object()) {
    return ApiError::Serialization("Start of structure or map found where not expected");
  }
  if (e.is_array() && !want_list) {
    return ApiError::Serialization(
        "Unrecognized collection type java.util.Map<java.lang.String, "
        "com.amazonaws.dynamodb.v20120810.AttributeValue>");
  }
  return ApiError::Serialization("Unexpected field type");
}

Result<std::string_view> AsString(element e) {
  std::string_view s;
  if (e.get(s) != simdjson::SUCCESS) return WrongType(e, "String", "java.lang.String");
  return s;
}

Result<std::string> DecodeBinary(element e) {
  std::string_view text;
  if (e.get(text) != simdjson::SUCCESS) {
    if (e.is_object() || e.is_array()) return WrongType(e, "Blob", "java.nio.ByteBuffer");
    return ApiError::Serialization("only base-64-encoded strings are convertible to bytes");
  }
  std::string bytes;
  if (text.size() % 4 != 0) {
    return ApiError::Serialization(
        "Base64 encoded length is expected a multiple of 4 bytes but found: " +
        std::to_string(text.size()));
  }
  if (!Base64Decode(text, &bytes)) {
    return ApiError::Serialization("Invalid last non-pad Base64 character dectected");  // sic
  }
  return bytes;
}

Result<std::string> DecodeNumber(element e) {
  DDB_ASSIGN_OR_RETURN(std::string_view text, AsString(e));
  auto n = Number::Parse(text);
  if (!n.ok()) return std::move(n).error();
  return n->ToString();
}

// A Boolean: JSON true/false, or (as the service's deserializer reads them) the strings true,
// false, yes, no, 1 and 0 in any case.
Result<bool> DecodeBool(element e) {
  bool b;
  if (e.get(b) == simdjson::SUCCESS) return b;
  std::string_view text;
  if (e.get(text) != simdjson::SUCCESS) return WrongType(e, "Boolean", "java.lang.Boolean");
  if (auto parsed = BooleanFromText(text)) return *parsed;
  return ApiError::Serialization("Unexpected token received from parser");
}

// "[a, b]": set members as the service echoes them (binary ones as sent, in base64).
std::string SetRender(const std::vector<std::string_view>& members) {
  std::string out = "[";
  for (size_t i = 0; i < members.size(); ++i) {
    if (i) out += ", ";
    out += members[i];
  }
  return out + "]";
}

Result<Value> DecodeSet(Type type, element e) {
  simdjson::dom::array arr;
  if (e.get(arr) != simdjson::SUCCESS) return NotACollection(e, true);
  std::vector<std::string> members;
  std::vector<std::string_view> sent;  // BS members as sent, for the duplicates message.
  for (element m : arr) {
    if (type == Type::kSS) {
      DDB_ASSIGN_OR_RETURN(std::string_view s, AsString(m));
      members.emplace_back(s);
    } else if (type == Type::kNS) {
      DDB_ASSIGN_OR_RETURN(std::string n, DecodeNumber(m));
      members.push_back(std::move(n));
    } else {
      DDB_ASSIGN_OR_RETURN(std::string b, DecodeBinary(m));
      members.push_back(std::move(b));
      sent.push_back(m.get_string().value());
    }
  }
  if (members.empty()) {
    return ApiError::Validation(
        type == Type::kSS
            ? "One or more parameter values were invalid: An string set  may not be empty"
        : type == Type::kNS
            ? "One or more parameter values were invalid: An number set  may not be empty"
            : "One or more parameter values were invalid: Binary sets should not be empty");
  }
  std::unordered_set<std::string_view> seen;
  for (const auto& m : members) {
    if (seen.insert(m).second) continue;
    // The service's three wordings (sic: no prefix for NS, no space before "of" for BS).
    if (type == Type::kSS) {
      return ApiError::Validation("One or more parameter values were invalid: Input collection " +
                                  SetRender({members.begin(), members.end()}) +
                                  " contains duplicates.");
    }
    if (type == Type::kNS) return ApiError::Validation("Input collection contains duplicates");
    return ApiError::Validation("One or more parameter values were invalid: Input collection " +
                                SetRender(sent) + "of type BS contains duplicates.");
  }
  return Value::Set(type, std::move(members));
}

// One member of an AttributeValue: `tag` is known, `v` its JSON value.
Result<Value> DecodeMember(std::string_view tag, element v, int depth) {
  if (tag == "S") {
    DDB_ASSIGN_OR_RETURN(std::string_view s, AsString(v));
    return Value::S(std::string(s));
  }
  if (tag == "N") {
    DDB_ASSIGN_OR_RETURN(std::string num, DecodeNumber(v));
    return Value::N(std::move(num));
  }
  if (tag == "B") {
    DDB_ASSIGN_OR_RETURN(std::string b, DecodeBinary(v));
    return Value::B(std::move(b));
  }
  if (tag == "BOOL") {
    DDB_ASSIGN_OR_RETURN(bool b, DecodeBool(v));
    return Value::Bool(b);
  }
  if (tag == "NULL") {
    DDB_ASSIGN_OR_RETURN(bool b, DecodeBool(v));
    if (!b) {
      return ApiError::Validation(
          "One or more parameter values were invalid: Null attribute value types must have the "
          "value of true");
    }
    return Value::Null();
  }
  if (tag == "M") {
    simdjson::dom::object m;
    if (v.get(m) != simdjson::SUCCESS) return NotACollection(v, false);
    Map map;
    for (auto member : m) {
      if (member.key.empty()) return ApiError::Validation("Empty attribute name");
      DDB_ASSIGN_OR_RETURN(Value child, DecodeValue(member.value, depth + 1));
      map.insert_or_assign(std::string(member.key), std::move(child));
    }
    return Value::OfMap(std::move(map));
  }
  if (tag == "L") {
    simdjson::dom::array a;
    if (v.get(a) != simdjson::SUCCESS) return NotACollection(v, true);
    List list;
    for (element e : a) {
      DDB_ASSIGN_OR_RETURN(Value child, DecodeValue(e, depth + 1));
      list.push_back(std::move(child));
    }
    return Value::OfList(std::move(list));
  }
  if (tag == "SS") return DecodeSet(Type::kSS, v);
  if (tag == "NS") return DecodeSet(Type::kNS, v);
  return DecodeSet(Type::kBS, v);
}

bool IsTypeTag(std::string_view tag) {
  static constexpr std::string_view kTags[] = {"S", "N", "B",  "BOOL", "NULL",
                                               "M", "L", "SS", "NS",   "BS"};
  return std::find(std::begin(kTags), std::end(kTags), tag) != std::end(kTags);
}

}  // namespace

Result<Value> DecodeValue(element json, int depth) {
  simdjson::dom::object obj;
  if (json.get(obj) != simdjson::SUCCESS) {
    if (json.is_null()) {
      return ApiError::Validation(
          "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }
    if (json.is_array()) {
      return ApiError::Serialization(
          "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
    }
    return ApiError::Serialization("Unexpected value type in payload");
  }
  if (depth > kMaxNestingDepth) {
    return ApiError::Validation(
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
        "beyond supported limit");
  }
  // As the service does: members it does not know (and null ones) are ignored, each type's own
  // checks come first, and only then is more than one type an error (so {"S": "a", "N": "x"}
  // reports the number).
  std::optional<Value> value;
  size_t types = 0;
  for (auto field : obj) {
    if (!IsTypeTag(field.key) || field.value.is_null()) continue;
    DDB_ASSIGN_OR_RETURN(Value v, DecodeMember(field.key, field.value, depth));
    if (types++ == 0) value = std::move(v);
  }
  if (types == 0) {
    return ApiError::Validation(
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  }
  if (types > 1) {
    return ApiError::Validation(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
        "supported datatypes");
  }
  return std::move(*value);
}

Result<Item> DecodeItemJson(element json) {
  simdjson::dom::object obj;
  if (json.get(obj) != simdjson::SUCCESS) return NotACollection(json, false);
  Item item;
  for (auto member : obj) {
    if (member.key.empty()) return ApiError::Validation("Empty attribute name");
    if (member.key.size() >= 65536) {
      return ApiError::Validation("Attribute name is too large, must be less than 65536 bytes");
    }
    DDB_ASSIGN_OR_RETURN(Value v, DecodeValue(member.value, 1));
    item.insert_or_assign(std::string(member.key), std::move(v));
  }
  return item;
}

void WriteValue(JsonWriter& w, const Value& v) {
  w.BeginObject();
  w.Key(TypeName(v.type));
  switch (v.type) {
    case Type::kS:
      w.String(v.scalar);
      break;
    case Type::kN:
      w.String(v.scalar);
      break;
    case Type::kB:
      w.String(Base64Encode(v.scalar));
      break;
    case Type::kBool:
      w.Bool(v.boolean);
      break;
    case Type::kNull:
      w.Bool(true);
      break;
    case Type::kM:
      WriteItem(w, v.map);
      break;
    case Type::kL:
      w.BeginArray();
      for (const auto& e : v.list) WriteValue(w, e);
      w.EndArray();
      break;
    case Type::kSS:
    case Type::kNS:
    case Type::kBS:
      w.BeginArray();
      for (const auto& m : v.set) w.String(v.type == Type::kBS ? Base64Encode(m) : m);
      w.EndArray();
      break;
  }
  w.EndObject();
}

void WriteItem(JsonWriter& w, const Item& item) {
  w.BeginObject();
  for (const auto& [name, v] : item) {
    w.Key(name);
    WriteValue(w, v);
  }
  w.EndObject();
}

std::optional<bool> BooleanFromText(std::string_view text) {
  auto is = [&](std::string_view word) {
    return text.size() == word.size() &&
           std::equal(text.begin(), text.end(), word.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == b;
           });
  };
  if (is("true") || is("yes") || is("1")) return true;
  if (is("false") || is("no") || is("0")) return false;
  return std::nullopt;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

namespace {

// The value of a base64 digit, or -1.
int Base64Digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Canonical base64, as the service's decoder wants it (EVP_DecodeBlock alone accepts more):
// digits, then at most two '=', and no bits set past the last byte.
bool IsCanonicalBase64(std::string_view text) {
  size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  const size_t digits = text.size() - pad;
  for (size_t i = 0; i < digits; ++i) {
    if (Base64Digit(text[i]) < 0) return false;
  }
  if (pad == 0 || digits == 0) return pad == 0;
  const int last = Base64Digit(text[digits - 1]);
  return (last & (pad == 1 ? 0x3 : 0xF)) == 0;
}

}  // namespace

bool Base64Decode(std::string_view text, std::string* out) {
  if (text.size() % 4 != 0 || !IsCanonicalBase64(text)) return false;
  out->assign(3 * (text.size() / 4), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out->data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return false;
  // EVP_DecodeBlock counts padding as zero bytes; drop them.
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') ++pad;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++pad;
  out->resize(static_cast<size_t>(n) - pad);
  return true;
}

}  // namespace ddb
