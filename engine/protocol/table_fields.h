// Decoders shared by the table operations' request parsers (decode_tables.cc,
// decode_indexes.cc). Internal to protocol/.
#pragma once

#include <simdjson.h>

#include <optional>
#include <utility>
#include <vector>

#include "catalog/table_def.h"
#include "common/result.h"
#include "protocol/reader.h"
#include "protocol/requests.h"

namespace ddb::protocol {

inline ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

// A KeySchema list: one HASH then optionally one RANGE element, with DynamoDB's messages. Key
// types are bound later from the attribute definitions.
Status ParseKeySchema(simdjson::dom::array arr, ddb::KeySchema* schema);

// A ProvisionedThroughput member (1..40000 read and write units), or nullopt if absent.
Result<std::optional<std::pair<int64_t, int64_t>>> ParseThroughput(const FieldReader& r,
                                                                   bool for_index = false);

// Parses GlobalSecondaryIndexes and LocalSecondaryIndexes of a CreateTable request into
// def->indexes (key types unbound).
Status DecodeIndexes(const FieldReader& r, TableDef* def);

// A StreamSpecification member: nullopt if absent; else enabled flag and view type.
Result<std::optional<StreamSpec>> ParseStreamSpecification(const FieldReader& r);

// Parses UpdateTable's GlobalSecondaryIndexUpdates into req->index_updates.
Status DecodeIndexUpdates(const FieldReader& r, UpdateTableRequest* req);

// Binds an index's key attribute types from the table's attribute definitions.
Status BindIndexKeyTypes(const std::vector<AttributeDefinition>& attributes, IndexDef* index);

}  // namespace ddb::protocol
