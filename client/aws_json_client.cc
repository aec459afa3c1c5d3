#include "client/aws_json_client.h"

#include <simdjson.h>
#include <zlib.h>

#include <cstdlib>
#include <thread>

#include "client/sigv4.h"

namespace ddb::client {
namespace {

constexpr const char* kUserAgent = "cruddur-ddb-client/" DDB_VERSION;

// The identity used with a configured endpoint when none is configured (letters and digits
// only: DynamoDB Local refuses other access key ids). DynamoDB Local and
// ddb-server read only the access key id (to separate data) and never check the signature.
const Credentials kLocalIdentity{"cruddurlocal", "cruddurlocal", ""};

// DynamoDB's error answer: {"__type": "<namespace>#<Type>", "message" | "Message": "..."}.
ClientError ServiceError(int status, const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  std::string type, message;
  if (parser.parse(body).get(obj) == simdjson::SUCCESS) {
    std::string_view v;
    if (obj["__type"].get(v) == simdjson::SUCCESS) type = std::string(v.substr(v.find('#') + 1));
    if (obj["message"].get(v) == simdjson::SUCCESS || obj["Message"].get(v) == simdjson::SUCCESS) {
      message = std::string(v);
    }
  }
  if (type.empty()) {
    type = status >= 500 ? "InternalServerError" : "HttpError";
    if (message.empty()) message = "HTTP " + std::to_string(status);
  }
  return ClientError::Service(std::move(type), std::move(message), status, body);
}

// The x-amz-crc32 header, if present, must match the body (as botocore checks).
bool CrcMatches(const HttpResponse& r) {
  std::string header = r.Header("x-amz-crc32");
  if (header.empty()) return true;
  uLong crc =
      crc32(0L, reinterpret_cast<const Bytef*>(r.body.data()), static_cast<uInt>(r.body.size()));
  return std::strtoull(header.c_str(), nullptr, 10) == crc;
}

int MaxAttempts(const ClientOptions& options, const EnvLookup& env) {
  if (options.max_attempts > 0) return options.max_attempts;
  if (auto v = env("AWS_MAX_ATTEMPTS")) {
    int n = std::atoi(v->c_str());
    if (n > 0) return n;
  }
  return RetryPolicy{}.max_attempts;
}

}  // namespace

ServiceSpec DynamoDbService() {
  return {"dynamodb",
          "dynamodb",
          {"AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"},
          "DynamoDB_20120810.",
          "application/x-amz-json-1.0"};
}

ServiceSpec DynamoDbStreamsService() {
  // DynamoDB Local and ddb-server serve both APIs on one port: the DynamoDB endpoint variable
  // serves the streams too.
  return {"dynamodb",
          "streams.dynamodb",
          {"AWS_ENDPOINT_URL_DYNAMODB_STREAMS", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"},
          "DynamoDBStreams_20120810.",
          "application/x-amz-json-1.0"};
}

ServiceSpec CognitoIdentityProviderService() {
  return {"cognito-idp",
          "cognito-idp",
          {"AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "AWS_ENDPOINT_URL"},
          "AWSCognitoIdentityProviderService.",
          "application/x-amz-json-1.1"};
}

ClientResult<std::unique_ptr<AwsJsonClient>> AwsJsonClient::Create(const ServiceSpec& service,
                                                                   ClientOptions options) {
  const EnvLookup env = options.env ? options.env : ProcessEnv();
  const bool configured = HasConfiguredEndpoint(options.endpoint_url, service.endpoint_env, env);
  std::unique_ptr<AwsJsonClient> client(new AwsJsonClient());
  client->service_ = service;
  if (options.region) {
    client->region_ = *options.region;
  } else {
    DDB_ASSIGN_OR_RETURN(auto region, LoadRegion(env));
    if (!region && !configured) {
      return ClientError::Configuration(
          "no AWS region: set AWS_REGION or AWS_DEFAULT_REGION, or `region` in ~/.aws/config");
    }
    client->region_ = region.value_or("us-east-1");
  }
  if (options.credentials) {
    client->credentials_ = *options.credentials;
  } else {
    auto credentials = LoadCredentials(env);
    if (!credentials.ok() && !configured) return std::move(credentials).error();
    client->credentials_ = credentials.ok() ? *credentials : kLocalIdentity;
  }
  client->retry_.max_attempts = MaxAttempts(options, env);
  TransportOptions transport{options.connect_timeout, options.request_timeout,
                             env("AWS_CA_BUNDLE").value_or(""), 16};
  DDB_ASSIGN_OR_RETURN(auto endpoint, ResolveEndpoint(options.endpoint_url, service.endpoint_env,
                                                      service.host_prefix, client->region_, env));
  DDB_ASSIGN_OR_RETURN(client->transport_, HttpTransport::Create(endpoint, transport));
  return client;
}

ClientResult<std::string> AwsJsonClient::Call(std::string_view operation, std::string_view body) {
  const std::string target = service_.target_prefix + std::string(operation);
  for (int attempt = 1;; ++attempt) {
    auto answer = SendOnce(target, body);
    if (answer.ok() || attempt >= retry_.max_attempts || !RetryPolicy::Retryable(answer.error())) {
      return answer;
    }
    std::this_thread::sleep_for(retry_.Backoff(attempt));
  }
}

ClientResult<std::string> AwsJsonClient::SendOnce(const std::string& target,
                                                  std::string_view body) {
  SignableRequest signable;
  signable.headers = {{"Host", transport_->endpoint().authority},
                      {"Content-Type", service_.content_type},
                      {"X-Amz-Target", target}};
  signable.body = std::string(body);
  SignV4(signable, credentials_, region_, service_.signing_name, std::chrono::system_clock::now());
  HttpRequest request;
  request.headers = std::move(signable.headers);
  request.headers.erase(request.headers.begin());  // Host: set by the transport.
  request.headers.emplace_back("User-Agent", kUserAgent);
  request.body = std::move(signable.body);
  DDB_ASSIGN_OR_RETURN(HttpResponse response, transport_->Send(request));
  if (!CrcMatches(response)) {
    return ClientError::BadResponse("the answer from " + transport_->endpoint().url +
                                    " does not match its x-amz-crc32 checksum");
  }
  if (response.status != 200) return ServiceError(response.status, response.body);
  return std::move(response.body);
}

}  // namespace ddb::client
