// Decoders shared by the table operations' request parsers (decode_tables.cc,
// decode_indexes.cc). Internal to protocol/.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/table_def.h"
#include "core/result.h"
#include "protocol/reader.h"
#include "protocol/requests.h"

namespace ddb::protocol {

inline ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

// One KeySchemaElement as sent.
struct KeyElement {
  std::string name;
  std::string type;  // HASH or RANGE
};
std::vector<KeyElement> ReadKeySchema(simdjson::dom::array arr);

// The service's checks of a key schema against the attribute definitions, in its order (every
// key defined, distinct names, HASH then RANGE; a `global` index's key may have up to four of
// each); on success fills *out with the key attributes and their types.
Status CheckKeySchema(const std::vector<KeyElement>& keys,
                      const std::vector<AttributeDefinition>& defs, bool global,
                      ddb::KeySchema* out);

// AttributeDefinitions as sent; two definitions of one name are refused.
Result<std::vector<AttributeDefinition>> ParseDefinitions(simdjson::dom::array arr);

// A ProvisionedThroughput member, or nullopt if absent; `index` names the index it is for ("" for
// the table), as the service's out-of-bounds message does.
Result<std::optional<std::pair<int64_t, int64_t>>> ParseThroughput(const FieldReader& r,
                                                                   std::string_view index = {});

// Parses GlobalSecondaryIndexes and LocalSecondaryIndexes of a CreateTable request into
// req->def.indexes and req->index_options, with the service's checks in its order (REQUIRES:
// req->def's key schema and attribute definitions are set).
Status DecodeIndexes(const FieldReader& r, CreateTableRequest* req);

// A StreamSpecification member: nullopt if absent; else enabled flag and view type.
Result<std::optional<StreamSpec>> ParseStreamSpecification(const FieldReader& r);

// OnDemandThroughput, WarmThroughput and SSESpecification members: nullopt if absent.
Result<std::optional<OnDemandRequest>> ParseOnDemand(const FieldReader& r);
Result<std::optional<WarmRequest>> ParseWarm(const FieldReader& r);
// TableClass, SSESpecification, OnDemandThroughput and WarmThroughput of the table.
Result<TableOptions> ParseTableOptions(const FieldReader& r);

// Parses UpdateTable's GlobalSecondaryIndexUpdates into req->index_updates; new indexes' keys
// are checked against `defs` (the request's AttributeDefinitions).
Status DecodeIndexUpdates(const FieldReader& r,
                          const std::optional<std::vector<AttributeDefinition>>& defs,
                          UpdateTableRequest* req);

// One global or local secondary index of CreateTable, or of UpdateTable's Create action, its
// key schema checked against `defs`.
Result<IndexDef> ParseIndex(simdjson::dom::object obj, bool global,
                            const std::vector<AttributeDefinition>& defs);

}  // namespace ddb::protocol
