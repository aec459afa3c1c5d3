// Value: one DynamoDB AttributeValue, and Item, the top-level map of an item.
//
// Values are plain data (thread-compatible). Numbers are held as their canonical text (see
// Number::ToString) so equality of text is numeric equality; set members are held canonical and
// free of duplicates, in insertion order. Type numbers are written to disk by item/codec.cc:
// never renumber them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ddb {

enum class Type : uint8_t {
  kS = 1,
  kN = 2,
  kB = 3,
  kBool = 4,
  kNull = 5,
  kM = 6,
  kL = 7,
  kSS = 8,
  kNS = 9,
  kBS = 10,
};

// The short type name DynamoDB uses on the wire and in messages ("S", "NS", "BOOL", ...).
std::string_view TypeName(Type t);
// The long type name of some messages ("STRING", "NUMBER_SET", ...).
std::string_view LongTypeName(Type t);

struct Value;
using Map = std::map<std::string, Value, std::less<>>;
using List = std::vector<Value>;
using Item = Map;

struct Value {
  Type type = Type::kNull;
  bool boolean = false;          // kBool.
  std::string scalar;            // kS, kN (canonical), kB (raw bytes).
  std::vector<std::string> set;  // kSS, kNS (canonical), kBS.
  List list;                     // kL.
  Map map;                       // kM.

  static Value S(std::string s) { return Scalar(Type::kS, std::move(s)); }
  static Value N(std::string canonical) { return Scalar(Type::kN, std::move(canonical)); }
  static Value B(std::string bytes) { return Scalar(Type::kB, std::move(bytes)); }
  static Value Bool(bool b) {
    Value v;
    v.type = Type::kBool;
    v.boolean = b;
    return v;
  }
  static Value Null() { return Value(); }
  static Value OfMap(Map m) {
    Value v;
    v.type = Type::kM;
    v.map = std::move(m);
    return v;
  }
  static Value OfList(List l) {
    Value v;
    v.type = Type::kL;
    v.list = std::move(l);
    return v;
  }
  static Value Set(Type t, std::vector<std::string> members) {
    Value v;
    v.type = t;
    v.set = std::move(members);
    return v;
  }

  bool is_set() const { return type == Type::kSS || type == Type::kNS || type == Type::kBS; }
  bool is_scalar() const { return type == Type::kS || type == Type::kN || type == Type::kB; }

  // Deep equality as DynamoDB defines it: sets compare as sets (order ignored).
  bool operator==(const Value& other) const;

 private:
  static Value Scalar(Type t, std::string s) {
    Value v;
    v.type = t;
    v.scalar = std::move(s);
    return v;
  }
};

// The text of string (S) attribute `name` of `item`; "" when it is absent or of another type.
std::string StringOf(const Item& item, std::string_view name);

// DynamoDB's size of a value in bytes, as used for the 400 KB item limit and capacity units.
size_t ValueSize(const Value& v);
// The size of an item: the sum over attributes of name length plus value size.
size_t ItemSize(const Item& item);
// The size DynamoDB counts for a number given as its canonical text (Number::ToString()):
// one byte per two significant digits, plus one.
size_t NumberSize(std::string_view canonical);

// Orders two values of the same scalar type (S, N, B) as DynamoDB sorts keys: S and B by bytes,
// N numerically. REQUIRES: a.type == b.type and both scalar.
int CompareScalar(const Value& a, const Value& b);

}  // namespace ddb
