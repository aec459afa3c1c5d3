#include "protocol/legacy.h"

#include <algorithm>
#include <set>
#include <vector>

#include "core/value_json.h"

namespace ddb::protocol {
namespace {

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }
ApiError Param(const std::string& message) {
  return Invalid("One or more parameter values were invalid: " + message);
}
ApiError NotAStructure() { return ApiError::Serialization("Unexpected value type in payload"); }

// In the order DynamoDB lists them when a request mixes the two styles.
constexpr std::string_view kLegacy[] = {"AttributesToGet",  "QueryFilter", "ScanFilter",
                                        "AttributeUpdates", "Expected",    "ConditionalOperator",
                                        "KeyConditions"};
constexpr std::string_view kExpressions[] = {"ProjectionExpression", "FilterExpression",
                                             "UpdateExpression", "ConditionExpression",
                                             "KeyConditionExpression"};

std::string Braced(const std::vector<std::string_view>& names) {
  std::string out = "{";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + std::string(names[i]);
  return out + "}";
}

// Allocates placeholders in the request's attribute maps.
class Placeholders {
 public:
  explicit Placeholders(ExpressionAttributes* attrs) : attrs_(attrs) {}
  std::string Name(const std::string& attribute) {
    if (!attrs_->names) attrs_->names.emplace();
    return Add(*attrs_->names, "#l", attribute);
  }
  std::string Val(Value v) {
    if (!attrs_->values) attrs_->values.emplace();
    return Add(*attrs_->values, ":l", std::move(v));
  }

 private:
  // A placeholder the request's own expressions do not use (KeyConditions may sit beside them).
  template <class Map, class T>
  std::string Add(Map& map, const char* prefix, T value) {
    std::string key;
    do {
      key = prefix + std::to_string(next_++);
    } while (map.count(key));
    map.emplace(key, std::move(value));
    return key;
  }

