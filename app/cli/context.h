// What every cruddur command needs: its arguments with `prod` and --endpoint-url taken out,
// and, on demand, a DynamoDB client and the users database, all resolved the same way.
//
// Endpoint: `prod` = the real service (region and credentials from the AWS chain; endpoint
// variables ignored); otherwise --endpoint-url, else AWS_ENDPOINT_URL_DYNAMODB, else
// AWS_ENDPOINT_URL, else DynamoDB Local's http://localhost:8000, as the seed's scripts; signed
// with AWS_ACCESS_KEY_ID if set, else with `cruddur serve`'s database secret if there is one
// (common/database_secret.h), else with the AWS credential chain.
// Users database: CONNECTION_URL (users/users_db.h; `prod` reads PROD_CONNECTION_URL first).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/dynamodb_client.h"
#include "common/app_error.h"
#include "users/users_db.h"

namespace cruddur {

class Context {
 public:
  // Splits `args` (after the command's name).
  explicit Context(std::vector<std::string> args);

  const std::vector<std::string>& args() const { return args_; }
  bool prod() const { return prod_; }

  // Whether the user named a database: `prod`, --endpoint-url or an endpoint variable (else
  // `cruddur serve` embeds one).
  bool EndpointChosen() const;
  // Talk to `url` from now on, signing with `credentials` (the embedded database).
  void UseEndpoint(std::string url, ddb::client::Credentials credentials);
  // The DynamoDB client, created on first use.
  AppResult<ddb::client::DynamoDbClient*> Dynamo();
  AppResult<UsersDbLocation> UsersLocation() const;
  // Opens the users database (a fresh connection).
  AppResult<std::unique_ptr<UsersDb>> Users() const;

 private:
  std::vector<std::string> args_;
  bool prod_ = false;
  std::optional<std::string> endpoint_url_;
  std::optional<ddb::client::Credentials> credentials_;
  std::unique_ptr<ddb::client::DynamoDbClient> client_;
};

}  // namespace cruddur
