// PartiQL statements as DynamoDB runs them (ExecuteStatement, BatchExecuteStatement,
// ExecuteTransaction): SELECT, INSERT, UPDATE, DELETE and EXISTS(SELECT ...), parsed into
// partiql/ast.h with the request's Parameters bound to the ? placeholders in order. Errors are
// ValidationExceptions worded as the service words them (docs/notes/partiql.md §4): "Statement
// wasn't well formed, can't be processed: <detail>" for syntax, "Number of parameters in request
// and statement don't match." Whether the statement fits its table (keys, indexes) is checked
// later, when the table is known, and so is whether the operation allows the statement (EXISTS is
// for write transactions only). Stateless; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "partiql/ast.h"

namespace ddb::partiql {

Result<Statement> Parse(std::string_view statement, const std::vector<Value>& parameters);

// Whether a Parse error is a syntax error ("Statement wasn't well formed, ..."), which the
// multi-statement operations answer as it is, rather than naming the statement.
bool IsSyntaxError(const ApiError& error);

}  // namespace ddb::partiql
