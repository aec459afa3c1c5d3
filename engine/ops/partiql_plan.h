// A parsed PartiQL statement (partiql/ast.h) planned, against its table, as the requests of the
// item operations that do the same: a SELECT as a Query (WHERE fixes the partition key) or a
// Scan; a single-item SELECT (batches, transactions) as a key;
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

// A SELECT as a Query or a Scan (read.is_query); with `pk IN [...]` of several values, a Query
// per value, in `hash_values` order (sorted when ORDER BY names the partition key), the read's
// ExpressionAttributeValues naming the value at `value_placeholder`; with nested paths
// selected, `columns` says how to name them. The caller sets paging,
// consistency and capacity. ValidationException for a WHERE the expression language cannot
// say, more than 50 values, or an ORDER BY the service refuses.
struct SelectPlan {
  protocol::ReadRequest read;
  std::vector<Value> hash_values;
  std::string value_placeholder;
  // A projection of nested paths: the read keeps their top-level attributes whole and each item
  // read is then answered as partiql::SelectColumns(item, columns).
  std::vector<expr::Path> columns;
};
Result<SelectPlan> PlanSelect(const partiql::Statement& s, const TableDef& table);

// The key of a SELECT that names one item, as batches and transactions require: on the table
// (not an index), with an equality (or a one-value IN) on every key attribute and nothing else.
// `not_one_item` otherwise (each operation words it).
Result<Item> PlanItemKey(const partiql::Statement& s, const TableDef& table,
                         const ApiError& not_one_item);

// INSERT (a Put that must not find the key), UPDATE (an Update of an item that must exist),
// DELETE, or EXISTS (a ConditionCheck that the item exists and satisfies the rest of the WHERE,
// which must name the whole key and something more).
struct WritePlan {
  protocol::TransactWriteRequest::Action action;
  protocol::ReturnValues returning = protocol::ReturnValues::kNone;
  // An INSERT: a failed condition means the key exists (DuplicateItemException).
  bool insert = false;
};
// How UPDATE and DELETE treat a WHERE without an equality on every key attribute: refused
// ("Where clause does not contain a mandatory equality on all key attributes"), or planned
// with the key it has, for the key's validation to refuse (ExecuteTransaction's way).
enum class KeyRule { kRefusePartial, kValidateLater };
Result<WritePlan> PlanWrite(const partiql::Statement& s, const TableDef& table, KeyRule rule);

// The storage key of the item a write plan names, or the key's validation error (an INSERT's
// item must hold the key attributes; the others' key must be exactly the key).
Result<std::string> WriteKey(const WritePlan& plan, const TableDef& table);

// Runs an INSERT, UPDATE or DELETE plan as PutItem, UpdateItem or DeleteItem (partiql_ops.cc):
// their errors, except that an INSERT whose key exists fails with DuplicateItemException. An
// EXISTS plan is refused (only a write transaction may hold one).
Result<protocol::ItemResponse> ExecuteWritePlan(WritePlan plan, bool return_old_on_failure,
                                                protocol::CapacityDetail capacity,
                                                RequestContext& ctx);

// The refusal of EXISTS outside a write transaction.
ApiError ExistsRefused();

}  // namespace ddb::ops