  ExpressionAttributes* attrs_;
  size_t next_ = 0;
};

bool IsScalar(Type t) { return t == Type::kS || t == Type::kN || t == Type::kB; }

// One comparison (ComparisonOperator + AttributeValueList) as expression text.
Result<std::string> Comparison(Placeholders& p, const std::string& attr, const std::string& op,
                               std::vector<Value> args) {
  static const std::pair<std::string_view, int> kArity[] = {
      {"EQ", 1},          {"NE", 1},       {"LE", 1},     {"LT", 1},       {"GE", 1},
      {"GT", 1},          {"NOT_NULL", 0}, {"NULL", 0},   {"CONTAINS", 1}, {"NOT_CONTAINS", 1},
      {"BEGINS_WITH", 1}, {"IN", -1},      {"BETWEEN", 2}};
  const auto* found = std::find_if(std::begin(kArity), std::end(kArity),
                                   [&](const auto& a) { return a.first == op; });
  if (found == std::end(kArity)) return Invalid("Comparison type does not exist in DynamoDB");
  const int arity = found->second;
  if ((arity >= 0 && static_cast<int>(args.size()) != arity) || (arity < 0 && args.empty())) {
    return Param("Invalid number of argument(s) for the " + op + " ComparisonOperator");
  }
  for (const auto& v : args) {
    bool ok = op == "EQ" || op == "NE" ||
              (op == "BEGINS_WITH" ? v.type == Type::kS || v.type == Type::kB : IsScalar(v.type));
    if (!ok) {
      return Param("ComparisonOperator " + op + " is not valid for " +
                   std::string(TypeName(v.type)) + " AttributeValue type");
    }
    if (v.type != args[0].type) {
      return Param("AttributeValues inside AttributeValueList must be of same type");
    }
  }
  if (op == "BETWEEN" && CompareScalar(args[0], args[1]) > 0) {
    return Invalid(
        "The BETWEEN condition was provided a range where the lower bound is greater "
        "than the upper bound");
  }
  const std::string n = p.Name(attr);
  if (op == "NOT_NULL") return "attribute_exists(" + n + ")";
  if (op == "NULL") return "attribute_not_exists(" + n + ")";
  std::vector<std::string> v;
  v.reserve(args.size());
  for (auto& a : args) v.push_back(p.Val(std::move(a)));
  static const std::pair<std::string_view, std::string_view> kOps[] = {
      {"EQ", "="}, {"NE", "<>"}, {"LE", "<="}, {"LT", "<"}, {"GE", ">="}, {"GT", ">"}};
  for (const auto& [name, symbol] : kOps) {
    if (op == name) return n + " " + std::string(symbol) + " " + v[0];
  }
  if (op == "CONTAINS") return "contains(" + n + ", " + v[0] + ")";
  if (op == "NOT_CONTAINS") {  // False, not true, for a missing attribute.
    return "(attribute_exists(" + n + ") AND NOT contains(" + n + ", " + v[0] + "))";
  }
  if (op == "BEGINS_WITH") return "begins_with(" + n + ", " + v[0] + ")";
  if (op == "BETWEEN") return n + " BETWEEN " + v[0] + " AND " + v[1];
  std::string in = n + " IN (";
  for (size_t i = 0; i < v.size(); ++i) in += (i ? ", " : "") + v[i];
  return in + ")";
}

Result<std::vector<Value>> ValueList(const FieldReader& spec) {
  DDB_ASSIGN_OR_RETURN(auto list, spec.Array("AttributeValueList"));
  std::vector<Value> out;
  if (!list) return out;
  for (simdjson::dom::element e : *list) {
    DDB_ASSIGN_OR_RETURN(Value v, DecodeValue(e, 1));
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::optional<Value>> SingleValue(const FieldReader& spec) {
  return spec.AttributeValue("Value");
}

// Expected: Value / Exists / ComparisonOperator + AttributeValueList for one attribute.
Result<std::string> ExpectedOne(Placeholders& p, const std::string& attr, const FieldReader& s) {
  DDB_ASSIGN_OR_RETURN(auto exists, s.Bool("Exists"));
  DDB_ASSIGN_OR_RETURN(auto op, s.String("ComparisonOperator"));
  DDB_ASSIGN_OR_RETURN(auto value, SingleValue(s));
  const bool has_list = s.Has("AttributeValueList");
  // In the service's order (docs/notes/service-errors.md §2.5).
  if (value && has_list) {
    return Param("Value and AttributeValueList cannot be used together for Attribute: " + attr);
  }
  if (exists && op) {
    return Param("Exists and ComparisonOperator cannot be used together for Attribute: " + attr);
  }
  if (has_list && !op) {
    return Param("AttributeValueList can only be used with a ComparisonOperator for Attribute: " +
                 attr);
  }
  if (op) {
    DDB_ASSIGN_OR_RETURN(std::vector<Value> args, ValueList(s));
    if (value) args.push_back(std::move(*value));
    if (!has_list && args.empty() && *op != "NULL" && *op != "NOT_NULL") {
      return Param("Value or AttributeValueList must be used with ComparisonOperator: " + *op +
                   " for Attribute: " + attr);
    }
    return Comparison(p, attr, *op, std::move(args));
  }
  if (exists && !*exists) {
    if (value) return Param("Value cannot be used when Exists is false for Attribute: " + attr);
    return "attribute_not_exists(" + p.Name(attr) + ")";
  }
  if (!value) {
    return Param(std::string("Value must be provided when Exists is ") +
                 (exists ? "true" : "null") + " for Attribute: " + attr);
  }
  std::string n = p.Name(attr);
  return n + " = " + p.Val(std::move(*value));
}

// Expected, QueryFilter, ScanFilter or KeyConditions: one condition per attribute, joined.
Result<std::optional<std::string>> Conditions(Placeholders& p, const FieldReader& r,
                                              std::string_view field, bool expected,
                                              const std::string& joiner) {
  DDB_ASSIGN_OR_RETURN(auto map, r.Object(field));
  if (!map || map->size() == 0) return std::optional<std::string>();
  std::string out;
  for (auto [name, spec] : *map) {
    simdjson::dom::object o;
    if (spec.get(o) != simdjson::SUCCESS) return NotAStructure();
    FieldReader s(o);
    std::string attr(name);
    std::string one;
    if (expected) {
      DDB_ASSIGN_OR_RETURN(one, ExpectedOne(p, attr, s));
    } else {
      DDB_ASSIGN_OR_RETURN(auto op, s.String("ComparisonOperator"));
      DDB_ASSIGN_OR_RETURN(std::vector<Value> args, ValueList(s));
      DDB_ASSIGN_OR_RETURN(one, Comparison(p, attr, op.value_or(""), std::move(args)));
    }
    out += (out.empty() ? "" : joiner) + one;
  }
  return std::optional<std::string>(std::move(out));
}

Result<std::optional<std::string>> AttributeUpdates(Placeholders& p, const FieldReader& r) {
  DDB_ASSIGN_OR_RETURN(auto map, r.Object("AttributeUpdates"));
  if (!map || map->size() == 0) return std::optional<std::string>();
  std::vector<std::string> set, add, remove, del;
  for (auto [name, spec] : *map) {
    simdjson::dom::object o;
    if (spec.get(o) != simdjson::SUCCESS) return NotAStructure();
    FieldReader s(o);
    std::string attr(name);
    DDB_ASSIGN_OR_RETURN(auto action, s.String("Action"));
    DDB_ASSIGN_OR_RETURN(auto value, SingleValue(s));
    const std::string a = action.value_or("PUT");  // The shape layer checked the enum.
    if (!value && a != "DELETE")
      return Param("Only DELETE action is allowed when no attribute value is specified");
    const std::string n = p.Name(attr);
    if (a == "PUT") {
      set.push_back(n + " = " + p.Val(std::move(*value)));
    } else if (a == "ADD") {
      if (value->type == Type::kL) {  // Appends, creating the list if absent.
        std::string append = n;
        append += " = list_append(if_not_exists(" + n + ", " + p.Val(Value::OfList({})) + "), ";
        append += p.Val(std::move(*value)) + ")";
        set.push_back(std::move(append));
      } else if (value->type == Type::kN || value->is_set()) {
        add.push_back(n + " " + p.Val(std::move(*value)));
      } else {
        // The service names the type as on the wire ("S"; dynalite test/updateItem.js).
        return Param("ADD action is not supported for the type " +
                     std::string(TypeName(value->type)));
      }
    } else if (!value) {
      remove.push_back(n);
    } else if (value->is_set()) {
      del.push_back(n + " " + p.Val(std::move(*value)));
    } else {
      return Param("DELETE action with value is not supported for the type " +
                   std::string(TypeName(value->type)));
    }
  }
  std::string out;
  auto clause = [&](const char* keyword, const std::vector<std::string>& parts) {
    if (parts.empty()) return;
    out += (out.empty() ? "" : " ") + std::string(keyword) + " ";
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  };
  clause("SET", set);
  clause("ADD", add);
  clause("REMOVE", remove);
  clause("DELETE", del);
  return std::optional<std::string>(std::move(out));
}

Result<std::optional<std::string>> AttributesToGet(Placeholders& p, const FieldReader& r) {
  DDB_ASSIGN_OR_RETURN(auto list, r.Array("AttributesToGet"));
  if (!list) return std::optional<std::string>();
  std::set<std::string> seen;
  std::string out;
  for (simdjson::dom::element e : *list) {
    std::string_view name;
    if (e.get(name) != simdjson::SUCCESS) return NotAStructure();
    if (!seen.emplace(name).second) {
      return Param("Duplicate value in attribute name: " + std::string(name));
    }
    out += (out.empty() ? "" : ", ") + p.Name(std::string(name));
  }
  return std::optional<std::string>(std::move(out));
}

// KeyConditions' own rules: one key or more, and only the operators a key range supports. (The
// service checks the operators against the key schema, after the table lookup; here they are
// checked on every condition, before it.)
Status CheckKeyConditions(const FieldReader& r) {
  DDB_ASSIGN_OR_RETURN(auto map, r.Object("KeyConditions"));
  if (!map) return Status::OK();
  // Up to eight for a multi-attribute key; beyond two the key schema decides (ops/key_condition.h).
  if (map->size() == 0 || map->size() > 8)
    return Invalid("Conditions can be of length 1 or 2 only");
  for (auto [name, spec] : *map) {
    simdjson::dom::object o;
    if (spec.get(o) != simdjson::SUCCESS) return NotAStructure();
    DDB_ASSIGN_OR_RETURN(auto op, FieldReader(o).String("ComparisonOperator"));
    static constexpr std::string_view kNotIndexable[] = {"NE",       "IN",       "NULL",
                                                         "NOT_NULL", "CONTAINS", "NOT_CONTAINS"};
    if (std::find(std::begin(kNotIndexable), std::end(kNotIndexable), op.value_or("")) !=
        std::end(kNotIndexable)) {
      return Invalid("Attempted conditional constraint is not an indexable operation");
    }
  }
  return Status::OK();
}

}  // namespace

Result<LegacyExpressions> TranslateLegacy(const FieldReader& r, ExpressionAttributes* attrs,
                                          std::string_view absent) {
  LegacyExpressions out;
  auto has = [&](std::string_view k) { return r.Has(k); };
  // Every request passes here: the usual one (no legacy parameter) is answered without
  // building the lists the messages below need.
  if (std::none_of(std::begin(kLegacy), std::end(kLegacy), has)) {
    if (std::none_of(std::begin(kExpressions), std::end(kExpressions), has)) {
      if (attrs->names) {
        return Invalid("ExpressionAttributeNames can only be specified when using expressions");
      }
      if (attrs->values) {
        return Invalid("ExpressionAttributeValues can only be specified when using expressions: " +
                       std::string(absent));
      }
    }
    return out;
  }
  std::vector<std::string_view> legacy, modern;
  for (auto k : kLegacy) {
    if (r.Has(k)) legacy.push_back(k);
  }
  for (auto k : kExpressions) {
    if (r.Has(k)) modern.push_back(k);
  }
  // KeyConditions conflicts only with KeyConditionExpression: DynamoDB accepts it beside a
  // FilterExpression or ProjectionExpression, whose placeholders then share the maps.
  std::vector<std::string_view> conflicting = legacy;
  if (!r.Has("KeyConditionExpression")) std::erase(conflicting, "KeyConditions");
  if (!modern.empty() && !conflicting.empty()) {
    return Invalid(
        "Can not use both expression and non-expression parameters in the same "
        "request: Non-expression parameters: " +
        Braced(conflicting) + " Expression parameters: " + Braced(modern));
  }
  if (modern.empty() && attrs->names) {
    return Invalid("ExpressionAttributeNames can only be specified when using expressions");
  }
  if (modern.empty() && attrs->values) {
    return Invalid("ExpressionAttributeValues can only be specified when using expressions: " +
                   std::string(absent));
  }
  out.present = modern.empty();
  DDB_ASSIGN_OR_RETURN(auto conditional, r.String("ConditionalOperator"));
  const bool has_conditions = r.Has("Expected") || r.Has("QueryFilter") || r.Has("ScanFilter");
  if (conditional && !has_conditions) {
    return Invalid("ConditionalOperator cannot be used without Filter or Expected");
  }
  for (std::string_view field : {"Expected", "QueryFilter", "ScanFilter"}) {
    DDB_ASSIGN_OR_RETURN(auto map, r.Object(field));
    if (conditional && map && map->size() < 2) {
      return Invalid(
          "ConditionalOperator can only be used when Filter or Expected has two or "
          "more elements");
    }
  }
  const std::string joiner = conditional == "OR" ? " OR " : " AND ";
  Placeholders p(attrs);
  // In the service's order: QueryFilter before AttributesToGet (Query), AttributesToGet before
  // ScanFilter (Scan), AttributeUpdates before Expected (UpdateItem), KeyConditions last.
  DDB_ASSIGN_OR_RETURN(auto query_filter, Conditions(p, r, "QueryFilter", false, joiner));
  DDB_ASSIGN_OR_RETURN(out.projection, AttributesToGet(p, r));
  DDB_ASSIGN_OR_RETURN(out.update, AttributeUpdates(p, r));
  DDB_ASSIGN_OR_RETURN(out.condition, Conditions(p, r, "Expected", true, joiner));
  DDB_ASSIGN_OR_RETURN(auto scan_filter, Conditions(p, r, "ScanFilter", false, joiner));
  DDB_RETURN_IF_ERROR(CheckKeyConditions(r));
  DDB_ASSIGN_OR_RETURN(out.key_condition, Conditions(p, r, "KeyConditions", false, " AND "));
  out.filter = query_filter ? query_filter : scan_filter;
  return out;
}

}  // namespace ddb::protocol
