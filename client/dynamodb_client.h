// DynamoDbClient: the DynamoDB and DynamoDB Streams JSON APIs, for the application and for
// anyone who wants a small C++ client.
//
//   auto client = DynamoDbClient::Create({.endpoint_url = "http://localhost:8000"});
//   if (!client.ok()) { ...client.error().ToString()... }
//   auto answer = (*client)->Call("ListTables", "{}");   // the answer's JSON text
//
// Settings come from ClientOptions, else the environment and the shared AWS files
// (client/config.h); requests are signed, pooled, checked and retried as AwsJsonClient does
// (client/aws_json_client.h). Errors are values: a service error carries DynamoDB's error type
// and message. Items in requests and answers use the engine's own types and JSON code
// (item/value.h, protocol/value_json.h). Thread-safe; one client serves many threads.
#pragma once

#include <memory>
#include <string_view>

#include "client/aws_json_client.h"

namespace ddb::client {

class DynamoDbClient {
 public:
  // As AwsJsonClient::Create, for both APIs (the Streams API on its own regional endpoint, or
  // on the configured one).
  static ClientResult<std::unique_ptr<DynamoDbClient>> Create(ClientOptions options);

  // DynamoDB operation `operation` ("PutItem") with JSON `body`; the answer's JSON.
  ClientResult<std::string> Call(std::string_view operation, std::string_view body) {
    return dynamodb_->Call(operation, body);
  }
  // The same for the DynamoDB Streams API ("GetRecords").
  ClientResult<std::string> CallStreams(std::string_view operation, std::string_view body) {
    return streams_->Call(operation, body);
  }

  const std::string& region() const { return dynamodb_->region(); }
  const Endpoint& endpoint() const { return dynamodb_->endpoint(); }

 private:
  DynamoDbClient() = default;
  std::unique_ptr<AwsJsonClient> dynamodb_;
  std::unique_ptr<AwsJsonClient> streams_;
};

inline ClientResult<std::unique_ptr<DynamoDbClient>> DynamoDbClient::Create(ClientOptions options) {
  std::unique_ptr<DynamoDbClient> client(new DynamoDbClient());
  DDB_ASSIGN_OR_RETURN(client->dynamodb_, AwsJsonClient::Create(DynamoDbService(), options));
  DDB_ASSIGN_OR_RETURN(client->streams_,
                       AwsJsonClient::Create(DynamoDbStreamsService(), std::move(options)));
  return client;
}

}  // namespace ddb::client
