// Tags (TagResource, UntagResource, ListTagsOfResource), DescribeEndpoints and the
// point-in-time-recovery switch (Describe/UpdateContinuousBackups), with DynamoDB's rules.
#include <chrono>

#include "core/json_writer.h"
#include "ops/handlers.h"
#include "protocol/reader.h"

namespace ddb::ops {
namespace {

constexpr size_t kMaxTags = 50;

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

bool TagCharsOk(std::string_view s) {
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) ||
          std::string_view(" _.:/=+-@").find(c) != std::string_view::npos)) {
      return false;
    }
  }
  return true;
}

Status CheckKey(std::string_view key) {
  if (key.empty() || key.size() > 128 || !TagCharsOk(key)) {
    return Invalid("The Tag Key provided is invalid, Key: " + std::string(key));
  }
  if (key.starts_with("aws:")) {
    return Invalid("Tag Key cannot be prefixed with aws:, Key: " + std::string(key));
  }
  return Status::OK();
}

Result<TablePtr> TableByArn(const RequestContext& ctx, const protocol::FieldReader& r) {
  DDB_ASSIGN_OR_RETURN(auto arn, r.String("ResourceArn"));
  if (!arn) return Invalid("Invalid TableArn");
  for (const TablePtr& table : ctx.engine.catalog().AllTables()) {
    if (table->ns == ctx.ns && table->Arn() == *arn) return table;
  }
  return ApiError::NotFound("Requested resource not found: ResourcArn: " + *arn + " not found");
}

Result<TablePtr> TableByName(const RequestContext& ctx, const protocol::FieldReader& r) {
  DDB_ASSIGN_OR_RETURN(auto name, r.String("TableName"));
  DDB_ASSIGN_OR_RETURN(std::string table_name, protocol::TableNameOf(name));
  TablePtr table = ctx.engine.catalog().Find(ctx.ns, table_name);
  if (!table) return ApiError(ErrorKind::kTableNotFound, "Table not found: " + table_name);
  return table;
}

std::string Empty() { return "{}"; }

std::string BackupsDescription(const TableDef& t) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("ContinuousBackupsDescription");
  w.BeginObject();
  w.Member("ContinuousBackupsStatus", "ENABLED");
  w.Key("PointInTimeRecoveryDescription");
  w.BeginObject();
  w.Member("PointInTimeRecoveryStatus", t.point_in_time_recovery ? "ENABLED" : "DISABLED");
  if (t.point_in_time_recovery) {
    double now =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    w.MemberDouble("EarliestRestorableDateTime", t.pitr_enabled_at);
    w.MemberDouble("LatestRestorableDateTime", now);
  }
  w.EndObject();
  w.EndObject();
  w.EndObject();
  return out;
}

}  // namespace

Result<std::string> TagResource(simdjson::dom::object request, RequestContext& ctx) {
  protocol::FieldReader r(request);
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableByArn(ctx, r));
  DDB_ASSIGN_OR_RETURN(auto list, r.Array("Tags"));
  if (!list || list->size() == 0) return Invalid("Atleast one Tag needs to be provided as Input.");
  std::vector<std::pair<std::string, std::string>> incoming;
  for (simdjson::dom::element e : *list) {
    simdjson::dom::object o;
    if (e.get(o) != simdjson::SUCCESS) {
      return ApiError::Serialization("Unexpected value type in payload");
    }
    protocol::FieldReader t(o);
    DDB_ASSIGN_OR_RETURN(auto key, t.String("Key"));
    DDB_ASSIGN_OR_RETURN(auto value, t.String("Value"));
    DDB_RETURN_IF_ERROR(CheckKey(key.value_or("")));
    if (!value) return Invalid("The Tag Value provided is invalid, Value: null");
    if (value->size() > 256 || !TagCharsOk(*value)) {
      return Invalid("The Tag Value provided is invalid, Value: " + *value);
    }
    for (const auto& [k, v] : incoming) {
      if (k == *key) {
        return Invalid("Duplicate Tag Keys provided as input: Duplicate Tag Key found " + *key);
      }
    }
    incoming.emplace_back(*key, *value);
  }
  auto updated = ctx.engine.catalog().Update(table->ns, table->name, [&](TableDef& next) -> Status {
    for (const auto& tag : incoming) {
      auto it = std::find_if(next.tags.begin(), next.tags.end(),
                             [&](const auto& kv) { return kv.first == tag.first; });
      if (it != next.tags.end()) {
        it->second = tag.second;
      } else {
        next.tags.push_back(tag);
      }
    }
    if (next.tags.size() > kMaxTags) {
      return Invalid("Number of Tags exceed the current limit for the provided ResourceArn");
    }
    return Status::OK();
  });
  if (!updated.ok()) return std::move(updated).error();
  return Empty();
}

