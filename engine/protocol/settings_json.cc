#include "protocol/settings_json.h"

#include "core/json_writer.h"
#include "protocol/reader.h"

namespace ddb::protocol {

Result<TimeToLiveSpec> DecodeTimeToLiveSpec(simdjson::dom::object request) {
  FieldReader r(request);
  DDB_ASSIGN_OR_RETURN(auto spec, r.Object("TimeToLiveSpecification"));
  if (!spec) return ApiError::Validation("TimeToLiveSpecification cannot be null");
  FieldReader s(*spec);
  DDB_ASSIGN_OR_RETURN(auto enabled, s.Bool("Enabled"));
  DDB_ASSIGN_OR_RETURN(auto attribute, s.String("AttributeName"));
  return TimeToLiveSpec{enabled.value_or(false), attribute.value_or("")};
}

std::string EncodeTimeToLiveSpec(const TimeToLiveSpec& spec) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("TimeToLiveSpecification");
  w.BeginObject();
  w.MemberBool("Enabled", spec.enabled);
  w.Member("AttributeName", spec.attribute);
  w.EndObject();
  w.EndObject();
  return out;
}

std::string EncodeTimeToLiveDescription(bool enabled, const std::string& attribute) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("TimeToLiveDescription");
  w.BeginObject();
  w.Member("TimeToLiveStatus", enabled ? "ENABLED" : "DISABLED");
  if (enabled) w.Member("AttributeName", attribute);
  w.EndObject();
  w.EndObject();
  return out;
}

Result<std::optional<std::string>> DecodeResourceArn(simdjson::dom::object request) {
  return FieldReader(request).String("ResourceArn");
}

Result<std::optional<std::vector<TagInput>>> DecodeTags(simdjson::dom::object request) {
  DDB_ASSIGN_OR_RETURN(auto list, FieldReader(request).Array("Tags"));
  if (!list) return std::optional<std::vector<TagInput>>();
  std::vector<TagInput> out;
  for (simdjson::dom::element e : *list) {
    simdjson::dom::object o;
    if (e.get(o) != simdjson::SUCCESS) {
      return ApiError::Serialization("Unexpected value type in payload");
    }
    FieldReader t(o);
    DDB_ASSIGN_OR_RETURN(auto key, t.String("Key"));
    DDB_ASSIGN_OR_RETURN(auto value, t.String("Value"));
    out.emplace_back(std::move(key), std::move(value));
  }
  return std::optional<std::vector<TagInput>>(std::move(out));
}

Result<std::optional<std::vector<std::string>>> DecodeTagKeys(simdjson::dom::object request) {
  DDB_ASSIGN_OR_RETURN(auto keys, FieldReader(request).Array("TagKeys"));
  if (!keys) return std::optional<std::vector<std::string>>();
  std::vector<std::string> out;
  for (simdjson::dom::element e : *keys) {
    std::string_view key;
    if (e.get(key) != simdjson::SUCCESS) {
      return ApiError::Serialization("Unexpected value type in payload");
    }
    out.emplace_back(key);
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

std::string EncodeTags(const Tags& tags) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("Tags");
  w.BeginArray();
  for (const auto& [k, v] : tags) {
    w.BeginObject();
    w.Member("Key", k);
    w.Member("Value", v);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

Result<std::optional<bool>> DecodePointInTimeRecovery(simdjson::dom::object request) {
  DDB_ASSIGN_OR_RETURN(auto spec, FieldReader(request).Object("PointInTimeRecoverySpecification"));
  if (!spec) return std::optional<bool>();
  DDB_ASSIGN_OR_RETURN(auto enabled, FieldReader(*spec).Bool("PointInTimeRecoveryEnabled"));
  return std::optional<bool>(enabled.value_or(false));
}

std::string EncodeContinuousBackups(bool pitr, double enabled_at, double now) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("ContinuousBackupsDescription");
  w.BeginObject();
  w.Member("ContinuousBackupsStatus", "ENABLED");
  w.Key("PointInTimeRecoveryDescription");
  w.BeginObject();
  w.Member("PointInTimeRecoveryStatus", pitr ? "ENABLED" : "DISABLED");
  if (pitr) {
    w.MemberDouble("EarliestRestorableDateTime", enabled_at);
    w.MemberDouble("LatestRestorableDateTime", now);
  }
  w.EndObject();
  w.EndObject();
  w.EndObject();
  return out;
}

std::string EncodeEndpoints() {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("Endpoints");
  w.BeginArray();
  w.BeginObject();
  w.Member("Address", "dynamodb.ddblocal.amazonaws.com");
  w.MemberInt("CachePeriodInMinutes", 1440);
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return out;
}

}  // namespace ddb::protocol
