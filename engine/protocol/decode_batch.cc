// Decoders of BatchWriteItem, BatchGetItem, TransactWriteItems and TransactGetItems.
#include <simdjson.h>

#include <algorithm>

#include "core/value_json.h"
#include "protocol/batch_requests.h"
#include "protocol/item_fields.h"
#include "protocol/legacy.h"
#include "protocol/reader.h"

namespace ddb::protocol {
namespace {

constexpr size_t kMaxBatchWrites = 25;
constexpr size_t kMaxBatchGets = 100;

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }
ApiError NotAStructure() { return ApiError::Serialization("Unexpected value type in payload"); }

Result<simdjson::dom::object> AsObject(simdjson::dom::element e) {
  simdjson::dom::object o;
  if (e.get(o) != simdjson::SUCCESS) return NotAStructure();
  return o;
}

Status CapacityOnly(const FieldReader& r, CapacityDetail* capacity) {
  return Capacity(r, capacity);
}

// ReturnConsumedCapacity and ReturnItemCollectionMetrics of the multi-item writes.
Status WriteReturns(const FieldReader& r, CapacityDetail* capacity, bool* collection_metrics) {
  DDB_RETURN_IF_ERROR(Capacity(r, capacity));
  return CollectionMetricsField(r, collection_metrics);
}

// The item or key of a request element (required: the shape layer has rejected its absence).
Result<Item> RequiredItem(const FieldReader& r, std::string_view key) {
  DDB_ASSIGN_OR_RETURN(auto item, r.ItemMap(key));
  return item ? std::move(*item) : Item();
}

Result<BatchWriteRequest::Write> DecodeWrite(std::string_view table, simdjson::dom::element e) {
  DDB_ASSIGN_OR_RETURN(auto obj, AsObject(e));
  FieldReader r(obj);
  DDB_ASSIGN_OR_RETURN(auto put, r.Object("PutRequest"));
  DDB_ASSIGN_OR_RETURN(auto del, r.Object("DeleteRequest"));
  if (put.has_value() == del.has_value()) {
    // Sic: the service's answer to a WriteRequest with both or neither (§2.12).
    return Invalid(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly "
        "one of the supported datatypes");
  }
  BatchWriteRequest::Write w;
  w.table = std::string(table);
  w.is_put = put.has_value();
  DDB_ASSIGN_OR_RETURN(w.item, RequiredItem(FieldReader(put ? *put : *del), put ? "Item" : "Key"));
  return w;
}

}  // namespace

Result<BatchWriteRequest> DecodeBatchWrite(simdjson::dom::object obj) {
  FieldReader r(obj);
  BatchWriteRequest req;
  DDB_RETURN_IF_ERROR(WriteReturns(r, &req.capacity, &req.collection_metrics));
  DDB_ASSIGN_OR_RETURN(auto items, r.Object("RequestItems"));
  if (!items) return req;
  for (auto [table_key, writes] : *items) {
    DDB_ASSIGN_OR_RETURN(std::string table, TableNameOf(std::string(table_key)));
    simdjson::dom::array list;
    if (writes.get(list) != simdjson::SUCCESS) return NotAStructure();
    for (simdjson::dom::element e : list) {
      DDB_ASSIGN_OR_RETURN(auto w, DecodeWrite(table, e));
      req.writes.push_back(std::move(w));
      if (req.writes.size() > kMaxBatchWrites) {
        return Invalid("Too many items requested for the BatchWriteItem call");
      }
    }
  }
  return req;
}

Result<BatchGetRequest> DecodeBatchGet(simdjson::dom::object obj) {
  FieldReader r(obj);
  BatchGetRequest req;
  DDB_RETURN_IF_ERROR(CapacityOnly(r, &req.capacity));
  DDB_ASSIGN_OR_RETURN(auto items, r.Object("RequestItems"));
  if (!items) return req;
  size_t total = 0;
  for (auto [table_key, spec] : *items) {
    DDB_ASSIGN_OR_RETURN(auto spec_obj, AsObject(spec));
    FieldReader t(spec_obj);
    BatchGetRequest::TableKeys keys;
    DDB_ASSIGN_OR_RETURN(keys.table, TableNameOf(std::string(table_key)));
    // The names' own checks come after the table's other checks (docs/notes/service-errors.md
    // §2.11), as do the expressions (ops/batch_ops.cc).
    Status attributes = Attributes(t, &keys.attrs);
    DDB_ASSIGN_OR_RETURN(keys.projection, t.String("ProjectionExpression"));
    DDB_ASSIGN_OR_RETURN(auto legacy,
                         TranslateLegacy(t, &keys.attrs, "ProjectionExpression is null"));
    if (legacy.projection) keys.projection = std::move(legacy.projection);
    DDB_ASSIGN_OR_RETURN(auto list, t.Array("Keys"));
    if (!list) return NotAStructure();  // Keys is required (the shape layer)
    for (simdjson::dom::element e : *list) {
      DDB_ASSIGN_OR_RETURN(Item key, DecodeItemJson(e));
      // Equal keys name one item whatever the schema (numbers are canonical), so the service
      // rejects them before it looks the table up.
      if (std::find(keys.keys.begin(), keys.keys.end(), key) != keys.keys.end()) {
        return Invalid("Provided list of item keys contains duplicates");
      }
      keys.keys.push_back(std::move(key));
      if (++total > kMaxBatchGets) {
        return Invalid("Too many items requested for the BatchGetItem call");
      }
    }
    DDB_RETURN_IF_ERROR(attributes);
    DDB_ASSIGN_OR_RETURN(auto consistent, t.Bool("ConsistentRead"));
    keys.consistent = consistent.value_or(false);
    req.tables.push_back(std::move(keys));
  }
  return req;
}

