// Applying an UpdateExpression to an item.
#pragma once

#include "core/result.h"
#include "expr/ast.h"

namespace ddb::expr {

// Applies `update` to `item` in place. Every operand is evaluated against the item as it was
// before the update, as DynamoDB does. On error the item may be partly updated; callers work
// on a copy. Errors are ValidationExceptions worded as DynamoDB words them.
Status ApplyUpdate(const UpdateExpression& update, Item& item);

}  // namespace ddb::expr
