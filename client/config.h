// Where a DynamoDB client finds its settings, as the AWS SDKs and the AWS CLI find them.
//
// Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else the profile
// (AWS_PROFILE, else AWS_DEFAULT_PROFILE, else "default") in the shared credentials file
// (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials), else in the config file
// (AWS_CONFIG_FILE, else ~/.aws/config; section "[profile NAME]", or "[default]").
// Region: AWS_REGION, else AWS_DEFAULT_REGION, else the profile's `region` in the config file.
// Endpoint: an explicit URL (--endpoint-url), else the service's variables (for DynamoDB:
// AWS_ENDPOINT_URL_DYNAMODB, then AWS_ENDPOINT_URL), else the service's regional HTTPS endpoint.
//
// The environment is passed in (a lookup function) so that tests need not change the process's
// own. Thread-safe (stateless).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "client/error.h"

namespace ddb::client {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // Empty unless temporary credentials.
};

// Returns the value of an environment variable, or nullopt if unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
// The process's environment.
EnvLookup ProcessEnv();

// The credential chain above. Configuration error naming what to set when nothing is found, or
// when a file cannot be parsed.
ClientResult<Credentials> LoadCredentials(const EnvLookup& env);

// The region chain above; nullopt if no source names one.
ClientResult<std::optional<std::string>> LoadRegion(const EnvLookup& env);

// An endpoint, split for connecting and signing.
struct Endpoint {
  bool tls = true;
  std::string host;       // Name or address to connect to and to verify the certificate of.
  std::string port;       // "443", "8000".
  std::string authority;  // The Host header: host, plus ":port" unless the scheme's default.
  std::string url;        // As given or built, for messages.
};

// Parses an http:// or https:// URL (no path, query or user info). Configuration error otherwise.
ClientResult<Endpoint> ParseEndpoint(const std::string& url);

// The endpoint chain above: `explicit_url`, else the first of `env_names` that is set, else
// https://<host_prefix>.<region>.amazonaws.com.
ClientResult<Endpoint> ResolveEndpoint(const std::optional<std::string>& explicit_url,
                                       const std::vector<std::string>& env_names,
                                       const std::string& host_prefix, const std::string& region,
                                       const EnvLookup& env);

// True when an endpoint was configured rather than derived from the region: a local or
// compatible server rather than the AWS service.
bool HasConfiguredEndpoint(const std::optional<std::string>& explicit_url,
                           const std::vector<std::string>& env_names, const EnvLookup& env);

}  // namespace ddb::client
