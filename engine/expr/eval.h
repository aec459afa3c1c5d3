// Evaluation of conditions against an item, and the static operand checks DynamoDB makes at
// parse time when an operand's type is already known from ExpressionAttributeValues.
#pragma once

#include "core/result.h"
#include "expr/ast.h"

namespace ddb::expr {

// True if `item` satisfies `condition`. A missing item is an empty one. Comparisons between
// values of different types, or functions applied to values of unsuitable types, are false
// rather than errors, as in DynamoDB. Never fails.
bool Evaluate(const Condition& condition, const Item& item);

// The operand's value in `item`, computing size(); null if it has none (missing attribute,
// size() of a number, ...). `scratch` holds computed values and must outlive the result.
const Value* EvaluateOperand(const Operand& op, const Item& item, Value* scratch);

// Parse-time checks: operand types known from :values that make a condition or update invalid
// ("Incorrect operand type for operator or function", BETWEEN bounds out of order, ...).
Status CheckStaticTypes(const Condition& c, std::string_view kind);
Status CheckStaticOperand(const Operand& op, std::string_view kind);
Status CheckStaticAction(const UpdateAction& action, std::string_view kind);

}  // namespace ddb::expr
