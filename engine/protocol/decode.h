// Decoders: one request JSON object -> one typed request (requests.h).
//
// Each returns DynamoDB's error for a malformed or invalid request: SerializationException for
// members of the wrong JSON type, ValidationException for constraint violations. Checks that need
// the table's schema happen later, in ops/.
#pragma once

#include <simdjson.h>

#include "core/result.h"
#include "protocol/requests.h"

namespace ddb::protocol {

Result<PutItemRequest> DecodePutItem(simdjson::dom::object obj);
Result<GetItemRequest> DecodeGetItem(simdjson::dom::object obj);
Result<DeleteItemRequest> DecodeDeleteItem(simdjson::dom::object obj);
Result<UpdateItemRequest> DecodeUpdateItem(simdjson::dom::object obj);
Result<ReadRequest> DecodeQuery(simdjson::dom::object obj);
Result<ReadRequest> DecodeScan(simdjson::dom::object obj);

Result<CreateTableRequest> DecodeCreateTable(simdjson::dom::object obj);
Result<UpdateTableRequest> DecodeUpdateTable(simdjson::dom::object obj);
Result<ListTablesRequest> DecodeListTables(simdjson::dom::object obj);
// DescribeTable and DeleteTable: the TableName.
Result<std::string> DecodeTableName(simdjson::dom::object obj);

}  // namespace ddb::protocol
