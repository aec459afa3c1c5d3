// The JSON of the table settings operations: time to live (UpdateTimeToLive,
// DescribeTimeToLive), tags (TagResource, UntagResource, ListTagsOfResource), continuous backups
// (Describe/UpdateContinuousBackups) and DescribeEndpoints. The rules (which tags are valid,
// when TTL may change) are the operations' (ops/ttl_ops.cc, ops/tag_ops.cc). Thread-safe
// (stateless).
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace ddb::protocol {

using Tags = std::vector<std::pair<std::string, std::string>>;

struct TimeToLiveSpec {
  bool enabled = false;
  std::string attribute;  // Empty if not given.
};
// UpdateTimeToLive's TimeToLiveSpecification (present and typed: the shape layer checked).
Result<TimeToLiveSpec> DecodeTimeToLiveSpec(simdjson::dom::object request);
std::string EncodeTimeToLiveSpec(const TimeToLiveSpec& spec);
// DescribeTimeToLive's answer: ENABLED with the attribute, or DISABLED.
std::string EncodeTimeToLiveDescription(bool enabled, const std::string& attribute);

// ResourceArn (nullopt if absent).
Result<std::optional<std::string>> DecodeResourceArn(simdjson::dom::object request);
// TagResource's Tags: (Key, Value) in order, a missing member as nullopt.
using TagInput = std::pair<std::optional<std::string>, std::optional<std::string>>;
Result<std::optional<std::vector<TagInput>>> DecodeTags(simdjson::dom::object request);
// UntagResource's TagKeys (nullopt if absent).
Result<std::optional<std::vector<std::string>>> DecodeTagKeys(simdjson::dom::object request);
std::string EncodeTags(const Tags& tags);

// UpdateContinuousBackups' PointInTimeRecoveryEnabled: nullopt if the specification is absent,
// false if the member is.
Result<std::optional<bool>> DecodePointInTimeRecovery(simdjson::dom::object request);
// The ContinuousBackupsDescription; restorable times only when `pitr` is on.
std::string EncodeContinuousBackups(bool pitr, double enabled_at, double now);

std::string EncodeEndpoints();

}  // namespace ddb::protocol
