#include "protocol/encode.h"

#include <cmath>

#include "core/json_writer.h"
#include "core/value_json.h"

namespace ddb::protocol {
namespace {

void WriteCapacity(JsonWriter& w, const ConsumedCapacity& c) {
  w.Key("ConsumedCapacity");
  WriteCapacityObject(w, c);
}

}  // namespace

void WriteCapacityObject(JsonWriter& w, const ConsumedCapacity& c) {
  w.BeginObject();
  w.Member("TableName", c.table);
  w.MemberDouble("CapacityUnits", c.units);
  using Kind = ConsumedCapacity::UnitsKind;
  if (c.units_kind == Kind::kRead) w.MemberDouble("ReadCapacityUnits", c.units);
  if (c.units_kind == Kind::kWrite) w.MemberDouble("WriteCapacityUnits", c.units);
  if (c.detail == CapacityDetail::kIndexes) {
    auto units = [&](double u) {
      w.BeginObject();
      w.MemberDouble("CapacityUnits", u);
      w.EndObject();
    };
    w.Key("Table");
    w.BeginObject();
    w.MemberDouble("CapacityUnits", c.table_units);
    if (c.units_kind == Kind::kRead && c.table_read_units) {
      w.MemberDouble("ReadCapacityUnits", c.table_units);
    }
    if (c.units_kind == Kind::kWrite) w.MemberDouble("WriteCapacityUnits", c.table_units);
    w.EndObject();
    for (const auto* group : {&c.local_indexes, &c.global_indexes}) {
      if (group->empty()) continue;
      w.Key(group == &c.local_indexes ? "LocalSecondaryIndexes" : "GlobalSecondaryIndexes");
      w.BeginObject();
      for (const auto& [name, u] : *group) {
        w.Key(name);
        units(u);
      }
      w.EndObject();
    }
  }
  w.EndObject();
}

namespace {

void WriteKeySchema(JsonWriter& w, const KeySchema& d) {
  w.Key("KeySchema");
  w.BeginArray();
  for (size_t i = 0; i < d.key_count(); ++i) {
    w.BeginObject();
    w.Member("AttributeName", d.key_attr(i).name);
    w.Member("KeyType", i < d.hash_count() ? "HASH" : "RANGE");
    w.EndObject();
  }
  w.EndArray();
}

const char* ProjectionName(ProjectionType p) {
  switch (p) {
    case ProjectionType::kAll:
      return "ALL";
    case ProjectionType::kKeysOnly:
      return "KEYS_ONLY";
    case ProjectionType::kInclude:
      return "INCLUDE";
  }
  return "ALL";
}

}  // namespace

const char* StreamViewTypeName(StreamViewType v) {
  switch (v) {
    case StreamViewType::kKeysOnly:
      return "KEYS_ONLY";
    case StreamViewType::kNewImage:
      return "NEW_IMAGE";
    case StreamViewType::kOldImage:
      return "OLD_IMAGE";
    case StreamViewType::kNewAndOldImages:
      return "NEW_AND_OLD_IMAGES";
  }
  return "NEW_IMAGE";
}

namespace {

const char* IndexStatusName(IndexStatus s) {
  switch (s) {
    case IndexStatus::kActive:
      return "ACTIVE";
    case IndexStatus::kCreating:
      return "CREATING";
    case IndexStatus::kDeleting:
      return "DELETING";
  }
  return "ACTIVE";
}

void WriteOnDemand(JsonWriter& w, const OnDemandCaps& caps) {
  if (caps.max_read == 0 && caps.max_write == 0) return;  // the service omits caps never set
  w.Key("OnDemandThroughput");
  w.BeginObject();
  if (caps.max_read != 0) w.MemberInt("MaxReadRequestUnits", caps.max_read);
  if (caps.max_write != 0) w.MemberInt("MaxWriteRequestUnits", caps.max_write);
  w.EndObject();
}

// Always present with ACTIVE: Terraform's provider waits for it after every create and update.
void WriteWarm(JsonWriter& w, const WarmThroughput& warm) {
  w.Key("WarmThroughput");
  w.BeginObject();
  w.MemberInt("ReadUnitsPerSecond", warm.read);
  w.MemberInt("WriteUnitsPerSecond", warm.write);
  w.Member("Status", "ACTIVE");
  w.EndObject();
}

void WriteIndexes(JsonWriter& w, const TableDescription& t, bool global) {
  const TableDef& d = *t.def;
  bool any = false;
  for (size_t i = 0; i < d.indexes.size(); ++i) {
    const IndexDef& x = d.indexes[i];
    if (x.global != global) continue;
    if (!any) {
      w.Key(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
      w.BeginArray();
      any = true;
    }
    w.BeginObject();
    w.Member("IndexName", x.name);
    WriteKeySchema(w, x);
    w.Key("Projection");
    w.BeginObject();
    w.Member("ProjectionType", ProjectionName(x.projection));
    if (x.projection == ProjectionType::kInclude) {
      w.Key("NonKeyAttributes");
      w.BeginArray();
      for (const auto& a : x.non_key_attributes) w.String(a);
      w.EndArray();
    }
    w.EndObject();
    if (global) {
      w.Member("IndexStatus", IndexStatusName(x.status));
      if (x.status == IndexStatus::kCreating) w.MemberBool("Backfilling", false);
      w.Key("ProvisionedThroughput");
      w.BeginObject();
      w.MemberInt("ReadCapacityUnits", x.throughput.read_units);
      w.MemberInt("WriteCapacityUnits", x.throughput.write_units);
      w.EndObject();
      WriteOnDemand(w, x.on_demand);
      if (t.show_warm) WriteWarm(w, d.EffectiveWarm(x));
    }
    if (x.status != IndexStatus::kCreating) {  // Sizes appear once the index is built.
      const storage::TableCounters c =
          i < t.index_counters.size() ? t.index_counters[i] : storage::TableCounters{};
      w.MemberInt("IndexSizeBytes", c.bytes);
      w.MemberInt("ItemCount", c.items);
    }
    w.Member("IndexArn", d.Arn() + "/index/" + x.name);
    w.EndObject();
  }
  if (any) w.EndArray();
}

}  // namespace

void WriteCollectionMetrics(JsonWriter& w, const CollectionMetrics& m) {
  // DynamoDB reports a range of whole gigabytes around its estimate.
  const double low = std::floor(static_cast<double>(m.bytes) / (1 << 30));
  w.BeginObject();
  w.Key("ItemCollectionKey");
  WriteItem(w, m.key);
  w.Key("SizeEstimateRangeGB");
  w.BeginArray();
  w.Double(low);
  w.Double(low + 1);
  w.EndArray();
  w.EndObject();
}

std::string EncodeItemResponse(const ItemResponse& r, std::string_view member) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  if (r.item) {
    w.Key(member);
    WriteItem(w, *r.item);
  }
  if (r.capacity) WriteCapacity(w, *r.capacity);
  if (r.collection) {
    w.Key("ItemCollectionMetrics");
    WriteCollectionMetrics(w, *r.collection);
  }
  w.EndObject();
  return out;
}

std::string EncodeRead(const ReadResponse& r) {
  std::string out;
  out.reserve(256 + r.items_json.size() + r.items.size() * 128);
  JsonWriter w(&out);
  w.BeginObject();
  if (!r.count_only) {
    w.Key("Items");
    if (!r.items_json.empty()) {
      w.Raw(r.items_json);
    } else {
      w.BeginArray();
      for (const auto& item : r.items) WriteItem(w, item);
      w.EndArray();
    }
  }
  w.MemberInt("Count", r.count);
  w.MemberInt("ScannedCount", r.scanned);
  if (r.last_key) {
    w.Key("LastEvaluatedKey");
    WriteItem(w, *r.last_key);
  }
  if (r.capacity) WriteCapacity(w, *r.capacity);
  w.EndObject();
  return out;
}

std::string EncodeTable(const TableDescription& t, std::string_view member) {
  const TableDef& d = *t.def;
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key(member);
  w.BeginObject();
  w.Key("AttributeDefinitions");
  w.BeginArray();
  for (const auto& a : d.attributes) {
    w.BeginObject();
    w.Member("AttributeName", a.name);
    w.Member("AttributeType", TypeName(a.type));
    w.EndObject();
  }
  w.EndArray();
  w.Member("TableName", d.name);
  WriteKeySchema(w, d);
  w.Member("TableStatus", t.status);
  w.MemberDouble("CreationDateTime", d.created);
  w.Key("ProvisionedThroughput");
  w.BeginObject();
  if (d.billing == BillingMode::kProvisioned) {
    w.MemberDouble("LastIncreaseDateTime", d.throughput.last_increase);
    w.MemberDouble("LastDecreaseDateTime", d.throughput.last_decrease);
  }
  w.MemberInt("NumberOfDecreasesToday", d.throughput.decreases_today);
  w.MemberInt("ReadCapacityUnits", d.throughput.read_units);
  w.MemberInt("WriteCapacityUnits", d.throughput.write_units);
  w.EndObject();
  w.MemberInt("TableSizeBytes", t.counters.bytes);
  w.MemberInt("ItemCount", t.counters.items);
  w.Member("TableArn", d.Arn());
  if (!d.uuid.empty()) w.Member("TableId", d.uuid);
  WriteIndexes(w, t, false);
  WriteIndexes(w, t, true);
  if (d.stream.id != 0) {
    if (d.stream.enabled) {
      w.Key("StreamSpecification");
      w.BeginObject();
      w.MemberBool("StreamEnabled", true);
      w.Member("StreamViewType", StreamViewTypeName(d.stream.view));
      w.EndObject();
    }
    w.Member("LatestStreamLabel", d.stream.label);
    w.Member("LatestStreamArn", d.StreamArn());
  }
  if (d.billing == BillingMode::kPayPerRequest || d.billing_changed != 0) {
    w.Key("BillingModeSummary");
    w.BeginObject();
    w.Member("BillingMode",
             d.billing == BillingMode::kPayPerRequest ? "PAY_PER_REQUEST" : "PROVISIONED");
    w.MemberDouble("LastUpdateToPayPerRequestDateTime", d.billing_changed);
    w.EndObject();
  }
  if (!d.sse_kms_key.empty()) {  // the default, AWS-owned key is not described
    w.Key("SSEDescription");
    w.BeginObject();
    w.Member("Status", "ENABLED");
    w.Member("SSEType", "KMS");
    w.Member("KMSMasterKeyArn", d.sse_kms_key);
    w.EndObject();
  }
  if (!d.table_class.empty()) {
    w.Key("TableClassSummary");
    w.BeginObject();
    w.Member("TableClass", d.table_class);
    w.MemberDouble("LastUpdateDateTime", d.table_class_changed);
    w.EndObject();
  }
  w.MemberBool("DeletionProtectionEnabled", d.deletion_protection);
  WriteOnDemand(w, d.on_demand);
  if (t.show_warm) WriteWarm(w, d.EffectiveWarm());
  w.EndObject();
  w.EndObject();
  return out;
}

std::string EncodeListTables(const ListTablesResponse& r) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("TableNames");
  w.BeginArray();
  for (const auto& n : r.names) w.String(n);
  w.EndArray();
  if (r.last) w.Member("LastEvaluatedTableName", *r.last);
  w.EndObject();
  return out;
}

