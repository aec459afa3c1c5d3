#include "client/dynamodb_client.h"

#include <thread>

#include "client/protocol/dynamodb_json.h"

namespace ddb::client {
namespace {

constexpr size_t kBatchWriteMax = 25;

// Sends, then decodes the answer with `decode`.
template <class Decode>
auto Send(AwsJsonClient& api, std::string_view operation, const std::string& body, Decode decode)
    -> decltype(decode(std::string_view())) {
  auto answer = api.Call(operation, body);
  if (!answer.ok()) {
    ClientError error = std::move(answer).error();
    if (error.kind == ClientError::Kind::kService) ReadErrorDetails(error.body, &error);
    return error;
  }
  return decode(*answer);
}

ClientResult<bool> Ignore(std::string_view) { return true; }

template <class Request, class PageFn>
ClientResult<std::vector<Item>> AllPages(Request request, size_t max_items, PageFn page_fn) {
  std::vector<Item> out;
  while (out.size() < max_items) {
    DDB_ASSIGN_OR_RETURN(ItemPage page, page_fn(request));
    for (auto& item : page.items) {
      if (out.size() == max_items) break;
      out.push_back(std::move(item));
    }
    if (!page.last_key) break;
    request.start_key = std::move(page.last_key);
  }
  return out;
}

}  // namespace

ClientResult<std::unique_ptr<DynamoDbClient>> DynamoDbClient::Create(ClientOptions options) {
  std::unique_ptr<DynamoDbClient> client(new DynamoDbClient());
  DDB_ASSIGN_OR_RETURN(client->dynamodb_, AwsJsonClient::Create(DynamoDbService(), options));
  DDB_ASSIGN_OR_RETURN(client->streams_,
                       AwsJsonClient::Create(DynamoDbStreamsService(), std::move(options)));
  return client;
}

ClientResult<std::optional<Item>> DynamoDbClient::GetItem(const GetItemRequest& request) {
  return Send(*dynamodb_, "GetItem", ToJson(request), DecodeGetItem);
}

ClientResult<WriteAnswer> DynamoDbClient::PutItem(const PutItemRequest& request) {
  return Send(*dynamodb_, "PutItem", ToJson(request), DecodeWriteAnswer);
}

ClientResult<WriteAnswer> DynamoDbClient::UpdateItem(const UpdateItemRequest& request) {
  return Send(*dynamodb_, "UpdateItem", ToJson(request), DecodeWriteAnswer);
}

ClientResult<WriteAnswer> DynamoDbClient::DeleteItem(const DeleteItemRequest& request) {
  return Send(*dynamodb_, "DeleteItem", ToJson(request), DecodeWriteAnswer);
}

ClientResult<ItemPage> DynamoDbClient::Query(const QueryRequest& request) {
  return Send(*dynamodb_, "Query", ToJson(request), DecodeItemPage);
}

ClientResult<ItemPage> DynamoDbClient::Scan(const ScanRequest& request) {
  return Send(*dynamodb_, "Scan", ToJson(request), DecodeItemPage);
}

ClientResult<std::vector<Item>> DynamoDbClient::QueryAll(QueryRequest request, size_t max_items) {
  return AllPages(std::move(request), max_items,
                  [this](const QueryRequest& r) { return Query(r); });
}

ClientResult<std::vector<Item>> DynamoDbClient::ScanAll(ScanRequest request, size_t max_items) {
  return AllPages(std::move(request), max_items, [this](const ScanRequest& r) { return Scan(r); });
}

ClientStatus DynamoDbClient::BatchWriteAll(const std::vector<BatchWrite>& writes, int rounds) {
  for (size_t start = 0; start < writes.size(); start += kBatchWriteMax) {
    const size_t end = std::min(writes.size(), start + kBatchWriteMax);
    std::vector<BatchWrite> pending(writes.begin() + static_cast<ptrdiff_t>(start),
                                    writes.begin() + static_cast<ptrdiff_t>(end));
    for (int round = 0; !pending.empty(); ++round) {
      if (round == rounds) {
        return ClientError::Unprocessed("DynamoDB kept leaving items unprocessed after " +
                                        std::to_string(rounds) + " tries");
      }
      // The SDKs' advice: wait before sending the unprocessed items again, longer each time.
      if (round > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50 << (round - 1)));
      DDB_ASSIGN_OR_RETURN(
          pending, Send(*dynamodb_, "BatchWriteItem", BatchWriteJson(pending), DecodeUnprocessed));
    }
  }
  return ClientStatus::OK();
}

