// The expression language's syntax tree (parse → resolve → evaluate).
//
// The parser (parser.h) resolves #name and :value placeholders while it builds the tree, so a
// tree holds real attribute names and pointers to the request's ExpressionAttributeValues. A
// tree therefore must not outlive the request it was parsed from. Paths are at most 32 levels
// deep, which bounds every recursion over them. Trees are immutable after parsing; thread-safe
// to read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/value.h"

namespace ddb::expr {

inline constexpr size_t kMaxPathDepth = 32;
inline constexpr size_t kMaxExpressionBytes = 4096;

struct PathElement {
  std::string name;    // Attribute or map key; empty for a list index.
  int64_t index = -1;  // List index, or -1 for a name.
  bool is_index() const { return index >= 0; }
  bool operator==(const PathElement&) const = default;
};

struct Path {
  std::vector<PathElement> elements;
  // "a.b[2].c": names as resolved (not the placeholders).
  std::string ToString() const;
  // DynamoDB's rendering in overlap/conflict messages: "[a, b, [2], c]".
  std::string ToListString() const;
  bool operator==(const Path&) const = default;
};

enum class OperandKind {
  kPath,         // path
  kValue,        // :value
  kSize,         // size(path)                        args[0] is the path operand
  kIfNotExists,  // if_not_exists(path, operand)      update SET only
  kListAppend,   // list_append(operand, operand)     update SET only
  kPlus,         // operand + operand                 update SET only
  kMinus,        // operand - operand                 update SET only
};

struct Operand {
  OperandKind kind = OperandKind::kPath;
  Path path;                     // kPath.
  const Value* value = nullptr;  // kValue: points into the request's ExpressionAttributeValues.
  std::string value_name;        // kValue: the placeholder, for messages.
  std::vector<Operand> args;     // Function and arithmetic arguments.
  std::string ToString() const;
};

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };
enum class Function {
  kAttributeExists,
  kAttributeNotExists,
  kAttributeType,
  kBeginsWith,
  kContains
};
enum class ConditionKind { kCompare, kBetween, kIn, kFunction, kAnd, kOr, kNot };

struct Condition {
  ConditionKind kind = ConditionKind::kCompare;
  CompareOp op = CompareOp::kEq;            // kCompare.
  Function function = Function::kContains;  // kFunction.
  std::vector<Operand> operands;            // Compare: 2; Between: 3; In: 1 + list; Function: args.
  std::vector<Condition> children;          // And/Or: 2; Not: 1.
  bool parenthesized = false;  // Written in parentheses (to spot a redundant "((...))").
  std::string ToString() const;
};

enum class UpdateKind { kSet, kRemove, kAdd, kDelete };

struct UpdateAction {
  UpdateKind kind = UpdateKind::kSet;
  Path path;
  Operand value;  // SET: the value; ADD/DELETE: the :value; REMOVE: unused.
};

struct UpdateExpression {
  std::vector<UpdateAction> actions;
  // Translated from the legacy AttributeUpdates, whose ADD and DELETE type errors DynamoDB
  // words differently ("Type mismatch for attribute to update").
  bool legacy = false;
};

std::string_view CompareOpText(CompareOp op);
std::string_view FunctionName(Function f);

}  // namespace ddb::expr
