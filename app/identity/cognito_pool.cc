// The production identity pool: an Amazon Cognito user pool, through the Cognito client.
#include <cstdlib>

#include "client/cognito_client.h"
#include "identity/identity_pool.h"

namespace cruddur {
namespace {

class CognitoPool final : public IdentityPool {
 public:
  CognitoPool(std::unique_ptr<ddb::client::CognitoClient> client, std::string pool_id)
      : client_(std::move(client)), pool_id_(std::move(pool_id)) {}

  AppResult<std::vector<Identity>> ListUsers() override {
    auto users = client_->ListUsers(pool_id_);
    if (!users.ok()) return AppError::FromClient(users.error());
    std::vector<Identity> out;
    for (auto& u : *users) {
      Identity id;
      id.username = std::move(u.username);
      if (u.created_at != 0) id.created_at = std::to_string(u.created_at);
      auto attribute = [&u](std::string_view name) {
        auto it = u.attributes.find(name);
        return it == u.attributes.end() ? std::string() : it->second;
      };
      id.sub = attribute("sub");
      id.handle = attribute("preferred_username");
      id.email = attribute("email");
      out.push_back(std::move(id));
    }
    return out;
  }

 private:
  std::unique_ptr<ddb::client::CognitoClient> client_;
  std::string pool_id_;
};

}  // namespace

AppResult<std::unique_ptr<IdentityPool>> OpenCognitoPool() {
  const char* pool = std::getenv("AWS_COGNITO_USER_POOL_ID");
  if (pool == nullptr || *pool == '\0') {
    return AppError::Invalid("AWS_COGNITO_USER_POOL_ID is not set: name the Cognito user pool");
  }
  auto client = ddb::client::CognitoClient::Create(ddb::client::ClientOptions{});
  if (!client.ok()) return AppError::FromClient(client.error());
  return std::unique_ptr<IdentityPool>(
      std::make_unique<CognitoPool>(std::move(client).value(), pool));
}

}  // namespace cruddur
