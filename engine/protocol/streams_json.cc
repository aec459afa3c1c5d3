#include "protocol/streams_json.h"

#include <cmath>
#include <cstdio>

#include "core/json_writer.h"
#include "core/uuid.h"
#include "core/value_json.h"
#include "protocol/encode.h"
#include "protocol/encoded_item_json.h"
#include "protocol/reader.h"

namespace ddb::protocol {
namespace {

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

Status CheckLimit(std::optional<int64_t> limit, int64_t max, const std::string& too_big) {
  if (!limit) return Status::OK();
  if (*limit < 1) {
    return Invalid("1 validation error detected: Value '" + std::to_string(*limit) +
                   "' at 'limit' failed to satisfy constraint: Member must have value greater "
                   "than or equal to 1");
  }
  if (*limit > max) return Invalid(too_big);
  return Status::OK();
}

const char* EventName(streams::EventName e) {
  switch (e) {
    case streams::EventName::kInsert:
      return "INSERT";
    case streams::EventName::kModify:
      return "MODIFY";
    case streams::EventName::kRemove:
      return "REMOVE";
  }
  return "INSERT";
}

}  // namespace

std::string FormatSequence(uint64_t sequence) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%021llu", static_cast<unsigned long long>(sequence));
  return buf;
}

Result<ListStreamsRequest> DecodeListStreams(simdjson::dom::object obj) {
  FieldReader r(obj);
  ListStreamsRequest req;
  DDB_ASSIGN_OR_RETURN(req.table, r.String("TableName"));
  DDB_ASSIGN_OR_RETURN(req.exclusive_start, r.String("ExclusiveStartStreamArn"));
  DDB_ASSIGN_OR_RETURN(auto limit, r.Int("Limit"));
  DDB_RETURN_IF_ERROR(CheckLimit(limit, 100,
                                 "One or more parameter values were invalid: Limit cannot be "
                                 "greater than the maximum allowed size: 100"));
  if (limit) req.limit = *limit;
  return req;
}

// Limit's minimum and the shard ids' lengths were checked by protocol/shape.h; its maximum
// (100, documented, not in the model) is checked here as for ListStreams.
Result<DescribeStreamRequest> DecodeDescribeStream(simdjson::dom::object obj) {
  FieldReader r(obj);
  DescribeStreamRequest req;
  DDB_ASSIGN_OR_RETURN(auto limit, r.Int("Limit"));
  DDB_RETURN_IF_ERROR(CheckLimit(limit, 100,
                                 "One or more parameter values were invalid: Limit cannot be "
                                 "greater than the maximum allowed size: 100"));
  DDB_ASSIGN_OR_RETURN(auto arn, r.String("StreamArn"));
  if (!arn || arn->empty()) return Invalid("Invalid StreamArn");
  req.arn = *arn;
  DDB_ASSIGN_OR_RETURN(req.exclusive_start_shard, r.String("ExclusiveStartShardId"));
  DDB_ASSIGN_OR_RETURN(auto filter, r.Object("ShardFilter"));
  if (filter) {
    FieldReader f(*filter);
    DDB_ASSIGN_OR_RETURN(req.child_shards_of, f.String("ShardId"));
    if (!req.child_shards_of) req.child_shards_of = "";
  }
  return req;
}

Result<GetShardIteratorRequest> DecodeGetShardIterator(simdjson::dom::object obj) {
  FieldReader r(obj);
  GetShardIteratorRequest req;
  DDB_ASSIGN_OR_RETURN(auto arn, r.String("StreamArn"));
  DDB_ASSIGN_OR_RETURN(auto shard, r.String("ShardId"));
  DDB_ASSIGN_OR_RETURN(auto type, r.String("ShardIteratorType"));
  DDB_ASSIGN_OR_RETURN(req.sequence, r.String("SequenceNumber"));
  if (!arn || arn->empty()) return Invalid("Invalid StreamArn");
  if (!shard || shard->empty()) return Invalid("No ShardId specified.");
  const std::string t = type.value_or("");
  if (t != "TRIM_HORIZON" && t != "LATEST" && t != "AT_SEQUENCE_NUMBER" &&
      t != "AFTER_SEQUENCE_NUMBER") {
    return Invalid("Invalid ShardIteratorType.");
  }
  const bool needs_sequence = t == "AT_SEQUENCE_NUMBER" || t == "AFTER_SEQUENCE_NUMBER";
  if (needs_sequence && !req.sequence) {
    return Invalid("One or more parameter values were invalid: Invalid SequenceNumber");
  }
  if (!needs_sequence && req.sequence) {
    return Invalid(
        "One or more parameter values were invalid: SequenceNumber should not be "
        "passed for this iterator type");
  }
  if (req.sequence && req.sequence->size() < 21) {
    return Invalid("1 validation error detected: Value '" + *req.sequence +
                   "' at 'sequenceNumber' failed to satisfy constraint: Member must have length "
                   "greater than or equal to 21");
  }
  req.stream_arn = *arn;
  req.shard_id = *shard;
  req.type = t;
  return req;
}

