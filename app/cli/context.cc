#include "cli/context.h"

#include <cstdlib>
#include <filesystem>

#include "common/database_secret.h"

namespace cruddur {
namespace {

std::optional<std::string> Env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? std::optional<std::string>(v) : std::nullopt;
}

}  // namespace

Context::Context(std::vector<std::string> args) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "prod") {
      prod_ = true;
    } else if (a.starts_with("--endpoint-url=")) {
      endpoint_url_ = a.substr(15);
    } else if (a == "--endpoint-url" && i + 1 < args.size()) {
      endpoint_url_ = args[++i];
    } else {
      args_.push_back(a);
    }
  }
}

bool Context::EndpointChosen() const {
  return prod_ || endpoint_url_ || Env("AWS_ENDPOINT_URL_DYNAMODB") || Env("AWS_ENDPOINT_URL");
}

void Context::UseEndpoint(std::string url, ddb::client::Credentials credentials) {
  endpoint_url_ = std::move(url);
  credentials_ = std::move(credentials);
  client_.reset();
}

AppResult<ddb::client::DynamoDbClient*> Context::Dynamo() {
  if (client_) return client_.get();
  ddb::client::ClientOptions options;
  // A person is waiting: three attempts (the SDKs' standard mode), not DynamoDB's ten.
  if (!Env("AWS_MAX_ATTEMPTS")) options.max_attempts = 3;
  options.request_timeout = std::chrono::seconds(10);
  if (prod_) {
    // The real service: ignore endpoint variables meant for a local server.
    options.env = [base = ddb::client::ProcessEnv()](const std::string& name) {
      return name.starts_with("AWS_ENDPOINT_URL") ? std::nullopt : base(name);
    };
  } else {
    options.endpoint_url = endpoint_url_;
    if (!options.endpoint_url) options.endpoint_url = Env("AWS_ENDPOINT_URL_DYNAMODB");
    if (!options.endpoint_url) options.endpoint_url = Env("AWS_ENDPOINT_URL");
    if (!options.endpoint_url) options.endpoint_url = "http://localhost:8000";
    options.credentials = credentials_;
    if (!options.credentials && !Env("AWS_ACCESS_KEY_ID")) {
      DDB_ASSIGN_OR_RETURN(options.credentials, ReadDatabaseSecret(DatabaseSecretPath()));
    }
  }
  auto client = ddb::client::DynamoDbClient::Create(std::move(options));
  if (!client.ok()) return AppError::FromClient(client.error());
  client_ = std::move(client).value();
  return client_.get();
}

AppResult<UsersDbLocation> Context::UsersLocation() const {
  std::optional<std::string> url;
  if (prod_) url = Env("PROD_CONNECTION_URL");
  if (!url) url = Env("CONNECTION_URL");
  if (!url && data_dir_) {
    url = "sqlite:" + (std::filesystem::path(*data_dir_) / "cruddur-users.db").string();
  }
  return LocateUsersDb(url);
}

std::string Context::IdentityDbPath() const {
  if (auto path = Env("CRUDDUR_IDENTITY_DB")) return *path;
  return (std::filesystem::path(data_dir_.value_or("data")) / "cruddur-identities.db").string();
}

AppResult<std::unique_ptr<UsersDb>> Context::Users() const {
  DDB_ASSIGN_OR_RETURN(UsersDbLocation where, UsersLocation());
  return OpenUsersDb(where);
}

}  // namespace cruddur
