#include <algorithm>

#include "protocol/decode.h"
#include "protocol/item_fields.h"
#include "protocol/legacy.h"
#include "protocol/reader.h"

namespace ddb::protocol {
namespace {

template <class T>
Status EnumField(const FieldReader& r, std::string_view key, std::string_view field,
                 std::initializer_list<std::pair<std::string_view, T>> options, T* out,
                 ValidationErrors& errors) {
  DDB_ASSIGN_OR_RETURN(auto text, r.String(key));
  if (!text) return Status::OK();
  for (const auto& [name, value] : options) {
    if (*text == name) {
      *out = value;
      return Status::OK();
    }
  }
  std::string set = "[";
  for (auto it = options.begin(); it != options.end(); ++it) {
    set += (it == options.begin() ? "" : ", ") + std::string(it->first);
  }
  errors.Constraint(Quote(*text), field, "Member must satisfy enum value set: " + set + "]");
  return Status::OK();
}

}  // namespace

Status Capacity(const FieldReader& r, CapacityDetail* out, ValidationErrors& errors) {
  return EnumField<CapacityDetail>(r, "ReturnConsumedCapacity", "returnConsumedCapacity",
                                   {{"INDEXES", CapacityDetail::kIndexes},
                                    {"TOTAL", CapacityDetail::kTotal},
                                    {"NONE", CapacityDetail::kNone}},
                                   out, errors);
}

Status CollectionMetricsField(const FieldReader& r, bool* size, ValidationErrors& errors) {
  return EnumField<bool>(r, "ReturnItemCollectionMetrics", "returnItemCollectionMetrics",
                         {{"SIZE", true}, {"NONE", false}}, size, errors);
}

namespace {

Status ReturnValuesField(const FieldReader& r, ReturnValues* out, ValidationErrors&) {
  ValidationErrors invalid;
  DDB_RETURN_IF_ERROR(EnumField<ReturnValues>(r, "ReturnValues", "returnValues",
                                              {{"ALL_NEW", ReturnValues::kAllNew},
                                               {"UPDATED_OLD", ReturnValues::kUpdatedOld},
                                               {"ALL_OLD", ReturnValues::kAllOld},
                                               {"NONE", ReturnValues::kNone},
                                               {"UPDATED_NEW", ReturnValues::kUpdatedNew}},
                                              out, invalid));
  if (!invalid.empty()) return ApiError::Validation("Return values set to invalid value");
  return Status::OK();
}

}  // namespace

Status OnFailure(const FieldReader& r, bool* all_old, ValidationErrors& errors) {
  int v = 0;
  DDB_RETURN_IF_ERROR(EnumField<int>(r, "ReturnValuesOnConditionCheckFailure",
                                     "returnValuesOnConditionCheckFailure",
                                     {{"ALL_OLD", 1}, {"NONE", 0}}, &v, errors));
  *all_old = v == 1;
  return Status::OK();
}

// A placeholder is its sigil followed by at least one letter, digit or underscore.
bool ValidPlaceholder(std::string_view key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  return std::all_of(key.begin() + 1, key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

namespace {

template <class Map>
Status CheckPlaceholders(const std::optional<Map>& map, char sigil, std::string_view field) {
  if (!map) return Status::OK();
  for (const auto& [key, value] : *map) {
    if (!ValidPlaceholder(key, sigil)) {
      return ApiError::Validation(std::string(field) +
                                  " contains invalid key: Syntax error; key: \"" + key + "\"");
    }
  }
  return Status::OK();
}

}  // namespace

Status Attributes(const FieldReader& r, ExpressionAttributes* attrs) {
  DDB_ASSIGN_OR_RETURN(attrs->names, r.Names("ExpressionAttributeNames"));
  DDB_ASSIGN_OR_RETURN(attrs->values, r.ItemMap("ExpressionAttributeValues"));
  DDB_RETURN_IF_ERROR(CheckPlaceholders(attrs->names, '#', "ExpressionAttributeNames"));
  DDB_RETURN_IF_ERROR(CheckPlaceholders(attrs->values, ':', "ExpressionAttributeValues"));
  if (attrs->values && attrs->values->empty()) {
    return ApiError::Validation("ExpressionAttributeValues must not be empty");
  }
  if (attrs->names && attrs->names->empty()) {
    return ApiError::Validation("ExpressionAttributeNames must not be empty");
  }
  return Status::OK();
}

namespace {

// Common head of every item request: table name, legacy check, expression attributes.
// Common head of every item request: table name, capacity, expression attributes, and the
// legacy parameters translated to expressions (`absent` completes DynamoDB's message for
// values given without expressions).
Result<LegacyExpressions> Head(const FieldReader& r, std::string* table,
                               ExpressionAttributes* attrs, CapacityDetail* capacity,
                               ValidationErrors& errors, std::string_view absent) {
  DDB_ASSIGN_OR_RETURN(auto name, r.String("TableName"));
  DDB_RETURN_IF_ERROR(CheckTableName(name));
  *table = *name;
  DDB_RETURN_IF_ERROR(Capacity(r, capacity, errors));
  DDB_RETURN_IF_ERROR(Attributes(r, attrs));
  return TranslateLegacy(r, attrs, absent);
}

// Uses the legacy translation where the request had no expression of its own.
void Adopt(std::optional<std::string>* field, std::optional<std::string>&& legacy) {
  if (legacy) *field = std::move(legacy);
}

Status RequiredItem(const FieldReader& r, std::string_view key, std::string_view missing,
                    Item* out) {
  DDB_ASSIGN_OR_RETURN(auto item, r.ItemMap(key));
  if (!item) return ApiError::Validation(std::string(missing));
  *out = std::move(*item);
  return Status::OK();
}

constexpr std::string_view kNullKey = "Cannot have null key for GetItem, DeleteItem, or UpdateItem";

Status OnlyNoneOrAllOld(ReturnValues rv) {
  if (rv == ReturnValues::kNone || rv == ReturnValues::kAllOld) return Status::OK();
  return ApiError::Validation("Return values set to invalid value");
}

}  // namespace

Result<PutItemRequest> DecodePutItem(simdjson::dom::object obj) {
  FieldReader r(obj);
  ValidationErrors errors;
  PutItemRequest req;
  DDB_ASSIGN_OR_RETURN(auto legacy, Head(r, &req.table, &req.attrs, &req.capacity, errors,
                                         "ConditionExpression is null"));
  DDB_RETURN_IF_ERROR(RequiredItem(r, "Item", "Item to put in PutItem cannot be null", &req.item));
  DDB_ASSIGN_OR_RETURN(req.condition, r.String("ConditionExpression"));
  Adopt(&req.condition, std::move(legacy.condition));
  DDB_RETURN_IF_ERROR(ReturnValuesField(r, &req.return_values, errors));
  DDB_RETURN_IF_ERROR(CollectionMetricsField(r, &req.collection_metrics, errors));
  DDB_RETURN_IF_ERROR(OnFailure(r, &req.return_old_on_failure, errors));
  DDB_RETURN_IF_ERROR(errors.Finish());
  DDB_RETURN_IF_ERROR(OnlyNoneOrAllOld(req.return_values));
  return req;
}

Result<GetItemRequest> DecodeGetItem(simdjson::dom::object obj) {
  FieldReader r(obj);
  ValidationErrors errors;
  GetItemRequest req;
  DDB_ASSIGN_OR_RETURN(auto legacy, Head(r, &req.table, &req.attrs, &req.capacity, errors,
                                         "ProjectionExpression is null"));
  DDB_RETURN_IF_ERROR(RequiredItem(r, "Key", kNullKey, &req.key));
  DDB_ASSIGN_OR_RETURN(req.projection, r.String("ProjectionExpression"));
  Adopt(&req.projection, std::move(legacy.projection));
  DDB_ASSIGN_OR_RETURN(auto consistent, r.Bool("ConsistentRead"));
  req.consistent = consistent.value_or(false);
  DDB_RETURN_IF_ERROR(errors.Finish());
  return req;
}

Result<DeleteItemRequest> DecodeDeleteItem(simdjson::dom::object obj) {
  FieldReader r(obj);
  ValidationErrors errors;
  DeleteItemRequest req;
  DDB_ASSIGN_OR_RETURN(auto legacy, Head(r, &req.table, &req.attrs, &req.capacity, errors,
                                         "ConditionExpression is null"));
  DDB_RETURN_IF_ERROR(RequiredItem(r, "Key", kNullKey, &req.key));
  DDB_ASSIGN_OR_RETURN(req.condition, r.String("ConditionExpression"));
  Adopt(&req.condition, std::move(legacy.condition));
  DDB_RETURN_IF_ERROR(ReturnValuesField(r, &req.return_values, errors));
  DDB_RETURN_IF_ERROR(CollectionMetricsField(r, &req.collection_metrics, errors));
  DDB_RETURN_IF_ERROR(OnFailure(r, &req.return_old_on_failure, errors));
  DDB_RETURN_IF_ERROR(errors.Finish());
  DDB_RETURN_IF_ERROR(OnlyNoneOrAllOld(req.return_values));
  return req;
}

Result<UpdateItemRequest> DecodeUpdateItem(simdjson::dom::object obj) {
  FieldReader r(obj);
  ValidationErrors errors;
  UpdateItemRequest req;
  DDB_ASSIGN_OR_RETURN(auto legacy, Head(r, &req.table, &req.attrs, &req.capacity, errors,
                                         "UpdateExpression and ConditionExpression are null"));
  DDB_RETURN_IF_ERROR(RequiredItem(r, "Key", kNullKey, &req.key));
  DDB_ASSIGN_OR_RETURN(req.update, r.String("UpdateExpression"));
  DDB_ASSIGN_OR_RETURN(req.condition, r.String("ConditionExpression"));
  req.legacy_update = legacy.update.has_value();
  Adopt(&req.update, std::move(legacy.update));
  Adopt(&req.condition, std::move(legacy.condition));
  DDB_RETURN_IF_ERROR(ReturnValuesField(r, &req.return_values, errors));
  DDB_RETURN_IF_ERROR(CollectionMetricsField(r, &req.collection_metrics, errors));
  DDB_RETURN_IF_ERROR(OnFailure(r, &req.return_old_on_failure, errors));
  DDB_RETURN_IF_ERROR(errors.Finish());
  return req;
}

namespace {

Result<ReadRequest> DecodeRead(simdjson::dom::object obj, bool is_query) {
  FieldReader r(obj);
  ValidationErrors errors;
  ReadRequest req;
  req.is_query = is_query;
  DDB_ASSIGN_OR_RETURN(auto legacy,
                       Head(r, &req.table, &req.attrs, &req.capacity, errors,
                            is_query ? "FilterExpression and KeyConditionExpression are null"
                                     : "FilterExpression is null"));
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
  if (req.limit && *req.limit < 1) {
    return ApiError::Validation("Limit must be greater than or equal to 1");
  }
  DDB_ASSIGN_OR_RETURN(auto consistent, r.Bool("ConsistentRead"));
  req.consistent = consistent.value_or(false);
  if (is_query) {
    DDB_ASSIGN_OR_RETURN(auto forward, r.Bool("ScanIndexForward"));
    req.forward = forward.value_or(true);
  }
  ValidationErrors bad_select;
  DDB_RETURN_IF_ERROR(EnumField<Select>(r, "Select", "select",
                                        {{"SPECIFIC_ATTRIBUTES", Select::kSpecific},
                                         {"COUNT", Select::kCount},
                                         {"ALL_ATTRIBUTES", Select::kAllAttributes},
                                         {"ALL_PROJECTED_ATTRIBUTES", Select::kAllProjected}},
                                        &req.select, bad_select));
  if (!bad_select.empty()) {
    return ApiError::Validation(
        "Select must be ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, COUNT, or SPECIFIC_ATTRIBUTES");
  }
  DDB_ASSIGN_OR_RETURN(req.start_key, r.ItemMap("ExclusiveStartKey"));
  if (!is_query) {
    DDB_ASSIGN_OR_RETURN(req.segment, r.Int("Segment"));
    DDB_ASSIGN_OR_RETURN(req.total_segments, r.Int("TotalSegments"));
    if (req.segment && !req.total_segments) {
      return ApiError::Validation("If segment is specified, total segment must also be specified");
    }
    if (req.total_segments && !req.segment) {
      return ApiError::Validation(
          "If total segments is specified, a particular segment must also be specified for this "
          "request");
    }
    if (req.total_segments && *req.total_segments > 1000000) {
      errors.Constraint(Quote(std::to_string(*req.total_segments)), "totalSegments",
                        "Member must have value less than or equal to 1000000");
    } else if (req.segment && *req.segment > 999999) {
      errors.Constraint(Quote(std::to_string(*req.segment)), "segment",
                        "Member must have value less than or equal to 999999");
    } else if (req.segment && (*req.segment < 0 || *req.segment >= *req.total_segments)) {
      errors.Constraint(Quote(std::to_string(*req.segment)), "segment",
                        "Member must have value less than or equal to " +
                            std::to_string(*req.total_segments - 1));
    }
  }
  DDB_RETURN_IF_ERROR(errors.Finish());
  return req;
}

}  // namespace

Result<ReadRequest> DecodeQuery(simdjson::dom::object obj) { return DecodeRead(obj, true); }
Result<ReadRequest> DecodeScan(simdjson::dom::object obj) { return DecodeRead(obj, false); }

}  // namespace ddb::protocol
