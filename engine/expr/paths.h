// Document paths applied to items: read, write, remove and project.
#pragma once

#include <vector>

#include "core/result.h"
#include "expr/ast.h"

namespace ddb::expr {

// The value at `path` in `item`, or null if any step is missing or of the wrong type.
const Value* ResolvePath(const Item& item, const Path& path);

// Stores `value` at `path`. Intermediate steps must exist and be a map (name) or list (index);
// an index past the end of a list appends. Otherwise a ValidationException: "The document path
// provided in the update expression is invalid for update".
Status SetPath(Item& item, const Path& path, Value value);

// Removes the value at `path` if present (a list element shifts the rest down).
void RemovePath(Item& item, const Path& path);

// The parts of `item` named by `paths`, nested as in the item; list elements selected by index
// keep their relative order. Paths must not overlap (see CheckPathOverlaps).
Item Project(const Item& item, const std::vector<Path>& paths);

}  // namespace ddb::expr
