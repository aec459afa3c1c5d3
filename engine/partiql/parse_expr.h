// The expression half of the PartiQL parser: conditions (WHERE), values (SET right-hand sides,
// INSERT's item), literals and document paths. Internal to partiql/; parser.h is the entry.
#pragma once

#include <string>

#include "core/result.h"
#include "partiql/ast.h"
#include "partiql/token_stream.h"

namespace ddb::partiql {

// A condition: OR of ANDs of NOTs of predicates (comparisons, BETWEEN, IN, IS, functions).
Result<Expr> ParseCondition(TokenStream& in);
// A value expression: operands joined by + and -.
Result<Expr> ParseOperand(TokenStream& in);
// A constant: a literal ('s', 1, TRUE, NULL, [..], {..}, <<..>>) or a bound ?. `where` names it
// in messages ("root" for the outermost; "root.a", "root[0]" inside it).
Result<Value> ParseConstant(TokenStream& in, const std::string& where = "root");
// a.b[2]."c d"['e']
Result<expr::Path> ParsePath(TokenStream& in);
// A table, index or attribute name: bare (not a keyword) or double-quoted.
Result<std::string> ParseName(TokenStream& in);

}  // namespace ddb::partiql
