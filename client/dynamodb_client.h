// DynamoDbClient: the DynamoDB and DynamoDB Streams APIs, typed, for the application and for
// anyone who wants a small C++ client.
//
//   auto client = DynamoDbClient::Create({.endpoint_url = "http://localhost:8000"});
//   if (!client.ok()) { ...client.error().ToString()... }
//   auto got = (*client)->GetItem({.table = "t", .key = {{"pk", Value::S("a")}}});
//   if (got.ok() && *got) { ...(**got).at("pk")... }
//
// Requests and answers are the types of client/dynamodb_types.h over the core's item model
// (core/value.h). Settings come from ClientOptions, else the environment and the shared AWS files
// (client/config.h); requests are signed, pooled, checked and retried as AwsJsonClient does
// (client/aws_json_client.h). Errors are values: a service error carries DynamoDB's error type
// and message, and the details some carry (ClientError::item, ClientError::reasons). `Call`
// sends JSON as it is, for scripts that print the service's answer verbatim. Thread-safe; one
// client serves many threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "client/aws_json_client.h"
#include "client/dynamodb_types.h"

namespace ddb::client {

class DynamoDbClient {
 public:
  // As AwsJsonClient::Create, for both APIs (the Streams API on its own regional endpoint, or
  // on the configured one).
  static ClientResult<std::unique_ptr<DynamoDbClient>> Create(ClientOptions options);

  // ---- Items ----
  // The item, or nullopt when there is none.
  ClientResult<std::optional<Item>> GetItem(const GetItemRequest& request);
  // A failed condition is IsConditionFailed(), with the item when asked for.
  ClientResult<WriteAnswer> PutItem(const PutItemRequest& request);
  ClientResult<WriteAnswer> UpdateItem(const UpdateItemRequest& request);
  ClientResult<WriteAnswer> DeleteItem(const DeleteItemRequest& request);
  // One page; page on with the answer's last_key as the next request's start_key.
  ClientResult<ItemPage> Query(const QueryRequest& request);
  ClientResult<ItemPage> Scan(const ScanRequest& request);
  // Every page of `request` from its start_key on, at most `max_items` items in all.
  ClientResult<std::vector<Item>> QueryAll(QueryRequest request, size_t max_items = SIZE_MAX);
  ClientResult<std::vector<Item>> ScanAll(ScanRequest request, size_t max_items = SIZE_MAX);
  // Writes all of `writes`, 25 to a request, sending UnprocessedItems again after a growing
  // pause; a kUnprocessed error if some are still left after `rounds` tries. Not atomic: on
  // failure, some writes may have landed.
  ClientStatus BatchWriteAll(const std::vector<BatchWrite>& writes, int rounds = 9);
  // All or nothing. A cancellation is IsTransactionCanceled(), with one reason per action.
  ClientStatus TransactWrite(const TransactWriteRequest& request);

  // ---- Tables ----
  ClientResult<TableDescription> CreateTable(const CreateTableRequest& request);
  // IsNotFound() when there is no such table.
  ClientResult<TableDescription> DescribeTable(std::string_view table);
  ClientResult<TableDescription> DeleteTable(std::string_view table);
  // Every table's name, all pages.
  ClientResult<std::vector<std::string>> ListTables();
  ClientStatus UpdateTimeToLive(std::string_view table, std::string_view attribute, bool enabled);
  ClientResult<TimeToLive> DescribeTimeToLive(std::string_view table);

  // ---- DynamoDB Streams ----
  // Every stream of `table` (all tables' when empty), all pages.
  ClientResult<std::vector<StreamSummary>> ListStreams(std::string_view table = "");
  // One page of the stream's shards after `start_shard_id` ("" for the first).
  ClientResult<StreamDescription> DescribeStream(std::string_view stream_arn,
                                                 std::string_view start_shard_id = "");
  // `sequence` only for kAtSequence and kAfterSequence.
  ClientResult<std::string> GetShardIterator(std::string_view stream_arn, std::string_view shard_id,
                                             IteratorType type, std::string_view sequence = "");
  ClientResult<RecordsPage> GetRecords(std::string_view iterator, int limit = 0);

  // ---- Raw ----
  // DynamoDB operation `operation` ("PutItem") with JSON `body`; the answer's JSON.
  ClientResult<std::string> Call(std::string_view operation, std::string_view body);
  // The same for the DynamoDB Streams API ("GetRecords").
  ClientResult<std::string> CallStreams(std::string_view operation, std::string_view body);

  const std::string& region() const { return dynamodb_->region(); }
  const Endpoint& endpoint() const { return dynamodb_->endpoint(); }

 private:
  DynamoDbClient() = default;
  std::unique_ptr<AwsJsonClient> dynamodb_;
  std::unique_ptr<AwsJsonClient> streams_;
};

}  // namespace ddb::client