Result<std::string> UntagResource(simdjson::dom::object request, RequestContext& ctx) {
  protocol::FieldReader r(request);
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableByArn(ctx, r));
  DDB_ASSIGN_OR_RETURN(auto keys, r.Array("TagKeys"));
  if (!keys || keys->size() == 0) {
    return Invalid("Atleast one Tag Key needs to be provided as Input.");
  }
  std::vector<std::string> removed;
  for (simdjson::dom::element e : *keys) {
    std::string_view key;
    if (e.get(key) != simdjson::SUCCESS) {
      return ApiError::Serialization("Unexpected value type in payload");
    }
    if (key.empty() || key.size() > 128) {
      return Invalid("The Tag Key provided is invalid, Key: " + std::string(key));
    }
    removed.emplace_back(key);
  }
  auto updated = ctx.engine.catalog().Update(table->ns, table->name, [&](TableDef& next) {
    std::erase_if(next.tags, [&](const auto& kv) {
      return std::find(removed.begin(), removed.end(), kv.first) != removed.end();
    });
    return Status::OK();
  });
  if (!updated.ok()) return std::move(updated).error();
  return Empty();
}

Result<std::string> ListTagsOfResource(simdjson::dom::object request, RequestContext& ctx) {
  protocol::FieldReader r(request);
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableByArn(ctx, r));
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("Tags");
  w.BeginArray();
  for (const auto& [k, v] : table->tags) {
    w.BeginObject();
    w.Member("Key", k);
    w.Member("Value", v);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

Result<std::string> DescribeEndpoints(simdjson::dom::object /*request*/, RequestContext& /*ctx*/) {
  return std::string(
      R"({"Endpoints":[{"Address":"dynamodb.ddblocal.amazonaws.com","CachePeriodInMinutes":1440}]})");
}

Result<std::string> DescribeContinuousBackups(simdjson::dom::object request, RequestContext& ctx) {
  protocol::FieldReader r(request);
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableByName(ctx, r));
  return BackupsDescription(*table);
}

Result<std::string> UpdateContinuousBackups(simdjson::dom::object request, RequestContext& ctx) {
  protocol::FieldReader r(request);
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableByName(ctx, r));
  DDB_ASSIGN_OR_RETURN(auto spec, r.Object("PointInTimeRecoverySpecification"));
  if (!spec) {
    return Invalid(
        "1 validation error detected: Value null at 'pointInTimeRecoverySpecification' "
        "failed to satisfy constraint: Member must not be null");
  }
  protocol::FieldReader s(*spec);
  DDB_ASSIGN_OR_RETURN(auto enabled, s.Bool("PointInTimeRecoveryEnabled"));
  DDB_ASSIGN_OR_RETURN(
      TablePtr updated, ctx.engine.catalog().Update(table->ns, table->name, [&](TableDef& next) {
        bool was_enabled = next.point_in_time_recovery;
        next.point_in_time_recovery = enabled.value_or(false);
        if (next.point_in_time_recovery && !was_enabled) {
          next.pitr_enabled_at =
              std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
                  .count();
        }
        return Status::OK();
      }));
  return BackupsDescription(*updated);
}

}  // namespace ddb::ops
