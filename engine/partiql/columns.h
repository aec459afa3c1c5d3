// The names PartiQL gives the paths a SELECT lists. Where a ProjectionExpression nests each
// value as in the item ({"m": {"k": [..]}}), a SELECT answers each path as one attribute named
// by its last name and the indexes after it: `m.k[0]` as "k[0]", `a.b` as "b", `l[1]` as "l[1]"
// (the service's answers, docs/notes/partiql.md). Stateless; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/value.h"
#include "expr/ast.h"
#include "partiql/ast.h"

namespace ddb::partiql {

// The attribute name of one selected path.
std::string ColumnName(const expr::Path& path);

// Whether any path is more than a top-level attribute (only then does naming change anything).
bool HasNestedPaths(const std::vector<expr::Path>& paths);

// The distinct top-level attributes of `paths`: a projection that keeps what they select whole.
std::vector<expr::Path> TopLevelOf(const std::vector<expr::Path>& paths);

// `item` (the whole item, or at least the TopLevelOf `paths`) as the SELECT answers it: each
// path present in it, under its ColumnName. A later path of the same name replaces an earlier one.
Item SelectColumns(const Item& item, const std::vector<expr::Path>& paths);

// What a SELECT of `s` answers of the whole item `whole`: all of it for `*`, else its paths,
// nested as in the item when they are all top-level attributes, else named by SelectColumns.
Item Selected(const Statement& s, const Item& whole);

}  // namespace ddb::partiql
