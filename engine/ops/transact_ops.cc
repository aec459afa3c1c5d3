// TransactWriteItems and TransactGetItems.
#include <simdjson.h>

#include <set>

#include "expr/parser.h"
#include "expr/paths.h"
#include "ops/capacity.h"
#include "ops/handlers.h"
#include "ops/item_key.h"
#include "ops/item_requests.h"
#include "ops/projection.h"
#include "protocol/batch_requests.h"
#include "txn/commit.h"
#include "txn/snapshot.h"

namespace ddb::ops {
namespace {

using Action = protocol::TransactWriteRequest::Action;

WriteStep::Kind StepKind(Action::Kind kind) {
  switch (kind) {
    case Action::Kind::kConditionCheck:
      return WriteStep::Kind::kConditionCheck;
    case Action::Kind::kPut:
      return WriteStep::Kind::kPut;
    case Action::Kind::kUpdate:
      return WriteStep::Kind::kUpdate;
    case Action::Kind::kDelete:
      return WriteStep::Kind::kDelete;
  }
  return WriteStep::Kind::kPut;
}

// The cancellation reason DynamoDB reports for one action.
CancellationReason Reason(const std::optional<ApiError>& error, WriteStep::Kind kind) {
  if (!error) return {"None", "", nullptr};
  if (error->kind == ErrorKind::kConditionalCheckFailed) {
    // DynamoDB ends the message with a period for ConditionCheck actions only.
    return {"ConditionalCheckFailed",
            kind == WriteStep::Kind::kConditionCheck ? "The conditional request failed."
                                                     : "The conditional request failed",
            error->item};
  }
  if (error->kind == ErrorKind::kItemCollectionSizeLimitExceeded) {
    return {"ItemCollectionSizeLimitExceeded", error->message, nullptr};
  }
  return {"ValidationError", error->message, nullptr};
}

// Transactions cost twice the units of the same non-transactional requests.
std::vector<protocol::ConsumedCapacity> TransactCapacity(
    protocol::CapacityDetail detail, const std::vector<WriteStep>& steps,
    const std::vector<txn::WriteResult>& results) {
  std::vector<protocol::ConsumedCapacity> out;
  if (detail == protocol::CapacityDetail::kNone) return out;
  for (size_t i = 0; i < steps.size(); ++i) {
    const txn::WriteResult& r = results[i];
    double units = steps[i].kind == WriteStep::Kind::kConditionCheck
                       ? 2 * ReadUnits(r.old_size, true)
                       : 2 * WriteUnits(std::max(r.old_size, r.new_size));
    auto c = WriteCapacity(detail, steps[i].table->name, units, r.index_units);
    c->units_kind = protocol::ConsumedCapacity::UnitsKind::kWrite;
    AddTableCapacity(&out, std::move(c));
  }
  return out;
}

Result<TransactWriteResult> CommitTransactWrite(const protocol::TransactWriteRequest& req,
                                                RequestContext& ctx) {
  // Each action's checks (a missing table answering after those that need none), then the
  // duplicates: the service checks the tables exist before it looks for two actions on one item.
  std::vector<WriteStep> steps;
  for (const Action& a : req.actions) {
    DDB_ASSIGN_OR_RETURN(
        WriteStep step,
        PrepareWrite(StepKind(a.kind), ctx.engine.catalog().Find(ctx.ns, a.table), a.item,
                     a.condition, a.update, a.attrs, a.return_old_on_failure));
    steps.push_back(std::move(step));
  }
  std::set<std::pair<uint64_t, std::string>> seen;
  for (const WriteStep& step : steps) {
    if (!seen.emplace(step.table->id, step.storage_key).second) {
      return ApiError::Validation(
          "Transaction request cannot include multiple operations on one item");
    }
  }
  std::vector<txn::Change> changes;
  changes.reserve(steps.size());
  for (const WriteStep& step : steps) {
    changes.push_back({step.table.get(), step.storage_key,
                       [&step](const Item* current) { return ApplyStep(step, current); }});
  }
  DDB_ASSIGN_OR_RETURN(txn::CommitOutcome outcome, txn::Commit(ctx.engine, changes));
  if (!outcome.committed()) {
    std::vector<CancellationReason> reasons;
    reasons.reserve(outcome.errors.size());
    for (size_t i = 0; i < outcome.errors.size(); ++i) {
      reasons.push_back(Reason(outcome.errors[i], steps[i].kind));
    }
    return ApiError::TransactionCanceled(std::move(reasons));
  }
  std::vector<protocol::CollectionMetrics> collections;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].kind == WriteStep::Kind::kConditionCheck) continue;
    // An action that changed nothing (an identical Put, a Delete of no item) has no metrics.
    if (outcome.results[i].old_item == outcome.results[i].new_item) continue;
    if (auto c = CollectionOf(req.collection_metrics, steps[i], outcome.results[i])) {
      collections.push_back(std::move(*c));
    }
  }
  return TransactWriteResult{TransactCapacity(req.capacity, steps, outcome.results),
                             std::move(collections)};
}

