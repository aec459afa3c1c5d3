// The typed requests of client/dynamodb_types.h as the service's JSON, and its answers back.
// DynamoDbClient uses them for every typed call; a script that must print the service's
// answer verbatim builds a typed request, sends ToJson(request) with DynamoDbClient::Call and
// may still read the answer with the decoders. The only place in the client that knows the
// DynamoDB APIs' JSON field names. Thread-safe (stateless).
#pragma once

#include <string>
#include <string_view>

#include "client/dynamodb_types.h"
#include "client/error.h"

namespace ddb::client {

std::string ToJson(const GetItemRequest& r);
std::string ToJson(const PutItemRequest& r);
std::string ToJson(const UpdateItemRequest& r);
std::string ToJson(const DeleteItemRequest& r);
std::string ToJson(const QueryRequest& r);
std::string ToJson(const ScanRequest& r);
// A BatchWriteItem of at most 25 writes (the caller splits).
std::string BatchWriteJson(const std::vector<BatchWrite>& writes);
std::string ToJson(const TransactWriteRequest& r);
std::string ToJson(const CreateTableRequest& r);
// {"TableName": table}: DescribeTable, DeleteTable, DescribeTimeToLive.
std::string TableNameJson(std::string_view table);
std::string ListTablesJson(std::string_view start_table);
std::string UpdateTimeToLiveJson(std::string_view table, std::string_view attribute, bool enabled);
std::string ListStreamsJson(std::string_view table, std::string_view start_stream_arn);
std::string DescribeStreamJson(std::string_view stream_arn, std::string_view start_shard_id);
std::string GetShardIteratorJson(std::string_view stream_arn, std::string_view shard_id,
                                 IteratorType type, std::string_view sequence);
std::string GetRecordsJson(std::string_view iterator, int limit);

// Each decoder fails with ClientError::BadResponse when `json` is not the operation's answer.
ClientResult<std::optional<Item>> DecodeGetItem(std::string_view json);
ClientResult<WriteAnswer> DecodeWriteAnswer(std::string_view json);
// Query and Scan.
ClientResult<ItemPage> DecodeItemPage(std::string_view json);
// The UnprocessedItems of a BatchWriteItem answer (empty: all written).
ClientResult<std::vector<BatchWrite>> DecodeUnprocessed(std::string_view json);
// CreateTable ("TableDescription"), DescribeTable ("Table"), DeleteTable ("TableDescription").
ClientResult<TableDescription> DecodeTableDescription(std::string_view json);
// ListTables: the names, and LastEvaluatedTableName in `*last` ("" on the last page).
ClientResult<std::vector<std::string>> DecodeTableNames(std::string_view json, std::string* last);
ClientResult<TimeToLive> DecodeTimeToLive(std::string_view json);
// ListStreams: the streams, and LastEvaluatedStreamArn in `*last` ("" on the last page).
ClientResult<std::vector<StreamSummary>> DecodeStreams(std::string_view json, std::string* last);
ClientResult<StreamDescription> DecodeStreamDescription(std::string_view json);
ClientResult<std::string> DecodeShardIterator(std::string_view json);
ClientResult<RecordsPage> DecodeRecordsPage(std::string_view json);

// Reads what a service error's JSON body carries beyond its type and message into `error`:
// the item of a ConditionalCheckFailedException (ReturnValuesOnConditionCheckFailure ALL_OLD)
// and the CancellationReasons of a TransactionCanceledException. Leaves `error` as it is when
// the body carries neither.
void ReadErrorDetails(std::string_view body, ClientError* error);

}  // namespace ddb::client
