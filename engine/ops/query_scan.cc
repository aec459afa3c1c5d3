// Query and Scan: run a ReadPlan (read_plan.h) as one range iteration over items or index
// entries, with filter, projection, Limit, the 1 MB page limit and LastEvaluatedKey.
#include "core/value_json.h"
#include "expr/eval.h"
#include "expr/parser.h"
#include "expr/paths.h"
#include "item/codec.h"
#include "ops/capacity.h"
#include "ops/handlers.h"
#include "ops/item_key.h"
#include "ops/item_requests.h"
#include "ops/read_plan.h"
#include "protocol/decode.h"
#include "protocol/encode.h"
#include "protocol/encoded_item_json.h"
#include "txn/rmw.h"

namespace ddb::ops {
namespace {

using protocol::ReadRequest;

constexpr size_t kPageBytes = size_t{1024} * 1024;

void Position(rocksdb::Iterator* it, const ReadPlan& plan, bool forward) {
  if (!plan.start_after.empty()) {
    if (forward) {
      it->Seek(plan.start_after);
      if (it->Valid() && it->key() == plan.start_after) it->Next();
    } else {
      it->SeekForPrev(plan.start_after);
      if (it->Valid() && it->key() == plan.start_after) it->Prev();
    }
  } else if (forward) {
    it->SeekToFirst();
  } else {
    it->SeekToLast();
  }
}

// A local index read that needs attributes the index does not store reads the table item.
Status FetchFromTable(Engine& engine, const ReadPlan& plan, Item* item) {
  const Item key_item = KeyOf(*plan.table, *item);  // outlives `key`, which points into it
  auto key = ValidateKey(*plan.table, key_item);
  if (!key.ok()) return std::move(key).error();
  DDB_ASSIGN_OR_RETURN(auto full, txn::ReadItem(engine, StorageKey(*plan.table, *key)));
  if (full) *item = std::move(*full);
  return Status::OK();
}

// An index read charges the index; a local index that fetched items from the table also
// charges the table, one read per fetched item.
std::optional<protocol::ConsumedCapacity> ReadCapacity(const ReadRequest& req, const ReadPlan& plan,
                                                       size_t bytes, double fetch_units) {
  double units = bytes == 0 ? 0 : ReadUnits(bytes, req.consistent);
  auto c = Capacity(req.capacity, plan.table->name, units, false);
  if (c && plan.index) {
    c->table_units = fetch_units;
    c->units = units + fetch_units;
    (plan.index->global ? c->global_indexes : c->local_indexes)
        .emplace_back(plan.index->name, units);
  }
  return c;
}

// Items returned as stored (no filter, projection or table fetch) are measured and rendered
// straight from their encoding: such a page builds no Item except for LastEvaluatedKey.
bool RendersFromStorage(const ReadPlan& plan) {
  return !plan.filter && plan.projection.empty() && !plan.fetch_from_table;
}

// Adds one stored item to `resp`; returns whether it matched the filter. `item` receives the
// decoded item when the item had to be decoded.
Result<bool> Collect(const ReadPlan& plan, Engine& engine, bool consistent, std::string_view stored,
                     Item* item, protocol::ReadResponse* resp, double* fetch_units) {
  if (!DecodeItem(stored, item)) return ApiError::Internal("corrupt item in storage");
  if (plan.fetch_from_table) {
    DDB_RETURN_IF_ERROR(FetchFromTable(engine, plan, item));
    *fetch_units += ReadUnits(ItemSize(*item), consistent);
  }
  if (plan.filter && !expr::Evaluate(*plan.filter, *item)) return false;
  if (!resp->count_only) {
    if (plan.projection.empty()) {
      resp->items.push_back(std::move(*item));  // DecodeItem clears it before reuse.
    } else {
      resp->items.push_back(expr::Project(*item, plan.projection));
    }
  }
  return true;
}

Result<protocol::ReadResponse> Run(const ReadRequest& req, const ReadPlan& plan, Engine& engine) {
  protocol::ReadResponse resp;
  resp.count_only = plan.count_only;
  const bool direct = RendersFromStorage(plan);
  JsonWriter items(&resp.items_json);
  if (direct && !resp.count_only) items.BeginArray();
  auto it = engine.store().NewIterator(plan.cf, plan.lower, plan.upper);
  const bool forward = req.forward;
  Position(it.get(), plan, forward);
  size_t bytes = 0;
  double fetch_units = 0;
  Item item;
  for (; it->Valid(); forward ? it->Next() : it->Prev()) {
    const std::string_view stored(it->value().data(), it->value().size());
    const size_t size = EncodedItemSize(stored);
    if (size == 0) return ApiError::Internal("corrupt item in storage");
    ++resp.scanned;
    bytes += size;
    // The page ends at Limit items read or at 1 MB read, filter or not; the last item read is
    // where the next page starts.
    const bool page_full = (req.limit && resp.scanned >= *req.limit) || bytes >= kPageBytes;
    if (page_full) {
      if (!DecodeItem(stored, &item)) return ApiError::Internal("corrupt item in storage");
      resp.last_key = LastKeyOf(plan, item);
    }
    if (direct) {
      ++resp.count;
      if (!resp.count_only && !protocol::WriteEncodedItem(items, stored)) {
        return ApiError::Internal("corrupt item in storage");
      }
    } else {
      DDB_ASSIGN_OR_RETURN(
          bool matched, Collect(plan, engine, req.consistent, stored, &item, &resp, &fetch_units));
      if (matched) ++resp.count;
    }
    if (page_full) break;
  }
  if (!it->status().ok()) {
    return ApiError::Internal("storage read failed: " + it->status().ToString());
  }
  if (direct && !resp.count_only) items.EndArray();
  resp.capacity = ReadCapacity(req, plan, bytes, fetch_units);
  return resp;
}

// The expressions of a read, the checks that need no table: the service makes them before it
// looks the table up (PlanRead makes them first when there is a table).
Status CheckExpressions(const ReadRequest& req) {
  expr::ParseContext pc;
  pc.names = req.attrs.names ? &*req.attrs.names : nullptr;
  pc.values = req.attrs.values ? &*req.attrs.values : nullptr;
  if (req.key_condition) {
    DDB_RETURN_IF_ERROR(expr::ParseCondition(*req.key_condition, "KeyConditionExpression", pc));
  }
  if (req.filter) DDB_RETURN_IF_ERROR(expr::ParseCondition(*req.filter, "FilterExpression", pc));
  if (req.projection) DDB_RETURN_IF_ERROR(expr::ParseProjection(*req.projection, pc));
  return expr::CheckAllUsed(pc, req.key_condition || req.filter || req.projection,
                            "FilterExpression is null");
}

Result<std::string> Read(Result<ReadRequest> decoded, RequestContext& ctx) {
  if (!decoded.ok()) return std::move(decoded).error();
  DDB_ASSIGN_OR_RETURN(protocol::ReadResponse resp, ExecuteRead(decoded.value(), ctx));
  return protocol::EncodeRead(resp);
}

}  // namespace

Result<protocol::ReadResponse> ExecuteRead(const ReadRequest& req, RequestContext& ctx) {
  Result<TablePtr> table = FindTable(ctx, req.table);
  if (!table.ok()) {
    DDB_RETURN_IF_ERROR(CheckExpressions(req));
    return std::move(table).error();
  }
  DDB_ASSIGN_OR_RETURN(ReadPlan plan, PlanRead(req, **table, ctx.engine.store()));
  return Run(req, plan, ctx.engine);
}

Result<std::string> Query(simdjson::dom::object request, RequestContext& ctx) {
  return Read(protocol::DecodeQuery(request), ctx);
}

Result<std::string> Scan(simdjson::dom::object request, RequestContext& ctx) {
  return Read(protocol::DecodeScan(request), ctx);
}

}  // namespace ddb::ops
