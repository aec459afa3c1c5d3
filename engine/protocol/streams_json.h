// The DynamoDB Streams API (DynamoDBStreams_20120810.*): typed requests, decoders, encoders.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/result.h"
#include "streams/records.h"

namespace ddb::protocol {

struct ListStreamsRequest {
  std::optional<std::string> table;
  int64_t limit = 100;
  std::optional<std::string> exclusive_start;
};

struct StreamRef {  // One entry of ListStreams.
  std::string arn, table, label;
};

struct DescribeStreamRequest {
  std::string arn;
  std::optional<std::string> exclusive_start_shard;  // page after this shard
  std::optional<std::string> child_shards_of;        // ShardFilter CHILD_SHARDS: its ShardId
};

struct DescribeStreamResponse {
  TablePtr table;
  bool list_shard = true;  // false when paging or the shard filter leaves no shard
  std::string shard_id;
  std::string starting_sequence;
  std::optional<std::string> ending_sequence;  // When the stream is disabled.
};

struct GetShardIteratorRequest {
  std::string stream_arn, shard_id, type;
  std::optional<std::string> sequence;
};

struct GetRecordsRequest {
  std::string iterator;
  int64_t limit = 1000;
};

Result<ListStreamsRequest> DecodeListStreams(simdjson::dom::object obj);
Result<DescribeStreamRequest> DecodeDescribeStream(simdjson::dom::object obj);
Result<GetShardIteratorRequest> DecodeGetShardIterator(simdjson::dom::object obj);
Result<GetRecordsRequest> DecodeGetRecords(simdjson::dom::object obj);

std::string EncodeListStreams(const std::vector<StreamRef>& streams,
                              const std::optional<std::string>& last);
std::string EncodeDescribeStream(const DescribeStreamResponse& r);
std::string EncodeShardIterator(const std::string& iterator);
std::string EncodeRecords(const std::vector<streams::Record>& records,
                          const std::optional<std::string>& next_iterator);

// Sequence numbers on the wire: 21 zero-padded decimal digits.
std::string FormatSequence(uint64_t sequence);

}  // namespace ddb::protocol
