// Tags (TagResource, UntagResource, ListTagsOfResource), DescribeEndpoints and the
// point-in-time-recovery switch (Describe/UpdateContinuousBackups), with DynamoDB's rules.
#include <chrono>

#include "ops/handlers.h"
#include "protocol/decode.h"
#include "protocol/settings_json.h"

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

Result<TablePtr> TableByArn(const RequestContext& ctx, simdjson::dom::object request) {
  DDB_ASSIGN_OR_RETURN(auto arn, protocol::DecodeResourceArn(request));
  if (!arn) return Invalid("Invalid TableArn");
  for (const TablePtr& table : ctx.engine.catalog().AllTables()) {
    if (table->ns == ctx.ns && table->Arn() == *arn) return table;
  }
  return ApiError::NotFound("Requested resource not found: ResourcArn: " + *arn + " not found");
}

Result<TablePtr> TableByName(const RequestContext& ctx, simdjson::dom::object request) {
  DDB_ASSIGN_OR_RETURN(std::string table_name, protocol::DecodeTableName(request));
  TablePtr table = ctx.engine.catalog().Find(ctx.ns, table_name);
  if (!table) return ApiError::TableNotFound(table_name);
  return table;
}

std::string Empty() { return "{}"; }

std::string BackupsDescription(const TableDef& t, const RequestContext& ctx) {
  return protocol::EncodeContinuousBackups(t.point_in_time_recovery, t.pitr_enabled_at,
                                           ctx.engine.clock().EpochSeconds());
}

}  // namespace

Result<std::string> TagResource(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableByArn(ctx, request));
  DDB_ASSIGN_OR_RETURN(auto list, protocol::DecodeTags(request));
  if (!list || list->empty()) return Invalid("Atleast one Tag needs to be provided as Input.");
  protocol::Tags incoming;
  for (const auto& [key, value] : *list) {
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
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableByArn(ctx, request));
  DDB_ASSIGN_OR_RETURN(auto keys, protocol::DecodeTagKeys(request));
  if (!keys || keys->empty()) return Invalid("Atleast one Tag Key needs to be provided as Input.");
  for (const std::string& key : *keys) {
    if (key.empty() || key.size() > 128)
      return Invalid("The Tag Key provided is invalid, Key: " + key);
  }
  const std::vector<std::string>& removed = *keys;
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
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableByArn(ctx, request));
  return protocol::EncodeTags(table->tags);
}

Result<std::string> DescribeEndpoints(simdjson::dom::object /*request*/, RequestContext& /*ctx*/) {
  return protocol::EncodeEndpoints();
}

Result<std::string> DescribeContinuousBackups(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableByName(ctx, request));
  return BackupsDescription(*table, ctx);
}

Result<std::string> UpdateContinuousBackups(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(TablePtr table, TableByName(ctx, request));
  DDB_ASSIGN_OR_RETURN(auto enabled, protocol::DecodePointInTimeRecovery(request));
  if (!enabled) {
    return Invalid(
        "1 validation error detected: Value null at 'pointInTimeRecoverySpecification' "
        "failed to satisfy constraint: Member must not be null");
  }
  DDB_ASSIGN_OR_RETURN(TablePtr updated,
                       ctx.engine.catalog().Update(table->ns, table->name, [&](TableDef& next) {
                         bool was_enabled = next.point_in_time_recovery;
                         next.point_in_time_recovery = *enabled;
                         if (next.point_in_time_recovery && !was_enabled)
                           next.pitr_enabled_at = ctx.engine.clock().EpochSeconds();
                         return Status::OK();
                       }));
  return BackupsDescription(*updated, ctx);
}

}  // namespace ddb::ops
