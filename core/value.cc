#include "core/value.h"

#include <algorithm>

#include "core/number.h"

namespace ddb {

std::string_view TypeName(Type t) {
  switch (t) {
    case Type::kS:
      return "S";
    case Type::kN:
      return "N";
    case Type::kB:
      return "B";
    case Type::kBool:
      return "BOOL";
    case Type::kNull:
      return "NULL";
    case Type::kM:
      return "M";
    case Type::kL:
      return "L";
    case Type::kSS:
      return "SS";
    case Type::kNS:
      return "NS";
    case Type::kBS:
      return "BS";
  }
  return "?";
}

std::string_view LongTypeName(Type t) {
  switch (t) {
    case Type::kS:
      return "STRING";
    case Type::kN:
      return "NUMBER";
    case Type::kB:
      return "BINARY";
    case Type::kBool:
      return "BOOLEAN";
    case Type::kNull:
      return "NULL";
    case Type::kM:
      return "MAP";
    case Type::kL:
      return "LIST";
    case Type::kSS:
      return "STRING_SET";
    case Type::kNS:
      return "NUMBER_SET";
    case Type::kBS:
      return "BINARY_SET";
  }
  return "?";
}

bool Value::operator==(const Value& o) const {
  if (type != o.type) return false;
  switch (type) {
    case Type::kS:
    case Type::kN:
    case Type::kB:
      return scalar == o.scalar;
    case Type::kBool:
      return boolean == o.boolean;
    case Type::kNull:
      return true;
    case Type::kM:
      return map == o.map;
    case Type::kL:
      return list == o.list;
    case Type::kSS:
    case Type::kNS:
    case Type::kBS:
      return set.size() == o.set.size() &&
             std::all_of(set.begin(), set.end(), [&](const std::string& m) {
               return std::find(o.set.begin(), o.set.end(), m) != o.set.end();
             });
  }
  return false;
}

// DynamoDB charges a number by its significant digits: one byte per two digits, plus one.
// `canonical` is Number::ToString() output, so it has no exponent and no trailing fractional
// zeros; counting its digits without leading zeros and trailing integer zeros is exact.
size_t NumberSize(std::string_view canonical) {
  size_t first = canonical.find_first_of("123456789");
  if (first == std::string_view::npos) return 1;  // Zero.
  size_t last = canonical.find_last_of("123456789");
  size_t digits = last - first + 1;
  if (canonical.find('.', first) < last) --digits;  // The decimal point between them.
  return (digits + 1) / 2 + 1;
}

size_t ValueSize(const Value& v) {
  switch (v.type) {
    case Type::kS:
    case Type::kB:
      return v.scalar.size();
    case Type::kN:
      return NumberSize(v.scalar);
    case Type::kBool:
    case Type::kNull:
      return 1;
    case Type::kSS:
    case Type::kBS: {
      size_t total = 0;
      for (const auto& m : v.set) total += m.size();
      return total;
    }
    case Type::kNS: {
      size_t total = 0;
      for (const auto& m : v.set) total += NumberSize(m);
      return total;
    }
    case Type::kL: {
      size_t total = 3;  // List and map overhead, plus one byte per element.
      for (const auto& e : v.list) total += ValueSize(e) + 1;
      return total;
    }
    case Type::kM: {
      size_t total = 3;
      for (const auto& [name, e] : v.map) total += name.size() + ValueSize(e) + 1;
      return total;
    }
  }
  return 0;
}

size_t ItemSize(const Item& item) {
  size_t total = 0;
  for (const auto& [name, v] : item) total += name.size() + ValueSize(v);
  return total;
}

int CompareScalar(const Value& a, const Value& b) {
  if (a.type == Type::kN) {
    auto x = Number::Parse(a.scalar), y = Number::Parse(b.scalar);
    if (x.ok() && y.ok()) return x->Compare(*y);
  }
  int c = a.scalar.compare(b.scalar);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::string StringOf(const Item& item, std::string_view name) {
  auto it = item.find(name);
  if (it == item.end() || it->second.type != Type::kS) return "";
  return it->second.scalar;
}

}  // namespace ddb
