// The production identity pool: an Amazon Cognito user pool, through its JSON API.
#include <simdjson.h>

#include <cstdlib>

#include "client/aws_json_client.h"
#include "identity/identity_pool.h"
#include "protocol/json_writer.h"

namespace cruddur {
namespace {

class CognitoPool final : public IdentityPool {
 public:
  CognitoPool(std::unique_ptr<ddb::client::AwsJsonClient> client, std::string pool_id)
      : client_(std::move(client)), pool_id_(std::move(pool_id)) {}

  AppResult<std::vector<Identity>> ListUsers() override {
    std::vector<Identity> out;
    std::string token;
    do {
      std::string body;
      ddb::protocol::JsonWriter w(&body);
      w.BeginObject();
      w.Member("UserPoolId", pool_id_);
      if (!token.empty()) w.Member("PaginationToken", token);
      w.EndObject();
      auto answer = client_->Call("ListUsers", body);
      if (!answer.ok()) return AppError::FromClient(answer.error());
      DDB_RETURN_IF_ERROR(Parse(*answer, &out, &token));
    } while (!token.empty());
    return out;
  }

 private:
  static AppStatus Parse(const std::string& json, std::vector<Identity>* out, std::string* token) {
    simdjson::dom::parser parser;
    simdjson::dom::object obj;
    if (parser.parse(json).get(obj) != simdjson::SUCCESS) {
      return AppError::Internal("unexpected ListUsers answer");
    }
    token->clear();
    std::string_view next;
    if (obj["PaginationToken"].get(next) == simdjson::SUCCESS) *token = std::string(next);
    simdjson::dom::array users;
    if (obj["Users"].get(users) != simdjson::SUCCESS) return AppStatus::OK();
    for (simdjson::dom::element u : users) {
      Identity id;
      std::string_view v;
      if (u["Username"].get(v) == simdjson::SUCCESS) id.username = std::string(v);
      double created = 0;
      if (u["UserCreateDate"].get(created) == simdjson::SUCCESS) {
        id.created_at = std::to_string(created);
      }
      simdjson::dom::array attrs;
      if (u["Attributes"].get(attrs) == simdjson::SUCCESS) {
        for (simdjson::dom::element a : attrs) {
          std::string_view name, value;
          if (a["Name"].get(name) != simdjson::SUCCESS) continue;
          if (a["Value"].get(value) != simdjson::SUCCESS) continue;
          if (name == "sub") id.sub = std::string(value);
          if (name == "preferred_username") id.handle = std::string(value);
          if (name == "email") id.email = std::string(value);
        }
      }
      out->push_back(std::move(id));
    }
    return AppStatus::OK();
  }

  std::unique_ptr<ddb::client::AwsJsonClient> client_;
  std::string pool_id_;
};

}  // namespace

AppResult<std::unique_ptr<IdentityPool>> OpenCognitoPool() {
  const char* pool = std::getenv("AWS_COGNITO_USER_POOL_ID");
  if (pool == nullptr || *pool == '\0') {
    return AppError::Invalid("AWS_COGNITO_USER_POOL_ID is not set: name the Cognito user pool");
  }
  auto client = ddb::client::AwsJsonClient::Create(ddb::client::CognitoIdentityProviderService(),
                                                   ddb::client::ClientOptions{});
  if (!client.ok()) return AppError::FromClient(client.error());
  return std::unique_ptr<IdentityPool>(
      std::make_unique<CognitoPool>(std::move(client).value(), pool));
}

}  // namespace cruddur
