// DynamoDbClient: the DynamoDB and DynamoDB Streams JSON APIs over HTTP, for the application and
// for anyone who wants a small C++ client.
//
//   auto client = DynamoDbClient::Create({.endpoint_url = "http://localhost:8000"});
//   if (!client.ok()) { ...client.error().ToString()... }
//   auto answer = (*client)->Call("ListTables", "{}");   // the response's JSON text
//
// Settings come from ClientOptions, else the environment and the shared AWS files
// (client/config.h). Every request is signed (Signature V4), sent on a pooled keep-alive
// connection, its answer's x-amz-crc32 checked, and retried as the AWS SDKs retry
// (client/retry.h). Errors are values: a service error carries DynamoDB's error type and
// message. Items in requests and answers use the engine's own types and JSON code
// (item/value.h, protocol/value_json.h). Thread-safe; one client serves many threads.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "client/config.h"
#include "client/error.h"
#include "client/http_transport.h"
#include "client/retry.h"

namespace ddb::client {

struct ClientOptions {
  std::optional<std::string> endpoint_url;  // Else AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL.
  std::optional<std::string> region;        // Else the region chain.
  std::optional<Credentials> credentials;   // Else the credential chain.
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{30000};
  int max_attempts = 0;  // 0: AWS_MAX_ATTEMPTS, else RetryPolicy's default.
  EnvLookup env;         // Null: the process's environment.
};

class DynamoDbClient {
 public:
  // Resolves settings and prepares connections (none is opened yet). Configuration errors: no
  // region for the AWS endpoint, no credentials, a bad endpoint URL or CA bundle.
  // A configured endpoint (a local or compatible server) with no credentials or region anywhere
  // gets a fixed local identity and us-east-1, as such servers do not check them.
  static ClientResult<std::unique_ptr<DynamoDbClient>> Create(ClientOptions options);

  // Sends DynamoDB operation `operation` ("PutItem") with JSON `body`; returns the answer's JSON.
  ClientResult<std::string> Call(std::string_view operation, std::string_view body);
  // The same for the DynamoDB Streams API ("GetRecords").
  ClientResult<std::string> CallStreams(std::string_view operation, std::string_view body);

  const std::string& region() const { return region_; }
  const Endpoint& endpoint() const { return dynamodb_->endpoint(); }

 private:
  DynamoDbClient() = default;
  ClientResult<std::string> Send(HttpTransport& transport, std::string_view target_prefix,
                                 std::string_view operation, std::string_view body);
  ClientResult<std::string> SendOnce(HttpTransport& transport, const std::string& target,
                                     std::string_view body);

  std::string region_;
  Credentials credentials_;
  RetryPolicy retry_;
  std::unique_ptr<HttpTransport> dynamodb_;
  std::unique_ptr<HttpTransport> streams_;
};

}  // namespace ddb::client
