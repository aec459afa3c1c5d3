#include "expr/eval.h"

#include <algorithm>

#include "expr/paths.h"

namespace ddb::expr {
namespace {

bool IsOrdered(Type t) { return t == Type::kS || t == Type::kN || t == Type::kB; }

// Three-way comparison; false in *ok when the values are not comparable by <, <=, >, >=.
int CompareOrdered(const Value& a, const Value& b, bool* ok) {
  *ok = a.type == b.type && IsOrdered(a.type);
  return *ok ? CompareScalar(a, b) : 0;
}

bool Compare(CompareOp op, const Value* a, const Value* b) {
  if (op == CompareOp::kEq) return a && b && *a == *b;
  if (op == CompareOp::kNe) return !(a && b && *a == *b);
  if (!a || !b) return false;
  bool ok;
  int c = CompareOrdered(*a, *b, &ok);
  if (!ok) return false;
  switch (op) {
    case CompareOp::kLt:
      return c < 0;
    case CompareOp::kLe:
      return c <= 0;
    case CompareOp::kGt:
      return c > 0;
    case CompareOp::kGe:
      return c >= 0;
    default:
      return false;
  }
}

bool Contains(const Value& haystack, const Value& needle) {
  switch (haystack.type) {
    case Type::kS:
    case Type::kB:
      return needle.type == haystack.type &&
             haystack.scalar.find(needle.scalar) != std::string::npos;
    case Type::kSS:
      return needle.type == Type::kS &&
             std::count(haystack.set.begin(), haystack.set.end(), needle.scalar);
    case Type::kNS:
      return needle.type == Type::kN &&
             std::count(haystack.set.begin(), haystack.set.end(), needle.scalar);
    case Type::kBS:
      return needle.type == Type::kB &&
             std::count(haystack.set.begin(), haystack.set.end(), needle.scalar);
    case Type::kL:
      return std::find(haystack.list.begin(), haystack.list.end(), needle) != haystack.list.end();
    default:
      return false;
  }
}

bool EvaluateFunction(const Condition& c, const Item& item) {
  Value scratch_a, scratch_b;
  const Value* a = EvaluateOperand(c.operands[0], item, &scratch_a);
  switch (c.function) {
    case Function::kAttributeExists:
      return a != nullptr;
    case Function::kAttributeNotExists:
      return a == nullptr;
    default:
      break;
  }
  const Value* b = EvaluateOperand(c.operands[1], item, &scratch_b);
  if (!a || !b) return false;
  switch (c.function) {
    case Function::kAttributeType:
      return b->type == Type::kS && TypeName(a->type) == b->scalar;
    case Function::kBeginsWith:
      return a->type == b->type && (a->type == Type::kS || a->type == Type::kB) &&
             a->scalar.starts_with(b->scalar);
    case Function::kContains:
      return Contains(*a, *b);
    default:
      return false;
  }
}

// Renders a value as DynamoDB's messages do: "{N:5}", "{S:abc}".
std::string Describe(const Value& v) {
  std::string body = v.is_scalar() ? v.scalar : std::string(TypeName(v.type));
  return "{" + std::string(TypeName(v.type)) + ":" + body + "}";
}

ApiError BadOperandType(std::string_view kind, std::string_view fn, Type t) {
  return ApiError::Validation("Invalid " + std::string(kind) +
                              ": Incorrect operand type for operator or function; operator or "
                              "function: " +
                              std::string(fn) + ", operand type: " + std::string(TypeName(t)));
}

}  // namespace

const Value* EvaluateOperand(const Operand& op, const Item& item, Value* scratch) {
  switch (op.kind) {
    case OperandKind::kPath:
      return ResolvePath(item, op.path);
    case OperandKind::kValue:
      return op.value;
    case OperandKind::kSize: {
      Value inner_scratch;
      const Value* v = EvaluateOperand(op.args[0], item, &inner_scratch);
      if (v == nullptr) return nullptr;
      size_t n;
      switch (v->type) {
        case Type::kS:
        case Type::kB:
          n = v->scalar.size();
          break;
        case Type::kSS:
        case Type::kNS:
        case Type::kBS:
          n = v->set.size();
          break;
        case Type::kL:
          n = v->list.size();
          break;
        case Type::kM:
          n = v->map.size();
          break;
        default:
          return nullptr;
      }
      *scratch = Value::N(std::to_string(n));
      return scratch;
    }
    default:
      return nullptr;  // Update-only operands never reach a condition.
  }
}

bool Evaluate(const Condition& c, const Item& item) {
  switch (c.kind) {
    case ConditionKind::kAnd:
      return Evaluate(c.children[0], item) && Evaluate(c.children[1], item);
    case ConditionKind::kOr:
      return Evaluate(c.children[0], item) || Evaluate(c.children[1], item);
    case ConditionKind::kNot:
      return !Evaluate(c.children[0], item);
    case ConditionKind::kFunction:
      return EvaluateFunction(c, item);
    case ConditionKind::kCompare: {
      Value sa, sb;
      return Compare(c.op, EvaluateOperand(c.operands[0], item, &sa),
                     EvaluateOperand(c.operands[1], item, &sb));
    }
    case ConditionKind::kBetween: {
      Value s0, s1, s2;
      const Value* v = EvaluateOperand(c.operands[0], item, &s0);
      const Value* lo = EvaluateOperand(c.operands[1], item, &s1);
      const Value* hi = EvaluateOperand(c.operands[2], item, &s2);
      return Compare(CompareOp::kGe, v, lo) && Compare(CompareOp::kLe, v, hi);
    }
    case ConditionKind::kIn: {
      Value s0;
      const Value* v = EvaluateOperand(c.operands[0], item, &s0);
      if (v == nullptr) return false;
      for (size_t i = 1; i < c.operands.size(); ++i) {
        Value si;
        const Value* candidate = EvaluateOperand(c.operands[i], item, &si);
        if (candidate && *candidate == *v) return true;
      }
      return false;
    }
  }
  return false;
}

Status CheckStaticTypes(const Condition& c, std::string_view kind) {
  auto value_of = [&](size_t i) -> const Value* {
    return c.operands[i].kind == OperandKind::kValue ? c.operands[i].value : nullptr;
  };
  if (c.kind == ConditionKind::kCompare || c.kind == ConditionKind::kBetween ||
      c.kind == ConditionKind::kIn) {
    const Operand& first = c.operands[0];
    for (size_t i = 1; i < c.operands.size(); ++i) {
      if (first.kind == OperandKind::kPath && c.operands[i].kind == OperandKind::kPath &&
          first.path == c.operands[i].path) {
        std::string op = c.kind == ConditionKind::kCompare   ? std::string(CompareOpText(c.op))
                         : c.kind == ConditionKind::kBetween ? "BETWEEN"
                                                             : "IN";
        return ApiError::Validation(
            "Invalid " + std::string(kind) +
            ": The first operand must be distinct from the remaining operands for this operator "
            "or function; operator: " +
            op + ", first operand: " + first.path.ToListString());
      }
    }
  }
  const bool ordered =
      (c.kind == ConditionKind::kCompare && c.op != CompareOp::kEq && c.op != CompareOp::kNe) ||
      c.kind == ConditionKind::kBetween;
  if (ordered) {
    // <, <=, >, >= and BETWEEN order only strings, numbers and binaries.
    std::string op =
        c.kind == ConditionKind::kBetween ? "BETWEEN" : std::string(CompareOpText(c.op));
    for (size_t i = 0; i < c.operands.size(); ++i) {
      if (value_of(i) && !IsOrdered(value_of(i)->type)) {
        return BadOperandType(kind, op, value_of(i)->type);
      }
    }
  }
  if (c.kind == ConditionKind::kBetween && value_of(1) && value_of(2)) {
    const Value& lo = *value_of(1);
    const Value& hi = *value_of(2);
    if (lo.type != hi.type) {
      return ApiError::Validation(
          "Invalid " + std::string(kind) +
          ": The BETWEEN operator requires same data type for lower and upper bounds; lower bound "
          "operand: AttributeValue: " +
          Describe(lo) + ", upper bound operand: AttributeValue: " + Describe(hi));
    }
    bool ok;
    if (CompareOrdered(lo, hi, &ok) > 0 && ok) {
      return ApiError::Validation(
          "Invalid " + std::string(kind) +
          ": The BETWEEN operator requires upper bound to be greater than or equal to lower "
          "bound; lower bound operand: AttributeValue: " +
          Describe(lo) + ", upper bound operand: AttributeValue: " + Describe(hi));
    }
  }
  if (c.kind == ConditionKind::kFunction) {
    if (c.function == Function::kBeginsWith && value_of(1) && value_of(1)->type != Type::kS &&
        value_of(1)->type != Type::kB) {
      return BadOperandType(kind, "begins_with", value_of(1)->type);
    }
    if (c.function == Function::kAttributeType && value_of(1)) {
      const Value& t = *value_of(1);
      static constexpr std::string_view kTypes[] = {"S",  "SS",   "N",    "NS", "B",
                                                    "BS", "BOOL", "NULL", "L",  "M"};
      if (t.type != Type::kS) return BadOperandType(kind, "attribute_type", t.type);
      if (std::find(std::begin(kTypes), std::end(kTypes), t.scalar) == std::end(kTypes)) {
        return ApiError::Validation("Invalid " + std::string(kind) +
                                    ": Invalid attribute type name found; type: " + t.scalar +
                                    ", valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}");
      }
    }
  }
  return Status::OK();
}

Status CheckStaticOperand(const Operand& op, std::string_view kind) {
  if (op.kind == OperandKind::kSize && op.args[0].kind == OperandKind::kValue) {
    Type t = op.args[0].value->type;
    if (t == Type::kN || t == Type::kBool || t == Type::kNull)
      return BadOperandType(kind, "size", t);
  }
  if (op.kind == OperandKind::kPlus || op.kind == OperandKind::kMinus) {
    for (const auto& a : op.args) {
      if (a.kind == OperandKind::kValue && a.value->type != Type::kN) {
        return BadOperandType(kind, op.kind == OperandKind::kPlus ? "+" : "-", a.value->type);
      }
    }
  }
  return Status::OK();
}

// ADD and DELETE name the operand type in full ("STRING") and the set of allowed types.
Status CheckStaticAction(const UpdateAction& action, std::string_view kind) {
  const Value& v = *action.value.value;
  const bool is_add = action.kind == UpdateKind::kAdd;
  if ((is_add && v.type != Type::kN && !v.is_set()) || (!is_add && !v.is_set())) {
    return ApiError::Validation(
        "Invalid " + std::string(kind) +
        ": Incorrect operand type for operator or function; operator: " +
        (is_add ? "ADD" : "DELETE") + ", operand type: " + std::string(LongTypeName(v.type)) +
        ", typeSet: " + (is_add ? "ALLOWED_FOR_ADD_OPERAND" : "ALLOWED_FOR_DELETE_OPERAND"));
  }
  return Status::OK();
}

}  // namespace ddb::expr
