// PutItem, GetItem, DeleteItem and UpdateItem.
#include "expr/parser.h"
#include "expr/paths.h"
#include "ops/capacity.h"
#include "ops/handlers.h"
#include "ops/item_key.h"
#include "ops/item_requests.h"
#include "ops/projection.h"
#include "ops/write_step.h"
#include "protocol/decode.h"
#include "protocol/encode.h"
#include "txn/rmw.h"

namespace ddb::ops {
namespace {

using protocol::ReturnValues;

Result<txn::WriteResult> Run(RequestContext& ctx, const WriteStep& step) {
  return txn::ReadModifyWrite(ctx.engine, *step.table, step.storage_key,
                              [&](const Item* current) { return ApplyStep(step, current); });
}

std::optional<protocol::ConsumedCapacity> Consumed(protocol::CapacityDetail detail,
                                                   const TableDef& table,
                                                   const txn::WriteResult& w) {
  return WriteCapacity(detail, table.name, WriteUnits(std::max(w.old_size, w.new_size)),
                       w.index_units);
}

// UPDATED_OLD / UPDATED_NEW return only the updated paths (as DynamoDB does, nested paths as
// fragments); nothing at all when that leaves no attribute.
std::optional<Item> UpdateReturn(ReturnValues rv, const txn::WriteResult& w,
                                 const std::optional<expr::UpdateExpression>& update) {
  std::vector<expr::Path> updated;
  if (update) {
    for (const auto& a : update->actions) updated.push_back(a.path);
  }
  // Returns `item` unless it is empty (nothing updated remains): then no Attributes at all.
  auto non_empty = [](Item item) -> std::optional<Item> {
    if (item.empty()) return std::nullopt;
    return item;
  };
  switch (rv) {
    case ReturnValues::kNone:
      return std::nullopt;
    case ReturnValues::kAllOld:
      return w.old_item;
    case ReturnValues::kAllNew:
      return w.new_item;
    case ReturnValues::kUpdatedOld:
      if (!w.old_item) return std::nullopt;
      return non_empty(expr::Project(*w.old_item, updated));
    case ReturnValues::kUpdatedNew:
      if (!w.new_item) return std::nullopt;
      return non_empty(expr::Project(*w.new_item, updated));
  }
  return std::nullopt;
}

// The table named `name`, or null: PrepareWrite answers ResourceNotFound for a null table after
// the checks that need none.
TablePtr TableOrNull(const RequestContext& ctx, const std::string& name) {
  return ctx.engine.catalog().Find(ctx.ns, name);
}

}  // namespace

Result<protocol::ItemResponse> ExecutePut(const protocol::PutItemRequest& req,
                                          RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(
      WriteStep step,
      PrepareWrite(WriteStep::Kind::kPut, TableOrNull(ctx, req.table), req.item, req.condition,
                   std::nullopt, req.attrs, req.return_old_on_failure));
  DDB_ASSIGN_OR_RETURN(txn::WriteResult written, Run(ctx, step));
  protocol::ItemResponse resp;
  if (req.return_values == ReturnValues::kAllOld) resp.item = std::move(written.old_item);
  resp.capacity = Consumed(req.capacity, *step.table, written);
  resp.collection = CollectionOf(req.collection_metrics, step, written);
  return resp;
}

Result<std::string> PutItem(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::PutItemRequest req, protocol::DecodePutItem(request));
  DDB_ASSIGN_OR_RETURN(protocol::ItemResponse resp, ExecutePut(req, ctx));
  return protocol::EncodeItemResponse(resp, "Attributes");
}

Result<protocol::ItemResponse> ExecuteDelete(const protocol::DeleteItemRequest& req,
                                             RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(
      WriteStep step,
      PrepareWrite(WriteStep::Kind::kDelete, TableOrNull(ctx, req.table), req.key, req.condition,
                   std::nullopt, req.attrs, req.return_old_on_failure));
  DDB_ASSIGN_OR_RETURN(txn::WriteResult written, Run(ctx, step));
  protocol::ItemResponse resp;
  if (req.return_values == ReturnValues::kAllOld) resp.item = std::move(written.old_item);
  resp.capacity = Consumed(req.capacity, *step.table, written);
  resp.collection = CollectionOf(req.collection_metrics, step, written);
  return resp;
}

Result<std::string> DeleteItem(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::DeleteItemRequest req, protocol::DecodeDeleteItem(request));
  DDB_ASSIGN_OR_RETURN(protocol::ItemResponse resp, ExecuteDelete(req, ctx));
  return protocol::EncodeItemResponse(resp, "Attributes");
}

Result<protocol::ItemResponse> ExecuteUpdate(const protocol::UpdateItemRequest& req,
                                             RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(
      WriteStep step,
      PrepareWrite(WriteStep::Kind::kUpdate, TableOrNull(ctx, req.table), req.key, req.condition,
                   req.update, req.attrs, req.return_old_on_failure));
  if (step.update) step.update->legacy = req.legacy_update;
  DDB_ASSIGN_OR_RETURN(txn::WriteResult written, Run(ctx, step));
  protocol::ItemResponse resp;
  resp.item = UpdateReturn(req.return_values, written, step.update);
  resp.capacity = Consumed(req.capacity, *step.table, written);
  resp.collection = CollectionOf(req.collection_metrics, step, written);
  return resp;
}

Result<std::string> UpdateItem(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::UpdateItemRequest req, protocol::DecodeUpdateItem(request));
  DDB_ASSIGN_OR_RETURN(protocol::ItemResponse resp, ExecuteUpdate(req, ctx));
  return protocol::EncodeItemResponse(resp, "Attributes");
}

Result<protocol::ItemResponse> ExecuteGet(const TableDef& table, const Item& key,
                                          const std::vector<expr::Path>& projection,
                                          bool consistent, protocol::CapacityDetail detail,
                                          RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(KeyRef ref, ValidateKey(table, key));
  DDB_ASSIGN_OR_RETURN(std::optional<Item> item, txn::ReadItem(ctx.engine, StorageKey(table, ref)));
  protocol::ItemResponse resp;
  size_t size = item ? ItemSize(*item) : 0;
  if (item) resp.item = projection.empty() ? std::move(item) : expr::Project(*item, projection);
  resp.capacity = Capacity(detail, table.name, ReadUnits(size, consistent), false);
  return resp;
}

Result<std::string> GetItem(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::GetItemRequest req, protocol::DecodeGetItem(request));
  // The projection needs no table: the service checks it before the table lookup.
  DDB_ASSIGN_OR_RETURN(std::vector<expr::Path> projection,
                       ParseReadProjection(req.projection, req.attrs));
  DDB_ASSIGN_OR_RETURN(TablePtr table, FindTable(ctx, req.table));
  DDB_ASSIGN_OR_RETURN(protocol::ItemResponse resp,
                       ExecuteGet(*table, req.key, projection, req.consistent, req.capacity, ctx));
  return protocol::EncodeItemResponse(resp, "Item");
}

}  // namespace ddb::ops
