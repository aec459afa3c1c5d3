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
  // Validate everything before writing anything.
  std::vector<WriteStep> steps;
  std::set<std::pair<uint64_t, std::string>> seen;
  const protocol::ExpressionAttributes none;
  for (const auto& w : req.writes) {
    DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, w.table));
    DDB_ASSIGN_OR_RETURN(WriteStep step,
                         PrepareWrite(w.is_put ? WriteStep::Kind::kPut : WriteStep::Kind::kDelete,
                                      table, w.item, std::nullopt, std::nullopt, none, false));
    if (!seen.emplace(table->id, step.storage_key).second) return Duplicates();
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
  protocol::BatchGetResponse resp;
  for (const auto& spec : req.tables) {
    DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, spec.table));
    DDB_ASSIGN_OR_RETURN(std::vector<expr::Path> projection,
                         ParseReadProjection(spec.projection, spec.attrs));
    std::set<std::string> seen;
    std::vector<Item> items;
    double units = 0;
    for (const Item& key : spec.keys) {
      DDB_ASSIGN_OR_RETURN(KeyRef ref, ValidateKey(*table, key));
      std::string storage_key = StorageKey(*table, ref);
      if (!seen.insert(storage_key).second) return Duplicates();
      DDB_ASSIGN_OR_RETURN(std::optional<Item> item, txn::ReadItem(ctx.engine, storage_key));
      units += ReadUnits(item ? ItemSize(*item) : 0, spec.consistent);
      if (!item) continue;
      items.push_back(projection.empty() ? std::move(*item) : expr::Project(*item, projection));
    }
    resp.responses.emplace_back(table->name, std::move(items));
    AddTableCapacity(&resp.capacity, Capacity(req.capacity, table->name, units, false));
  }
  return protocol::EncodeBatchGet(resp);
}

}  // namespace ddb::ops