std::string EncodeLimits(const Limits& l) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.MemberInt("AccountMaxReadCapacityUnits", l.account_read_units);
  w.MemberInt("AccountMaxWriteCapacityUnits", l.account_write_units);
  w.MemberInt("TableMaxReadCapacityUnits", l.table_read_units);
  w.MemberInt("TableMaxWriteCapacityUnits", l.table_write_units);
  w.EndObject();
  return out;
}

ErrorResponse EncodeError(const ApiError& e) {
  // DynamoDB's namespaces: the request layer ("coral": serialization, validation, operation
  // and authentication) and the DynamoDB service itself for the rest.
  struct Rendering {
    const char* type;
    int status;
  };
  Rendering r;
  switch (e.kind) {
    case ErrorKind::kValidation:
      r = {"com.amazon.coral.validate#ValidationException", 400};
      break;
    case ErrorKind::kResourceNotFound:
      r = {"ResourceNotFoundException", 400};
      break;
    case ErrorKind::kResourceInUse:
      r = {"ResourceInUseException", 400};
      break;
    case ErrorKind::kConditionalCheckFailed:
      r = {"ConditionalCheckFailedException", 400};
      break;
    case ErrorKind::kSerialization:
      r = {"com.amazon.coral.service#SerializationException", 400};
      break;
    case ErrorKind::kUnknownOperation:
      r = {"com.amazon.coral.service#UnknownOperationException", 400};
      break;
    case ErrorKind::kMissingAuthenticationToken:
      r = {"com.amazon.coral.service#MissingAuthenticationTokenException", 400};
      break;
    case ErrorKind::kUnrecognizedClient:
      r = {"com.amazon.coral.service#UnrecognizedClientException", 400};
      break;
    case ErrorKind::kIncompleteSignature:
      r = {"com.amazon.coral.service#IncompleteSignatureException", 400};
      break;
    case ErrorKind::kInvalidSignature:
      r = {"com.amazon.coral.service#InvalidSignatureException", 400};
      break;
    case ErrorKind::kRequestTooLarge:
      r = {"com.amazon.coral.service#RequestEntityTooLarge", 413};
      break;
    case ErrorKind::kTransactionCanceled:
      r = {"TransactionCanceledException", 400};
      break;
    case ErrorKind::kTableNotFound:
      r = {"TableNotFoundException", 400};
      break;
    case ErrorKind::kTrimmedDataAccess:
      r = {"TrimmedDataAccessException", 400};
      break;
    case ErrorKind::kExpiredIterator:
      r = {"ExpiredIteratorException", 400};
      break;
    case ErrorKind::kIdempotentParameterMismatch:
      r = {"IdempotentParameterMismatchException", 400};
      break;
    case ErrorKind::kDuplicateItem:
      r = {"DuplicateItemException", 400};
      break;
    case ErrorKind::kLimitExceeded:
      r = {"LimitExceededException", 400};
      break;
    case ErrorKind::kItemCollectionSizeLimitExceeded:
      r = {"ItemCollectionSizeLimitExceededException", 400};
      break;
    case ErrorKind::kInternal:
    default:
      r = {"InternalServerError", 500};
      break;
  }
  ErrorResponse out;
  out.http_status = r.status;
  std::string type = r.type;
  if (type.find('#') == std::string::npos) type = "com.amazonaws.dynamodb.v20120810#" + type;
  JsonWriter w(&out.body);
  w.BeginObject();
  w.Member("__type", type);
  if (e.reasons) {
    w.Key("CancellationReasons");
    w.BeginArray();
    for (const auto& reason : *e.reasons) {
      w.BeginObject();
      if (reason.item) {
        w.Key("Item");
        WriteItem(w, reason.item->map);
      }
      w.Member("Code", reason.code);
      if (!reason.message.empty()) w.Member("Message", reason.message);
      w.EndObject();
    }
    w.EndArray();
  }
  // The service spells the member "message", except in SerializationException, and leaves it
  // out when it has nothing to say (an unknown operation, a body that is not JSON).
  if (!e.message.empty()) {
    w.Member(e.kind == ErrorKind::kSerialization ? "Message" : "message", e.message);
  }
  if (e.item) {
    w.Key("Item");
    WriteItem(w, e.item->map);
  }
  w.EndObject();
  return out;
}

}  // namespace ddb::protocol
