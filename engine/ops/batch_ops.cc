// BatchWriteItem and BatchGetItem: many independent single-item operations in one request
// (each item is atomic on its own, as in DynamoDB; the batch as a whole is not).
#include <set>

#include "expr/parser.h"
#include "expr/paths.h"
#include "ops/capacity.h"
#include "ops/handlers.h"
#include "ops/item_key.h"
#include "ops/projection.h"
#include "protocol/batch_requests.h"
#include "txn/rmw.h"

namespace ddb::ops {
namespace {

ApiError Duplicates() {
  return ApiError::Validation("Provided list of item keys contains duplicates");
}

}  // namespace

Result<std::string> BatchWriteItem(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::BatchWriteRequest req, protocol::DecodeBatchWrite(request));
  // Validate everything before writing anything, in the service's order: what needs no table
  // (item sizes), then the tables, then keys and duplicates (docs/notes/service-errors.md §2.12).
  for (const auto& w : req.writes) {
    if (w.is_put) DDB_RETURN_IF_ERROR(CheckItemSize(w.item));
  }
  std::vector<TablePtr> tables;
  tables.reserve(req.writes.size());
  for (const auto& w : req.writes) {
    DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, w.table));
    tables.push_back(std::move(table));
  }
  std::vector<WriteStep> steps;
  std::set<std::pair<uint64_t, std::string>> seen;
  const protocol::ExpressionAttributes none;
  for (size_t i = 0; i < req.writes.size(); ++i) {
    const auto& w = req.writes[i];
    DDB_ASSIGN_OR_RETURN(WriteStep step,
                         PrepareWrite(w.is_put ? WriteStep::Kind::kPut : WriteStep::Kind::kDelete,
                                      tables[i], w.item, std::nullopt, std::nullopt, none, false));
    if (!seen.emplace(tables[i]->id, step.storage_key).second) return Duplicates();
    steps.push_back(std::move(step));
  }
  std::vector<protocol::ConsumedCapacity> capacity;
  std::vector<protocol::CollectionMetrics> collections;
  for (const WriteStep& step : steps) {
    DDB_ASSIGN_OR_RETURN(
        txn::WriteResult written,
        txn::ReadModifyWrite(ctx.engine, *step.table, step.storage_key,
                             [&](const Item* current) { return ApplyStep(step, current); }));
    AddTableCapacity(&capacity,
                     WriteCapacity(req.capacity, step.table->name,
                                   WriteUnits(std::max(written.old_size, written.new_size)),
                                   written.index_units));
    if (auto c = CollectionOf(req.collection_metrics, step, written)) {
      collections.push_back(std::move(*c));
    }
  }
  return protocol::EncodeBatchWrite(capacity, collections);
}

Result<std::string> BatchGetItem(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::BatchGetRequest req, protocol::DecodeBatchGet(request));
  // In the service's order: the projections (no table needed), the tables, then the keys. The
  // decoder has rejected duplicate keys.
  std::vector<std::vector<expr::Path>> projections;
  for (const auto& spec : req.tables) {
    DDB_ASSIGN_OR_RETURN(auto projection, ParseReadProjection(spec.projection, spec.attrs));
    projections.push_back(std::move(projection));
  }
  std::vector<TablePtr> tables;
  for (const auto& spec : req.tables) {
    DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, spec.table));
    tables.push_back(std::move(table));
  }
  protocol::BatchGetResponse resp;
  for (size_t t = 0; t < req.tables.size(); ++t) {
    const auto& spec = req.tables[t];
    const TableDef& table = *tables[t];
    std::vector<Item> items;
    double units = 0;
    for (const Item& key : spec.keys) {
      DDB_ASSIGN_OR_RETURN(KeyRef ref, ValidateKey(table, key));
      DDB_ASSIGN_OR_RETURN(std::optional<Item> item,
                           txn::ReadItem(ctx.engine, StorageKey(table, ref)));
      units += ReadUnits(item ? ItemSize(*item) : 0, spec.consistent);
      if (!item) continue;
      items.push_back(projections[t].empty() ? std::move(*item)
                                             : expr::Project(*item, projections[t]));
    }
    resp.responses.emplace_back(table.name, std::move(items));
    AddTableCapacity(&resp.capacity, Capacity(req.capacity, table.name, units, false));
  }
  return protocol::EncodeBatchGet(resp);
}

}  // namespace ddb::ops
