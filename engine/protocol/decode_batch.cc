// Decoders of BatchWriteItem, BatchGetItem, TransactWriteItems and TransactGetItems.
#include <simdjson.h>

#include "protocol/batch_requests.h"
#include "protocol/item_fields.h"
#include "protocol/legacy.h"
#include "protocol/reader.h"
#include "protocol/value_json.h"

namespace ddb::protocol {
namespace {

constexpr size_t kMaxBatchWrites = 25;
constexpr size_t kMaxBatchGets = 100;
constexpr size_t kMaxTransactItems = 100;

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }
ApiError NotAStructure() { return ApiError::Serialization("Unexpected value type in payload"); }

Result<simdjson::dom::object> AsObject(simdjson::dom::element e) {
  simdjson::dom::object o;
  if (e.get(o) != simdjson::SUCCESS) return NotAStructure();
  return o;
}

Status CapacityOnly(const FieldReader& r, CapacityDetail* capacity) {
  ValidationErrors errors;
  DDB_RETURN_IF_ERROR(Capacity(r, capacity, errors));
  return errors.Finish();
}

// ReturnConsumedCapacity and ReturnItemCollectionMetrics of the multi-item writes.
Status WriteReturns(const FieldReader& r, CapacityDetail* capacity, bool* collection_metrics) {
  ValidationErrors errors;
  DDB_RETURN_IF_ERROR(Capacity(r, capacity, errors));
  DDB_RETURN_IF_ERROR(CollectionMetricsField(r, collection_metrics, errors));
  return errors.Finish();
}

Result<BatchWriteRequest::Write> DecodeWrite(std::string_view table, simdjson::dom::element e) {
  DDB_ASSIGN_OR_RETURN(auto obj, AsObject(e));
  FieldReader r(obj);
  DDB_ASSIGN_OR_RETURN(auto put, r.Object("PutRequest"));
  DDB_ASSIGN_OR_RETURN(auto del, r.Object("DeleteRequest"));
  if (put.has_value() == del.has_value()) {
    return Invalid(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly "
        "one of the supported datatypes");
  }
  BatchWriteRequest::Write w;
  w.table = std::string(table);
  w.is_put = put.has_value();
  FieldReader inner(put ? *put : *del);
  DDB_ASSIGN_OR_RETURN(auto item, inner.ItemMap(put ? "Item" : "Key"));
  if (!item) return Invalid("One of the required keys was not given a value");
  w.item = std::move(*item);
  return w;
}

}  // namespace

