#include "expr/ast.h"

namespace ddb::expr {

std::string Path::ToString() const {
  std::string out;
  for (const auto& e : elements) {
    if (e.is_index()) {
      out += "[" + std::to_string(e.index) + "]";
    } else {
      if (!out.empty()) out += ".";
      out += e.name;
    }
  }
  return out;
}

std::string Path::ToListString() const {
  std::string out = "[";
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i) out += ", ";
    const auto& e = elements[i];
    out += e.is_index() ? "[" + std::to_string(e.index) + "]" : e.name;
  }
  return out + "]";
}

std::string_view CompareOpText(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return "=";
    case CompareOp::kNe:
      return "<>";
    case CompareOp::kLt:
      return "<";
    case CompareOp::kLe:
      return "<=";
    case CompareOp::kGt:
      return ">";
    case CompareOp::kGe:
      return ">=";
  }
  return "?";
}

std::string_view FunctionName(Function f) {
  switch (f) {
    case Function::kAttributeExists:
      return "attribute_exists";
    case Function::kAttributeNotExists:
      return "attribute_not_exists";
    case Function::kAttributeType:
      return "attribute_type";
    case Function::kBeginsWith:
      return "begins_with";
    case Function::kContains:
      return "contains";
  }
  return "?";
}

std::string Operand::ToString() const {
  auto join = [&](std::string_view fn) {
    std::string out(fn);
    out += "(";
    for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i].ToString();
    return out + ")";
  };
  switch (kind) {
    case OperandKind::kPath:
      return path.ToString();
    case OperandKind::kValue:
      return value_name;
    case OperandKind::kSize:
      return join("size");
    case OperandKind::kIfNotExists:
      return join("if_not_exists");
    case OperandKind::kListAppend:
      return join("list_append");
    case OperandKind::kPlus:
      return args[0].ToString() + " + " + args[1].ToString();
    case OperandKind::kMinus:
      return args[0].ToString() + " - " + args[1].ToString();
  }
  return "?";
}

std::string Condition::ToString() const {
  switch (kind) {
    case ConditionKind::kCompare:
      return operands[0].ToString() + " " + std::string(CompareOpText(op)) + " " +
             operands[1].ToString();
    case ConditionKind::kBetween:
      return operands[0].ToString() + " BETWEEN " + operands[1].ToString() + " AND " +
             operands[2].ToString();
    case ConditionKind::kIn: {
      std::string out = operands[0].ToString() + " IN (";
      for (size_t i = 1; i < operands.size(); ++i)
        out += (i > 1 ? ", " : "") + operands[i].ToString();
      return out + ")";
    }
    case ConditionKind::kFunction: {
      std::string out(FunctionName(function));
      out += "(";
      for (size_t i = 0; i < operands.size(); ++i) out += (i ? ", " : "") + operands[i].ToString();
      return out + ")";
    }
    case ConditionKind::kAnd:
      return "(" + children[0].ToString() + " AND " + children[1].ToString() + ")";
    case ConditionKind::kOr:
      return "(" + children[0].ToString() + " OR " + children[1].ToString() + ")";
    case ConditionKind::kNot:
      return "(NOT " + children[0].ToString() + ")";
  }
  return "?";
}

}  // namespace ddb::expr
