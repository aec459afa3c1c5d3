// GlobalSecondaryIndexes and LocalSecondaryIndexes of CreateTable, and UpdateTable's
// GlobalSecondaryIndexUpdates, with the service's checks in its order
// (docs/notes/service-errors.md §2.1 and §2.2).
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
  if (!type)
    return Invalid("One or more parameter values were invalid: Unknown ProjectionType: null");
  if (*type == "ALL") {
    index->projection = ProjectionType::kAll;
  } else if (*type == "KEYS_ONLY") {
    index->projection = ProjectionType::kKeysOnly;
  } else {
    index->projection = ProjectionType::kInclude;  // the enum was checked by protocol/shape.h
  }
  if (non_key && index->projection != ProjectionType::kInclude) {
    return Invalid("One or more parameter values were invalid: ProjectionType is " + *type +
                   ", but NonKeyAttributes is specified");
  }
  if (index->projection == ProjectionType::kInclude) {
    if (!non_key || non_key->size() == 0) {
      return Invalid(
          "If Projection type INCLUDE is specified, some non-key attributes to include in the "
          "projection must be specified as well");
    }
    for (simdjson::dom::element e : *non_key) {
      std::string_view name;
      if (e.get(name) != simdjson::SUCCESS) continue;  // a null member: nothing to project
      if (std::find(index->non_key_attributes.begin(), index->non_key_attributes.end(), name) !=
          index->non_key_attributes.end()) {
        return Invalid("Cannot have two attributes with the same name");
      }
      index->non_key_attributes.emplace_back(name);
    }
  }
  return Status::OK();
}

Status CheckLocalIndex(const TableDef& def, const IndexDef& index) {
  if (!index.range) {
    return Invalid(
        "One or more parameter values were invalid: Index KeySchema does not have a range key "
        "for index: " +
        index.name);
  }
  if (index.hash.name != def.hash.name) {
    return Invalid(
        "One or more parameter values were invalid: Index KeySchema does not have the same "
        "leading hash key as table KeySchema for index: " +
        index.name + ". index hash key: " + index.hash.name + ", table hash key: " + def.hash.name);
  }
  return Status::OK();
}

// Parses one list of indexes into req (global: also their capacity options).
Status ParseIndexList(simdjson::dom::array list, bool global, std::set<std::string>* names,
                      CreateTableRequest* req) {
  TableDef& def = req->def;
  for (simdjson::dom::element e : list) {
    simdjson::dom::object obj;
    if (e.get(obj) != simdjson::SUCCESS) continue;
    DDB_ASSIGN_OR_RETURN(IndexDef index, ParseIndex(obj, global, def.attributes));
    if (!global) DDB_RETURN_IF_ERROR(CheckLocalIndex(def, index));
    if (!names->insert(index.name).second) {
      return Invalid("One or more parameter values were invalid: Duplicate index name: " +
                     index.name);
    }
    if (global) {
      FieldReader r(obj);
      DDB_ASSIGN_OR_RETURN(auto on_demand, ParseOnDemand(r));
      DDB_ASSIGN_OR_RETURN(auto warm, ParseWarm(r));
      req->index_options.emplace_back(on_demand, warm);
    }
    def.indexes.push_back(std::move(index));
  }
  return Status::OK();
}

}  // namespace

Result<IndexDef> ParseIndex(simdjson::dom::object obj, bool global,
                            const std::vector<AttributeDefinition>& defs) {
  FieldReader r(obj);
  IndexDef index;
  index.global = global;
  DDB_ASSIGN_OR_RETURN(auto name, r.String("IndexName"));
  index.name = name.value_or("");
  DDB_ASSIGN_OR_RETURN(auto keys, r.Array("KeySchema"));
  DDB_RETURN_IF_ERROR(CheckKeySchema(keys ? ReadKeySchema(*keys) : std::vector<KeyElement>{}, defs,
                                     global, &index));
  DDB_RETURN_IF_ERROR(ParseProjection(r, &index));
  if (global) {
    DDB_ASSIGN_OR_RETURN(auto throughput, ParseThroughput(r, index.name));
    if (throughput) {
      index.throughput.read_units = throughput->first;
      index.throughput.write_units = throughput->second;
    }
  }
  return index;
}

