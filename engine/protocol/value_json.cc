#include "protocol/value_json.h"

#include <openssl/evp.h>

#include <algorithm>
#include <unordered_set>

#include "item/codec.h"
#include "item/number.h"

namespace ddb::protocol {
namespace {

using simdjson::dom::element;

ApiError NotAString(std::string_view what) {
  return ApiError::Serialization("Unexpected value type in payload; expected " + std::string(what));
}

Result<std::string_view> AsString(element e) {
  std::string_view s;
  if (e.get(s) != simdjson::SUCCESS) return NotAString("string");
  return s;
}

Result<std::string> DecodeBinary(element e) {
  DDB_ASSIGN_OR_RETURN(std::string_view text, AsString(e));
  std::string bytes;
  if (!Base64Decode(text, &bytes)) {
    return ApiError::Serialization(
        "Base64 encoded length is expected a multiple of 4 bytes but found: " +
        std::to_string(text.size()));
  }
  return bytes;
}

Result<std::string> DecodeNumber(element e) {
  DDB_ASSIGN_OR_RETURN(std::string_view text, AsString(e));
  auto n = Number::Parse(text);
  if (!n.ok()) return std::move(n).error();
  return n->ToString();
}

std::string SetRender(const std::vector<std::string>& members) {
  std::string out = "[";
  for (size_t i = 0; i < members.size(); ++i) {
    if (i) out += ", ";
    out += members[i];
  }
  return out + "]";
}

Result<Value> DecodeSet(Type type, element e) {
  simdjson::dom::array arr;
  if (e.get(arr) != simdjson::SUCCESS) return NotAString("list");
  std::vector<std::string> members;
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
    if (type == Type::kSS) {
      return ApiError::Validation("One or more parameter values were invalid: Input collection " +
                                  SetRender(members) + " contains duplicates");
    }
    if (type == Type::kNS) return ApiError::Validation("Input collection contains duplicates");
    return ApiError::Validation(
        "One or more parameter values were invalid: Input collection of type BS contains "
        "duplicates.");
  }
  return Value::Set(type, std::move(members));
}

}  // namespace

Result<Value> DecodeValue(element json, int depth) {
  simdjson::dom::object obj;
  if (json.get(obj) != simdjson::SUCCESS) return NotAString("an AttributeValue object");
  if (depth > kMaxNestingDepth) {
    return ApiError::Validation(
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
        "beyond supported limit");
  }
  size_t n = obj.size();
  if (n == 0) {
    return ApiError::Validation(
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  }
  if (n > 1) {
    return ApiError::Validation(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
        "supported datatypes");
  }
  auto field = *obj.begin();
  std::string_view tag = field.key;
  element v = field.value;
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
    bool b;
    if (v.get(b) != simdjson::SUCCESS) return NotAString("boolean");
    return Value::Bool(b);
  }
  if (tag == "NULL") {
    bool b;
    if (v.get(b) != simdjson::SUCCESS) return NotAString("boolean");
    if (!b) {
      return ApiError::Validation(
          "One or more parameter values were invalid: Null attribute value types must have the "
          "value of true");
    }
    return Value::Null();
  }
  if (tag == "M") {
    simdjson::dom::object m;
    if (v.get(m) != simdjson::SUCCESS) return NotAString("map");
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
    if (v.get(a) != simdjson::SUCCESS) return NotAString("list");
    List list;
    for (element e : a) {
      DDB_ASSIGN_OR_RETURN(Value child, DecodeValue(e, depth + 1));
      list.push_back(std::move(child));
    }
    return Value::OfList(std::move(list));
  }
  if (tag == "SS") return DecodeSet(Type::kSS, v);
  if (tag == "NS") return DecodeSet(Type::kNS, v);
  if (tag == "BS") return DecodeSet(Type::kBS, v);
  return ApiError::Validation(
      "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
}

Result<Item> DecodeItemJson(element json) {
  simdjson::dom::object obj;
  if (json.get(obj) != simdjson::SUCCESS) return NotAString("map");
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

namespace {

// Renders the walk of a stored item as WriteValue renders each value.
class JsonItemVisitor final : public ItemVisitor {
 public:
  explicit JsonItemVisitor(JsonWriter& w) : w_(w) {}

  void Name(std::string_view name) override { w_.Key(name); }
  void Scalar(Type type, std::string_view payload) override {
    w_.BeginObject();
    w_.Key(TypeName(type));
    w_.String(type == Type::kB ? Base64Encode(payload) : payload);
    w_.EndObject();
  }
  void Bool(bool value) override {
    w_.BeginObject();
    w_.MemberBool("BOOL", value);
    w_.EndObject();
  }
  void Null() override {
    w_.BeginObject();
    w_.MemberBool("NULL", true);
    w_.EndObject();
  }
  void Begin(Type type, size_t) override {
    set_type_ = type;
    w_.BeginObject();
    w_.Key(TypeName(type));
    if (type == Type::kM) {
      w_.BeginObject();
    } else {
      w_.BeginArray();
    }
  }
  void SetMember(std::string_view m) override {
    w_.String(set_type_ == Type::kBS ? Base64Encode(m) : m);
  }
  void End(Type type) override {
    if (type == Type::kM) {
      w_.EndObject();
    } else {
      w_.EndArray();
    }
    w_.EndObject();
  }

 private:
  JsonWriter& w_;
  Type set_type_ = Type::kSS;
};

}  // namespace

bool WriteEncodedItem(JsonWriter& w, std::string_view encoded) {
  JsonItemVisitor visitor(w);
  w.BeginObject();
  bool ok = WalkItem(encoded, &visitor);
  w.EndObject();
  return ok;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool Base64Decode(std::string_view text, std::string* out) {
  if (text.size() % 4 != 0) return false;
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

}  // namespace ddb::protocol
