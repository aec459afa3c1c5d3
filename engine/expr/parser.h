// Parsers for the four expression kinds: conditions (ConditionExpression, FilterExpression,
// KeyConditionExpression), UpdateExpression and ProjectionExpression.
//
// Placeholders are resolved while parsing against the request's ExpressionAttributeNames and
// ExpressionAttributeValues, and every placeholder used is recorded in the ParseContext so that
// CheckAllUsed() can report unused ones once all of a request's expressions are parsed. Errors
// are ValidationExceptions worded as DynamoDB words them ("Invalid UpdateExpression: Syntax
// error; token: ..."). Stateless apart from the context; thread-safe.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "expr/ast.h"

namespace ddb::expr {

using NameMap = std::map<std::string, std::string, std::less<>>;

struct ParseContext {
  const NameMap* names = nullptr;  // ExpressionAttributeNames, or null if absent.
  const Item* values = nullptr;    // ExpressionAttributeValues, or null if absent.
  std::set<std::string, std::less<>> used_names;
  std::set<std::string, std::less<>> used_values;
};

// `kind` names the request field in messages, e.g. "ConditionExpression". A
// "KeyConditionExpression" must also have a key condition's shape (one or two comparisons on
// top-level attributes, joined by AND), which needs no table; ops/key_condition.h checks it
// against the key schema.
Result<Condition> ParseCondition(std::string_view text, std::string_view kind, ParseContext& ctx);
Result<UpdateExpression> ParseUpdate(std::string_view text, ParseContext& ctx);
Result<std::vector<Path>> ParseProjection(std::string_view text, ParseContext& ctx);

// After all expressions of a request are parsed: unused names/values are errors, as are names or
// values supplied while no expression was given (`any_expression` false). `absent` names the
// missing expressions for that message, e.g. "ConditionExpression is null".
Status CheckAllUsed(const ParseContext& ctx, bool any_expression, std::string_view absent);

// Checks that no two paths overlap (one a prefix of the other) or conflict (a name and an index at
// the same position). `kind` names the expression for the message.
Status CheckPathOverlaps(const std::vector<const Path*>& paths, std::string_view kind);

}  // namespace ddb::expr
