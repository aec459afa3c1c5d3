// Decoders of PutItem, GetItem, DeleteItem, UpdateItem, Query and Scan.
//
// protocol/shape.h has checked JSON types and constraints (names, enums, ranges, required members)
// before these run, so they make only the service's semantic checks, in its order
// (docs/notes/service-errors.md §1.7): expression/non-expression mix, attribute values,
// operation-specific checks, then the ExpressionAttributeNames/Values checks.
#include <algorithm>
#include <vector>

#include "protocol/decode.h"
#include "protocol/item_fields.h"
#include "protocol/legacy.h"
#include "protocol/reader.h"

namespace ddb::protocol {
namespace {

// The value of an enum member; protocol/shape.h has refused values outside the set, so an
// unknown one cannot reach here (and leaves *out as it was).
template <class T>
Status EnumField(const FieldReader& r, std::string_view key,
                 std::initializer_list<std::pair<std::string_view, T>> options, T* out) {
  DDB_ASSIGN_OR_RETURN(auto text, r.String(key));
  if (!text) return Status::OK();
  for (const auto& [name, value] : options) {
    if (*text == name) *out = value;
  }
  return Status::OK();
}

}  // namespace

Status Capacity(const FieldReader& r, CapacityDetail* out) {
  return EnumField<CapacityDetail>(r, "ReturnConsumedCapacity",
                                   {{"INDEXES", CapacityDetail::kIndexes},
                                    {"TOTAL", CapacityDetail::kTotal},
                                    {"NONE", CapacityDetail::kNone}},
                                   out);
}

Status CollectionMetricsField(const FieldReader& r, bool* size) {
  return EnumField<bool>(r, "ReturnItemCollectionMetrics", {{"SIZE", true}, {"NONE", false}}, size);
}

Status OnFailure(const FieldReader& r, bool* all_old) {
  int v = 0;
  DDB_RETURN_IF_ERROR(
      EnumField<int>(r, "ReturnValuesOnConditionCheckFailure", {{"ALL_OLD", 1}, {"NONE", 0}}, &v));
  *all_old = v == 1;
  return Status::OK();
}

namespace {

// A placeholder is its sigil followed by at least one letter, digit or underscore.
bool ValidPlaceholder(std::string_view key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  return std::all_of(key.begin() + 1, key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// The keys of ExpressionAttributeNames (`sigil` '#') or ExpressionAttributeValues (':').
Status CheckPlaceholders(const std::vector<std::string_view>& keys, char sigil,
                         std::string_view field) {
  if (keys.empty()) return ApiError::Validation(std::string(field) + " must not be empty");
  for (std::string_view key : keys) {
    if (!ValidPlaceholder(key, sigil)) {
      return ApiError::Validation(std::string(field) +
                                  " contains invalid key: Syntax error; key: \"" +
                                  std::string(key) + "\"");
    }
  }
  return Status::OK();
}

// Decodes ExpressionAttributeNames and ExpressionAttributeValues into `attrs` and returns their own
// checks' verdict without failing: the service reports it after the request's other semantic
// checks. Its order: names (empty, keys), then values (empty, keys, each value). A map of values
// that does not decode is left absent.
Status DecodeAttributes(const FieldReader& r, ExpressionAttributes* attrs) {
  DDB_ASSIGN_OR_RETURN(attrs->names, r.Names("ExpressionAttributeNames"));
  Status verdict;
  if (attrs->names) {
    std::vector<std::string_view> keys;
    for (const auto& [key, name] : *attrs->names) keys.push_back(key);
    verdict = CheckPlaceholders(keys, '#', "ExpressionAttributeNames");
  }
  DDB_ASSIGN_OR_RETURN(auto raw, r.Object("ExpressionAttributeValues"));
  if (!raw) return verdict;
  if (verdict.ok()) {
    std::vector<std::string_view> keys;
    for (auto field : *raw) keys.push_back(field.key);
    verdict = CheckPlaceholders(keys, ':', "ExpressionAttributeValues");
  }
  auto values = r.ItemMap("ExpressionAttributeValues");
  if (values.ok()) {
    attrs->values = std::move(values).value();
  } else if (verdict.ok()) {
    verdict = std::move(values).error();
  }
  return verdict;
}

}  // namespace

Status Attributes(const FieldReader& r, ExpressionAttributes* attrs) {
  return DecodeAttributes(r, attrs);
}

namespace {

// The head every item request shares: table name, capacity, expression attributes, and the legacy
// parameters translated to expressions (`absent` completes DynamoDB's message for values given
// without expressions). `attributes` receives the expression attributes' own verdict, which the
// caller reports after its other checks.
Result<LegacyExpressions> Head(const FieldReader& r, std::string* table,
                               ExpressionAttributes* attrs, CapacityDetail* capacity,
                               std::string_view absent, Status* attributes) {
  DDB_ASSIGN_OR_RETURN(auto name, r.String("TableName"));
  DDB_ASSIGN_OR_RETURN(*table, TableNameOf(name));
  DDB_RETURN_IF_ERROR(Capacity(r, capacity));
  *attributes = DecodeAttributes(r, attrs);
  // The legacy checks test whether the maps were sent, decodable or not.
  if (!attrs->values && r.Has("ExpressionAttributeValues")) attrs->values.emplace();
  return TranslateLegacy(r, attrs, absent);
}

// Uses the legacy translation where the request had no expression of its own.
void Adopt(std::optional<std::string>* field, std::optional<std::string>&& legacy) {
  if (legacy) *field = std::move(legacy);
}

// Item or Key (required: the shape layer has rejected a request without it).
Status RequiredItem(const FieldReader& r, std::string_view key, Item* out) {
  DDB_ASSIGN_OR_RETURN(auto item, r.ItemMap(key));
  if (item) *out = std::move(*item);
  return Status::OK();
}

Status ReturnValuesField(const FieldReader& r, ReturnValues* out) {
  return EnumField<ReturnValues>(r, "ReturnValues",
                                 {{"ALL_NEW", ReturnValues::kAllNew},
                                  {"UPDATED_OLD", ReturnValues::kUpdatedOld},
                                  {"ALL_OLD", ReturnValues::kAllOld},
                                  {"NONE", ReturnValues::kNone},
                                  {"UPDATED_NEW", ReturnValues::kUpdatedNew}},
                                 out);
}

// PutItem and DeleteItem return only the old item (docs/notes/service-errors.md §2.5).
Status OnlyNoneOrAllOld(ReturnValues rv) {
  if (rv == ReturnValues::kNone || rv == ReturnValues::kAllOld) return Status::OK();
  return ApiError::Validation("ReturnValues can only be ALL_OLD or NONE");
}

}  // namespace

Result<PutItemRequest> DecodePutItem(simdjson::dom::object obj) {
  FieldReader r(obj);
  PutItemRequest req;
  Status attributes;
  DDB_ASSIGN_OR_RETURN(auto legacy, Head(r, &req.table, &req.attrs, &req.capacity,
                                         "ConditionExpression is null", &attributes));
  DDB_RETURN_IF_ERROR(RequiredItem(r, "Item", &req.item));
  DDB_ASSIGN_OR_RETURN(req.condition, r.String("ConditionExpression"));
  Adopt(&req.condition, std::move(legacy.condition));
  DDB_RETURN_IF_ERROR(ReturnValuesField(r, &req.return_values));
  DDB_RETURN_IF_ERROR(CollectionMetricsField(r, &req.collection_metrics));
  DDB_RETURN_IF_ERROR(OnFailure(r, &req.return_old_on_failure));
  DDB_RETURN_IF_ERROR(OnlyNoneOrAllOld(req.return_values));
  DDB_RETURN_IF_ERROR(attributes);
  return req;
}

Result<GetItemRequest> DecodeGetItem(simdjson::dom::object obj) {
  FieldReader r(obj);
  GetItemRequest req;
  Status attributes;
  DDB_ASSIGN_OR_RETURN(auto legacy, Head(r, &req.table, &req.attrs, &req.capacity,
                                         "ProjectionExpression is null", &attributes));
  DDB_RETURN_IF_ERROR(RequiredItem(r, "Key", &req.key));
  DDB_ASSIGN_OR_RETURN(req.projection, r.String("ProjectionExpression"));
  Adopt(&req.projection, std::move(legacy.projection));
  DDB_ASSIGN_OR_RETURN(auto consistent, r.Bool("ConsistentRead"));
  req.consistent = consistent.value_or(false);
  DDB_RETURN_IF_ERROR(attributes);
  return req;
}

Result<DeleteItemRequest> DecodeDeleteItem(simdjson::dom::object obj) {
  FieldReader r(obj);
  DeleteItemRequest req;
  Status attributes;
  DDB_ASSIGN_OR_RETURN(auto legacy, Head(r, &req.table, &req.attrs, &req.capacity,
                                         "ConditionExpression is null", &attributes));
  DDB_RETURN_IF_ERROR(RequiredItem(r, "Key", &req.key));
  DDB_ASSIGN_OR_RETURN(req.condition, r.String("ConditionExpression"));
  Adopt(&req.condition, std::move(legacy.condition));
  DDB_RETURN_IF_ERROR(ReturnValuesField(r, &req.return_values));
  DDB_RETURN_IF_ERROR(CollectionMetricsField(r, &req.collection_metrics));
  DDB_RETURN_IF_ERROR(OnFailure(r, &req.return_old_on_failure));
  DDB_RETURN_IF_ERROR(OnlyNoneOrAllOld(req.return_values));
  DDB_RETURN_IF_ERROR(attributes);
  return req;
}

Result<UpdateItemRequest> DecodeUpdateItem(simdjson::dom::object obj) {
  FieldReader r(obj);
  UpdateItemRequest req;
  Status attributes;
  DDB_ASSIGN_OR_RETURN(auto legacy,
                       Head(r, &req.table, &req.attrs, &req.capacity,
                            "UpdateExpression and ConditionExpression are null", &attributes));
  DDB_RETURN_IF_ERROR(RequiredItem(r, "Key", &req.key));
  DDB_ASSIGN_OR_RETURN(req.update, r.String("UpdateExpression"));
  DDB_ASSIGN_OR_RETURN(req.condition, r.String("ConditionExpression"));
  req.legacy_update = legacy.update.has_value();
  Adopt(&req.update, std::move(legacy.update));
  Adopt(&req.condition, std::move(legacy.condition));
  DDB_RETURN_IF_ERROR(ReturnValuesField(r, &req.return_values));
  DDB_RETURN_IF_ERROR(CollectionMetricsField(r, &req.collection_metrics));
  DDB_RETURN_IF_ERROR(OnFailure(r, &req.return_old_on_failure));
  DDB_RETURN_IF_ERROR(attributes);
  return req;
}

namespace {

// ExclusiveStartKey's attribute values. The service prefixes most of their errors with "The
// provided starting key is invalid: ", but not those about numbers, number sets or duplicate set
// members (docs/notes/service-errors.md §1.8; dynalite test/scan.js).
Result<std::optional<Item>> StartKey(const FieldReader& r) {
  auto key = r.ItemMap("ExclusiveStartKey");
  if (key.ok() || key.error().kind != ErrorKind::kValidation) return key;
  const std::string& m = key.error().message;
  const bool bare = m.starts_with("The parameter cannot be converted") ||
                    m.starts_with("Attempting to store") || m.starts_with("Number overflow") ||
                    m.starts_with("Number underflow") || m.starts_with("Input collection") ||
                    m.ends_with("contains duplicates.") ||
                    m.ends_with("An number set  may not be empty");
  if (bare) return key;
  return ApiError::Validation("The provided starting key is invalid: " + m);
}

// Scan's parallel-scan pair (constraints on each were checked by the shape layer).
Status CheckSegments(const ReadRequest& req) {
  if (req.segment && !req.total_segments) {
    return ApiError::Validation(
        "The TotalSegments parameter is required but was not present in the request when "
        "Segment parameter is present");
  }
  if (req.total_segments && !req.segment) {
    return ApiError::Validation(
        "The Segment parameter is required but was not present in the request when parameter "
        "TotalSegments is present");
  }
  if (req.segment && *req.segment >= *req.total_segments) {
    return ApiError::Validation(
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
        "Segment: " +
        std::to_string(*req.segment) +
        " is not less than TotalSegments: " + std::to_string(*req.total_segments));
  }
  return Status::OK();
}

Result<ReadRequest> DecodeRead(simdjson::dom::object obj, bool is_query) {
  FieldReader r(obj);
  ReadRequest req;
  req.is_query = is_query;
  Status attributes;
  DDB_ASSIGN_OR_RETURN(auto legacy,
                       Head(r, &req.table, &req.attrs, &req.capacity,
                            is_query ? "FilterExpression and KeyConditionExpression are null"
                                     : "FilterExpression is null",
                            &attributes));
  req.legacy = legacy.present;
  DDB_ASSIGN_OR_RETURN(req.index, r.String("IndexName"));
  if (is_query) {
    DDB_ASSIGN_OR_RETURN(req.key_condition, r.String("KeyConditionExpression"));
  }
  DDB_ASSIGN_OR_RETURN(req.filter, r.String("FilterExpression"));
  DDB_ASSIGN_OR_RETURN(req.projection, r.String("ProjectionExpression"));
  Adopt(&req.key_condition, std::move(legacy.key_condition));
  Adopt(&req.filter, std::move(legacy.filter));
  Adopt(&req.projection, std::move(legacy.projection));
  DDB_ASSIGN_OR_RETURN(req.limit, r.Int("Limit"));
  DDB_ASSIGN_OR_RETURN(auto consistent, r.Bool("ConsistentRead"));
  req.consistent = consistent.value_or(false);
  if (is_query) {
    DDB_ASSIGN_OR_RETURN(auto forward, r.Bool("ScanIndexForward"));
    req.forward = forward.value_or(true);
  }
  DDB_RETURN_IF_ERROR(EnumField<Select>(r, "Select",
                                        {{"SPECIFIC_ATTRIBUTES", Select::kSpecific},
                                         {"COUNT", Select::kCount},
                                         {"ALL_ATTRIBUTES", Select::kAllAttributes},
                                         {"ALL_PROJECTED_ATTRIBUTES", Select::kAllProjected}},
                                        &req.select));
  DDB_ASSIGN_OR_RETURN(req.start_key, StartKey(r));
  if (is_query && !req.key_condition) {
    return ApiError::Validation(
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
  }
  if (!is_query) {
    DDB_ASSIGN_OR_RETURN(req.segment, r.Int("Segment"));
    DDB_ASSIGN_OR_RETURN(req.total_segments, r.Int("TotalSegments"));
    DDB_RETURN_IF_ERROR(CheckSegments(req));
  }
  DDB_RETURN_IF_ERROR(attributes);
  return req;
}

}  // namespace

Result<ReadRequest> DecodeQuery(simdjson::dom::object obj) { return DecodeRead(obj, true); }
Result<ReadRequest> DecodeScan(simdjson::dom::object obj) { return DecodeRead(obj, false); }

}  // namespace ddb::protocol
