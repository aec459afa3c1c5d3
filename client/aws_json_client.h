// AwsJsonClient: any AWS service that speaks the JSON protocol (X-Amz-Target + a JSON body):
// DynamoDB, DynamoDB Streams, Cognito user pools. Signs (Signature V4), sends on pooled
// keep-alive connections, checks x-amz-crc32, retries as the SDKs do, and returns the answer's
// JSON text or a ClientError carrying the service's error type and message. Settings come from
// ClientOptions, else the AWS environment chains (client/config.h). Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/config.h"
#include "client/error.h"
#include "client/http_transport.h"
#include "client/retry.h"

namespace ddb::client {

struct ClientOptions {
  // Every member has an initializer, so that designated initializers may name any few.
  std::optional<std::string> endpoint_url{};  // Else AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL.
  std::optional<std::string> region{};        // Else the region chain.
  std::optional<Credentials> credentials{};   // Else the credential chain.
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{30000};
  int max_attempts = 0;  // 0: AWS_MAX_ATTEMPTS, else RetryPolicy's default.
  EnvLookup env{};       // Null: the process's environment.
};

// What differs between JSON-protocol services.
struct ServiceSpec {
  std::string signing_name;  // "dynamodb", "cognito-idp"
  std::string host_prefix;   // Regional endpoint: https://<host_prefix>.<region>.amazonaws.com
  // Variables naming an endpoint, most specific first (config.h).
  std::vector<std::string> endpoint_env;
  std::string target_prefix;  // "DynamoDB_20120810."
  std::string content_type;   // "application/x-amz-json-1.0"
};

ServiceSpec DynamoDbService();
ServiceSpec DynamoDbStreamsService();
ServiceSpec CognitoIdentityProviderService();

class AwsJsonClient {
 public:
  // Resolves settings and prepares connections (none is opened yet). Configuration errors: no
  // region for the AWS endpoint, no credentials, a bad endpoint URL or CA bundle. A configured
  // endpoint (a local or compatible server) with no credentials or region anywhere gets a fixed
  // local identity and us-east-1, as such servers do not check them.
  static ClientResult<std::unique_ptr<AwsJsonClient>> Create(const ServiceSpec& service,
                                                             ClientOptions options);

  // Sends operation `operation` with JSON `body`; returns the answer's JSON text.
  ClientResult<std::string> Call(std::string_view operation, std::string_view body);

  const std::string& region() const { return region_; }
  const Endpoint& endpoint() const { return transport_->endpoint(); }

 private:
  AwsJsonClient() = default;
  ClientResult<std::string> SendOnce(const std::string& target, std::string_view body);

  ServiceSpec service_;
  std::string region_;
  Credentials credentials_;
  RetryPolicy retry_;
  std::unique_ptr<HttpTransport> transport_;
};

}  // namespace ddb::client
