// The constraint walk of the service's validation layer: "Value 'x' at 'path' failed to satisfy
// constraint: Member must ...", in member order, values rendered as the service's Java model
// prints them. Wording and order: docs/notes/service-errors.md.
#include <cstdio>
#include <string>
#include <vector>

#include "protocol/reader.h"
#include "protocol/shape.h"

namespace ddb::protocol {
namespace {

using simdjson::dom::element;
using ET = simdjson::dom::element_type;

std::string LowerFirst(std::string_view name) {
  std::string s(name);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

// Java's Object.toString for a model structure: its class and a hash (of the content here, so
// that answers are reproducible).
std::string StructureText(const Shape& shape, const element& e) {
  uint32_t h = 2166136261u;
  for (char c : simdjson::minify(e)) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  char hex[16];
  std::snprintf(hex, sizeof hex, "%x", h);
  return "com.amazonaws.dynamodb.v20120810." + std::string(shape.name) + "@" + hex;
}

// The value as Java's toString prints the deserialized member.
std::string ValueText(const Shape& shape, const element& e) {
  switch (e.type()) {
    case ET::STRING:
      return std::string(e.get_string().value());
    case ET::BOOL:
      return e.get_bool().value() ? "true" : "false";
    case ET::INT64:
      return std::to_string(e.get_int64().value());
    case ET::UINT64:
      return std::to_string(e.get_uint64().value());
    case ET::DOUBLE: {
      double d = e.get_double().value();
      if (shape.type == ShapeType::kInteger || shape.type == ShapeType::kLong) {
        return std::to_string(SaturatingInt64(d));
      }
      return simdjson::minify(e);
    }
    case ET::ARRAY: {
      std::string s = "[";
      bool first = true;
      simdjson::dom::array arr = e.get_array().value();
      for (element child : arr) {
        s += (first ? "" : ", ") + ValueText(shape.element ? *shape.element : shape, child);
        first = false;
      }
      return s + "]";
    }
    case ET::OBJECT: {
      if (shape.type != ShapeType::kMap) return StructureText(shape, e);
      std::string s = "{";
      bool first = true;
      simdjson::dom::object fields = e.get_object().value();
      for (auto field : fields) {
        s += (first ? "" : ", ") + std::string(field.key) + "=" +
             ValueText(*shape.element, field.value);
        first = false;
      }
      return s + "}";
    }
    default:
      return "null";
  }
}

int64_t Length(const element& e) {
  switch (e.type()) {
    case ET::STRING:
      return static_cast<int64_t>(Utf16Length(e.get_string().value()));
    case ET::ARRAY:
      return static_cast<int64_t>(e.get_array().value().size());
    case ET::OBJECT:
      return static_cast<int64_t>(e.get_object().value().size());
    default:
      return 0;
  }
}

int64_t Number(const element& e) {
  switch (e.type()) {
    case ET::INT64:
      return e.get_int64().value();
    case ET::UINT64:
      return INT64_MAX;
    case ET::DOUBLE:
      return SaturatingInt64(e.get_double().value());
    default:
      return 0;
  }
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

// The model's patterns are few; each is matched by its own small function.
bool MatchesPattern(std::string_view pattern, std::string_view value) {
  if (pattern == "[a-zA-Z0-9_.-]+") {
    if (value.empty()) return false;
    for (char c : value) {
      if (!IsNameChar(c)) return false;
    }
    return true;
  }
  return true;  // a pattern this server does not know is not enforced
}

// What the constraints look at: a JSON value, or a map's key.
struct Facts {
  bool is_string;
  std::string_view text;
  int64_t length;
  int64_t number;
};

Facts Of(const element& e) {
  bool is_string = e.is_string();
  return {is_string, is_string ? e.get_string().value() : std::string_view(), Length(e), Number(e)};
}

Facts Of(std::string_view key) { return {true, key, static_cast<int64_t>(Utf16Length(key)), 0}; }

// The constraint texts `e` fails, in the service's order (pattern, lengths, range, enum).
std::vector<std::string> Failures(const Shape& shape, const Facts& e) {
  std::vector<std::string> out;
  if (shape.table_name_or_arn && e.is_string && e.text.starts_with("arn:")) {
    if (e.length > 1024) out.push_back("Member must have length less than or equal to 1024");
    return out;
  }
  if (!shape.pattern.empty() && e.is_string && !MatchesPattern(shape.pattern, e.text)) {
    out.push_back("Member must satisfy regular expression pattern: " + std::string(shape.pattern));
  }
  if (shape.min_length >= 0 && e.length < shape.min_length) {
    out.push_back("Member must have length greater than or equal to " +
                  std::to_string(shape.min_length));
  }
  if (shape.max_length >= 0 && e.length > shape.max_length) {
    out.push_back("Member must have length less than or equal to " +
                  std::to_string(shape.max_length));
  }
  if (shape.has_min && e.number < shape.min_value) {
    out.push_back("Member must have value greater than or equal to " +
                  std::to_string(shape.min_value));
  }
  if (shape.has_max && e.number > shape.max_value) {
    out.push_back("Member must have value less than or equal to " +
                  std::to_string(shape.max_value));
  }
  if (shape.enum_count > 0 && e.is_string) {
    bool found = false;
    for (size_t i = 0; i < shape.enum_count; ++i) found = found || shape.enum_values[i] == e.text;
    if (!found) {
      std::string set = "Member must satisfy enum value set: [";
      for (size_t i = 0; i < shape.enum_count; ++i) {
        set += (i ? ", " : "") + std::string(shape.enum_values[i]);
      }
      out.push_back(set + "]");
    }
  }
  return out;
}

// Every constraint of a map's keys or values, as the service lists them in one violation.
std::string AllConstraints(const Shape& shape) {
  std::vector<std::string> parts;
  if (shape.max_length >= 0) {
    parts.push_back("Member must have length less than or equal to " +
                    std::to_string(shape.max_length));
  }
  if (shape.min_length >= 0) {
    parts.push_back("Member must have length greater than or equal to " +
                    std::to_string(shape.min_length));
  }
  if (!shape.pattern.empty()) {
    parts.push_back("Member must satisfy regular expression pattern: " +
                    std::string(shape.pattern));
  }
  std::string s = "[";
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
  return s + "]";
}

// Where a value sits in the request, rendered only when a violation is reported (most
// requests have none, and this runs on every request).
struct Path {
  const Path* parent = nullptr;
  std::string_view member;  // a structure's member, printed with a lower first letter
  std::string_view key;     // a map's key, printed as sent and followed by ".member"
  size_t index = 0;         // a list position, 1-based, followed by ".member"; 0 = none

  std::string Render() const {
    std::string head = parent ? parent->Render() : std::string();
    std::string self = !member.empty() ? LowerFirst(member)
                       : index > 0     ? std::to_string(index) + ".member"
                                       : std::string(key) + ".member";
    return head.empty() ? self : head + "." + self;
  }
};

// Walks the request until `limit` violations are found: the service lists no more, and a hostile
// request must not make the walk (or the messages, which quote values) grow without bound.
class Walker {
 public:
  Walker(std::vector<std::string>* out, size_t limit) : out_(out), limit_(limit) {}

  void Members(const Shape& shape, simdjson::dom::object obj, const Path* parent) {
    for (size_t i = 0; i < shape.member_count && !full(); ++i) {
      const ShapeMember& m = shape.members[i];
      const Path path{parent, m.name, {}, 0};
      element child;
      if (obj.at_key(m.name).get(child) != simdjson::SUCCESS || child.is_null()) {
        if (m.required) Add("Value null at '" + path.Render() + "'", "Member must not be null");
        continue;
      }
      Value(*m.shape, child, path);
    }
  }

 private:
  bool full() const { return out_->size() >= limit_; }

  void Add(const std::string& subject, const std::string& constraint) {
    if (!full()) out_->push_back(subject + " failed to satisfy constraint: " + constraint);
  }

  void Value(const Shape& shape, const element& e, const Path& path) {
    for (const std::string& f : Failures(shape, Of(e))) {
      Add("Value '" + ValueText(shape, e) + "' at '" + path.Render() + "'", f);
    }
    switch (shape.type) {
      case ShapeType::kStructure:
        Members(shape, e.get_object().value(), &path);
        break;
      case ShapeType::kList:
        ListElements(shape, e, path);
        break;
      case ShapeType::kMap:
        Map(shape, e, path);
        break;
      default:
        break;
    }
  }

  // A map reports each bad key and each bad value at the map itself, with every constraint of
  // the key or value shape; structures inside its values are walked as members.
  void Map(const Shape& shape, const element& e, const Path& path) {
    simdjson::dom::object fields = e.get_object().value();
    std::string subject;  // rendered once, only if something fails
    auto report = [&](const Shape& part, std::string_view what) {
      if (subject.empty())
        subject = "Value '" + ValueText(shape, e) + "' at '" + path.Render() + "'";
      Add(subject, std::string(what) + " must satisfy constraint: " + AllConstraints(part));
    };
    for (auto field : fields) {
      if (full()) return;
      if (shape.key && !Failures(*shape.key, Of(field.key)).empty()) report(*shape.key, "Map keys");
      if (!field.value.is_null() && !Failures(*shape.element, Of(field.value)).empty()) {
        report(*shape.element, "Map value");
      }
    }
    const Shape& vs = *shape.element;
    if (vs.type != ShapeType::kStructure && vs.type != ShapeType::kList) return;
    for (auto field : fields) {
      if (full()) return;
      if (field.value.is_null()) continue;
      const Path child{&path, {}, field.key, 0};
      if (vs.type == ShapeType::kStructure) {
        Members(vs, field.value.get_object().value(), &child);
      } else {
        ListElements(vs, field.value, child);
      }
    }
  }

  void ListElements(const Shape& shape, const element& e, const Path& path) {
    size_t i = 0;
    simdjson::dom::array arr = e.get_array().value();
    for (element child : arr) {
      ++i;
      if (full()) return;
      if (child.is_null()) continue;
      Value(*shape.element, child, Path{&path, {}, {}, i});
    }
  }

  std::vector<std::string>* out_;
  size_t limit_;
};

}  // namespace

void CollectViolations(const Shape& shape, simdjson::dom::object request, size_t limit,
                       std::vector<std::string>* out) {
  Walker(out, limit).Members(shape, request, nullptr);
}

}  // namespace ddb::protocol