namespace {

using Kind = TransactWriteRequest::Action::Kind;

Result<TransactWriteRequest::Action> DecodeAction(simdjson::dom::element e) {
  DDB_ASSIGN_OR_RETURN(auto obj, AsObject(e));
  FieldReader r(obj);
  static constexpr std::pair<std::string_view, Kind> kKinds[] = {
      {"ConditionCheck", Kind::kConditionCheck},
      {"Put", Kind::kPut},
      {"Update", Kind::kUpdate},
      {"Delete", Kind::kDelete}};
  TransactWriteRequest::Action action;
  std::optional<simdjson::dom::object> body;
  for (const auto& [name, kind] : kKinds) {
    DDB_ASSIGN_OR_RETURN(auto found, r.Object(name));
    if (!found) continue;
    if (body) return Invalid("TransactItems can only contain one of Check, Put, Update or Delete");
    body = found;
    action.kind = kind;
  }
  if (!body) {
    return Invalid(
        "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request");
  }
  FieldReader a(*body);
  DDB_ASSIGN_OR_RETURN(auto table, a.String("TableName"));
  DDB_ASSIGN_OR_RETURN(action.table, TableNameOf(table));
  DDB_ASSIGN_OR_RETURN(action.item, RequiredItem(a, action.kind == Kind::kPut ? "Item" : "Key"));
  // ConditionCheck's ConditionExpression and Update's UpdateExpression are required members.
  DDB_ASSIGN_OR_RETURN(action.condition, a.String("ConditionExpression"));
  if (action.kind == Kind::kUpdate) {
    DDB_ASSIGN_OR_RETURN(action.update, a.String("UpdateExpression"));
  }
  DDB_RETURN_IF_ERROR(Attributes(a, &action.attrs));
  DDB_RETURN_IF_ERROR(OnFailure(a, &action.return_old_on_failure));
  return action;
}

// TransactItems (required, 1 to 100 elements: checked by the shape layer).
Result<simdjson::dom::array> TransactItems(const FieldReader& r) {
  DDB_ASSIGN_OR_RETURN(auto list, r.Array("TransactItems"));
  if (!list) return NotAStructure();
  return *list;
}

}  // namespace

Result<TransactWriteRequest> DecodeTransactWrite(simdjson::dom::object obj) {
  FieldReader r(obj);
  TransactWriteRequest req;
  DDB_RETURN_IF_ERROR(WriteReturns(r, &req.capacity, &req.collection_metrics));
  DDB_ASSIGN_OR_RETURN(req.token, r.String("ClientRequestToken"));
  DDB_ASSIGN_OR_RETURN(auto list, TransactItems(r));
  for (simdjson::dom::element e : list) {
    DDB_ASSIGN_OR_RETURN(auto action, DecodeAction(e));
    req.actions.push_back(std::move(action));
  }
  if (req.token) req.fingerprint = simdjson::minify(list);
  return req;
}

Result<TransactGetRequest> DecodeTransactGet(simdjson::dom::object obj) {
  FieldReader r(obj);
  TransactGetRequest req;
  DDB_RETURN_IF_ERROR(CapacityOnly(r, &req.capacity));
  DDB_ASSIGN_OR_RETURN(auto list, TransactItems(r));
  for (simdjson::dom::element e : list) {
    DDB_ASSIGN_OR_RETURN(auto obj_e, AsObject(e));
    // Get and its Key are required members (the shape layer).
    DDB_ASSIGN_OR_RETURN(auto get, FieldReader(obj_e).Object("Get"));
    if (!get) return NotAStructure();
    FieldReader g(*get);
    TransactGetRequest::Get one;
    DDB_ASSIGN_OR_RETURN(auto table, g.String("TableName"));
    DDB_ASSIGN_OR_RETURN(one.table, TableNameOf(table));
    DDB_ASSIGN_OR_RETURN(one.key, RequiredItem(g, "Key"));
    DDB_ASSIGN_OR_RETURN(one.projection, g.String("ProjectionExpression"));
    DDB_RETURN_IF_ERROR(Attributes(g, &one.attrs));
    req.gets.push_back(std::move(one));
  }
  return req;
}

}  // namespace ddb::protocol
