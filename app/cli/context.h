// What every cruddur command needs: its arguments with `prod` and --endpoint-url taken out,
// and, on demand, a DynamoDB client and the users database, all resolved the same way.
//
// Endpoint: `prod` = the real service (region and credentials from the AWS chain; endpoint
// variables ignored); otherwise --endpoint-url, else AWS_ENDPOINT_URL_DYNAMODB, else
// AWS_ENDPOINT_URL, else DynamoDB Local's http://localhost:8000, as the seed's scripts; signed
// with AWS_ACCESS_KEY_ID if set, else with `cruddur serve`'s database secret if there is one
// (common/database_secret.h), else with the AWS credential chain.
// Users database: CONNECTION_URL (users/users_db.h; `prod` reads PROD_CONNECTION_URL first),
// else a file in the data folder (UseDataDir). Local identities: CRUDDUR_IDENTITY_DB, else a
// file in the data folder.
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
  // Where files default to when no variable names them: `dir` (`cruddur serve --data-dir`),
  // else ./data.
  void UseDataDir(std::string dir) { data_dir_ = std::move(dir); }
  AppResult<UsersDbLocation> UsersLocation() const;
  // The local identity pool's file (identity/identity_pool.h).
  std::string IdentityDbPath() const;
  // Opens the users database (a fresh connection).
  AppResult<std::unique_ptr<UsersDb>> Users() const;

 private:
  std::vector<std::string> args_;
  bool prod_ = false;
  std::optional<std::string> data_dir_;
  std::optional<std::string> endpoint_url_;
  std::optional<ddb::client::Credentials> credentials_;
  std::unique_ptr<ddb::client::DynamoDbClient> client_;
};

}  // namespace cruddur