ClientStatus DynamoDbClient::TransactWrite(const TransactWriteRequest& request) {
  auto answer = Send(*dynamodb_, "TransactWriteItems", ToJson(request), Ignore);
  if (!answer.ok()) return std::move(answer).error();
  return ClientStatus::OK();
}

ClientResult<TableDescription> DynamoDbClient::CreateTable(const CreateTableRequest& request) {
  return Send(*dynamodb_, "CreateTable", ToJson(request), DecodeTableDescription);
}

ClientResult<TableDescription> DynamoDbClient::DescribeTable(std::string_view table) {
  return Send(*dynamodb_, "DescribeTable", TableNameJson(table), DecodeTableDescription);
}

ClientResult<TableDescription> DynamoDbClient::DeleteTable(std::string_view table) {
  return Send(*dynamodb_, "DeleteTable", TableNameJson(table), DecodeTableDescription);
}

ClientResult<std::vector<std::string>> DynamoDbClient::ListTables() {
  std::vector<std::string> names;
  std::string last;
  do {
    auto decode = [&last](std::string_view json) { return DecodeTableNames(json, &last); };
    DDB_ASSIGN_OR_RETURN(auto page, Send(*dynamodb_, "ListTables", ListTablesJson(last), decode));
    names.insert(names.end(), page.begin(), page.end());
  } while (!last.empty());
  return names;
}

ClientStatus DynamoDbClient::UpdateTimeToLive(std::string_view table, std::string_view attribute,
                                              bool enabled) {
  auto answer =
      Send(*dynamodb_, "UpdateTimeToLive", UpdateTimeToLiveJson(table, attribute, enabled), Ignore);
  if (!answer.ok()) return std::move(answer).error();
  return ClientStatus::OK();
}

ClientResult<TimeToLive> DynamoDbClient::DescribeTimeToLive(std::string_view table) {
  return Send(*dynamodb_, "DescribeTimeToLive", TableNameJson(table), DecodeTimeToLive);
}

ClientResult<std::vector<StreamSummary>> DynamoDbClient::ListStreams(std::string_view table) {
  std::vector<StreamSummary> out;
  std::string last;
  do {
    auto decode = [&last](std::string_view json) { return DecodeStreams(json, &last); };
    DDB_ASSIGN_OR_RETURN(auto page,
                         Send(*streams_, "ListStreams", ListStreamsJson(table, last), decode));
    for (auto& s : page) out.push_back(std::move(s));
  } while (!last.empty());
  return out;
}

ClientResult<StreamDescription> DynamoDbClient::DescribeStream(std::string_view stream_arn,
                                                               std::string_view start_shard_id) {
  return Send(*streams_, "DescribeStream", DescribeStreamJson(stream_arn, start_shard_id),
              DecodeStreamDescription);
}

ClientResult<std::string> DynamoDbClient::GetShardIterator(std::string_view stream_arn,
                                                           std::string_view shard_id,
                                                           IteratorType type,
                                                           std::string_view sequence) {
  return Send(*streams_, "GetShardIterator",
              GetShardIteratorJson(stream_arn, shard_id, type, sequence), DecodeShardIterator);
}

ClientResult<RecordsPage> DynamoDbClient::GetRecords(std::string_view iterator, int limit) {
  return Send(*streams_, "GetRecords", GetRecordsJson(iterator, limit), DecodeRecordsPage);
}

ClientResult<std::string> DynamoDbClient::Call(std::string_view operation, std::string_view body) {
  return dynamodb_->Call(operation, body);
}

ClientResult<std::string> DynamoDbClient::CallStreams(std::string_view operation,
                                                      std::string_view body) {
  return streams_->Call(operation, body);
}

}  // namespace ddb::client
