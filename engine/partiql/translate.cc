#include "partiql/translate.h"

namespace ddb::partiql {
namespace {

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

// The attribute_type code IS tests for.
std::optional<std::string> TypeCode(const std::string& is_type) {
  static const std::map<std::string, std::string, std::less<>> kCodes = {
      {"NULL", "NULL"}, {"STRING", "S"}, {"NUMERIC", "N"}, {"BOOLEAN", "BOOL"},
      {"BLOB", "B"},    {"LIST", "L"},   {"STRUCT", "M"},  {"TUPLE", "M"}};
  auto it = kCodes.find(is_type);
  if (it == kCodes.end()) return std::nullopt;
  return it->second;
}

Result<std::string> RenderOperand(const Expr& e, Placeholders* p);

bool IsArithmetic(const Expr& e) { return e.kind == ExprKind::kPlus || e.kind == ExprKind::kMinus; }

// The expression language has one + or - per SET value, between plain operands.
ApiError NestedArithmetic() {
  return Invalid("Only one + or - between a path or value and another is supported");
}

Result<std::string> RenderArgs(const Expr& call, Placeholders* p) {
  std::string out;
  for (size_t i = 0; i < call.args.size(); ++i) {
    if (IsArithmetic(call.args[i])) return NestedArithmetic();
    DDB_ASSIGN_OR_RETURN(std::string arg, RenderOperand(call.args[i], p));
    out += (i ? ", " : "") + arg;
  }
  return out;
}

// A value: a path, a constant, size(path), or (in SET) + - and the list/set functions.
Result<std::string> RenderOperand(const Expr& e, Placeholders* p) {
  switch (e.kind) {
    case ExprKind::kPath:
      return p->Path(e.path);
    case ExprKind::kLiteral:
      return p->Value(e.value);
    case ExprKind::kMissing:
      return Invalid("MISSING must be compared using IS operator");
    case ExprKind::kPlus:
    case ExprKind::kMinus: {
      if (IsArithmetic(e.args[0]) || IsArithmetic(e.args[1])) return NestedArithmetic();
      DDB_ASSIGN_OR_RETURN(std::string left, RenderOperand(e.args[0], p));
      DDB_ASSIGN_OR_RETURN(std::string right, RenderOperand(e.args[1], p));
      return left + (e.kind == ExprKind::kPlus ? " + " : " - ") + right;
    }
    case ExprKind::kCall:
      if (e.function == "size" || e.function == "list_append" || e.function == "if_not_exists") {
        DDB_ASSIGN_OR_RETURN(std::string args, RenderArgs(e, p));
        return e.function + "(" + args + ")";
      }
      return Invalid("Unrecognized function: " + e.function);
    default:
      return Invalid("Unsupported operand in expression");
  }
}

std::string_view CompareText(expr::CompareOp op) { return expr::CompareOpText(op); }

Result<std::string> RenderIs(const Expr& e, Placeholders* p) {
  if (e.args[0].kind != ExprKind::kPath) return Invalid("IS operator must apply to an attribute");
  const std::string path = p->Path(e.args[0].path);
  if (e.type_name == "MISSING") {
    return std::string(e.negated ? "attribute_exists(" : "attribute_not_exists(") + path + ")";
  }
  auto code = TypeCode(e.type_name);
  if (!code) return Invalid("Unsupported data type in IS: " + e.type_name);
  std::string test = "attribute_type(" + path + ", " + p->Value(Value::S(*code)) + ")";
  return e.negated ? "NOT " + test : test;
}

Result<std::string> RenderFunction(const Expr& e, Placeholders* p) {
  if (e.function == "exists" || e.function == "missing") {
    if (e.args.size() != 1 || e.args[0].kind != ExprKind::kPath) {
      return Invalid(e.function + " must have exactly one attribute argument");
    }
    return std::string(e.function == "exists" ? "attribute_exists(" : "attribute_not_exists(") +
           p->Path(e.args[0].path) + ")";
  }
  if (e.function == "begins_with" || e.function == "contains" || e.function == "attribute_type") {
    DDB_ASSIGN_OR_RETURN(std::string args, RenderArgs(e, p));
    return e.function + "(" + args + ")";
  }
  return Invalid("Unrecognized function: " + e.function);
}

Result<std::string> RenderJoined(const Expr& e, std::string_view word, Placeholders* p) {
  DDB_ASSIGN_OR_RETURN(std::string left, RenderCondition(e.args[0], p));
  DDB_ASSIGN_OR_RETURN(std::string right, RenderCondition(e.args[1], p));
  return "(" + left + ") " + std::string(word) + " (" + right + ")";
}

}  // namespace

std::string Placeholders::Name(const std::string& attribute) {
  auto [it, added] = by_attribute_.emplace(attribute, "");
  if (added) {
    it->second = "#n" + std::to_string(names_.size());
    names_.emplace(it->second, attribute);
  }
  return it->second;
}

std::string Placeholders::Value(const ddb::Value& value) {
  std::string name = ":v" + std::to_string(values_.size());
  values_.emplace(name, value);
  return name;
}

std::string Placeholders::Path(const expr::Path& path) {
  std::string out;
  for (const auto& element : path.elements) {
    if (element.is_index()) {
      out += "[" + std::to_string(element.index) + "]";
    } else {
      out += (out.empty() ? "" : ".") + Name(element.name);
    }
  }
  return out;
}

Result<std::string> RenderCondition(const Expr& e, Placeholders* p) {
  switch (e.kind) {
    case ExprKind::kAnd:
      return RenderJoined(e, "AND", p);
    case ExprKind::kOr:
      return RenderJoined(e, "OR", p);
    case ExprKind::kNot: {
      DDB_ASSIGN_OR_RETURN(std::string inner, RenderCondition(e.args[0], p));
      return "NOT (" + inner + ")";
    }
    case ExprKind::kIs:
      return RenderIs(e, p);
    case ExprKind::kCall:
      return RenderFunction(e, p);
    case ExprKind::kCompare:
    case ExprKind::kBetween:
    case ExprKind::kIn:
      break;
    default:
      return Invalid("Unsupported expression in WHERE clause");
  }
  std::vector<std::string> operands;
  for (const Expr& arg : e.args) {
    if (IsArithmetic(arg)) {
      return Invalid("Arithmetic is not supported in a WHERE clause");
    }
    DDB_ASSIGN_OR_RETURN(std::string operand, RenderOperand(arg, p));
    operands.push_back(std::move(operand));
  }
  if (e.kind == ExprKind::kCompare) {
    return operands[0] + " " + std::string(CompareText(e.op)) + " " + operands[1];
  }
  if (e.kind == ExprKind::kBetween) {
    return operands[0] + " BETWEEN " + operands[1] + " AND " + operands[2];
  }
  std::string list;
  for (size_t i = 1; i < operands.size(); ++i) list += (i > 1 ? ", " : "") + operands[i];
  return operands[0] + " IN (" + list + ")";
}

Result<std::string> RenderUpdate(const std::vector<Assignment>& assignments, Placeholders* p) {
  std::string set, remove, add, del;
  auto append = [](std::string* clause, const std::string& action) {
    *clause += (clause->empty() ? "" : ", ") + action;
  };
  for (const Assignment& a : assignments) {
    const std::string path = p->Path(a.path);
    if (a.remove) {
      append(&remove, path);
      continue;
    }
    const Expr& v = a.value;
    if (v.kind == ExprKind::kCall && (v.function == "set_add" || v.function == "set_delete")) {
      const std::string name = v.function == "set_add" ? "SET_ADD" : "SET_DELETE";
      if (v.args.size() != 2) return Invalid(name + " must have exactly two arguments");
      if (v.args[0].kind != ExprKind::kPath || !(v.args[0].path == a.path)) {
        return Invalid("The first argument to " + name + " must equal the assignment value");
      }
      if (v.args[1].kind != ExprKind::kLiteral || !v.args[1].value.is_set()) {
        return Invalid("The second argument to " + name + " must be a value with type SET");
      }
      append(v.function == "set_add" ? &add : &del, path + " " + p->Value(v.args[1].value));
      continue;
    }
    DDB_ASSIGN_OR_RETURN(std::string value, RenderOperand(v, p));
    std::string action = path;
    action += " = ";
    action += value;
    append(&set, action);
  }
  std::string out;
  for (const auto& [word, clause] : {std::pair<std::string_view, const std::string*>{"SET", &set},
                                     {"REMOVE", &remove},
                                     {"ADD", &add},
                                     {"DELETE", &del}}) {
    if (!clause->empty()) out += (out.empty() ? "" : " ") + std::string(word) + " " + *clause;
  }
  return out;
}

std::vector<const Expr*> Conjuncts(const Expr& where) {
  if (where.kind != ExprKind::kAnd) return {&where};
  std::vector<const Expr*> out = Conjuncts(where.args[0]);
  for (const Expr* e : Conjuncts(where.args[1])) out.push_back(e);
  return out;
}

Result<std::optional<Value>> KeyEquality(const std::vector<const Expr*>& terms,
                                         const std::string& attribute, size_t* index) {
  auto is_attribute = [&attribute](const Expr& e) {
    return e.kind == ExprKind::kPath && e.path.elements.size() == 1 &&
           e.path.elements[0].name == attribute;
  };
  std::optional<Value> found;
  for (size_t i = 0; i < terms.size(); ++i) {
    const Expr& t = *terms[i];
    const Value* value = nullptr;
    if (t.kind == ExprKind::kCompare && t.op == expr::CompareOp::kEq) {
      for (int side = 0; side < 2 && value == nullptr; ++side) {
        if (is_attribute(t.args[side]) && t.args[1 - side].kind == ExprKind::kLiteral) {
          value = &t.args[1 - side].value;
        }
      }
    } else if (t.kind == ExprKind::kIn && t.args.size() == 2 && is_attribute(t.args[0]) &&
               t.args[1].kind == ExprKind::kLiteral) {
      value = &t.args[1].value;  // IN with one value is an equality.
    }
    if (value == nullptr) continue;
    if (found && !(*found == *value)) {
      return Invalid("Multiple conditions on same key " + attribute +
                     ". Only single item Update/Insert/Delete are supported");
    }
    found = *value;
    *index = i;
  }
  return found;
}

std::optional<std::vector<Value>> KeyInList(const std::vector<const Expr*>& terms,
                                            const std::string& attribute, size_t* index) {
  for (size_t i = 0; i < terms.size(); ++i) {
    const Expr& t = *terms[i];
    if (t.kind != ExprKind::kIn || t.args.size() < 3 || t.args[0].kind != ExprKind::kPath ||
        t.args[0].path.elements.size() != 1 || t.args[0].path.elements[0].name != attribute) {
      continue;
    }
    std::vector<Value> values;
    for (size_t v = 1; v < t.args.size(); ++v) {
      if (t.args[v].kind != ExprKind::kLiteral) return std::nullopt;
      values.push_back(t.args[v].value);
    }
    *index = i;
    return values;
  }
  return std::nullopt;
}

}  // namespace ddb::partiql
