// A parsed PartiQL statement (partiql/ast.h) planned, against its table, as the requests of the
// item operations that do the same: a SELECT as a Query (WHERE fixes the partition key) or a
// Scan; a single-item SELECT (batches, transactions) as a key, a condition and a projection;
// INSERT, UPDATE, DELETE and EXISTS as TransactWriteItems actions. The PartiQL operations
// (partiql_ops.cc, partiql_batch_ops.cc, partiql_transaction_ops.cc) run the plans with the
// item operations' code, so conditions, indexes, streams and capacity are theirs.
// docs/notes/partiql.md has the service's behaviour and sources. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "catalog/table_def.h"
#include "core/result.h"
#include "ops/request_context.h"
#include "partiql/ast.h"
#include "protocol/batch_requests.h"
#include "protocol/requests.h"

namespace ddb::ops {

// A SELECT as a Query or a Scan (req.is_query). The caller sets paging, consistency and
// capacity. ValidationException for a WHERE the expression language cannot say.
Result<protocol::ReadRequest> PlanSelect(const partiql::Statement& s, const TableDef& table);

// A SELECT that names one item by an equality on every key attribute of the table.
struct ItemReadPlan {
  Item key;
  std::optional<std::string> condition;   // The rest of the WHERE; the item must satisfy it.
  std::optional<std::string> projection;  // None for SELECT *.
  protocol::ExpressionAttributes attrs;
};
// `partial` is the error when the WHERE does not fix the whole key (each operation words it).
Result<ItemReadPlan> PlanItemRead(const partiql::Statement& s, const TableDef& table,
                                  const ApiError& partial);

// INSERT (a Put that must not find the key), UPDATE (an Update of an item that must exist),
// DELETE, or EXISTS (a ConditionCheck that the item exists and satisfies the rest of the WHERE).
struct WritePlan {
  protocol::TransactWriteRequest::Action action;
  protocol::ReturnValues returning = protocol::ReturnValues::kNone;
  // An INSERT: a failed condition means the key exists (DuplicateItemException).
  bool insert = false;
};
// ValidationException when UPDATE, DELETE or EXISTS does not fix the whole key.
Result<WritePlan> PlanWrite(const partiql::Statement& s, const TableDef& table);

// Runs an INSERT, UPDATE or DELETE plan as PutItem, UpdateItem or DeleteItem (partiql_ops.cc):
// their errors, except that an INSERT whose key exists fails with DuplicateItemException. An
// EXISTS plan is refused (only a write transaction may hold one).
Result<protocol::ItemResponse> ExecuteWritePlan(WritePlan plan, bool return_old_on_failure,
                                                protocol::CapacityDetail capacity,
                                                RequestContext& ctx);

}  // namespace ddb::ops
