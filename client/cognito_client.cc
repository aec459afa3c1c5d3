#include "client/cognito_client.h"

#include "client/protocol/cognito_json.h"

namespace ddb::client {

ClientResult<std::unique_ptr<CognitoClient>> CognitoClient::Create(ClientOptions options) {
  DDB_ASSIGN_OR_RETURN(auto api,
                       AwsJsonClient::Create(CognitoIdentityProviderService(), std::move(options)));
  return std::unique_ptr<CognitoClient>(new CognitoClient(std::move(api)));
}

ClientResult<std::vector<CognitoUser>> CognitoClient::ListUsers(std::string_view pool_id) {
  std::vector<CognitoUser> out;
  std::string token;
  do {
    DDB_ASSIGN_OR_RETURN(std::string answer,
                         api_->Call("ListUsers", ListUsersJson(pool_id, token)));
    DDB_ASSIGN_OR_RETURN(auto page, DecodeListUsers(answer, &token));
    for (auto& user : page) out.push_back(std::move(user));
  } while (!token.empty());
  return out;
}

}  // namespace ddb::client