Status DecodeIndexes(const FieldReader& r, CreateTableRequest* req) {
  DDB_ASSIGN_OR_RETURN(auto locals, r.Array("LocalSecondaryIndexes"));
  DDB_ASSIGN_OR_RETURN(auto globals, r.Array("GlobalSecondaryIndexes"));
  std::set<std::string> names;  // local and global indexes share one namespace
  if (locals) {
    if (locals->size() == 0) {
      return Invalid(
          "One or more parameter values were invalid: List of LocalSecondaryIndexes is empty");
    }
    if (!req->def.range) {
      return Invalid(
          "One or more parameter values were invalid: Table KeySchema does not have a range key, "
          "which is required when specifying a LocalSecondaryIndex");
    }
    DDB_RETURN_IF_ERROR(ParseIndexList(*locals, false, &names, req));
    if (locals->size() > kMaxLocalIndexes) {
      return Invalid(
          "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds "
          "per-table limit of 5");
    }
  }
  if (globals) {
    if (globals->size() == 0) {
      return Invalid(
          "One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty");
    }
    DDB_RETURN_IF_ERROR(ParseIndexList(*globals, true, &names, req));
    if (globals->size() > kMaxGlobalIndexes) {
      return Invalid(
          "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the "
          "per-table limit of 20");
    }
  }
  return Status::OK();
}

namespace {

ApiError OneIndexAtATime() {
  return ApiError::LimitExceeded(
      "Subscriber limit exceeded: Only 1 online index can be created or deleted "
      "simultaneously per table");
}

}  // namespace

Status DecodeIndexUpdates(const FieldReader& r,
                          const std::optional<std::vector<AttributeDefinition>>& defs,
                          UpdateTableRequest* req) {
  DDB_ASSIGN_OR_RETURN(auto updates, r.Array("GlobalSecondaryIndexUpdates"));
  if (!updates) return Status::OK();
  std::set<std::string> named;
  for (simdjson::dom::element e : *updates) {
    simdjson::dom::object obj;
    if (e.get(obj) != simdjson::SUCCESS) continue;
    FieldReader u(obj);
    DDB_ASSIGN_OR_RETURN(auto create, u.Object("Create"));
    DDB_ASSIGN_OR_RETURN(auto update, u.Object("Update"));
    DDB_ASSIGN_OR_RETURN(auto remove, u.Object("Delete"));
    const int actions = (create ? 1 : 0) + (update ? 1 : 0) + (remove ? 1 : 0);
    if (actions == 0) {
      return Invalid(
          "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, "
          "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be "
          "null");
    }
    if (actions > 1) return OneIndexAtATime();
    FieldReader x(create ? *create : update ? *update : *remove);
    DDB_ASSIGN_OR_RETURN(auto name, x.String("IndexName"));
    if (name && !named.insert(*name).second) {
      return Invalid(
          "One or more parameter values were invalid: Only one global secondary index update per "
          "index is allowed simultaneously. Index: " +
          *name);
    }
    IndexUpdate change;
    if (create) {
      change.kind = IndexUpdate::Kind::kCreate;
      if (!defs) return Invalid("No Attribute Schema Defined");
      DDB_ASSIGN_OR_RETURN(change.index, ParseIndex(*create, true, *defs));
    } else {
      change.index.name = name.value_or("");
      change.kind = update ? IndexUpdate::Kind::kUpdate : IndexUpdate::Kind::kDelete;
      if (update) {
        DDB_ASSIGN_OR_RETURN(change.throughput, ParseThroughput(x, change.index.name));
      }
    }
    if (!remove) {
      DDB_ASSIGN_OR_RETURN(change.on_demand, ParseOnDemand(x));
      DDB_ASSIGN_OR_RETURN(change.warm, ParseWarm(x));
    }
    if (update && !change.throughput && !change.on_demand && !change.warm) {
      return Invalid("No provisioned throughput specified for the global secondary index");
    }
    req->index_updates.push_back(std::move(change));
  }
  int online = 0;  // creations and deletions run one at a time; updates are immediate
  for (const auto& c : req->index_updates) online += c.kind != IndexUpdate::Kind::kUpdate;
  if (online > 1) return OneIndexAtATime();
  return Status::OK();
}

}  // namespace ddb::protocol
