// CognitoClient: the one Amazon Cognito user-pool operation the application needs, ListUsers,
// typed, on AwsJsonClient (signing, pooling, retries; client/aws_json_client.h). Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "client/aws_json_client.h"

namespace ddb::client {

struct CognitoUser {
  std::string username{};
  double created_at = 0;  // UserCreateDate, seconds since the epoch.
  std::map<std::string, std::string, std::less<>> attributes{};  // "sub", "email", ...
};

class CognitoClient {
 public:
  // As AwsJsonClient::Create for the cognito-idp service.
  static ClientResult<std::unique_ptr<CognitoClient>> Create(ClientOptions options);

  // Every user of pool `pool_id`, all pages.
  ClientResult<std::vector<CognitoUser>> ListUsers(std::string_view pool_id);

 private:
  explicit CognitoClient(std::unique_ptr<AwsJsonClient> api) : api_(std::move(api)) {}
  std::unique_ptr<AwsJsonClient> api_{};
};

}  // namespace ddb::client
