// GlobalSecondaryIndexes and LocalSecondaryIndexes in CreateTable, with DynamoDB's rules and
// wording (two spaces and missing spaces after periods are DynamoDB's own).
#include <algorithm>
#include <set>

#include "protocol/table_fields.h"

namespace ddb::protocol {
namespace {

constexpr size_t kMaxLocalIndexes = 5;
constexpr size_t kMaxGlobalIndexes = 20;

Status ParseProjection(const FieldReader& r, IndexDef* index) {
  DDB_ASSIGN_OR_RETURN(auto projection, r.Object("Projection"));
  if (!projection) return Invalid("Indexes must have a projection specified");
  FieldReader p(*projection);
  DDB_ASSIGN_OR_RETURN(auto type, p.String("ProjectionType"));
  DDB_ASSIGN_OR_RETURN(auto non_key, p.Array("NonKeyAttributes"));
  const std::string t = type.value_or("");
  if (t == "ALL") {
    index->projection = ProjectionType::kAll;
  } else if (t == "KEYS_ONLY") {
    index->projection = ProjectionType::kKeysOnly;
  } else if (t == "INCLUDE") {
    index->projection = ProjectionType::kInclude;
  } else {
    return Invalid("Projection type must be INCLUDE, ALL, or KEYS_ONLY");
  }
  if (non_key && index->projection != ProjectionType::kInclude) {
    return Invalid(
        "No attributes should be specified to be projected unless projection type is INCLUDE");
  }
  if (index->projection == ProjectionType::kInclude) {
    if (!non_key || non_key->size() == 0) {
      return Invalid(
          "If Projection type INCLUDE is specified, some non-key attributes to include in the "
          "projection must be specified as well");
    }
    for (simdjson::dom::element e : *non_key) {
      std::string_view name;
      if (e.get(name) != simdjson::SUCCESS)
        return ApiError::Serialization("Unexpected value type in payload");
      if (std::find(index->non_key_attributes.begin(), index->non_key_attributes.end(), name) !=
          index->non_key_attributes.end()) {
        return Invalid("Cannot have two attributes with the same name");
      }
      index->non_key_attributes.emplace_back(name);
    }
  }
  return Status::OK();
}

Result<IndexDef> ParseIndex(simdjson::dom::object obj, bool global) {
  FieldReader r(obj);
  IndexDef index;
  index.global = global;
  DDB_ASSIGN_OR_RETURN(auto name, r.String("IndexName"));
  DDB_RETURN_IF_ERROR(CheckTableName(name));
  index.name = *name;
  DDB_ASSIGN_OR_RETURN(auto keys, r.Array("KeySchema"));
  if (!keys) {
    return Invalid(
        "No defined key schema.  A key schema containing at least a hash key must be defined for "
        "all tables");
  }
  DDB_RETURN_IF_ERROR(ParseKeySchema(*keys, &index));
  DDB_RETURN_IF_ERROR(ParseProjection(r, &index));
  if (global) {
    DDB_ASSIGN_OR_RETURN(auto throughput, ParseThroughput(r, true));
    if (throughput) {
      index.throughput.read_units = throughput->first;
      index.throughput.write_units = throughput->second;
    }
  }
  return index;
}

Result<IndexDef> ParseIndex(simdjson::dom::element e, bool global) {
  simdjson::dom::object obj;
  if (e.get(obj) != simdjson::SUCCESS)
    return ApiError::Serialization("Unexpected value type in payload");
  return ParseIndex(obj, global);
}

Status CheckLocalIndex(const TableDef& def, const IndexDef& index) {
  if (!def.range) {
    return Invalid(
        "Local Secondary indices are not allowed on hash tables, only hash and range tables");
  }
  if (index.hash.name != def.hash.name) {
    return Invalid("Local Secondary indices must have the same hash key as the main table");
  }
  if (!index.range) return Invalid("Local secondary indices must have a range key");
  return Status::OK();
}

Status CheckNames(const TableDef& def) {
  std::set<std::string> local, global;
  for (const auto& index : def.indexes) {
    auto& names = index.global ? global : local;
    if (!names.insert(index.name).second) {
      return Invalid(index.global ? "Two global secondary indices have the same name"
                                  : "Two local secondary indices have the same name");
    }
  }
  for (const auto& name : local) {
    if (global.count(name)) {
      return Invalid(
          "Local Secondary Indices AND Global Secondary Indices must have different names");
    }
  }
  return Status::OK();
}

}  // namespace

Status DecodeIndexes(const FieldReader& r, TableDef* def) {
  DDB_ASSIGN_OR_RETURN(auto locals, r.Array("LocalSecondaryIndexes"));
  DDB_ASSIGN_OR_RETURN(auto globals, r.Array("GlobalSecondaryIndexes"));
  if (globals && globals->size() == 0) return Invalid("GSI list is empty/invalid");
  if (locals && locals->size() > kMaxLocalIndexes) {
    return Invalid("Cannot have more than 5 local secondary indexes per table");
  }
  if (globals && globals->size() > kMaxGlobalIndexes) {
    return Invalid("GSI count exceeds the maximum of 20 global secondary indexes per table");
  }
  if (locals) {
    for (simdjson::dom::element e : *locals) {
      DDB_ASSIGN_OR_RETURN(IndexDef index, ParseIndex(e, false));
      DDB_RETURN_IF_ERROR(CheckLocalIndex(*def, index));
      def->indexes.push_back(std::move(index));
    }
  }
  if (globals) {
    for (simdjson::dom::element e : *globals) {
      DDB_ASSIGN_OR_RETURN(IndexDef index, ParseIndex(e, true));
      def->indexes.push_back(std::move(index));
    }
  }
  return CheckNames(*def);
}

namespace {

ApiError OneIndexAtATime() {
  return ApiError(ErrorKind::kLimitExceeded,
                  "Subscriber limit exceeded: Only 1 online index can be created or deleted "
                  "simultaneously per table");
}

}  // namespace

Status DecodeIndexUpdates(const FieldReader& r, UpdateTableRequest* req) {
  DDB_ASSIGN_OR_RETURN(auto updates, r.Array("GlobalSecondaryIndexUpdates"));
  if (!updates) return Status::OK();
  for (simdjson::dom::element e : *updates) {
    simdjson::dom::object obj;
    if (e.get(obj) != simdjson::SUCCESS)
      return ApiError::Serialization("Unexpected value type in payload");
    FieldReader u(obj);
    DDB_ASSIGN_OR_RETURN(auto create, u.Object("Create"));
    DDB_ASSIGN_OR_RETURN(auto update, u.Object("Update"));
    DDB_ASSIGN_OR_RETURN(auto remove, u.Object("Delete"));
    const int actions = (create ? 1 : 0) + (update ? 1 : 0) + (remove ? 1 : 0);
    if (actions == 0) return Invalid("Update global secondary index action is null");
    if (actions > 1) return OneIndexAtATime();
    IndexUpdate change;
    if (create) {
      change.kind = IndexUpdate::Kind::kCreate;
      DDB_ASSIGN_OR_RETURN(change.index, ParseIndex(*create, true));
    } else {
      FieldReader x(update ? *update : *remove);
      DDB_ASSIGN_OR_RETURN(auto name, x.String("IndexName"));
      DDB_RETURN_IF_ERROR(CheckTableName(name));
      change.index.name = *name;
      change.kind = update ? IndexUpdate::Kind::kUpdate : IndexUpdate::Kind::kDelete;
      if (update) {
        DDB_ASSIGN_OR_RETURN(change.throughput, ParseThroughput(x));
        if (!change.throughput)
          return Invalid("No provisioned throughput specified for the global secondary index");
      }
    }
    req->index_updates.push_back(std::move(change));
  }
  if (req->index_updates.size() > 1) return OneIndexAtATime();
  return Status::OK();
}

Status BindIndexKeyTypes(const std::vector<AttributeDefinition>& attributes, IndexDef* index) {
  auto bind = [&](KeyAttribute* key, const char* which) -> Status {
    for (const auto& a : attributes) {
      if (a.name == key->name) {
        key->type = a.type;
        return Status::OK();
      }
    }
    return Invalid(std::string(index->global ? "Global" : "Local") + " Secondary Index " + which +
                   " key not specified in Attribute Definitions.Type unknown.");
  };
  DDB_RETURN_IF_ERROR(bind(&index->hash, "hash"));
  if (index->range) DDB_RETURN_IF_ERROR(bind(&*index->range, "range"));
  return Status::OK();
}

}  // namespace ddb::protocol
