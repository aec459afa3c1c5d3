// AWS Signature Version 4 for requests to DynamoDB (and any AWS JSON API), byte for byte as
// botocore signs them: the same canonical request (path normalised and percent-encoded, query
// sorted, header values trimmed with runs of whitespace collapsed, every header signed except
// User-Agent, Expect, Transfer-Encoding and X-Amzn-Trace-Id), hence the same signature for the
// same request, credentials and time (tests/client/test_sigv4.py checks against botocore).
// Thread-safe (stateless).
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "client/config.h"

namespace ddb::client {

struct SignableRequest {
  std::string method = "POST";
  std::string path = "/";  // As sent (may need encoding).
  std::string query;       // Without '?': "a=1&b=2", or empty.
  // Headers as they will be sent, including Host. Signing appends X-Amz-Date,
  // X-Amz-Security-Token (temporary credentials) and Authorization.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Signs `request` for `service` in `region` at `now`.
void SignV4(SignableRequest& request, const Credentials& credentials, const std::string& region,
            const std::string& service, std::chrono::system_clock::time_point now);

// Hex SHA-256 of `data` (the payload hash), lowercase.
std::string Sha256Hex(std::string_view data);

}  // namespace ddb::client
