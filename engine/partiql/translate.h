// PartiQL conditions, assignments and projections rendered in DynamoDB's expression language
// (with #n / :v placeholders), so that a statement runs through the same Query, Scan, GetItem,
// PutItem, UpdateItem and DeleteItem code as the JSON operations: one evaluator, one write
// path. Also splits a WHERE into its key equalities and the rest. Stateless; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "expr/parser.h"
#include "partiql/ast.h"

namespace ddb::partiql {

// The ExpressionAttributeNames and ExpressionAttributeValues an expression refers to.
class Placeholders {
 public:
  std::string Name(const std::string& attribute);  // "#n0", the same one for the same name
  std::string Value(const ddb::Value& value);      // ":v0", a new one each time
  std::string Path(const expr::Path& path);        // "#n0.#n1[2]"
  const expr::NameMap& names() const { return names_; }
  const Item& values() const { return values_; }

 private:
  expr::NameMap names_;
  std::map<std::string, std::string> by_attribute_;
  Item values_;
};

// A WHERE (or one of its terms) as a ConditionExpression. ValidationException for what the
// expression language cannot say (MISSING outside IS, arithmetic in a condition, an unknown
// function).
Result<std::string> RenderCondition(const Expr& e, Placeholders* p);

// UPDATE's SET and REMOVE clauses as an UpdateExpression (set_add / set_delete become ADD and
// DELETE actions).
Result<std::string> RenderUpdate(const std::vector<Assignment>& assignments, Placeholders* p);

// A WHERE seen as a conjunction: `terms` are the operands of its top-level ANDs in order.
std::vector<const Expr*> Conjuncts(const Expr& where);

// The value of `attribute` = <constant> (either side) or `attribute` IN [<one constant>] among
// `terms`, if there is one; *index is set to that term's position. Error if two such terms give
// different values ("Multiple conditions on same key").
Result<std::optional<Value>> KeyEquality(const std::vector<const Expr*>& terms,
                                         const std::string& attribute, size_t* index);

// The values of a term `attribute` IN [<constants>] with more than one value among `terms`, if
// there is one (the first); *index is set to its position.
std::optional<std::vector<Value>> KeyInList(const std::vector<const Expr*>& terms,
                                            const std::string& attribute, size_t* index);

}  // namespace ddb::partiql
