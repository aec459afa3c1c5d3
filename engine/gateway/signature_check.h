// SignatureCheck: Signature Version 4 verification of DynamoDB requests (`--require-signature`),
// against the credentials of a file in the AWS CLI's credentials format (`--credentials`), with
// the service's answers: MissingAuthenticationTokenException, IncompleteSignatureException,
// UnrecognizedClientException, InvalidSignatureException (wrong signature; a date outside the
// 15-minute window). Both the Authorization header and the query-string form are accepted.
// Immutable after Load; thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace ddb::gateway {

struct SignedRequest {
  std::string_view method;
  std::string_view target;                                   // path and query as sent ("/?a=b")
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercase, as sent
  std::string_view body;  // the bytes sent (before any Content-Encoding is undone)
};

class SignatureCheck {
 public:
  // Reads every profile of an AWS CLI credentials file (aws_access_key_id,
  // aws_secret_access_key, optional aws_session_token). Fails with a one-line reason.
  [[nodiscard]] static Result<SignatureCheck> Load(const std::string& path);

  // Who signed `request`, if one of the credentials did, within 15 minutes of `now`.
  struct Caller {
    std::string access_key;
    std::string region;
  };
  [[nodiscard]] Result<Caller> Verify(const SignedRequest& request,
                                      std::chrono::system_clock::time_point now) const;

 private:
  struct Secret {
    std::string secret_key;
    std::string session_token;  // "" if the profile has none
  };
  std::map<std::string, Secret, std::less<>> keys_;  // by access key id
};

}  // namespace ddb::gateway