Result<GetRecordsRequest> DecodeGetRecords(simdjson::dom::object obj) {
  FieldReader r(obj);
  GetRecordsRequest req;
  DDB_ASSIGN_OR_RETURN(auto iterator, r.String("ShardIterator"));
  if (!iterator || iterator->empty()) return Invalid("Invalid ShardIterator");
  req.iterator = *iterator;
  DDB_ASSIGN_OR_RETURN(auto limit, r.Int("Limit"));
  DDB_RETURN_IF_ERROR(CheckLimit(limit, 1000,
                                 "One or more parameter values were invalid: Limit should be less "
                                 "than or equal to 1000"));
  if (limit) req.limit = *limit;
  return req;
}

std::string EncodeListStreams(const std::vector<StreamRef>& streams,
                              const std::optional<std::string>& last) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("Streams");
  w.BeginArray();
  for (const auto& s : streams) {
    w.BeginObject();
    w.Member("StreamArn", s.arn);
    w.Member("TableName", s.table);
    w.Member("StreamLabel", s.label);
    w.EndObject();
  }
  w.EndArray();
  if (last) w.Member("LastEvaluatedStreamArn", *last);
  w.EndObject();
  return out;
}

std::string EncodeDescribeStream(const DescribeStreamResponse& r) {
  const TableDef& t = *r.table;
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("StreamDescription");
  w.BeginObject();
  w.Member("StreamArn", t.StreamArn());
  w.Member("StreamLabel", t.stream.label);
  w.Member("StreamStatus", t.stream.enabled ? "ENABLED" : "DISABLED");
  w.Member("StreamViewType", StreamViewTypeName(t.stream.view));
  w.MemberDouble("CreationRequestDateTime", t.stream.created);
  w.Member("TableName", t.name);
  w.Key("KeySchema");
  w.BeginArray();
  w.BeginObject();
  w.Member("AttributeName", t.hash.name);
  w.Member("KeyType", "HASH");
  w.EndObject();
  if (t.range) {
    w.BeginObject();
    w.Member("AttributeName", t.range->name);
    w.Member("KeyType", "RANGE");
    w.EndObject();
  }
  w.EndArray();
  w.Key("Shards");
  w.BeginArray();
  if (r.list_shard) {
    w.BeginObject();
    w.Member("ShardId", r.shard_id);
    w.Key("SequenceNumberRange");
    w.BeginObject();
    w.Member("StartingSequenceNumber", r.starting_sequence);
    if (r.ending_sequence) w.Member("EndingSequenceNumber", *r.ending_sequence);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return out;
}

std::string EncodeShardIterator(const std::string& iterator) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("ShardIterator", iterator);
  w.EndObject();
  return out;
}

std::string EncodeRecords(const std::vector<streams::Record>& records,
                          const std::optional<std::string>& next_iterator) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("Records");
  w.BeginArray();
  for (const auto& r : records) {
    w.BeginObject();
    w.Member("eventID", RandomUuid());
    w.Member("eventName", EventName(r.event));
    w.Member("eventVersion", "1.1");
    w.Member("eventSource", "aws:dynamodb");
    w.Member("awsRegion", "ddblocal");
    w.Key("dynamodb");
    w.BeginObject();
    // The documented precision: whole seconds.
    w.MemberDouble("ApproximateCreationDateTime", std::floor(r.time));
    // Stored images are rendered as stored; a corrupt one cannot occur short of disk damage,
    // which the item's own reads report.
    w.Key("Keys");
    (void)WriteEncodedItem(w, r.keys);
    if (r.new_image) {
      w.Key("NewImage");
      (void)WriteEncodedItem(w, *r.new_image);
    }
    if (r.old_image) {
      w.Key("OldImage");
      (void)WriteEncodedItem(w, *r.old_image);
    }
    w.Member("SequenceNumber", FormatSequence(r.sequence));
    w.MemberInt("SizeBytes", static_cast<int64_t>(r.size_bytes));
    w.Member("StreamViewType", StreamViewTypeName(r.view));
    w.EndObject();
    if (r.by_ttl) {
      w.Key("userIdentity");
      w.BeginObject();
      w.Member("PrincipalId", "dynamodb.amazonaws.com");
      w.Member("Type", "Service");
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndArray();
  if (next_iterator) w.Member("NextShardIterator", *next_iterator);
  w.EndObject();
  return out;
}

}  // namespace ddb::protocol
