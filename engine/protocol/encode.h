// Encoders: typed responses (requests.h) and ApiError -> DynamoDB's JSON body.
//
// EncodeError is the only place where an ApiError becomes a wire response: its __type string,
// HTTP status and message member all come from here.
#pragma once

#include <string>

#include "core/api_error.h"
#include "core/json_writer.h"
#include "protocol/requests.h"

namespace ddb::protocol {

// `member` is "Item" for GetItem and "Attributes" for PutItem/UpdateItem/DeleteItem.
std::string EncodeItemResponse(const ItemResponse& r, std::string_view member);
std::string EncodeRead(const ReadResponse& r);
// `member` is "TableDescription" (Create/Update/Delete) or "Table" (Describe).
std::string EncodeTable(const TableDescription& t, std::string_view member);
std::string EncodeListTables(const ListTablesResponse& r);
std::string EncodeLimits(const Limits& l);

// The wire name of a stream view type ("NEW_IMAGE", ...).
const char* StreamViewTypeName(StreamViewType v);

// One ConsumedCapacity object (TOTAL or INDEXES detail), for encoders of other files.
void WriteCapacityObject(JsonWriter& w, const ConsumedCapacity& c);
// The ConsumedCapacity member of the multi-table operations: a list, left out when empty.
void WriteCapacityList(JsonWriter& w, const std::vector<ConsumedCapacity>& capacity);
// One ItemCollectionMetrics object.
void WriteCollectionMetrics(JsonWriter& w, const CollectionMetrics& m);

struct ErrorResponse {
  int http_status = 400;
  std::string body;
};
ErrorResponse EncodeError(const ApiError& e);

}  // namespace ddb::protocol
