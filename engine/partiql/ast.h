// A parsed PartiQL statement, as DynamoDB's dialect allows: SELECT, INSERT, UPDATE, DELETE.
//
// Parameters (?) are bound while parsing, so a tree holds values, not placeholders: literals
// and parameters alike are kLiteral. Document paths use the expression language's Path
// (expr/ast.h). Plain data; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/value.h"
#include "expr/ast.h"

namespace ddb::partiql {

enum class ExprKind {
  kPath,     // a.b[2]."c d"
  kLiteral,  // 'x', 1, TRUE, NULL, [..], {..}, <<..>>, or a bound ?
  kMissing,  // MISSING (only as IS [NOT] MISSING's right side)
  kCompare,  // args[0] op args[1]
  kBetween,  // args[0] BETWEEN args[1] AND args[2]
  kIn,       // args[0] IN [args[1..]]
  kIs,       // args[0] IS [NOT] <type>; `negated`, `type_name`
  kAnd,
  kOr,
  kNot,
  kCall,   // function(args): `function` in lower case
  kPlus,   // args[0] + args[1]
  kMinus,  // args[0] - args[1]
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  expr::Path path;                            // kPath.
  Value value;                                // kLiteral.
  expr::CompareOp op = expr::CompareOp::kEq;  // kCompare.
  std::string function;                       // kCall, lower case: begins_with, size, set_add, ...
  std::string type_name;                      // kIs, upper case: MISSING, NULL, STRING, ...
  bool negated = false;                       // kIs: IS NOT.
  std::vector<Expr> args;
  size_t offset = 0;  // Where it starts in the statement, for messages.
};

enum class Returning { kNone, kAllOld, kModifiedOld, kAllNew, kModifiedNew };

struct OrderTerm {
  std::string attribute;
  bool descending = false;
};

// One SET or REMOVE of an UPDATE.
struct Assignment {
  bool remove = false;
  expr::Path path;
  Expr value;  // SET only.
};

struct Statement {
  // kExists: EXISTS(SELECT ...), a condition check that only a write transaction may hold; its
  // fields are the SELECT's.
  enum class Kind { kSelect, kInsert, kUpdate, kDelete, kExists };
  Kind kind = Kind::kSelect;
  std::string table;
  std::string index;  // SELECT ... FROM "table"."index"; empty for the table.
  // SELECT: `*` (empty projection) or the paths listed.
  bool select_all = false;
  std::vector<expr::Path> projection;
  std::optional<Expr> where;
  std::vector<OrderTerm> order_by;
  Item item;                            // INSERT: the item (VALUE {...}).
  std::vector<Assignment> assignments;  // UPDATE.
  Returning returning = Returning::kNone;
};

}  // namespace ddb::partiql
