// The ProjectionExpression of a single-item read (GetItem, BatchGetItem, TransactGetItems).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "expr/ast.h"
#include "protocol/requests.h"

namespace ddb::ops {

// Parses `projection` (none: an empty list) against `attrs`, whose names and values must then
// all be used. The paths point into `attrs`, which must outlive them.
Result<std::vector<expr::Path>> ParseReadProjection(const std::optional<std::string>& projection,
                                                    const protocol::ExpressionAttributes& attrs);

}  // namespace ddb::ops