// A replay of a committed transaction (same ClientRequestToken) changes nothing; DynamoDB
// reports the units of reading its items transactionally.
Result<TransactWriteResult> ReplayTransactWrite(const protocol::TransactWriteRequest& req,
                                                RequestContext& ctx) {
  std::vector<protocol::ConsumedCapacity> out;
  for (const Action& a : req.actions) {
    if (req.capacity == protocol::CapacityDetail::kNone) break;
    DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, a.table));
    DDB_ASSIGN_OR_RETURN(WriteStep step, PrepareWrite(StepKind(a.kind), table, a.item, a.condition,
                                                      a.update, a.attrs, false));
    DDB_ASSIGN_OR_RETURN(auto current, txn::ReadItem(ctx.engine, step.storage_key));
    auto c = Capacity(req.capacity, table->name,
                      2 * ReadUnits(current ? ItemSize(*current) : 0, true), false);
    c->units_kind = protocol::ConsumedCapacity::UnitsKind::kRead;
    c->table_read_units = true;
    AddTableCapacity(&out, std::move(c));
  }
  return TransactWriteResult{std::move(out), {}};
}

}  // namespace

Result<TransactWriteResult> ExecuteTransactWrite(const protocol::TransactWriteRequest& req,
                                                 RequestContext& ctx) {
  if (!req.token) return CommitTransactWrite(req, ctx);
  return ctx.engine.tokens().Run(
      *req.token, req.fingerprint, ctx.engine.clock().Now(),
      [&] { return CommitTransactWrite(req, ctx); }, [&] { return ReplayTransactWrite(req, ctx); });
}

Result<std::string> TransactWriteItems(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::TransactWriteRequest req, protocol::DecodeTransactWrite(request));
  DDB_ASSIGN_OR_RETURN(TransactWriteResult written, ExecuteTransactWrite(req, ctx));
  return protocol::EncodeTransactWrite(written.capacity, written.collections);
}

Result<std::string> TransactGetItems(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::TransactGetRequest req, protocol::DecodeTransactGet(request));
  std::vector<std::string> keys;
  std::vector<TablePtr> tables;
  std::vector<std::vector<expr::Path>> projections;
  // The projections need no table: the service checks them before the tables.
  for (const auto& get : req.gets) {
    DDB_ASSIGN_OR_RETURN(std::vector<expr::Path> projection,
                         ParseReadProjection(get.projection, get.attrs));
    projections.push_back(std::move(projection));
  }
  for (const auto& get : req.gets) {
    DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, get.table));
    DDB_ASSIGN_OR_RETURN(KeyRef key, ValidateKey(*table, get.key));
    std::string storage_key = StorageKey(*table, key);
    for (size_t j = 0; j < keys.size(); ++j) {
      if (keys[j] == storage_key && tables[j]->id == table->id) {
        return ApiError::Validation(
            "Transaction request cannot include multiple operations on one item");
      }
    }
    keys.push_back(std::move(storage_key));
    tables.push_back(std::move(table));
  }
  DDB_ASSIGN_OR_RETURN(auto items, txn::ReadSnapshot(ctx.engine, keys));
  protocol::TransactGetResponse resp;
  for (size_t i = 0; i < items.size(); ++i) {
    size_t size = items[i] ? ItemSize(*items[i]) : 0;
    auto c = Capacity(req.capacity, tables[i]->name, 2 * ReadUnits(size, true), false);
    if (c) c->units_kind = protocol::ConsumedCapacity::UnitsKind::kRead;
    AddTableCapacity(&resp.capacity, std::move(c));
    if (items[i] && !projections[i].empty()) items[i] = expr::Project(*items[i], projections[i]);
    resp.items.push_back(std::move(items[i]));
  }
  return protocol::EncodeTransactGet(resp);
}

}  // namespace ddb::ops