Result<BatchWriteRequest> DecodeBatchWrite(simdjson::dom::object obj) {
  FieldReader r(obj);
  BatchWriteRequest req;
  DDB_RETURN_IF_ERROR(WriteReturns(r, &req.capacity, &req.collection_metrics));
  DDB_ASSIGN_OR_RETURN(auto items, r.Object("RequestItems"));
  if (!items || items->size() == 0) {
    return Invalid("BatchWriteItem cannot have a null or no requests set");
  }
  for (auto [table, writes] : *items) {
    DDB_RETURN_IF_ERROR(CheckTableName(std::string(table)));
    simdjson::dom::array list;
    if (writes.get(list) != simdjson::SUCCESS) return NotAStructure();
    if (list.size() == 0) {
      return Invalid("The batch write request list for a table cannot be null or empty: " +
                     std::string(table));
    }
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
  if (!items || items->size() == 0) return Invalid("BatchGetItem must have some requests set");
  size_t total = 0;
  for (auto [table, spec] : *items) {
    DDB_RETURN_IF_ERROR(CheckTableName(std::string(table)));
    DDB_ASSIGN_OR_RETURN(auto spec_obj, AsObject(spec));
    FieldReader t(spec_obj);
    BatchGetRequest::TableKeys keys;
    keys.table = std::string(table);
    DDB_ASSIGN_OR_RETURN(auto list, t.Array("Keys"));
    if (!list || list->size() == 0) {
      return Invalid("The list of keys in RequestItems for BatchGetItem is required: " +
                     keys.table + " has empty list");
    }
    for (simdjson::dom::element e : *list) {
      DDB_ASSIGN_OR_RETURN(Item key, DecodeItemJson(e));
      keys.keys.push_back(std::move(key));
      if (++total > kMaxBatchGets)
        return Invalid("Too many items requested for the BatchGetItem call");
    }
    DDB_ASSIGN_OR_RETURN(keys.projection, t.String("ProjectionExpression"));
    DDB_RETURN_IF_ERROR(Attributes(t, &keys.attrs));
    DDB_ASSIGN_OR_RETURN(auto legacy,
                         TranslateLegacy(t, &keys.attrs, "ProjectionExpression is null"));
    if (legacy.projection) keys.projection = std::move(legacy.projection);
    DDB_ASSIGN_OR_RETURN(auto consistent, t.Bool("ConsistentRead"));
    keys.consistent = consistent.value_or(false);
    req.tables.push_back(std::move(keys));
  }
  return req;
}

namespace {

using Kind = TransactWriteRequest::Action::Kind;

Result<TransactWriteRequest::Action> DecodeAction(simdjson::dom::element e, size_t position) {
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
  DDB_RETURN_IF_ERROR(CheckTableName(table));
  action.table = *table;
  DDB_ASSIGN_OR_RETURN(auto item, a.ItemMap(action.kind == Kind::kPut ? "Item" : "Key"));
  if (!item) return Invalid("One of the required keys was not given a value");
  action.item = std::move(*item);
  DDB_ASSIGN_OR_RETURN(action.condition, a.String("ConditionExpression"));
  if (action.kind == Kind::kConditionCheck && !action.condition) {
    return Invalid("Value null at 'transactItems." + std::to_string(position) +
                   ".member.conditionCheck.conditionExpression' failed to satisfy constraint: "
                   "Member must not be null");
  }
  if (action.kind == Kind::kUpdate) {
    DDB_ASSIGN_OR_RETURN(action.update, a.String("UpdateExpression"));
    if (!action.update) {
      return Invalid("Value null at 'transactItems." + std::to_string(position) +
                     ".member.update.updateExpression' failed to satisfy constraint: Member must "
                     "not be null");
    }
  }
  DDB_RETURN_IF_ERROR(Attributes(a, &action.attrs));
  ValidationErrors errors;
  DDB_RETURN_IF_ERROR(OnFailure(a, &action.return_old_on_failure, errors));
  DDB_RETURN_IF_ERROR(errors.Finish());
  return action;
}

// `empty_is_null`: TransactGetItems reports an empty list as a missing one.
Result<simdjson::dom::array> TransactItems(const FieldReader& r, bool empty_is_null) {
  DDB_ASSIGN_OR_RETURN(auto list, r.Array("TransactItems"));
  if (!list || (empty_is_null && list->size() == 0)) {
    return Invalid(
        "Value null at 'transactItems' failed to satisfy constraint: Member must not be "
        "null");
  }
  if (list->size() == 0) {
    return Invalid(
        "Value [] at 'transactItems' failed to satisfy constraint: Member must have "
        "length greater than or equal to 1");
  }
  if (list->size() > kMaxTransactItems) {
    return Invalid("Member must have length less than or equal to 100");
  }
  return *list;
}

}  // namespace

Result<TransactWriteRequest> DecodeTransactWrite(simdjson::dom::object obj) {
  FieldReader r(obj);
  TransactWriteRequest req;
  DDB_RETURN_IF_ERROR(WriteReturns(r, &req.capacity, &req.collection_metrics));
  DDB_ASSIGN_OR_RETURN(req.token, r.String("ClientRequestToken"));
  if (req.token && req.token->size() > 36) {
    return Invalid("Value " + *req.token +
                   " at 'clientRequestToken' failed to satisfy constraint: "
                   "Member must have length less than or equal to 36");
  }
  DDB_ASSIGN_OR_RETURN(auto list, TransactItems(r, false));
  size_t position = 0;
  for (simdjson::dom::element e : list) {
    DDB_ASSIGN_OR_RETURN(auto action, DecodeAction(e, ++position));
    req.actions.push_back(std::move(action));
  }
  return req;
}

Result<TransactGetRequest> DecodeTransactGet(simdjson::dom::object obj) {
  FieldReader r(obj);
  TransactGetRequest req;
  DDB_RETURN_IF_ERROR(CapacityOnly(r, &req.capacity));
  DDB_ASSIGN_OR_RETURN(auto list, TransactItems(r, true));
  for (simdjson::dom::element e : list) {
    DDB_ASSIGN_OR_RETURN(auto obj_e, AsObject(e));
    FieldReader outer(obj_e);
    DDB_ASSIGN_OR_RETURN(auto get, outer.Object("Get"));
    if (!get) {
      return Invalid(
          "Value null at 'transactItems' failed to satisfy constraint: Member must not "
          "be null");
    }
    FieldReader g(*get);
    TransactGetRequest::Get one;
    DDB_ASSIGN_OR_RETURN(auto table, g.String("TableName"));
    DDB_RETURN_IF_ERROR(CheckTableName(table));
    one.table = *table;
    DDB_ASSIGN_OR_RETURN(auto key, g.ItemMap("Key"));
    if (!key) return Invalid("Cannot have null key for GetItem, DeleteItem, or UpdateItem");
    one.key = std::move(*key);
    DDB_ASSIGN_OR_RETURN(one.projection, g.String("ProjectionExpression"));
    DDB_RETURN_IF_ERROR(Attributes(g, &one.attrs));
    req.gets.push_back(std::move(one));
  }
  return req;
}

}  // namespace ddb::protocol
