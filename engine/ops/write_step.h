// WriteStep: one parsed single-item write (PutItem, UpdateItem, DeleteItem, or a transaction's
// ConditionCheck), shared by the item operations, BatchWriteItem and TransactWriteItems so that
// every path validates and applies a write the same way.
#pragma once

#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "core/result.h"
#include "expr/ast.h"
#include "ops/request_context.h"
#include "protocol/requests.h"
#include "txn/rmw.h"

namespace ddb::ops {

struct WriteStep {
  enum class Kind { kPut, kUpdate, kDelete, kConditionCheck };
  Kind kind = Kind::kPut;
  TablePtr table;
  std::string storage_key;
  const Item* item = nullptr;  // kPut: the item to store; otherwise the key. Owned by the request.
  std::optional<expr::Condition> condition;
  std::optional<expr::UpdateExpression> update;
  bool return_old_on_failure = false;
};

// Checks the item's size, parses the expressions (whose placeholders must all be used), then
// answers ResourceNotFound if `table` is null, then validates the key or item against the table:
// the service's order (docs/notes/service-errors.md §1.7). `item` and `attrs` are the request's
// and must outlive the step.
Result<WriteStep> PrepareWrite(WriteStep::Kind kind, TablePtr table, const Item& item,
                               const std::optional<std::string>& condition,
                               const std::optional<std::string>& update,
                               const protocol::ExpressionAttributes& attrs,
                               bool return_old_on_failure);

// The pure apply function of a step: given the current item (null if absent) returns the item
// to store, nullopt to delete, or ConditionalCheckFailed / a ValidationException. A
// ConditionCheck returns the current item unchanged.
Result<std::optional<Item>> ApplyStep(const WriteStep& step, const Item* current);

// The ItemCollectionMetrics of a committed step, if `wanted` and the table has local indexes.
std::optional<protocol::CollectionMetrics> CollectionOf(bool wanted, const WriteStep& step,
                                                        const txn::WriteResult& written);

// The table named `name` in the caller's namespace, or ResourceNotFoundException worded as the
// data plane words it ("Requested resource not found").
Result<TablePtr> FindTable(const RequestContext& ctx, const std::string& name);

// The same, worded as the table operations word it ("Requested resource not found: Table:
// <name> not found").
Result<TablePtr> FindTableByName(const RequestContext& ctx, const std::string& name);

}  // namespace ddb::ops
